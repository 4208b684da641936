"""A letter's fields are declared once, in the JSON Schema; everything else follows it.

Adding a field to the schema without teaching the loader to read it (or the
reverse) fails here, as does a Letter attribute that no field fills.
"""

from __future__ import annotations

import dataclasses

from docket_archive.domain.model import Letter
from docket_archive.formats.letterfile import FIELD_ORDER
from docket_archive.formats.schemas import schema
from docket_archive.load.fields import READERS

# Letter attributes that come from the file itself, not from a front matter field.
FROM_THE_FILE = {"source", "body", "body_line"}


def test_the_loader_reads_every_schema_field_and_nothing_else() -> None:
    assert list(READERS) == list(schema("letter")["properties"])


def test_every_letter_attribute_is_filled_by_a_field_or_the_file() -> None:
    filled = {name for names in READERS.values() for name in names.split()}
    attributes = {field.name for field in dataclasses.fields(Letter)}
    assert filled <= attributes, filled - attributes
    assert attributes - filled == FROM_THE_FILE


def test_files_are_written_in_the_schema_order() -> None:
    assert [name for name, _ in FIELD_ORDER] == list(schema("letter")["properties"])


def test_the_case_schema_and_the_case_model_agree() -> None:
    from docket_archive.domain.model import Case

    fields = set(schema("case")["properties"])
    attributes = {field.name for field in dataclasses.fields(Case)}
    assert fields - attributes == {"docket_entries"} - attributes
    assert attributes - fields == {"key", "source", "status_marked"}  # status_marked: whether `status` was given


def test_the_people_schema_and_the_person_model_agree() -> None:
    from docket_archive.domain.model import Person

    fields = set(schema("people")["additionalProperties"]["properties"])
    assert {field.name for field in dataclasses.fields(Person)} - fields == {"key"}
    assert fields - {field.name for field in dataclasses.fields(Person)} == set()
