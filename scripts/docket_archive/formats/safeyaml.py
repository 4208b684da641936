"""YAML that remembers where each value came from, and refuses what letters never need.

We read the event stream of PyYAML's parser (its C parser, libyaml, where
installed: several times faster than the pure-Python one) and build the data
ourselves, so that:

- every key and item keeps its line, for error messages;
- a repeated key is a reported problem instead of silently lost data;
- anchors, aliases, merge keys (<<) and explicit tags (!!python/..., !!str) are
  refused: letters and registries need none of them, and aliases are how a
  1 KB "billion laughs" file asks for gigabytes of memory;
- nesting depth is capped, so thousands of brackets cannot exhaust the stack.

Dates are deliberately *not* converted by YAML: they stay strings, so the one
JSON Schema (shared with editors) validates them, and an impossible date such
as 2009-02-30 is reported like any other bad value rather than as a crash.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from docket_archive.domain.problems import Problem

from .characters import NONCHARACTER_HINT, line_problems, noncharacter_problem
from .fieldnames import describe

Path_ = tuple[str | int, ...]  # a path into the data: ("authors", 0, "person")

MAX_DEPTH = 12  # letters need four levels; anything deeper is a mistake or an attack
MAX_BYTES = 256 * 1024  # front matter or a registry: the largest real one is a few KB
MAX_LINE = 2000  # characters; YAML lines longer than this are not hand-written

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PlainResolver(yaml.SafeLoader):
    """SafeLoader without implicit timestamps: dates stay ISO strings."""


_PlainResolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SCALARS = _PlainResolver("")  # resolves and constructs plain scalars (ints, booleans, null)


@dataclass
class LocatedYaml:
    """Parsed data plus the 1-based line of every key and item in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
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


