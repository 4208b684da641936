"""The field reference is readable: no literal backslashes, field names whole."""

from __future__ import annotations

import re

from docket_archive.site.pages.fieldref import description, field_name, fields_reference


def test_no_markdown_escape_shows_as_a_backslash() -> None:
    page = fields_reference()
    assert "\\<" not in page and "\\_" not in page
    assert "Defaults to &lt;case&gt;/&lt;file name without .md&gt;." in page


def test_field_names_break_only_after_their_dots() -> None:
    assert field_name("authors[].person") == '<code class="docket-field">authors[].<wbr>person</code>'
    page = fields_reference()
    for name in re.findall(r'<code class="docket-field">(.*?)</code>', page):
        assert all(part.endswith(".") for part in name.split("<wbr>")[:-1]), name


def test_descriptions_are_escaped_and_keep_their_code_spans() -> None:
    assert description("Run `docket check` on <b>it</b> & see") == (
        "Run <code>docket check</code> on &lt;b&gt;it&lt;/b&gt; &amp; see"
    )


def test_every_cell_carries_its_column_for_the_phone_layout() -> None:
    page = fields_reference()
    cells = re.findall(r"<td[^>]*>", page)
    assert cells and all('data-label="' in cell for cell in cells)
