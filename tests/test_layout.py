"""Issue 19: the folder listing is the architecture.

Every module imports on its own; no import cycle between modules or between
stages; a stage imports only from the stages above it (the order in
`docket_archive/__init__.py`); letter and registry YAML is parsed only by the
protected reader.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "scripts" / "docket_archive"
# The stages in the order data flows; a module may import from its own stage and the ones before it.
STAGES = (
    "domain",
    "runtime",
    "law",
    "formats",
    "load",
    "links",
    "search",
    "site",
    "publish",
    "serve",
    "authoring",
    "importer",
    "",  # the top: cli.py, plugin.py, synthetic.py, __main__.py
)


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `name` imports (at any depth in the file: local imports count too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                whole = f"{target}.{alias.name}"
                found.add(whole if whole in known else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {item for item in found if item in known and item != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else ""


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_every_module_imports_on_its_own() -> None:
    """A module imported first, in a fresh interpreter, must not meet a half-initialised one."""
    names = sorted(modules())
    script = (
        "import importlib, sys\n"
        "failed = []\n"
        f"for name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'docket_archive' or m.startswith('docket_archive.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as error:\n"
        "        failed.append(f'{name}: {type(error).__name__}: {error}')\n"
        "print('\\n'.join(failed))\n"
    )
    # __main__ runs the command: it is imported by `python -m`, checked below.
    script = script.replace("'docket_archive.__main__', ", "")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
    help_ = subprocess.run([sys.executable, "-m", "docket_archive", "--help"], capture_output=True, text=True)
    assert help_.returncode == 0 and "Usage:" in help_.stdout


def test_no_import_cycle_between_modules() -> None:
    assert cycles(graph()) == []


def test_stages_import_only_from_the_stages_before_them() -> None:
    backwards = []
    for module, imported in graph().items():
        here = STAGES.index(stage(module))
        for other in imported:
            if STAGES.index(stage(other)) > here:
                backwards.append(f"{module} -> {other}")
    assert backwards == []


def test_no_cycle_between_stages_or_subpackages() -> None:
    found = modules()

    def package_of(module: str) -> str:
        return module if found[module].name == "__init__.py" else module.rpartition(".")[0]

    packages: dict[str, set[str]] = {}
    for module, imported in graph().items():
        here = package_of(module)
        for other in imported:
            there = package_of(other)
            if there != here and not here.startswith(there + ".") and not there.startswith(here + "."):
                packages.setdefault(here, set()).add(there)
    assert cycles(packages) == []


def test_the_stage_list_matches_the_folders() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders == set(STAGES) - {""}
    listed = (PACKAGE / "__init__.py").read_text("utf-8")
    for name in folders:
        assert f"    {name}/" in listed, f"docket_archive/__init__.py does not describe {name}/"


# Parsing or writing YAML: only formats/safeyaml.py may (its reader refuses aliases, tags and oversized
# input). mkdocs.yml is the exception: its `!!python/name` tags are MkDocs' own, and only the
# Zensical configuration reads and writes it.
_YAML_CALL = re.compile(r"\byaml\.(?:\w*load\w*|compose\w*|parse|scan|\w*dump\w*|\w*Loader|\w*Dumper)\b")
_MKDOCS_YML_READERS = {"docket_archive.publish.zensical"}


def test_yaml_is_read_and_written_only_through_the_protected_reader() -> None:
    calls = [
        f"{name}: {match.group(0)}"
        for name, path in modules().items()
        if name not in {"docket_archive.formats.safeyaml", *_MKDOCS_YML_READERS}
        for match in _YAML_CALL.finditer(path.read_text("utf-8"))
    ]
    assert calls == []