class _Refused(Exception):
    def __init__(self, line: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


def load_located(text: str, shown: str, first_line: int = 1) -> LocatedYaml:
    """Parse one YAML document. `first_line` is the file line where `text` starts.

    Every problem comes back as a `Problem` for the file `shown`; nothing raises.
    """
    result = LocatedYaml(None, source=text, first_line=first_line)
    result.problems.extend(line_problems(text, shown, first_line, yaml_text=True))
    too_big = _size_problem(text, shown, first_line)
    if too_big:
        result.problems.append(too_big)
        return result
    usual = None if result.problems else _usual(text, first_line)
    if usual is not None:  # the usual front matter, read without the parser (below): the same data and lines
        result.data, result.lines = usual
        return result
    try:
        # The parser's own get_event, without yaml.parse's generator around it:
        # a quarter of the time of reading 10,000 letters went to that wrapper.
        result.data = _Builder(result, shown, first_line - 1, _Parser(text).get_event).document()
    except _Refused as refused:
        result.data = None
        result.problems.append(Problem(shown, refused.line, "front matter", refused.message, refused.hint))
    except yaml.MarkedYAMLError as exc:
        result.data = None
        syntax = _syntax_problem(exc, shown, first_line)
        # A tab or an invisible space already named on that line is the cause:
        # say it once, in those words, rather than in the parser's.
        if not any(p.line in (syntax.line, syntax.line - 1) for p in result.problems):
            result.problems.append(syntax)
    except yaml.YAMLError as exc:  # unmarked errors are rare; still a message, never a traceback
        result.data = None
        if not result.problems:  # a character the line check named already: said once, in its words
            result.problems.append(Problem(shown, first_line, "front matter", f"YAML cannot be read: {exc}", ""))
    return result


# libyaml's words -> what a person would understand, and whether the mistake is
# where the parser started the construct (an unclosed quote or bracket) rather
# than where it gave up.
_SYNTAX = (
    (
        "mapping values are not allowed",
        "a colon followed by a space is inside a value",
        "put the value in double quotes",
        False,
    ),
    ("found unexpected end of stream", "a quote or bracket opened here is never closed", "close it on this line", True),
    (
        "did not find expected ',' or ']'",
        "a list in [ ] opened here is not closed",
        "end it with ] on the same line",
        True,
    ),
    (
        "did not find expected ',' or '}'",
        "a set of fields in { } opened here is not closed",
        "end it with } on the same line",
        True,
    ),
    (
        "found character that cannot start any token",
        "this line has a character YAML cannot read here (a tab, @ or `)",
        "remove it, or put the value in quotes",
        False,
    ),
    (
        "did not find expected key",
        "this line's indentation does not match the lines above",
        "indent fields of the same level by the same number of spaces",
        False,
    ),
    ("could not find expected ':'", "a field name here is not followed by a colon", "write `name: value`", True),
    (
        "did not find expected '-' indicator",
        "a list item here is not indented like the others",
        "start every item of a list with '- ' at the same indentation",
        False,
    ),
    ("found a tab character", "a tab character is used for indentation", "indent with spaces only", False),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, shown: str, first_line: int) -> Problem:
    problem = str(exc.problem or exc)
    message, hint, at_start = (
        "the fields cannot be read here",
        "check the indentation, colons and quotes on this line; quote text containing ': ' or ' #'",
        False,
    )
    for words, plain, fix, start in _SYNTAX:
        if words in problem:
            message, hint, at_start = plain, fix, start
            break
    mark = (exc.context_mark if at_start else None) or exc.problem_mark or exc.context_mark
    return Problem(shown, (mark.line + 1 if mark else 1) + first_line - 1, "front matter", message, hint)


def _size_problem(text: str, shown: str, first_line: int) -> Problem | None:
    if len(text) <= MAX_LINE:
        return None  # no line can be too long, nor the whole too large (at most 4 bytes a character)
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return Problem(
            shown,
            first_line,
            "file",
            f"the fields take more than {MAX_BYTES // 1024} KB",
            "front matter holds a letter's details; its text goes below the second ---",
        )
    for offset, line in enumerate(text.split("\n")):
        if len(line) > MAX_LINE:
            return Problem(
                shown,
                first_line + offset,
                "front matter",
                f"this line is {len(line):,} characters long (at most {MAX_LINE:,})",
                "write long text such as the summary over several lines with `summary: >-`",
            )
    return None


class _Builder:
    """Builds Python data from parser events, with lines, refusing what we never need.

    The usual event (a plain or quoted scalar, with no anchor or tag, where nesting is allowed)
    is taken on a short path inside `mapping` and `sequence`: events are dispatched by their
    exact class, and a value's characters are looked at again only where they can differ from
    the text's (below). Everything else goes through `node` and `key`, which refuse and report.
    Half of reading a letter was this class, event by event."""

    def __init__(self, out: LocatedYaml, shown: str, offset: int, get: Callable[[], Any]) -> None:
        self.out = out
        self.shown = shown
        self.offset = offset
        self.get = get  # the parser's next event (None after the stream's end)
        # A value holds only the text's own characters, unless it is double-quoted (escapes such
        # as "\e" or "\uFFFE"): where the text is ASCII with no control character, only
        # double-quoted values need the character checks of `checked`.
        text = out.source
        self.clean = text.isascii() and not _CONTROL.search(text)

    def line(self, event: yaml.Event) -> int:
        mark = event.start_mark
        return (mark.line if mark else 0) + 1 + self.offset

    def document(self) -> Any:
        get = self.get
        data = None
        while (event := get()) is not None:
            if isinstance(event, yaml.DocumentStartEvent):
                start = get()
                if isinstance(start, yaml.DocumentEndEvent):
                    return None
                self.out.lines[()] = self.line(start)
                data = self.node(start, (), 0)
                end = get()
                if not isinstance(end, yaml.DocumentEndEvent):  # pragma: no cover - the parser ensures it
                    raise _Refused(self.line(end), "unexpected YAML", "")
            elif isinstance(event, yaml.StreamEndEvent):
                break
        return data

    def node(self, event: yaml.Event, path: Path_, depth: int) -> Any:
        self.refuse_features(event)
        if depth > MAX_DEPTH:
            raise _Refused(
                self.line(event),
                f"the fields are nested more than {MAX_DEPTH} levels deep",
                "letters need at most four levels; check for stray brackets or indentation",
            )
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path, depth)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(path, depth)
        if isinstance(event, yaml.ScalarEvent):
            return self.checked(event, path)
        raise _Refused(self.line(event), "unexpected YAML", "")  # pragma: no cover

    def sequence(self, path: Path_, depth: int) -> list[Any]:
        get, lines, offset, plain = self.get, self.out.lines, self.offset + 1, depth < MAX_DEPTH
        items: list[Any] = []
        while True:
            item = get()
            kind = type(item)
            if kind is _SequenceEnd:
                return items
            child = (*path, len(items))
            lines[child] = item.start_mark.line + offset
            if kind is _Scalar and plain and item.anchor is None and item.tag is None:
                items.append(self.checked(item, child))
            else:
                items.append(self.node(item, child, depth + 1))

    def mapping(self, path: Path_, depth: int) -> dict[Any, Any]:
        get, lines, offset, plain = self.get, self.out.lines, self.offset + 1, depth < MAX_DEPTH
        mapping: dict[Any, Any] = {}
        seen: dict[Any, int] = {}
        while True:
            key_event = get()
            kind = type(key_event)
            if kind is _MappingEnd:
                return mapping
            line = key_event.start_mark.line + offset
            if (
                kind is _Scalar
                and key_event.anchor is None
                and key_event.tag is None
                and not (key_event.implicit[0] and key_event.value == "<<")
            ):
                key = self.scalar(key_event)
                if type(key) is not str:
                    key = self.not_text(key, key_event, path)
            else:
                key = self.key(key_event, depth, path)
            value_event = get()
            if key in seen:
                self.out.problems.append(
                    Problem(
                        self.shown,
                        line,
                        describe((*path, str(key))),
                        f"'{key}' is given twice (first on line {seen[key]}); only one can count",
                        "remove one of the two, or merge their values",
                    )
                )
                self.node(value_event, (*path, "(repeated)"), depth + 1)
                continue
            seen[key] = line
            child = (*path, key)
            lines[child] = line
            if type(value_event) is _Scalar and plain and value_event.anchor is None and value_event.tag is None:
                mapping[key] = self.checked(value_event, child)
            else:
                mapping[key] = self.node(value_event, child, depth + 1)

    def key(self, event: yaml.Event, depth: int, path: Path_ = ()) -> Any:
        self.refuse_features(event)
        if not isinstance(event, yaml.ScalarEvent):
            # A list or mapping used as a key: legal YAML, never meaningful here.
            self.node(event, ("(key)",), depth + 1)
            raise _Refused(self.line(event), "a field name must be plain text", "write `name: value`")
        if event.implicit[0] and event.value == "<<":
            raise _Refused(
                self.line(event),
                "merge keys (<<) are not used in letters",
                "write each field out in full",
            )
        key = self.scalar(event)
        if not isinstance(key, str):
            return self.not_text(key, event, path)
        return key

    def not_text(self, key: Any, event: yaml.ScalarEvent, path: Path_) -> str:
        # `null:`, `yes:`, `1.5:` are read as None, True and 1.5: a person or field named so would be
        # another thing in every program that reads the file (JSON has no such keys). Kept as written, refused.
        what = "nothing (null)" if key is None else f"{type(key).__name__} {key!r}".replace("bool", "the value")
        self.out.problems.append(
            Problem(
                self.shown,
                self.line(event),
                describe((*path, event.value)),
                f"the name '{event.value}' before the colon is read by YAML as {what}, not as text",
                f"put it in quotes ('{event.value}':) if it is meant, or use lower-case words joined by hyphens",
            )
        )
        return str(event.value)

    def checked(self, event: yaml.ScalarEvent, path: Path_) -> Any:
        """A scalar value, with what its characters hide reported."""
        value = self.scalar(event)
        if type(value) is not str or (self.clean and event.style != '"'):
            return value
        if noncharacter_problem(value):
            # Written as an escape ("\uFFFE" in double quotes) it passes the line check.
            message = noncharacter_problem(value).replace("is in this line", "is in the value")
            self.out.problems.append(Problem(self.shown, self.line(event), describe(path), message, NONCHARACTER_HINT))
        if _CONTROL.search(value):
            # Written as an escape ("\e" in double quotes) it passes the line check.
            self.out.problems.append(
                Problem(
                    self.shown,
                    self.line(event),
                    describe(path),
                    "the value holds a control character (an invisible terminal command)",
                    "delete it; in double quotes, remove the backslash escape such as \\e or \\x1b",
                )
            )
        return value

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        value = event.value
        if not event.implicit[0] or (value and value[0] not in _RESOLVED_FIRST):
            return value  # quoted (always text), or plain text no implicit type starts like
        return _plain(value, event.style)

    def refuse_features(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                self.line(event),
                "YAML anchors and aliases (&name, *name) are not used in letters",
                "write each value out in full",
            )
        tag = getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)
        explicit = tag is not None and (implicit is False or (isinstance(implicit, tuple) and not any(implicit)))
        if explicit and tag not in ("!", "tag:yaml.org,2002:str"):
            raise _Refused(
                self.line(event),
                f"YAML tags such as '{tag}' are not used in letters",
                "remove the tag; put the value in quotes if it must stay text",
            )


