"""A letter's fields are declared once, in the JSON Schema; everything else follows it.

Adding a field to the schema without teaching the loader to read it (or the
reverse) fails here, as does a Letter attribute that no field fills, and a
field the table names but the loader never reads into its attribute.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import yaml

from docket_archive.domain.model import Letter
from docket_archive.formats.letterfile import FIELD_ORDER
from docket_archive.formats.schemas import schema
from docket_archive.load.archive import load_archive
from docket_archive.load.fields import FIELDS

# Letter attributes that come from the file itself, not from a front matter field.
FROM_THE_FILE = {"source", "body", "body_line"}


def test_the_loader_reads_every_schema_field_and_nothing_else() -> None:
    assert list(FIELDS) == list(schema("letter")["properties"])


def test_every_letter_attribute_is_filled_by_a_field_or_the_file() -> None:
    filled = [name for field in FIELDS.values() for name in field.attributes]
    # sort_key and series are made from the others (`__post_init__`), not read
    attributes = {field.name for field in dataclasses.fields(Letter) if field.init}
    assert len(filled) == len(set(filled)), "two fields fill the same attribute"
    assert set(filled) <= attributes, set(filled) - attributes
    assert attributes - set(filled) == FROM_THE_FILE


def test_a_letter_with_every_field_set_has_every_attribute_filled(tmp_path: Path) -> None:
    """The table is what the loader runs: each attribute of a fully written letter differs from its default."""
    root = tmp_path / "letters"
    (root / "alpha" / "originals").mkdir(parents=True)
    (root / "beta").mkdir()
    original = root / "alpha" / "originals" / "2020-03-02-letter.txt"
    original.write_text("SYNTHETIC TEST LETTER, not a real court filing.\n")
    (root / "people.yml").write_text(
        "ada-judge: {name: Ada Judge, role: United States District Judge}\n"
        "pat-writer: {name: Pat Writer, firm: Example LLP}\n"
        "sam-copy: {name: Sam Copy}\n"
        "lee-head: {name: Lee Head, role: United States Attorney}\n"
    )
    # alpha has no case.yml: the letter describes it (new_case), and a new person (new_people).
    (root / "beta" / "case.yml").write_text(
        "number: '1:20-cv-00002'\ncaption: Synthetic v. Example\ncourt: nysd\njudge: ada-judge\n"
    )
    front = {
        "id": "alpha/2020-03-02-kept-id",
        "title": "Status letter",
        "date": "2020-03-02",
        "case": ["alpha", "beta"],
        "type": "status letter",
        "sequence": 2,
        "authors": [{"person": "pat-writer", "on_behalf_of": ["the parties"], "role": "Counsel"}],
        "signed_for": {"person": "lee-head", "role": "United States Attorney"},
        "addressee": "ada-judge",
        "cc": [{"person": "sam-copy", "via": "e-mail"}, {"person": "Kim Newcomer"}],
        "delivery": "ECF",
        "summary": "SYNTHETIC TEST LETTER: the parties report.",
        "tags": ["mediation"],
        "relief_requested": ["an adjournment"],
        "enclosures": ["a proposed order"],
        "endorsement": {"text": "SO ORDERED", "date": "2020-03-03", "by": "ada-judge"},
        "hearings": [{"date": "2020-04-01", "what": "status conference", "time": "10:00"}],
        "deadlines": [{"date": "2020-05-01", "what": "discovery closes"}],
        "references": {
            "letters": [{"text": "the letter of March 1, 2020", "date": "2020-03-01"}],
            "docket": [{"text": "ECF No. 7", "number": "7"}],
        },
        "next_report_due": "2020-03-16",
        "docket_entry": {"number": "20", "filed": "2020-03-02"},
        "original": {
            "path": "originals/2020-03-02-letter.txt",
            "sha256": hashlib.sha256(original.read_bytes()).hexdigest(),
        },
        "new_people": {"kim-newcomer": {"name": "Kim Newcomer", "firm": "Synthetic LLP"}},
        "new_case": {
            "number": "1:20-cv-00001",
            "caption": "Synthetic v. Example",
            "court": "nysd",
            "judge": "ada-judge",
        },
    }
    assert set(front) == set(schema("letter")["properties"]) - {"review"}
    letter_file = root / "alpha" / "2020-03-02-letter.md"
    letter_file.write_text(f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\nSYNTHETIC TEST LETTER.\n")
    archive, problems = load_archive(root)
    assert [str(p) for p in problems.errors] == []
    [letter] = archive.letters
    defaults = {field.name: field.default for field in dataclasses.fields(Letter)}
    unfilled = [name for name, default in defaults.items() if getattr(letter, name) == default]
    assert unfilled == []


def test_files_are_written_in_the_schema_order() -> None:
    assert [name for name, _ in FIELD_ORDER] == list(schema("letter")["properties"])


def test_the_case_schema_and_the_case_model_agree() -> None:
    from docket_archive.domain.model import Case

    fields = set(schema("case")["properties"])
    attributes = {field.name for field in dataclasses.fields(Case)}
    assert fields - attributes == {"docket_entries"} - attributes
    # status_marked: whether `status` was given; described_in: the letter describing a case with no case.yml
    assert attributes - fields == {"key", "source", "status_marked", "described_in"}


def test_the_people_schema_and_the_person_model_agree() -> None:
    from docket_archive.domain.model import Person

    fields = set(schema("people")["additionalProperties"]["properties"])
    assert {field.name for field in dataclasses.fields(Person)} - fields == {"key", "described_in"}
    assert fields - {field.name for field in dataclasses.fields(Person)} == set()
