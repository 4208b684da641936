"""Benchmark: the three paths a hostile input made quadratic, at the cap and at ten times it.

Each row times one path on an input built to be its worst case, at the size
the archive's caps allow (`MAX_FILE_BYTES` of a letter, `MAX_BYTES` of YAML,
the 10,000 people a people.yml under its cap can hold) and at ten times that.
Linear work takes about ten times as long at ten times the size; the old
code took the square (the issue: 120 KB of "Mr. " or a long reference against
a 1.7 MB letter took minutes, 11,000 unknown names against 10,000 people more
than two minutes of `docket check`).

- the calendar's sentence finder (`site/files/calendars.setting_sentence`) on
  a letter of "Mr. " repeated, with 1,000 hearings to find sentences for;
- reference matching (`links/mentions.find_mentions`) of a reference of
  "a a a ... b" against a letter of "a a a ...";
- unknown names (`Archive.suggest_person`, `docket check`'s hint) against a
  registry of synthetic people; at the cap also through `docket check` itself.

CPU seconds of this process (a busy machine does not stretch them). Not a
test: figures depend on the machine. Every letter and person is synthetic.

    python scripts/benchmarks/hostile_inputs.py            # the code as it is
    python scripts/benchmarks/hostile_inputs.py --before   # the code before, on the red team's inputs (minutes)
"""

from __future__ import annotations

import difflib
import random
import re
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from docket_archive import synthetic
from docket_archive.domain.model import Archive, DatedEvent, Letter, Person, normalize_name
from docket_archive.formats.safeyaml import MAX_BYTES, MAX_LINE
from docket_archive.links import mentions
from docket_archive.load.archivefiles import MAX_FILE_BYTES
from docket_archive.site.files import calendars

TEN = 10


def cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def letter(body: str, **fields: object) -> Letter:
    values: dict = {
        "id": "alpha/2020-03-02-synthetic",
        "source": "letters/alpha/2020-03-02-synthetic.md",
        "title": "Synthetic letter",
        "date": date(2020, 3, 2),
        "cases": ("alpha",),
        "type": "status letter",
        "authors": (),
        "addressees": (),
        "summary": synthetic.MARK,
        "body": body,
    }
    values.update(fields)
    return Letter(**values)  # type: ignore[arg-type]


def sentence_finder(size: int) -> float:
    body = "Mr. " * (size // 4)
    hearings = tuple(DatedEvent(date(2020, 4, 1) + timedelta(days=n), "status conference") for n in range(1000))
    item = letter(body, hearings=hearings)

    def run() -> None:
        calendars._read_dates.cache_clear()
        for hearing in hearings:
            calendars.setting_sentence(
                calendars.Happening("uid", "Hearing", hearing.what, hearing.date, None, item, ())
            )

    return cpu(run)


def reference_matching(size: int, reference: int) -> float:
    body = "a " * (size // 2)
    text = "a " * (reference // 2 - 1) + "b"

    def run() -> None:
        mentions._spans.cache_clear()
        mentions._flattened.cache_clear()
        mentions._word_starts.cache_clear()
        mentions._spans(body, text)

    return cpu(run)


def people(count: int, rng: random.Random) -> dict[str, Person]:
    found = {}
    for number in range(count):
        name = f"{rng.choice(synthetic._FIRST)} {''.join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9)))}"
        key = f"{name.lower().replace(' ', '-')}-{number}"
        found[key] = Person(key=key, name=name.title())
    return found


def unknown_names(known: int, unknown: int) -> float:
    rng = random.Random(20)
    archive = Archive(people=people(known, rng))
    names = [
        f"{rng.choice(synthetic._LAST)} {''.join(rng.choices(string.ascii_lowercase, k=7))}" for _ in range(unknown)
    ]
    return cpu(lambda: [archive.suggest_person(name) for name in names])


def check_with_unknown_names(known: int, unknown: int) -> tuple[float, int]:
    """`docket check` (a child process: its CPU seconds) of one letter whose cc names `unknown` people nobody knows."""
    rng = random.Random(20)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "letters"
        synthetic.write_registries(root, ["alpha"], synthetic.people())
        registry = (root / "people.yml").read_text("utf-8")
        # as compact as a registry under the YAML cap must be to hold so many people
        extra = "".join(
            f"p{number}: {{name: {rng.choice('ABCDEFGH')} {''.join(rng.choices(string.ascii_lowercase, k=6)).title()}}}\n"
            for number in range(known)
        )
        (root / "people.yml").write_text(registry + extra, "utf-8")
        size = (root / "people.yml").stat().st_size
        letters_per_file = 2000  # a front matter under its cap holds about this many cc lines
        for number in range(0, unknown, letters_per_file):
            cc = "".join(
                f"  - person: {rng.choice(synthetic._LAST).lower()}-{''.join(rng.choices(string.ascii_lowercase, k=7))}\n"
                for _ in range(min(letters_per_file, unknown - number))
            )
            day = date(2020, 1, 1) + timedelta(days=number // letters_per_file)
            front = (
                f"---\ntitle: Synthetic\ndate: {day}\ncase: alpha\ntype: status letter\n"
                f"authors:\n  - person: casey-fixture-2\naddressee: judge-testwood\nsummary: {synthetic.MARK}\ncc:\n{cc}---\n"
            )
            (root / "alpha" / f"{day}-synthetic.md").write_text(front + "\nDear Judge Testwood:\n\nText.\n", "utf-8")
        start = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "docket_archive", "check", str(root)], capture_output=True, text=True, check=False
        )
        wall = time.time() - start
        reported = (done.stdout + done.stderr).count("unknown person")
        if reported < unknown:
            raise SystemExit(
                "docket check did not report every unknown name:\n" + done.stdout[-2000:] + done.stderr[-2000:]
            )
        return wall, size


# -- the code before (issue 20), for `--before`: each on the input of the red team's report --------

_OLD_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Hon|No|Nos|Inc|Corp|Co|Jr|Sr|St|v|U\.S|[A-Z])\.$")


def old_sentences(body: str) -> list[str]:
    sentences: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body):
        for piece in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())):
            if sentences and sentences[-1] and _OLD_ABBREVIATION.search(sentences[-1]):
                sentences[-1] += " " + piece
            else:
                sentences.append(piece)
        sentences.append("")
    return [s for s in sentences if s]