_Scalar, _MappingEnd, _SequenceEnd = yaml.ScalarEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent
# The first characters of the plain scalars an implicit resolver may read as something other than
# text (a number, true/false, null): any other plain scalar is text without a regex tried.
_RESOLVED_FIRST = frozenset(first for first in _PlainResolver.yaml_implicit_resolvers if first)
if None in _PlainResolver.yaml_implicit_resolvers:  # pragma: no cover - PyYAML registers none
    raise ImportError("a YAML resolver for every first character: plain text would need each one tried")
if _SCALARS.resolve(yaml.ScalarNode, "2009-06-22", (True, False)) != "tag:yaml.org,2002:str":  # pragma: no cover
    raise ImportError("a day is read as other than text: `_plain` would tell it wrongly")


# A day as letters write them (2009-06-22): text, since no implicit type left reads it (the
# timestamp is off), told without the resolver's tries; every letter has a few, each day another.
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# The longest plain scalar `_resolved` keeps: the usual repeated ones (numbers, names, types,
# keys) are short; a long one (a summary going on over many lines, up to 256 KB) kept 4,096
# times over would hold a gigabyte for as long as the process runs, the preview's included.
_KEPT_LENGTH = 200


# Told without the resolver, since each letter has a few of each and each is another (the
# resolver's tries were a twentieth of reading a letter): a word longer than any of the
# implicit types a letter starts (true/false, yes/no, on/off, null: five letters at most) is
# text; ASCII digits not starting with 0 (octal to YAML 1.1) are a decimal number.
_LONGEST_WORD_VALUE = 5
# Longer runs of digits go the resolver's way: past Python's limit on digits read as a number
# (4,300 by default) `int` refuses them, and the resolver's path then keeps them as text.
_SHORT_NUMBER = 18
_WORD_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}
if (
    any(  # pragma: no cover - PyYAML has read these words so since 2006
        first.isalpha() and {tag for tag, _ in resolvers} - _WORD_TAGS
        for first, resolvers in _PlainResolver.yaml_implicit_resolvers.items()
        if first
    )
    or _SCALARS.resolve(yaml.ScalarNode, "FALSE", (True, False)) != "tag:yaml.org,2002:bool"
):
    raise ImportError("a word is read as a type other than true/false or null: `_plain` would tell it wrongly")
