"""Every `docket` command documents itself (as sqlite-utils checks its own): help with an example of it, and a row in the README's table."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import REPO
from docket_archive.cli import main

COMMANDS = sorted(main.commands)


def test_the_commands_are_the_ones_the_readme_lists() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    listed = set(re.findall(r"^\| `docket ([a-z-]+)", readme, re.MULTILINE))
    assert listed == set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^\s+Examples?:\s*$", result.output, re.MULTILINE), f"`docket {name} --help` shows no example"
    assert re.search(rf"^\s+docket {name}\b", result.output, re.MULTILINE), f"the example does not run `docket {name}`"


def test_the_overview_names_every_command_in_its_typical_use() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("check", "new", "import", "review", "serve"):
        assert f"docket {name}" in result.output


def test_the_overview_shows_the_flow_of_adding_a_letter_in_order() -> None:
    """import -> review -> check -> serve, as a paralegal goes; and no build command that seems to make the HTML site."""
    help_text = CliRunner().invoke(main, ["--help"]).output
    steps = [help_text.index(f"  docket {name} ") for name in ("import", "review", "check", "serve")]
    assert steps == sorted(steps)
    assert "docket build --out DIR" in help_text and "as Markdown" in help_text
