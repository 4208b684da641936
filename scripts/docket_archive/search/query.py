"""The query language: terms and connectors, as lawyers write them.

    mediation proposal            both words (AND is the default)
    mediation AND proposal        the same
    mediation OR caucus           either
    Committee NOT Lenders         the first without the second; -Lenders is NOT Lenders
    (adjourn! OR continu!) trial  parentheses group
    "plan of reorganization"      a phrase: the words in this order, side by side
    counter-proposal              a hyphenated word is a phrase: "counter proposal"
    counter w/5 proposal          within 5 words of each other, either order
    adjourn! /s trial             in the same sentence; /p: in the same paragraph
    adjourn!                      every word that begins with "adjourn"
    author:Strochak               a field: case:, author:, firm:, judge:, type:, court:
    after:2009-06-01 before:2009-07-01   dated after / before a day (the day itself excluded)

Precedence, tightest first: w/N, /s and /p; NOT; AND; OR. So `a OR b c`
is `a OR (b AND c)`: use parentheses to say otherwise. Operators are
written in capitals (and, or, not in lower case are words). A query the parser
cannot read raises QueryError with a plain message and where it is: it is
never silently read some other way.

The browser has the same parser (`docs/javascripts/search/query.js`); a test
holds the two to the same trees and the same messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field as attribute
from datetime import date
from typing import Any

from .words import stem, words_of

FIELDS = ("case", "author", "firm", "judge", "type", "court")
DATE_FIELDS = ("after", "before")
MAX_DISTANCE = 100
MIN_ROOT = 3
_ALL_FIELDS = "case:, author:, firm:, judge:, type:, court:, after: and before:"
_QUOTES_OPEN = '"\u201c\u201d'
_QUOTES_CLOSE = '"\u201d\u201c'
_BARE_END = set("()") | set(_QUOTES_OPEN)
_PROXIMITY = re.compile(r"(?:w/([0-9]+)|w?/([sp]))", re.IGNORECASE | re.ASCII)
_FIELD = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# What separates the pieces of a query: written out, so that query.js reads the same characters as space.
SPACES = " \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PIECE = re.compile(f"[^{SPACES}]+")
_SPACE = re.compile(f"[{SPACES}]")


def _is_space(character: str) -> bool:
    return bool(_SPACE.fullmatch(character))


class QueryError(ValueError):
    """A query that cannot be read: a plain message, and where (0-based character offsets)."""

    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = max(end, start + 1)

    def __str__(self) -> str:
        return f"at character {self.start + 1}: {self.message}"


# -- the tree ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One word of a term: matched by stem, or, as a root (`adjourn!`), by its beginning."""

    text: str  # folded
    root: bool = False

    @property
    def stem(self) -> str:
        return self.text if self.root else stem(self.text)


@dataclass(frozen=True)
class Terms:
    """A word, a root or a phrase (several slots side by side), in the text or in a field."""

    slots: tuple[Slot, ...]
    field: str = ""  # "" for the letter's title and text
    start: int = attribute(default=0, compare=False)  # where the query says it
    end: int = attribute(default=0, compare=False)


@dataclass(frozen=True)
class DateBound:
    kind: str  # "after" or "before": the day itself excluded
    day: date


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class Near:
    """Two places in the text, apart: within `distance` words, or in one sentence or paragraph."""

    left: Node  # Terms of the text, or an Or of them
    right: Node
    scope: str  # "words", "sentence" or "paragraph"
    distance: int = 0  # for "words"


Node = Terms | DateBound | And | Or | Not | Near


def to_json(node: Node) -> dict[str, Any]:
    """The tree as plain data, the same shape query.js gives (compared by the tests)."""
    if isinstance(node, Terms):
        return {
            "op": "terms",
            "field": node.field,
            "slots": [{"text": s.text, "root": s.root, "stem": s.stem} for s in node.slots],
        }
    if isinstance(node, DateBound):
        return {"op": node.kind, "day": node.day.isoformat()}
    if isinstance(node, And | Or):
        return {"op": "and" if isinstance(node, And) else "or", "items": [to_json(item) for item in node.items]}
    if isinstance(node, Not):
        return {"op": "not", "item": to_json(node.item)}
    return {
        "op": "near",
        "scope": node.scope,
        "distance": node.distance,
        "left": to_json(node.left),
        "right": to_json(node.right),
    }


# -- reading a query ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "(", ")", "and", "or", "not", "near", "leaf"
    start: int
    end: int
    text: str = ""
    node: Node | None = None
    scope: str = ""
    distance: int = 0