if _SCALARS.resolve(yaml.ScalarNode, "1234567890", (True, False)) != "tag:yaml.org,2002:int":  # pragma: no cover
    raise ImportError("digits are not read as a number: `_plain` would tell them wrongly")


def _plain(value: str, style: str | None) -> Any:
    """A plain scalar as YAML reads it: text, or a number, true/false or null."""
    if len(value) == 10 and value[4] == "-" and _DAY.fullmatch(value):
        return value
    first = value[:1]
    if len(value) > _LONGEST_WORD_VALUE and first.isalpha():
        return value
    if first.isdigit() and first != "0" and len(value) <= _SHORT_NUMBER and value.isdigit() and value.isascii():
        return int(value)
    return _resolved(value, style) if len(value) <= _KEPT_LENGTH else _resolve(value, style)


@lru_cache(maxsize=4096)
def _resolved(value: str, style: str | None) -> Any:
    """`_resolve`, kept (its answers are immutable): for short values and keys."""
    return _resolve(value, style)


def _resolve(value: str, style: str | None) -> Any:
    """`_plain` by the resolver."""
    tag = _SCALARS.resolve(yaml.ScalarNode, value, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return value
    node = yaml.ScalarNode(tag, value, style=style)
    try:
        return _SCALARS.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        return value
    finally:
        # The constructor keeps every node it made (for aliases, which are refused here): one node
        # a number read, for as long as the process runs, the preview's included.
        _SCALARS.constructed_objects.pop(node, None)


# -- the usual front matter, without the parser ----------------------------------------------
#
# Almost every letter's front matter is block YAML as `docket new` and `docket import` write it:
# `key: value` lines, nested mappings, `- ` lists, values plain or quoted on one line (a plain one
# may go on over more indented lines). libyaml's events for it were a third of reading a letter,
# and building data from them another third. `_usual` reads exactly that subset line by line and
# gives up (None) on anything else, and on anything the parser path would report: a repeated key,
# a key YAML reads as other than text, a tab, a comment after a value, an escape, a quote or bracket
# left open, an anchor, a tag, a flow or block scalar, an indentation that is not one of the open
# blocks'. It is only asked where the character checks found nothing, so no value can hide a
# character `_Builder.checked` would name. Giving up costs nothing but the parser path, which then
# reads the text as before: that path alone says what is wrong, in its words.

# A line: its indentation, a list item's "- ", a `key:` (followed by a space or the line's end),
# and the rest. Matches every line; a group not there is "".
_ROW = re.compile(r"^( *)(- +)?(?:([A-Za-z_][A-Za-z0-9_-]*):(?: +|$))?(.*)$", re.MULTILINE)
# Characters that read otherwise in YAML, or are refused by the parser: anything but the line
# break, printable ASCII and the printable rest of Unicode less the line and paragraph separators
# (line breaks to YAML 1.1), the byte-order mark and the reserved noncharacters.
_UNUSUAL_CHARACTER = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufdcf\ufdf0-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# What a plain value may not start with (indicators: a list, a flow collection, a comment, an
# anchor, an alias, a tag, a block scalar, a directive, a reserved character, a quote), nor hold.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_USUAL_DEPTH = 8  # letters need four levels; deeper goes the parser's way, which caps it
_SIMPLE_KEY = 1024  # YAML's longest `key:` on one line (libyaml, PyYAML): a longer one is an error there


class _Unusual(Exception):
    """Not the usual front matter: the parser path reads it."""


def _usual(text: str, first_line: int) -> tuple[Any, dict[Path_, int]] | None:
    """(data, lines) of front matter in the usual subset of block YAML, as `_Builder` gives them;
    None for anything else."""
    if _UNUSUAL_CHARACTER.search(text):
        return None
    rows = _ROW.findall(text)
    rows.append(("", "", "", ""))  # past the end: no value goes on into it (no bounds to check)
    try:
        return _UsualReader(rows, first_line).read()
    except _Unusual:
        return None


Block = tuple[int, Any, Path_, bool]  # an open block: its column, the mapping or list, its path, whether a list


class _UsualReader:
    """One pass over the rows, the open blocks on a stack: a few calls a line and none a value,
    since this runs for every letter."""

    __slots__ = ("first_line", "lines", "pending", "rows", "stack")

    def __init__(self, rows: list[tuple[str, str, str, str]], first_line: int) -> None:
        self.rows = rows
        self.first_line = first_line
        self.lines: dict[Path_, int] = {}
        self.stack: list[Block] = []  # innermost last
        self.pending: tuple[dict[str, Any], str, Path_, int] | None = None  # a `key:` with nothing after it yet

    def read(self) -> tuple[Any, dict[Path_, int]] | None:
        rows, lines, first_line = self.rows, self.lines, self.first_line
        at, end = 0, len(rows) - 1
        while at < end:
            spaces, dash, key, rest = rows[at]
            if not (dash or key):
                if rest[:1] not in ("", "#"):
                    raise _Unusual  # text where a key or an item belongs (a value's next lines are read with it)
                at += 1  # a blank line or a comment
                continue
            column = len(spaces)
            if self.pending is not None or not self.stack:
                self.open(column, dash, at)
            indent, block, path, is_list = self.stack[-1]
            if column != indent or (dash != "") is not is_list:  # not the innermost block's next line
                block, path, is_list = self.enclosing(column, dash)
            if is_list:
                child = (*path, len(block))
                lines[child] = at + first_line
                if not key:
                    value, at = _usual_value(rows, at, rest, column)
                    block.append(value)
                    continue
                # `- key: value`: a mapping whose keys are at the key's column
                column += len(dash)
                item: dict[str, Any] = {}
                block.append(item)
                self.push(column, item, child, False)
                block, path = item, child
            if (
                key in block
                or len(key) > _SIMPLE_KEY
                or (key[0] in _RESOLVED_FIRST and type(_resolved(key, "")) is not str)
            ):
                raise _Unusual  # repeated, too long to be a key to YAML, or `yes:`, `null:`: the parser path names it
            child = (*path, key)
            lines[child] = at + first_line
            if rest:
                block[key], at = _usual_value(rows, at, rest, column)
            else:
                block[key] = None
                self.pending = (block, key, child, column)
                at += 1
        return (self.stack[0][1], lines) if self.stack else None  # no fields: the parser path says so

    def open(self, column: int, dash: str, at: int) -> None:
        """The first line, the top mapping's; or the line after a `key:`, which may open a block below it."""
        if not self.stack:
            if column or dash:
                raise _Unusual  # a list or an indented mapping at the top: not a letter's
            self.stack.append((0, {}, (), False))
            self.lines[()] = at + self.first_line
            return
        assert self.pending is not None  # noqa: S101 - `read` asks only then
        owner, name, below, where = self.pending
        self.pending = None
        if dash and column >= where:  # a list, indented or not (`key:` then `- item` at its column)
            items: list[Any] = []
            owner[name] = items
            self.push(column, items, below, True)
        elif column > where:
            mapping: dict[str, Any] = {}
            owner[name] = mapping
            self.push(column, mapping, below, False)

    def push(self, column: int, block: Any, path: Path_, is_list: bool) -> None:
        if len(self.stack) > _USUAL_DEPTH:
            raise _Unusual
        self.stack.append((column, block, path, is_list))

    def enclosing(self, column: int, dash: str) -> tuple[Any, Path_, bool]:
        """The open block a line at `column` belongs to (with `dash`: as an item), the blocks it ends closed."""
        stack = self.stack
        while True:
            indent, block, path, is_list = stack[-1]
            if column == indent and (dash != "") is is_list:
                return block, path, is_list
            if column > indent or (column == indent and not is_list):
                raise _Unusual  # more indented than any open block, or an item among keys
            stack.pop()  # a block ends where a line is less indented (a list also where its items end)
            if not stack:
                raise _Unusual


def _usual_value(rows: list[tuple[str, str, str, str]], at: int, rest: str, column: int) -> tuple[Any, int]:
    """(the value written after `key: ` or `- ` at `column` on row `at`, the row after it), any
    plain lines continuing it included."""
    text = rest.rstrip(" ")
    first = text[0] if text else "#"  # `- ` alone: a value on the next lines, or nothing
    if first == "'" or first == '"':
        return _quoted(text), at + 1
    if first in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
        raise _Unusual
    at += 1
    if len(rows[at][0]) > column:  # the value goes on below, folded with spaces
        parts = [text]
        while len(rows[at][0]) > column:
            _, dash, key, more = rows[at]
            more = more.rstrip(" ")
            if dash or key or not more or more[0] in _INDICATORS or ": " in more or " #" in more or more[-1] == ":":
                raise _Unusual
            parts.append(more)
            at += 1
        text = " ".join(parts)
    return (text if first not in _RESOLVED_FIRST else _plain(text, "")), at


def _quoted(text: str) -> str:
    """A quoted value on one line, with no escape: what is between the quotes."""
    quote, inner = text[0], text[1:-1]
    if len(text) < 2 or text[-1] != quote:
        raise _Unusual  # not closed on its line (or followed by a comment)
    if quote == '"':
        if '"' in inner or "\\" in inner:
            raise _Unusual
        return inner
    if "'" in inner.replace("''", ""):
        raise _Unusual
    return inner.replace("''", "'")


# -- writing ---------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Dates stay bare text (2009-06-22, not '2009-06-22'): the loader reads them as text anyway."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def dump(data: Any, *, flow: bool | None = False, width: int = 100) -> str:
    """YAML as every command writes it: keys in the order given, text as written
    (no \\u escapes), dates bare; `flow` for a one-line list, `width` where a line folds."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=flow, width=width)
