"""Queries of every operator of the search language, generated from an archive's own words.

Words are drawn from the letters (common and rare), phrases are cut from a
letter's text so that some match, field values from the letters' fields, days
from their dates: so the generated queries find letters as often as they find
none, and a comparison of two answers says something.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta

from docket_archive.search.reference import ReadDocument
from docket_archive.search.words import text_occurrences, words_of

# Each template names the operators it exercises; the test checks that every operator is covered.
OPERATORS = (
    "word",
    "and",
    "or",
    "not",
    "minus",
    "parentheses",
    "phrase",
    "hyphen",
    "within",
    "sentence",
    "paragraph",
    "root",
    "case",
    "author",
    "firm",
    "judge",
    "type",
    "court",
    "after",
    "before",
    "unknown",
)


class Generator:
    def __init__(self, letters: list[ReadDocument], seed: int = 24) -> None:
        self.rng = random.Random(seed)
        self.letters = letters
        counts: Counter[str] = Counter()
        for letter in letters:
            counts.update(letter.streams[""].keys())
        ranked = [word for word, _ in counts.most_common() if word.isalpha()]
        self.common = ranked[:30]
        self.middle = ranked[30:200] or ranked
        self.rare = [word for word, n in counts.items() if n <= 5 and word.isalpha()] or ranked

    def word(self) -> str:
        pool = self.rng.choice([self.common, self.middle, self.middle, self.rare])
        word = self.rng.choice(pool)
        return word.capitalize() if self.rng.random() < 0.2 else word

    def phrase(self, length: int | None = None) -> str:
        letter = self.rng.choice(self.letters)
        words = [word for word, *_ in text_occurrences(letter.document.paragraphs)]
        length = length or self.rng.randint(2, 3)
        start = self.rng.randrange(0, max(1, len(words) - length))
        return " ".join(words[start : start + length])

    def root(self) -> str:
        word = self.rng.choice([word for word in self.middle + self.common if len(word) >= 3])
        return word[: min(len(word), self.rng.randint(3, 7))] + "!"

    def field(self, name: str) -> str:
        letter = self.rng.choice(self.letters)
        values = letter.document.values(name)
        words = words_of(self.rng.choice(values)) if values else ["nothing"]
        if len(words) > 1 and self.rng.random() < 0.4:
            return f'{name}:"{" ".join(words[:2])}"'
        return f"{name}:{self.rng.choice(words)}"

    def day(self) -> str:
        letter = self.rng.choice(self.letters)
        return (letter.document.date + timedelta(days=self.rng.randint(-20, 20))).isoformat()

    def queries(self) -> list[tuple[str, tuple[str, ...]]]:
        w, p, r = self.word, self.phrase, self.root
        templates = [
            (lambda: w(), ("word",)),
            (lambda: f"{w()} {w()}", ("word", "and")),
            (lambda: f"{w()} AND {w()}", ("and",)),
            (lambda: f"{w()} OR {w()}", ("or",)),
            (lambda: f"{w()} NOT {w()}", ("not",)),
            (lambda: f"{w()} -{w()}", ("minus",)),
            (lambda: f"({w()} OR {w()}) {w()}", ("parentheses", "or", "and")),
            (lambda: f"({w()} OR ({w()} AND {w()})) NOT {w()}", ("parentheses", "not")),
            (lambda: f'"{p()}"', ("phrase",)),
            (lambda: f'"{p()}" {w()}', ("phrase", "and")),
            (lambda: "-".join(p(2).split()), ("hyphen",)),
            (lambda: f"{w()} w/{self.rng.randint(1, 12)} {w()}", ("within",)),
            (lambda: f'"{p(2)}" w/{self.rng.randint(1, 8)} {w()}', ("within", "phrase")),
            (lambda: f"({w()} OR {w()}) w/{self.rng.randint(1, 6)} {r()}", ("within", "or", "root")),
            (lambda: f"{w()} /s {w()}", ("sentence",)),
            (lambda: f"{r()} /s {w()}", ("sentence", "root")),
            (lambda: f"{w()} /p {w()}", ("paragraph",)),
            (lambda: f'"{p(2)}" /p {w()}', ("paragraph", "phrase")),
            (lambda: r(), ("root",)),
            (lambda: f'"{p(2).split()[0]} {r()}"', ("root", "phrase")),
            (lambda: f"{self.field('case')} {w()}", ("case",)),
            (lambda: self.field("author"), ("author",)),
            (lambda: f"{self.field('firm')} NOT {w()}", ("firm", "not")),
            (lambda: f"{self.field('judge')} {w()}", ("judge",)),
            (lambda: f"{self.field('type')} {w()}", ("type",)),
            (lambda: self.field("court"), ("court",)),
            (lambda: f"after:{self.day()}", ("after",)),
            (lambda: f"before:{self.day()} {w()}", ("before",)),
            (lambda: f"after:{self.day()} before:{self.day()} {self.field('case')}", ("after", "before", "case")),
            (lambda: f"{w()}qx OR {w()}", ("unknown", "or")),
            (lambda: f"-{w()}", ("minus",)),
        ]
        found = []
        for template, operators in templates:
            for _ in range(4):
                found.append((template(), operators))
        return found
