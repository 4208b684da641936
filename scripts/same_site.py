"""Does a change leave the built site byte for byte as it was?

Builds the same archives with the package as it is at a git revision and as
it is in the working tree, and compares the two builds file by file:

- the repository's own archive (`mkdocs build --strict`, and `docket build
  --out` for MkDocs and for Zensical), each with the working tree's docs/, so
  that only the code differs;
- a synthetic archive of 1,000 fictional letters (generated once, in a
  temporary folder, and given to both).

The search index is compared too: the same letters give the same bytes.

    .venv/bin/python scripts/same_site.py HEAD~3          # prints the files that differ; exit 1 if any
    .venv/bin/python scripts/same_site.py HEAD~3 --letters 5000
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXED_DATE = {"DOCKET_BUILD_DATE": "2026-12-01", "SOURCE_DATE_EPOCH": "1780000000"}
DOCKET = "from docket_archive.cli import main; main()"


def build(code: Path, project: Path, out: Path, with_docs_trees: bool) -> None:
    """The site of `project` built with the package found under `code`/scripts."""
    env = {**os.environ, **FIXED_DATE, "PYTHONPATH": str(code / "scripts"), "NO_MKDOCS_2_WARNING": "1"}

    def run(*command: str) -> None:
        done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"{' '.join(command)} failed with the package of {code}:\n{done.stdout}{done.stderr}")

    run(sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(out / "site"))
    if with_docs_trees:
        run(sys.executable, "-c", DOCKET, "build", "--out", str(out / "docs"))
        run(sys.executable, "-c", DOCKET, "build", "--for", "zensical", "--out", str(out / "zensical-docs"))


def differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(compared: filecmp.dircmp, here: str) -> None:
        found.extend(f"{here}{name} (only in one)" for name in compared.left_only + compared.right_only)
        found.extend(f"{here}{name}" for name in compared.diff_files + compared.funny_files)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{here}{name}/")

    walk(filecmp.dircmp(left, right, ignore=[]), "")
    return found


def project_copy(source: Path, target: Path, letters: Path | None) -> Path:
    target.mkdir()
    shutil.copy(source / "mkdocs.yml", target)
    for folder in ("docs", "overrides"):
        shutil.copytree(source / folder, target / folder)
    shutil.copytree(letters or source / "letters", target / "letters")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the git revision to compare the working tree with")
    parser.add_argument("--letters", type=int, default=1000, help="synthetic letters (default 1,000)")
    options = parser.parse_args()
    sys.path.insert(0, str(REPO / "scripts"))
    from docket_archive import synthetic

    with tempfile.TemporaryDirectory(prefix="same-site-") as folder:
        work = Path(folder)
        before = work / "before"
        subprocess.run(
            ["git", "worktree", "add", "-q", "--detach", str(before), options.revision], cwd=REPO, check=True
        )
        try:
            synthetic.generate(work / "synthetic-letters", options.letters)
            archives = {
                "repository": project_copy(REPO, work / "repository", None),
                f"synthetic-{options.letters}": project_copy(REPO, work / "synthetic", work / "synthetic-letters"),
            }
            found = []
            for name, project in archives.items():
                docs_trees = name == "repository"
                build(before, project, work / "out-before" / name, docs_trees)
                build(REPO, project, work / "out-now" / name, docs_trees)
                found += [
                    f"{name}: {path}" for path in differences(work / "out-before" / name, work / "out-now" / name)
                ]
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=REPO, check=False)
    for line in found:
        print(line)
    print(f"{len(found)} file(s) differ from {options.revision}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
