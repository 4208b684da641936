"""Loading `letters/` into a validated Archive, collecting every problem.

Layout (the single source of truth):

    letters/people.yml                       every person, once
    letters/<case>/case.yml                  the case, once
    letters/<case>/<YYYY-MM-DD>-<slug>.md    one letter
    letters/<case>/originals/<file>          original files the letters were transcribed from

A letter with errors is left out of the Archive, and its errors are reported;
the build refuses to run while there are errors, so no letter is ever silently
lost from the site.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import courts, frontmatter, safety
from .model import (
    Archive,
    Author,
    Case,
    CopyRecipient,
    DocketEntry,
    DocketReference,
    Letter,
    LetterReference,
    OriginalFile,
    Person,
)
from .problems import Problems
from .schemas import schema_errors
from .yamlsource import LocatedYaml, load_located

PEOPLE_FILE = "people.yml"
CASE_FILE = "case.yml"
ORIGINALS_DIR = "originals"
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
LETTER_NAME = re.compile(rf"^(?P<date>\d{{4}}-\d{{2}}-\d{{2}})-(?P<slug>{SLUG})\.md$")
CASE_KEY = re.compile(rf"^{SLUG}$")


@dataclass
class _Files:
    people: Path | None
    cases: list[Path]
    letters: list[Path]
    originals: set[str]


def load_archive(root: Path) -> tuple[Archive, Problems]:
    """Read and validate everything under `root` (the letters/ folder)."""
    root = Path(root)
    problems = Problems()
    if not root.is_dir():
        problems.error(
            root,
            1,
            "folder",
            "the letters folder does not exist",
            "run `docket check` on the archive's letters/ folder",
        )
        return Archive(), problems
    files = _classify(root, problems)
    people = _load_people(root, files.people, problems)
    resolver = PersonResolver(people)
    cases = {}
    for path in files.cases:
        case = _load_case(root, path, resolver, problems)
        if case:
            cases[case.key] = case
    letters = []
    for path in files.letters:
        letter = _load_letter(root, path, cases, resolver, files.originals, problems)
        if letter:
            letters.append(letter)
    letters.sort(key=lambda letter: letter.sort_key)
    archive = Archive(cases=cases, people=people, letters=tuple(letters))
    _check_across_letters(archive, problems)
    return archive, problems


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root.parent).as_posix() if root.parent != path else path.name


# -- which file is what -------------------------------------------------------


def _classify(root: Path, problems: Problems) -> _Files:
    files = _Files(people=None, cases=[], letters=[], originals=set())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        parts = path.relative_to(root).parts
        if _is_noise(parts):
            continue
        shown = _rel(root, path)
        if parts == (PEOPLE_FILE,):
            files.people = path
        elif len(parts) == 2 and parts[1] == CASE_FILE:
            if not CASE_KEY.match(parts[0]):
                problems.error(
                    shown,
                    1,
                    "file",
                    f"case folder '{parts[0]}' is not a valid case key",
                    "rename the folder to lower-case words joined by hyphens, e.g. lexington-precision",
                )
            files.cases.append(path)
        elif len(parts) == 2 and LETTER_NAME.match(parts[1]):
            files.letters.append(path)
        elif len(parts) == 3 and parts[1] == ORIGINALS_DIR:
            files.originals.add("/".join(parts))
        else:
            problems.error(shown, 1, "file", "file is outside the naming convention of letters/", _naming_hint(parts))
    if files.people is None:
        problems.error(
            _rel(root, root / PEOPLE_FILE),
            1,
            "file",
            "the people registry is missing",
            "create letters/people.yml listing every author, addressee and cc recipient",
        )
    return files


# Files that tools leave around and that are never archive content. Any other
# hidden file is reported: a letter saved as ".2009-06-22-x.md" must not vanish.
_NOISE_NAMES = {".gitkeep", ".gitignore", ".DS_Store", "Thumbs.db"}


def _is_noise(parts: tuple[str, ...]) -> bool:
    name = parts[-1]
    if any(part.startswith(".") for part in parts[:-1]):
        return True  # inside a hidden folder such as .git
    return name in _NOISE_NAMES or name.endswith(("~", ".swp", ".swo")) or name.startswith(".#")


def _naming_hint(parts: tuple[str, ...]) -> str:
    name = parts[-1]
    if name.endswith(".md") and len(parts) == 2:
        return f"name letters YYYY-MM-DD-slug.md in lower case, e.g. 2009-06-22-joint-status-letter.md (got '{name}')"
    if name.endswith(".md") and len(parts) != 2:
        return "put each letter directly in its case folder: letters/<case>/YYYY-MM-DD-slug.md"
    return "letters/ holds only people.yml, <case>/case.yml, <case>/YYYY-MM-DD-slug.md and <case>/originals/<file>; move or delete this file"


# -- reading files -----------------------------------------------------------


def _read_text(root: Path, path: Path, problems: Problems) -> str | None:
    shown = _rel(root, path)
    data = path.read_bytes()
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.error(
            shown,
            line,
            "file",
            "this is a binary file, not text",
            "letters are Markdown text; put scans and PDFs in the case's originals/ folder",
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            shown,
            line,
            "file",
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start})",
            "re-save the file as UTF-8 in your editor",
        )
        return None
    return text.lstrip("\ufeff").replace("\r\n", "\n")


def _located(
    root: Path, path: Path, text: str, first_line: int, schema_name: str, problems: Problems
) -> LocatedYaml | None:
    shown = _rel(root, path)
    located = load_located(text, first_line)
    for issue in located.issues:
        problems.error(shown, issue.line, issue.field, issue.message, issue.hint)
    if located.data is None:
        if not located.issues:
            problems.error(
                shown,
                first_line,
                "front matter",
                "no fields are given",
                "fill in the required fields (see docs/reference/fields.md)",
            )
        return None
    if not isinstance(located.data, dict):
        problems.error(
            shown,
            first_line,
            "front matter",
            "must be a set of 'field: value' lines",
            "see docs/reference/fields.md for the format",
        )
        return None
    for line, field, message, hint in schema_errors(schema_name, located):
        problems.error(shown, line, field, message, hint)
    return located


# -- people -------------------------------------------------------------------


class PersonResolver:
    """Finds a person by key, canonical name or alias (case-insensitive)."""

    def __init__(self, people: dict[str, Person]) -> None:
        self.people = people
        self._by_name: dict[str, str] = {}
        for person in people.values():
            for name in (person.key, person.name, *person.aliases):
                self._by_name.setdefault(_norm(name), person.key)

    def find(self, name: str) -> Person | None:
        key = self._by_name.get(_norm(name))
        return self.people.get(key) if key else None

    def suggest(self, name: str) -> str:
        import difflib

        close = difflib.get_close_matches(_norm(name), list(self._by_name), n=3, cutoff=0.6)
        keys = sorted({self._by_name[c] for c in close})
        if keys:
            return f"did you mean {', '.join(keys)}? Otherwise add the person to letters/people.yml"
        return "add the person to letters/people.yml, or use a key, name or alias listed there"


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


def _load_people(root: Path, path: Path | None, problems: Problems) -> dict[str, Person]:
    if path is None:
        return {}
    shown = _rel(root, path)
    text = _read_text(root, path, problems)
    located = _located(root, path, text, 1, "people", problems) if text is not None else None
    if located is None:
        return {}
    people: dict[str, Person] = {}
    claimed: dict[str, str] = {}
    for key, entry in located.data.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            continue  # already reported by the schema
        aliases = tuple(a for a in entry.get("aliases") or () if isinstance(a, str))
        person = Person(
            key=str(key),
            name=entry["name"],
            role=_str(entry.get("role")),
            firm=_str(entry.get("firm")),
            aliases=aliases,
        )
        for name in {_norm(person.name), *map(_norm, aliases)}:
            if name in claimed and claimed[name] != person.key:
                problems.error(
                    shown,
                    located.line_of((key,)),
                    str(key),
                    f"the name '{name}' also belongs to '{claimed[name]}'",
                    "a name or alias must point to one person; remove it from one of them",
                )
            claimed.setdefault(name, person.key)
        people[person.key] = person
    return people


# -- cases --------------------------------------------------------------------


def _load_case(root: Path, path: Path, people: PersonResolver, problems: Problems) -> Case | None:
    shown = _rel(root, path)
    text = _read_text(root, path, problems)
    located = _located(root, path, text, 1, "case", problems) if text is not None else None
    if located is None:
        return None
    data = located.data
    ok = True
    court = None
    if isinstance(data.get("court"), str):
        court = courts.court(data["court"])
        if court is None:
            ok = False
            close = courts.similar_ids(data["court"])
            problems.error(
                shown,
                located.line_of(("court",)),
                "court",
                f"'{data['court']}' is not a court id in courts-db",
                f"did you mean {', '.join(close)}?"
                if close
                else "use the court's courts-db id, e.g. nysb for the Bankruptcy Court, S.D.N.Y.",
            )
    judge = _person(data.get("judge"), ("judge",), located, people, shown, problems)
    entries = []
    for _index, entry in enumerate(data.get("docket_entries") or []):
        when = _date(entry.get("date")) if isinstance(entry, dict) else None
        if when and isinstance(entry.get("title"), str):
            entries.append(DocketEntry(when, entry["title"], _str(entry.get("number")), _str(entry.get("note"))))
    if not (ok and court and judge and isinstance(data.get("number"), str) and isinstance(data.get("caption"), str)):
        return None
    chapter = data.get("chapter") if isinstance(data.get("chapter"), int) else None
    return Case(
        key=path.parent.name,
        number=data["number"],
        caption=data["caption"],
        court=court,
        judge=judge,
        chapter=chapter,
        summary=_str(data.get("summary")),
        docket_entries=tuple(sorted(entries, key=lambda e: e.date)),
        source=shown,
    )


# -- letters ------------------------------------------------------------------


def _load_letter(
    root: Path,
    path: Path,
    cases: dict[str, Case],
    people: PersonResolver,
    originals: set[str],
    problems: Problems,
) -> Letter | None:
    shown = _rel(root, path)
    before = len(problems.errors)
    text = _read_text(root, path, problems)
    if text is None:
        return None
    try:
        parts = frontmatter.split(text)
    except frontmatter.FrontMatterError as exc:
        problems.error(shown, exc.line, "front matter", exc.message, exc.hint)
        return None
    for line, what, fix in safety.unsafe_content(parts.body, parts.body_line):
        problems.error(shown, line, "body", what, fix)
    located = _located(root, path, parts.yaml_text, parts.yaml_first_line, "letter", problems)
    if located is None:
        return None
    data: dict[str, Any] = located.data
    line = located.line_of

    # The file name carries the date so that folders sort chronologically; the
    # two must agree or the archive's order would silently be wrong.
    name_date = LETTER_NAME.match(path.name)["date"]
    letter_date = _date(data.get("date"))
    if letter_date and name_date != letter_date.isoformat():
        problems.error(
            shown,
            line(("date",)),
            "date",
            f"the date {letter_date.isoformat()} differs from the date {name_date} in the file name",
            f"rename the file to {letter_date.isoformat()}-{path.name[11:]} or correct the date",
        )
    if not _is_real_date(name_date):
        problems.error(
            shown,
            1,
            "file",
            f"the file name's date {name_date} does not exist",
            "rename the file with the letter's real date",
        )

    case_key = data.get("case")
    case = cases.get(case_key) if isinstance(case_key, str) else None
    if isinstance(case_key, str) and case is None:
        known = ", ".join(sorted(cases)) or "none yet"
        problems.error(
            shown,
            line(("case",)),
            "case",
            f"unknown case '{case_key}'",
            f"use one of the registered cases ({known}), or add letters/{case_key}/case.yml",
        )
    elif case is not None and case_key != path.parent.name:
        problems.error(
            shown,
            line(("case",)),
            "case",
            f"the letter is in folder '{path.parent.name}' but names case '{case_key}'",
            f"move the file to letters/{case_key}/ or correct the case",
        )

    authors = []
    for index, author in enumerate(data.get("authors") or []):
        if isinstance(author, dict):
            person = _person(author.get("person"), ("authors", index, "person"), located, people, shown, problems)
            if person:
                firm = _str(author.get("firm")) or people.people[person].firm
                behalf = tuple(p for p in author.get("on_behalf_of") or () if isinstance(p, str))
                authors.append(Author(person, firm, behalf))
    raw_addressees = data.get("addressee")
    addressee_list = (
        [raw_addressees]
        if isinstance(raw_addressees, str)
        else raw_addressees
        if isinstance(raw_addressees, list)
        else []
    )
    addressees = []
    for index, name in enumerate(addressee_list):
        where = ("addressee",) if isinstance(raw_addressees, str) else ("addressee", index)
        person = _person(name, where, located, people, shown, problems)
        if person:
            addressees.append(person)
    cc = []
    for index, entry in enumerate(data.get("cc") or []):
        if isinstance(entry, dict):
            person = _person(entry.get("person"), ("cc", index, "person"), located, people, shown, problems)
            if person:
                cc.append(CopyRecipient(person, _str(entry.get("via"))))

    references = data.get("references") if isinstance(data.get("references"), dict) else {}
    letter_refs = []
    for index, ref in enumerate(references.get("letters") or []):
        if not isinstance(ref, dict) or not isinstance(ref.get("text"), str):
            continue
        ref_case = ref.get("case") if isinstance(ref.get("case"), str) else case_key
        if isinstance(ref.get("case"), str) and ref["case"] not in cases:
            problems.error(
                shown,
                line(("references", "letters", index, "case")),
                f"references.letters.{index}.case",
                f"unknown case '{ref['case']}'",
                f"use one of: {', '.join(sorted(cases))}",
            )
        letter_refs.append(
            LetterReference(
                text=ref["text"],
                case=ref_case if isinstance(ref_case, str) else "",
                date=_date(ref.get("date")),
                id=_str(ref.get("id")),
                type=_str(ref.get("type")),
                sequence=ref.get("sequence") if isinstance(ref.get("sequence"), int) else None,
                line=line(("references", "letters", index)),
            )
        )
    docket_refs = []
    for index, ref in enumerate(references.get("docket") or []):
        when = _date(ref.get("date")) if isinstance(ref, dict) else None
        if when and isinstance(ref.get("text"), str):
            ref_case = ref.get("case") if isinstance(ref.get("case"), str) else case_key
            docket_refs.append(
                DocketReference(
                    ref["text"], when, _str(ref.get("title")), ref_case if isinstance(ref_case, str) else ""
                )
            )

    original = None
    raw_original = data.get("original")
    if (
        isinstance(raw_original, dict)
        and isinstance(raw_original.get("path"), str)
        and isinstance(raw_original.get("sha256"), str)
    ):
        relative = f"{path.parent.name}/{raw_original['path']}"
        if relative not in originals:
            problems.error(
                shown,
                line(("original", "path")),
                "original.path",
                f"the original file {relative} is not in the archive",
                f"add the file as letters/{relative} or correct the path",
            )
        else:
            actual = hashlib.sha256((root / relative).read_bytes()).hexdigest()
            if actual != raw_original["sha256"]:
                problems.error(
                    shown,
                    line(("original", "sha256")),
                    "original.sha256",
                    "does not match the original file's content",
                    f"if the file is the right one, set `sha256: {actual}`",
                )
            original = OriginalFile(relative, raw_original["sha256"])

    if len(problems.errors) > before:
        return None
    stem = path.name[: -len(".md")]
    return Letter(
        id=_str(data.get("id")) or f"{case_key}/{stem}",
        source=shown,
        title=data["title"],
        date=letter_date,
        case=case_key,
        type=data["type"],
        authors=tuple(authors),
        addressees=tuple(addressees),
        summary=data["summary"].strip(),
        body=parts.body,
        body_line=parts.body_line,
        sequence=data.get("sequence"),
        cc=tuple(cc),
        delivery=_str(data.get("delivery")),
        tags=tuple(data.get("tags") or ()),
        letter_references=tuple(letter_refs),
        docket_references=tuple(docket_refs),
        next_report_due=_date(data.get("next_report_due")),
        original=original,
    )


def _person(
    value: Any, where: tuple, located: LocatedYaml, people: PersonResolver, shown: str, problems: Problems
) -> str | None:
    if not isinstance(value, str):
        return None  # missing or wrong type: the schema has reported it
    person = people.find(value)
    if person is None:
        problems.error(
            shown, located.line_of(where), ".".join(map(str, where)), f"unknown person '{value}'", people.suggest(value)
        )
        return None
    return person.key


# -- checks that need every letter ---------------------------------------------


def _check_across_letters(archive: Archive, problems: Problems) -> None:
    by_id: dict[str, list[Letter]] = defaultdict(list)
    for letter in archive.letters:
        by_id[letter.id].append(letter)
    for letter_id, same in by_id.items():
        for letter in same[1:]:
            problems.error(
                letter.source,
                1,
                "id",
                f"another letter has the same id '{letter_id}': {same[0].source}",
                "each letter needs its own file name within its case; rename one of them",
            )
    series: dict[tuple[str, str, int], Letter] = {}
    for letter in archive.letters:
        if letter.sequence is None:
            continue
        key = (letter.case, letter.type.lower(), letter.sequence)
        if key in series:
            problems.warning(
                letter.source,
                1,
                "sequence",
                f"{series[key].source} is also {letter.type} no. {letter.sequence} of this case",
                "check the sequence numbers: is one letter archived twice?",
            )
        series[key] = letter

    from .links import LetterIndex  # links builds on the loaded archive

    index = LetterIndex(archive)
    for letter in archive.letters:
        for ref in letter.letter_references:
            if index.find(ref) is None:
                problems.warning(
                    letter.source,
                    ref.line,
                    "references.letters",
                    f"'{ref.text}' is not in the archive",
                    "fine if that letter was never archived; add it to letters/ to link it",
                )


def _date(value: Any) -> date | None:
    if isinstance(value, str) and _is_real_date(value):
        return date.fromisoformat(value)
    return None


def _is_real_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", text))


def _str(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
