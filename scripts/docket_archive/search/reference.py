"""What a query matches, letter by letter: the meaning of the query language, plainly.

The browser answers from the index (`docs/javascripts/search/engine.js`),
part by part; this module answers by reading each letter's words, with
nothing clever in between, so that it can be trusted as the definition. The
tests compare the two answers letter by letter; the standing searches' feeds
are built with this one.

- A **word** matches a letter whose title or text has a word with the same
  stem; a **root** (`adjourn!`), a word that begins with it; a **phrase**,
  its words at consecutive positions. In a **field**, the same within the
  field's values (a phrase never runs from one value into the next).
- **w/N**: a place where the left side matches and another, not overlapping
  it, where the right side does, at most N words apart (side by side is 1):
  the gap from the end of the earlier to the start of the later.
- **/s**, **/p**: such two places each wholly inside one sentence, or one
  paragraph, and the same one.
- **after:D**, **before:D**: the letter's date, the day D itself excluded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .documents import FIELDS, SearchDocument
from .query import And, DateBound, Near, Node, Not, Or, Slot, Terms
from .words import field_occurrences, stem, text_occurrences

# A place a term matches: first and last position, the sentences and paragraphs of its first and last word.
Span = tuple[int, int, int, int, int, int]


@dataclass(frozen=True)
class ReadDocument:
    """A letter's words, by stream ("" for the title and text, else a field's name): where each
    word is, and which words each stem stands for."""

    document: SearchDocument
    streams: dict[str, dict[str, list[tuple[int, int, int]]]]
    stems: dict[str, dict[str, list[str]]]


def read(document: SearchDocument) -> ReadDocument:
    streams: dict[str, dict[str, list[tuple[int, int, int]]]] = {}
    stems: dict[str, dict[str, list[str]]] = {}
    sources = [("", text_occurrences(document.paragraphs))]
    sources += [(name, field_occurrences(document.values(name))) for name in FIELDS]
    for name, occurrences in sources:
        words: dict[str, list[tuple[int, int, int]]] = {}
        for word, position, sentence, paragraph in occurrences:
            words.setdefault(word, []).append((position, sentence, paragraph))
        streams[name] = words
        by_stem: dict[str, list[str]] = {}
        for word in words:
            by_stem.setdefault(stem(word), []).append(word)
        stems[name] = by_stem
    return ReadDocument(document, streams, stems)


def matches(node: Node, letter: ReadDocument) -> bool:
    if isinstance(node, Terms):
        return bool(spans(node, letter))
    if isinstance(node, DateBound):
        return letter.document.date > node.day if node.kind == "after" else letter.document.date < node.day
    if isinstance(node, And):
        return all(matches(item, letter) for item in node.items)
    if isinstance(node, Or):
        return any(matches(item, letter) for item in node.items)
    if isinstance(node, Not):
        return not matches(node.item, letter)
    return _near(node, letter)


def search(node: Node, letters: Iterable[ReadDocument]) -> list[str]:
    """The ids of the letters that match, newest first (`SearchDocument.order_key`)."""
    found = [letter.document for letter in letters if matches(node, letter)]
    return [document.id for document in sorted(found, key=lambda d: d.order_key, reverse=True)]


def _slot_words(slot: Slot, letter: ReadDocument, stream: str) -> list[str]:
    if slot.root:
        return [word for word in letter.streams[stream] if word.startswith(slot.text)]
    return letter.stems[stream].get(slot.stem, [])


def spans(node: Node, letter: ReadDocument) -> list[Span]:
    """Every place a term (or an OR of terms) matches."""
    if isinstance(node, Or):
        return [span for item in node.items for span in spans(item, letter)]
    assert isinstance(node, Terms)  # noqa: S101 - the parser allows only these here
    words = letter.streams[node.field]
    at: list[dict[int, tuple[int, int]]] = []
    for slot in node.slots:
        places = {p: (s, para) for word in _slot_words(slot, letter, node.field) for p, s, para in words[word]}
        if not places:
            return []
        at.append(places)
    found = []
    last = len(node.slots) - 1
    for start, (sentence, paragraph) in at[0].items():
        if all(start + i in at[i] for i in range(1, last + 1)):
            end_sentence, end_paragraph = at[last][start + last]
            found.append((start, start + last, sentence, end_sentence, paragraph, end_paragraph))
    return found


def _near(node: Near, letter: ReadDocument) -> bool:
    lefts, rights = spans(node.left, letter), spans(node.right, letter)
    for a in lefts:
        for b in rights:
            if not (a[1] < b[0] or b[1] < a[0]):
                continue  # overlapping: the same place
            if node.scope == "words":
                gap = b[0] - a[1] if a[1] < b[0] else a[0] - b[1]
                if gap <= node.distance:
                    return True
            else:
                i = 2 if node.scope == "sentence" else 4
                if a[i] == a[i + 1] == b[i] == b[i + 1]:
                    return True
    return False