def parse(text: str) -> Node | None:
    """The query's tree, or None for a query with nothing in it. Raises QueryError."""
    tokens = _Lexer(text).tokens()
    if not tokens:
        return None
    return _Parser(tokens, len(text)).query()


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[_Token] = []

    def tokens(self) -> list[_Token]:
        text, i = self.text, 0
        while i < len(text):
            c = text[i]
            if _is_space(c):
                i += 1
            elif c in "()":
                self.found.append(_Token(c, i, i + 1, c))
                i += 1
            elif c in _QUOTES_OPEN:
                node, i = self.phrase(i, "")
                self.found.append(_Token("leaf", node.start, node.end, node=node))
            elif c == "-" and i + 1 < len(text) and not _is_space(text[i + 1]) and text[i + 1] != "-":
                self.found.append(_Token("not", i, i + 1, "-"))
                i += 1
            else:
                i = self.bare(i)
        return self.found

    def phrase(self, start: int, field_name: str, opened: int | None = None) -> tuple[Terms, int]:
        """The phrase whose opening quotation mark is at `start`; returns it and where it ends."""
        text = self.text
        close = next((j for j in range(start + 1, len(text)) if text[j] in _QUOTES_CLOSE), -1)
        if close < 0:
            raise QueryError('this quotation mark is never closed: add " at the end of the phrase', start, start + 1)
        slots: list[Slot] = []
        for piece in _PIECE.finditer(text[start + 1 : close]):
            slots += _slots(piece.group(), start + 1 + piece.start(), in_phrase=True)
        begin = start if opened is None else opened
        if not slots:
            raise QueryError(
                "the quotation marks hold no word: put words between them or remove them", begin, close + 1
            )
        return Terms(tuple(slots), field_name, begin, close + 1), close + 1

    def bare(self, start: int) -> int:
        text = self.text
        end = start
        while end < len(text) and not _is_space(text[end]) and text[end] not in _BARE_END:
            end += 1
        word = text[start:end]
        if word in ("AND", "OR", "NOT"):
            self.found.append(_Token(word.lower(), start, end, word))
            return end
        near = _PROXIMITY.fullmatch(word)
        if near:
            distance = int(near.group(1)) if near.group(1) else 0
            if near.group(1) and not 1 <= distance <= MAX_DISTANCE:
                raise QueryError(f"{word}: the distance must be a number of words from 1 to {MAX_DISTANCE}", start, end)
            scope = "words" if near.group(1) else {"s": "sentence", "p": "paragraph"}[near.group(2).lower()]
            self.found.append(_Token("near", start, end, word, scope=scope, distance=distance))
            return end
        if re.fullmatch(r"/[0-9]+", word):
            raise QueryError(f"write a distance as w{word} (within {word[1:]} words)", start, end)
        named = _FIELD.fullmatch(word)
        if named:
            return self.field(start, end, named.group(1), named.group(2))
        slots = _slots(word, start, in_phrase=False)
        self.found.append(_Token("leaf", start, end, word, node=Terms(tuple(slots), "", start, end)))
        return end

    def field(self, start: int, end: int, name: str, value: str) -> int:
        text = self.text
        key = name.lower()
        if key not in FIELDS and key not in DATE_FIELDS:
            raise QueryError(
                f"{name}: is not a field; the fields are {_ALL_FIELDS} (to search for the word {name}, leave out the colon)",
                start,
                start + len(name) + 1,
            )
        if key in DATE_FIELDS:
            return self.date(start, end, key, value)
        if not value and end < len(text) and text[end] in _QUOTES_OPEN:
            node, after = self.phrase(end, key, opened=start)
            self.found.append(_Token("leaf", start, after, node=node))
            return after
        if not value and end < len(text) and text[end] == "(":
            raise QueryError(
                f'{key}: takes one word, root! or "phrase", not a group: repeat the field, joined by OR',
                start,
                end + 1,
            )
        if not value:
            raise QueryError(f"{key}: needs a value right after the colon, e.g. {key}:{_EXAMPLES[key]}", start, end)
        slots = _slots(value, start + len(name) + 1, in_phrase=False)
        self.found.append(_Token("leaf", start, end, text[start:end], node=Terms(tuple(slots), key, start, end)))
        return end

    def date(self, start: int, end: int, key: str, value: str) -> int:
        if not _DAY.fullmatch(value):
            raise QueryError(f"{key}: needs a day written YYYY-MM-DD, e.g. {key}:2009-06-01", start, end)
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise QueryError(f"{value} is not a day of the calendar", start + len(key) + 1, end) from None
        self.found.append(_Token("leaf", start, end, value, node=DateBound(key, day)))
        return end


_EXAMPLES = {
    "case": "lexington",
    "author": "strochak",
    "firm": "weil",
    "judge": "glenn",
    "type": '"status letter"',
    "court": "nysb",
}


