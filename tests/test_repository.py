"""The repository's own tooling: workflows against GitHub's schema, the pre-commit hook."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO


def test_workflows_validate_against_the_github_workflow_schema() -> None:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or "check-jsonschema"
    workflows = sorted(str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))
    assert workflows
    # The vendored schema ships with check-jsonschema: this works offline.
    result = subprocess.run(
        [exe, "--builtin-schema", "vendor.github-workflows", *workflows], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path: Path) -> None:
    exe = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or "check-jsonschema"
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    stepz: []\n")
    result = subprocess.run(
        [exe, "--builtin-schema", "vendor.github-workflows", str(broken)], capture_output=True, text=True
    )
    assert result.returncode != 0


def test_the_workflow_runs_the_checks_the_contributor_guide_promises() -> None:
    workflow = (REPO / ".github" / "workflows" / "site.yml").read_text()
    for command in ("bash .ci/run", "docket check", "mkdocs build --strict", "upload-artifact", "deploy-pages"):
        assert command in workflow


def test_pre_commit_runs_docket_check_on_letters() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    [hook] = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "docket-check"]
    assert hook["entry"] == "docket check" and hook["files"] == "^letters/" and hook["pass_filenames"] is True


def test_the_readme_test_command_is_what_ci_runs() -> None:
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert command in readme
