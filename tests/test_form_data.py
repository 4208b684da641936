"""What the site publishes for the Add a letter form (site/files/formdata.py): the
repository in the forms people write it, case numbers' keys, people and cases known
only from a letter's description, the types of letter, and the courts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_repo_site
from docket_archive.load.archive import load_archive
from docket_archive.site.files.formdata import RepositoryError, form_data, github_repository
from test_described import NEW


@pytest.mark.parametrize(
    "setting",
    [
        "example-org/docket-archive",
        "https://github.com/example-org/docket-archive",
        "https://github.com/example-org/docket-archive/",
        "https://github.com/example-org/docket-archive.git",
        "github.com/example-org/docket-archive",
        "git@github.com:example-org/docket-archive.git",
        "  example-org/docket-archive  ",
    ],
)
def test_the_repository_is_read_in_the_forms_people_write_it(setting: str) -> None:
    assert github_repository(setting) == "example-org/docket-archive"


@pytest.mark.parametrize("setting", ["docket-archive", "https://gitlab.com/a/b", "a/b/c", "owner/name with space"])
def test_a_setting_that_names_no_repository_is_explained(setting: str) -> None:
    with pytest.raises(RepositoryError, match="is not a GitHub repository; write it as owner/name"):
        github_repository(setting)
    assert github_repository("") == ""  # not set: the form offers the file to download


def test_the_build_stops_on_a_repository_it_cannot_read(tmp_path: Path) -> None:
    project = copy_repo_site(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace('repository: ""', "repository: docket-archive"))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "repository: 'docket-archive' is not a GitHub repository; write it as owner/name" in result.stderr


def test_the_registry_gives_number_keys_descriptions_and_types(letters_dir: Path) -> None:
    gamma = letters_dir / "gamma"
    gamma.mkdir()
    (gamma / "2020-03-02-status-letter.md").write_text(NEW.replace("type: status letter", "type: letter motion"))
    archive, problems = load_archive(letters_dir)
    assert problems.errors == []
    files = form_data(archive, "https://github.com/example-org/docket-archive.git")
    registry = json.loads(files["data/registry.json"])
    assert registry["repository"] == {"name": "example-org/docket-archive", "branch": "main", "letters": "letters"}
    cases = {case["key"]: case for case in registry["cases"]}
    assert cases["alpha"]["numbers"] == ["99-bk-10001"] and "new" not in cases["alpha"]
    assert cases["gamma"]["new"] == {
        "number": "99-10003 (PT)",
        "caption": "In re Gamma (Synthetic)",
        "court": "nysb",
        "judge": "pat-judgeson",
    }
    people = {person["key"]: person for person in registry["people"]}
    assert people["robin-newcomb"]["new"] == {"name": "Robin Newcomb", "firm": "Newcomb Synthetic LLP"}
    assert "new" not in people["casey-fixture-2"]
    assert registry["types"] == ["joint status letter", "status letter", "letter", "letter motion"]


def test_every_court_is_offered_once_by_name() -> None:
    courts = json.loads(form_data(load_archive(Path("/nonexistent"))[0])["data/courts.json"])["courts"]
    names = [name for _, name in courts]
    assert ["nysb", "United States Bankruptcy Court, S.D. New York"] in courts
    assert len(names) == len(set(names)) > 2000