def old_spans(body: str, text: str) -> int:
    pattern = re.compile(r"\s+".join(map(re.escape, text.split())))
    return sum(1 for _ in pattern.finditer(body))


def old_suggestions(known: int, unknown: int) -> float:
    rng = random.Random(20)
    archive = Archive(people=people(known, rng))
    names = [
        f"{rng.choice(synthetic._LAST)} {''.join(rng.choices(string.ascii_lowercase, k=7))}" for _ in range(unknown)
    ]
    every = list(archive._person_by_name)
    return cpu(lambda: [difflib.get_close_matches(normalize_name(n), every, n=3, cutoff=0.6) for n in names])


def before() -> None:
    print("| path (code before issue 20) | input | CPU seconds |")
    print("|---|---|---|")
    body = "Mr. " * (120 * 1024 // 4)
    print(f"| calendar sentence finder, once | 120 KB of 'Mr. ' | {cpu(lambda: old_sentences(body)):.1f} |")
    body, text = "a " * (1_700_000 // 2), "a " * 999 + "b"
    print(
        f"| reference matching | 2,000-character reference, 1.7 MB letter | {cpu(lambda: old_spans(body, text)):.1f} |"
    )
    print(f"| unknown-name hints | 11,000 unknown names, 10,000 people | {old_suggestions(10_000, 11_000):.1f} |")


def main() -> None:
    if "--before" in sys.argv:
        before()
        return
    print("| path | input | CPU seconds | at 10x the cap | ratio |")
    print("|---|---|---|---|---|")
    one, ten = sentence_finder(MAX_FILE_BYTES), sentence_finder(TEN * MAX_FILE_BYTES)
    print(
        f"| calendar sentence finder | letter of 'Mr. ': {MAX_FILE_BYTES // 2**20} MB, 1,000 hearings "
        f"| {one:.2f} | {ten:.2f} | {ten / one:.1f} |"
    )
    one, ten = reference_matching(MAX_FILE_BYTES, MAX_LINE), reference_matching(TEN * MAX_FILE_BYTES, TEN * MAX_LINE)
    print(
        f"| reference matching | {MAX_LINE:,}-character reference against a {MAX_FILE_BYTES // 2**20} MB letter "
        f"| {one:.2f} | {ten:.2f} | {ten / one:.1f} |"
    )
    one, ten = unknown_names(10_000, 11_000), unknown_names(TEN * 10_000, TEN * 11_000)
    print(f"| unknown-name hints | 11,000 unknown names, 10,000 people | {one:.2f} | {ten:.2f} | {ten / one:.1f} |")
    wall, size = check_with_unknown_names(10_000, 11_000)
    print(
        f"\n`docket check` of 11,000 unknown names against 10,000 people (people.yml {size // 1024} KB, "
        f"the YAML cap is {MAX_BYTES // 1024} KB): {wall:.1f} s wall clock"
    )


if __name__ == "__main__":
    main()
