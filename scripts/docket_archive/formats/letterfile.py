"""Writing a letter file: front matter in the documented order, with comments.

Used by `docket new` (optional fields present but commented out, so a
contributor sees what can be filled in) and `docket import` (fields the importer
was unsure of carry a `# REVIEW:` comment saying why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .safeyaml import dump
from .schemas import schema

REVIEW = "REVIEW"

# What to say about an optional field left empty (shown commented out, so a
# contributor sees what else can be filled in). The order of the fields is the
# schema's: one declaration, so the file, the form and `docket new` agree.
_EMPTY_HELP = {
    "id": "permanent id, only if the file may be renamed later",
    "sequence": "number in its series, where the letter states one ('sixth joint status letter' is 6)",
    "cc": "copy recipients, each with how it was sent, e.g. - {person: seymour-preston, via: e-mail}",
    "delivery": "how the letter was sent: FedEx, ECF, hand, e-mail...",
    "tags": "topics, e.g. [mediation, financing]",
    "references": "other letters (by date) and docket entries (by date and title) the letter refers to",
    "next_report_due": "YYYY-MM-DD, where the letter says when the next report is due",
    "docket_entry": "the letter's own docket number, from its filing header, e.g. {number: '20', filed: 2020-01-27}",
    "original": "the original file in originals/, with its sha256",
}
FIELD_ORDER: tuple[tuple[str, str], ...] = tuple(
    (name, _EMPTY_HELP.get(name, "")) for name in schema("letter")["properties"]
)


@dataclass
class LetterDraft:
    fields: dict[str, Any]
    body: str
    review: dict[str, str] = field(default_factory=dict)  # field -> why it needs a look


def render(draft: LetterDraft, show_empty_optional: bool = True) -> str:
    lines = ["---"]
    for name, help_text in FIELD_ORDER:
        value = draft.fields.get(name)
        if value is None or value == [] or value == {}:
            if show_empty_optional and help_text and name != "id":
                lines.append(f"# {name}:  # optional: {help_text}")
            continue
        lines += _field(name, value, draft.review.get(name))
    lines.append("---")
    return "\n".join(lines) + "\n\n" + draft.body.strip("\n") + "\n"


def _dump(data: Any, flow: bool) -> str:
    return dump(data, flow=flow, width=1000)


def _field(name: str, value: Any, review: str | None) -> list[str]:
    comment = f"  # {REVIEW}: {review}" if review else ""
    if name == "summary":
        wrapped = _wrap(str(value), 76)
        return [f"summary: >-{comment}"] + [f"  {line}" for line in wrapped]
    if _is_short_list(value):
        return [f"{name}: {_dump(value, flow=True).strip()}{comment}"]
    out = _dump({name: value}, flow=False).rstrip("\n").split("\n")
    out[0] += comment
    return out


def _is_short_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, (str, int)) for item in value)


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "letter"