def _slots(piece: str, start: int, in_phrase: bool) -> list[Slot]:
    """The words of a piece of a query typed as one (`counter-proposal`, `adjourn!`)."""
    end = start + len(piece)
    if "*" in piece or "?" in piece:
        raise QueryError(
            "* and ? are not wildcards here: end a word with ! for every word that begins with it (adjourn!)",
            start,
            end,
        )
    root = piece.endswith("!")
    body = piece[:-1] if root else piece
    if "!" in body:
        raise QueryError("! goes at the end of a word, for every word that begins with it (adjourn!)", start, end)
    found = words_of(body)
    if not found:
        if piece in ("&", "&&"):
            raise QueryError("& is not an operator here: write AND", start, end)
        if piece == "%":
            raise QueryError("% is not an operator here: write NOT", start, end)
        if piece == "|":
            raise QueryError("| is not an operator here: write OR", start, end)
        raise QueryError(f"\u201c{piece}\u201d has no letters or digits to search for: remove it", start, end)
    if root:
        if len(found) != 1:
            raise QueryError("a root! must be one word, e.g. adjourn!", start, end)
        if len(found[0]) < MIN_ROOT:
            raise QueryError(f"a root! needs at least {MIN_ROOT} letters before the !", start, end)
        return [Slot(found[0], root=True)]
    del in_phrase  # the same rules inside a phrase and out
    return [Slot(word) for word in found]


class _Parser:
    def __init__(self, tokens: list[_Token], length: int) -> None:
        self.tokens = tokens
        self.at = 0
        self.length = length

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def query(self) -> Node:
        node = self.or_()
        token = self.peek()
        if token is not None:  # only a ")" stops an expression early
            raise QueryError("this ) closes nothing: remove it or add ( where the group starts", token.start, token.end)
        return node

    def needs_after(self, token: _Token) -> None:
        following = self.peek()
        if following is None or following.kind in (")", "and", "or"):
            raise QueryError(f"{token.text} needs a word after it", token.start, token.end)

    def or_(self) -> Node:
        items = [self.and_()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            self.needs_after(token)
            items.append(self.and_())
        return _joined(Or, items)

    def and_(self) -> Node:
        items = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in (")", "or"):
            if token.kind == "and":
                self.take()
                self.needs_after(token)
            items.append(self.unary())
        return _joined(And, items)

    def unary(self) -> Node:
        token = self.peek()
        if token is not None and token.kind == "not":
            self.take()
            self.needs_after(token)
            return Not(self.unary())
        return self.near()

    def near(self) -> Node:
        left = self.primary()
        token = self.peek()
        if token is None or token.kind != "near":
            return left
        self.take()
        following = self.peek()
        if following is None or following.kind in (")", "and", "or", "near"):
            raise QueryError(f"{token.text} needs a word after it", token.start, token.end)
        right = self.primary()
        for side in (left, right):
            if not _positional(side):
                raise QueryError(
                    f'{token.text} needs a word, a "phrase", a root! or words joined by OR on each side',
                    token.start,
                    token.end,
                )
        again = self.peek()
        if again is not None and again.kind == "near":
            raise QueryError(
                "only one w/N, /s or /p can join two terms: join pairs with AND, e.g. (a w/5 b) AND (b w/5 c)",
                again.start,
                again.end,
            )
        return Near(left, right, token.scope, token.distance)

    def primary(self) -> Node:
        token = self.peek()
        if token is None:
            raise QueryError("the query ends too soon: something is missing at the end", self.length, self.length)
        if token.kind == "(":
            self.take()
            inner = self.peek()
            if inner is not None and inner.kind == ")":
                raise QueryError(
                    "the parentheses hold nothing: put words between them or remove them", token.start, inner.end
                )
            if inner is None:
                raise QueryError("this ( is never closed: add ) where the group ends", token.start, token.end)
            node = self.or_()
            close = self.peek()
            if close is None or close.kind != ")":
                raise QueryError("this ( is never closed: add ) where the group ends", token.start, token.end)
            self.take()
            return node
        if token.kind == ")":
            raise QueryError("this ) closes nothing: remove it or add ( where the group starts", token.start, token.end)
        if token.kind in ("and", "or", "near"):
            raise QueryError(f"{token.text} needs a word before it", token.start, token.end)
        self.take()
        assert token.node is not None  # noqa: S101 - every other token is a leaf
        return token.node


def _joined(kind: type[And] | type[Or], items: list[Node]) -> Node:
    flat: list[Node] = []
    for item in items:
        flat.extend(item.items if isinstance(item, kind) else (item,))
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def _positional(node: Node) -> bool:
    if isinstance(node, Terms):
        return node.field == ""
    if isinstance(node, Or):
        return all(_positional(item) for item in node.items)
    return False
