"""YAML that remembers where each value came from and refuses duplicate keys.

PyYAML silently keeps the last of two identical keys and forgets line
numbers once a document is constructed. We compose the node tree ourselves so
that every value keeps its line (for error messages) and a repeated key is a
reported problem instead of lost data.

Dates are deliberately *not* converted by YAML: they stay strings, so the one
JSON Schema (shared with editors) validates them, and an impossible date such
as 2009-02-30 is reported like any other bad value rather than as a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]  # a path into the data: ("authors", 0, "person")


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps: dates stay ISO strings."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlIssue:
    line: int
    field: str
    message: str
    hint: str


@dataclass
class LocatedYaml:
    """Parsed data plus the 1-based line of every key and item in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)
    source: str = ""  # the YAML text, for hints that depend on how a line is written
    first_line: int = 1

    def text_line(self, line: int) -> str:
        lines = self.source.split("\n")
        index = line - self.first_line
        return lines[index] if 0 <= index < len(lines) else ""

    def line_of(self, path: Path_, default: int = 1) -> int:
        # Walk up the path until something has a known line: a missing key is
        # reported at the mapping that should have contained it.
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path) or "(document)"


def load_located(text: str, first_line: int = 1) -> LocatedYaml:
    """Parse one YAML document. `first_line` is the file line where `text` starts.

    Syntax errors come back as issues (with the YAML error's own line), never
    as exceptions.
    """
    offset = first_line - 1
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        what = exc.problem or str(exc)
        return LocatedYaml(
            None,
            issues=[
                YamlIssue(
                    line,
                    "front matter",
                    f"YAML cannot be read: {what}",
                    "check indentation, colons and quotes on this line; quote text containing ': ' or '#'",
                )
            ],
        )
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML's unmarked errors are rare
        return LocatedYaml(None, issues=[YamlIssue(first_line, "front matter", f"YAML cannot be read: {exc}", "")])
    finally:
        loader.dispose()

    result = LocatedYaml(None, source=text, first_line=first_line)
    if node is None:
        return result
    result.lines[()] = node.start_mark.line + 1 + offset
    result.data = _build(node, (), result, loader, offset)
    return result


def _build(node: yaml.Node, path: Path_, out: LocatedYaml, loader: _PlainLoader, offset: int) -> Any:
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        loader.flatten_mapping(node)  # resolves YAML merge keys (<<)
        for key_node, value_node in node.value:
            key = _scalar(key_node, path, out, loader, offset)
            line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            if key in seen:
                out.issues.append(
                    YamlIssue(
                        line,
                        dotted((*path, str(key))),
                        f"duplicate key '{key}' (first given on line {seen[key]}); YAML would silently keep only the last one",
                        "remove one of the two, or merge their values",
                    )
                )
                continue
            seen[key] = line
            child = (*path, key)
            out.lines[child] = line
            mapping[key] = _build(value_node, child, out, loader, offset)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            child = (*path, index)
            out.lines[child] = item.start_mark.line + 1 + offset
            items.append(_build(item, child, out, loader, offset))
        return items
    return _scalar(node, path, out, loader, offset)


def _scalar(node: yaml.Node, path: Path_, out: LocatedYaml, loader: _PlainLoader, offset: int) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        # A mapping or list used as a key: legal YAML, never meaningful here.
        return yaml.serialize(node).strip()
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError) as exc:
        out.issues.append(
            YamlIssue(
                node.start_mark.line + 1 + offset, dotted(path), f"value cannot be read: {exc}", "quote the value"
            )
        )
        return node.value
