"""The questions of `docket new`: each answer checked as it is given.

An answer given as an option is checked the same way as a typed one. In a
terminal a wrong answer is said and asked again; without one (or with
--no-interactive) every wrong or missing answer is collected and reported
together, and nothing is written.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import click

from docket_archive.domain.model import Archive, Case, Person
from docket_archive.formats.letterfile import slugify
from docket_archive.law import casenumbers
from docket_archive.load.archive import load_archive
from docket_archive.load.archivefiles import CASE_FILE, MAX_FILE_BYTES, PEOPLE_FILE
from docket_archive.runtime.safewrite import lexists
from docket_archive.runtime.terminal import count, echo

from .draft import (
    AnswerError,
    Answers,
    Checks,
    Reference,
    ScaffoldError,
    clean,
    clean_body,
    default_title,
    known_cases,
    letter_path,
    letter_text,
    next_sequence,
    read_date,
    read_due_date,
    registry_files,
    verify,
    write_new,
)

T = TypeVar("T")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class Dialogue:
    checks: Checks
    interactive: bool
    missing: list[str] = field(default_factory=list)  # options neither given nor askable
    wrong: list[str] = field(default_factory=list)  # options given with an unusable value

    def get(
        self, given: str | None, option: str, prompt: str, check: Callable[[str], T], default: str | None = None
    ) -> T | None:
        """The checked answer: from the option if it is right, else asked (in a terminal) until it is."""
        if given:
            try:
                return check(given)
            except AnswerError as error:
                if not self.interactive:
                    self.wrong.append(f"{option}: {error}")
                    return None
                echo(f"{option}: {error}", err=True)
        if not self.interactive:
            if default is None:
                self.missing.append(option)
                return None
            return check(default)
        return click.prompt(prompt, default=default, show_default=bool(default), value_proc=_reasking(check), err=True)

    def optional(self, given: str | None, option: str, prompt: str, check: Callable[[str], T]) -> T | None:
        """Like get, where a blank answer means the letter does not say."""
        return self.get(
            given, option, f"{prompt} (blank: none)", lambda text: check(text) if text.strip() else None, ""
        )

    def date(
        self,
        given: str | None,
        option: str,
        prompt: str,
        required: bool = True,
        read: Callable[[str], date] = read_date,
    ) -> date | None:
        """A date in any common form, shown back as YYYY-MM-DD to confirm where it was written otherwise."""
        while True:
            text: str | None = self.get(given, option, prompt, _text, None if required else "")
            if not text:
                return None
            try:
                when = read(text)
            except AnswerError as error:
                if not self.interactive:
                    self.wrong.append(f"{option}: {error}")
                    return None
                echo(f"Error: {error}", err=True)
                given = None
                continue
            if ISO.fullmatch(text.strip()) or not self.interactive:
                return when
            if click.confirm(
                f"  read as {when.isoformat()} ({when:%A, %B} {when.day}, {when.year}): right?", default=True, err=True
            ):
                return when
            given = None

    def many(
        self, given: tuple[str, ...], option: str, prompt: str, check: Callable[[str], T], first_required: bool
    ) -> list[T]:
        """A list: each given value checked, then (in a terminal, where none was given) asked one by one."""
        answers = [
            answer for answer in (self.get(value, option, prompt, check) for value in given) if answer is not None
        ]
        if given or not self.interactive:
            if first_required and not given and not self.interactive:
                self.missing.append(option)
            return answers
        while True:
            answer = (self.get if first_required and not answers else self.optional)(
                None, option, prompt if not answers else f"Another {prompt[0].lower()}{prompt[1:]}", check
            )
            if answer is None:
                return answers
            answers.append(answer)


def _text(text: str) -> str:
    return text


def _reasking(check: Callable[[str], T]) -> Callable[[str], T]:
    """click re-asks a prompt whose value_proc raises UsageError, after printing it."""

    def proc(text: str) -> T:
        try:
            return check(text)
        except AnswerError as error:
            raise click.UsageError(str(error)) from error

    return proc


def ask_answers(checks: Checks, given: dict[str, Any], interactive: bool, text_file: Path | None) -> Answers:
    """Every answer, in the schema's order (scaffold.ASKED); exits listing every problem if any is left.

    In a terminal, someone (or a case) the archive does not know can be added
    from inside the questions; every answer given so far is kept."""
    archive = checks.archive
    ask = Dialogue(checks, interactive)
    when = ask.date(given["letter_date"], "--date", "Date of the letter (e.g. 2009-07-06 or July 6, 2009)")
    if interactive and not given["case_key"]:
        for number, key in enumerate(sorted(archive.cases), start=1):
            item = archive.cases[key]
            echo(f"  {number}. {key}: {item.caption}, No. {item.number}", err=True)
    case = ask.get(given["case_key"], "--case", "Case (its number, caption or key)", partial(_case_or_new, ask))
    # Suggestions are offered in a terminal; without one, nothing is assumed.
    # Offered, not assumed: the type of the case's latest letter, and the types the archive uses.
    latest = checks.archive.latest_letter(case.key) if case else None
    type_default = latest.type if interactive and latest else None
    used = list(dict.fromkeys(letter.type for letter in reversed(checks.archive.letters)))[:4]
    type_prompt = f"Type (e.g. {', '.join(used or ['joint status letter', 'letter motion'])})"
    letter_type = ask.get(given["letter_type"], "--type", type_prompt, lambda t: checks.text(t, "a type"), type_default)
    title_default = default_title(letter_type, when) if letter_type and when else ""
    title = ask.get(given["title"], "--title", "Title", clean, title_default) or ""
    suggested = next_sequence(archive, case.key, letter_type) if case and letter_type else None
    sequence = ask.get(
        given["sequence"],
        "--sequence",
        "Number in its series (blank: none)",
        checks.sequence,
        str(suggested) if suggested and interactive else "",
    )
    author = partial(_person_or_new, ask, "attorney")
    authors = ask.many(given["authors"], "--author", "Author (name, alias or key)", author, first_required=True)
    firm = ask.get(given["firm"], "--firm", "Firm of the first author", clean, authors[0].firm if authors else "")
    behalf = [clean(p) for p in given["on_behalf_of"]] or _split(
        ask.optional(None, "--on-behalf-of", "On behalf of (several: separate with ;)", clean), ";"
    )
    judge = checks.archive.people.get(case.judge) if case else None
    addressees = _addressees(ask, given["addressee"], judge.name if judge else "")
    cc = ask.many(given["cc"], "--cc", "Copy to (name, alias or key)", partial(_copy, ask), first_required=False)
    delivery = ask.optional(given["delivery"] or None, "--delivery", "Delivered by (FedEx, ECF, hand...)", clean) or ""
    summary = ask.get(given["summary"], "--summary", "Summary (one paragraph)", lambda t: checks.text(t, "a summary"))
    tags = given["tags"] or _split(ask.optional(None, "--tag", "Topics, separated by commas", clean), ",")
    references = _references(ask, given["references"], "letters") + _references(
        ask, given["order_references"], "docket"
    )
    due = ask.date(
        given["next_report_due"],
        "--next-report-due",
        "Next report due (a date, or as the letter says it: in two weeks, within 30 days)",
        required=False,
        read=lambda text: read_due_date(text, when),
    )
    _stop_if_wrong(ask, checks.archive)
    if not (case and when and letter_type and summary):  # reported as missing or wrong above
        raise click.ClickException("Nothing was written.")
    return Answers(
        case=case.key,
        date=when,
        type=letter_type,
        authors=[person.key for person in authors],
        summary=summary,
        title=title,
        firm=firm or "",
        on_behalf_of=behalf,
        addressees=addressees,
        cc=cc,
        delivery=delivery,
        sequence=sequence,
        tags=list(tags),
        references=references,
        next_report_due=due,
        slug=given["slug"],
        body=_body(text_file, interactive),
    )


def _addressees(ask: Dialogue, given: tuple[str, ...], judge: str) -> list[str]:
    """Who the letter is addressed to: the case's judge unless said otherwise; several where given."""
    check = partial(_person_or_new, ask, "")
    first = ask.get(
        given[0] if given else None, "--addressee", "Addressed to", lambda t: check(t) if clean(t) else None, judge
    )
    more = ask.many(given[1:], "--addressee", "Also addressed to", check, False) if len(given) != 1 else []
    return [person.key for person in [first, *more] if person]


NEW = "new"  # typed where a name or a case is asked again: add it to the archive


def _person_or_new(ask: Dialogue, role: str, text: str) -> Person:
    """A person of the registry; in a terminal, someone it does not know can be added here."""
    checks = ask.checks
    try:
        return checks.person(text)
    except AnswerError as error:
        if not ask.interactive:
            raise AnswerError(f"{error} (or run `docket new` in a terminal to add them from the questions)") from error
    name = clean(text)
    close = checks.archive.close_people(name)
    echo(f"unknown person '{name}'" + (f": did you mean {', '.join(close)}?" if close else ""), err=True)
    again = click.prompt(
        f"  Type the name again, or '{NEW}' to add {name} as someone new", default="", show_default=False, err=True
    )
    if clean(again).lower() != NEW:
        if not clean(again):
            raise AnswerError(f"not added: type the name again, or '{NEW}' when asked to add {name}")
        return _person_or_new(ask, role, again)
    firm = click.prompt("  Their firm (blank: none)", default="", show_default=False, err=True)
    said_role = click.prompt("  Their role, as the letters give it (blank: none)", default=role, err=True)
    person = checks.add_person(name, firm, said_role)
    echo(f"  {person.name} is {person.key}: added to letters/people.yml with the letter.", err=True)
    return person


def _case_or_new(ask: Dialogue, text: str) -> Case:
    """A case of the registry; in a terminal, a case it does not know can be added here (its case.yml)."""
    checks = ask.checks
    try:
        return checks.case(text)
    except AnswerError as error:
        if not ask.interactive:
            raise AnswerError(
                f"{error} Or add letters/<case>/case.yml first (or run in a terminal to add it)."
            ) from error
        echo(str(error), err=True)
    again = click.prompt(
        f"  Type the case again (its number, key or caption), or '{NEW}' to add {clean(text)} as a new case",
        default="",
        show_default=False,
        err=True,
    )
    if clean(again).lower() != NEW:
        if not clean(again):
            raise AnswerError(f"not added: type the case again, or '{NEW}' when asked to add it")
        return _case_or_new(ask, again)
    number_given = casenumbers.parse(clean(text)) is not None
    key = click.prompt(
        "  Short name for the case (its folder: lower-case words joined by hyphens)",
        default=slugify(clean(text)),
        value_proc=_reasking(checks.new_case_key),
        err=True,
    )
    number = click.prompt(
        "  Case number",
        default=clean(text) if number_given else None,
        value_proc=_reasking(_needed("a case number")),
        err=True,
    )
    caption = click.prompt("  Caption", value_proc=_reasking(_needed("a caption")), err=True)
    court = click.prompt("  Court (its courts-db id or name, e.g. nysb)", value_proc=_reasking(checks.court), err=True)
    judge = click.prompt(
        "  Judge (name, alias or key)", value_proc=_reasking(partial(_person_or_new, ask, "judge")), err=True
    )
    case = checks.add_case(key, number, caption, court, judge)
    echo(f"  {case.key}: letters/{case.key}/case.yml is written with the letter.", err=True)
    return case


def _needed(what: str) -> Callable[[str], str]:
    def check(text: str) -> str:
        if not clean(text):
            raise AnswerError(f"{what} is needed")
        return clean(text)

    return check


def _split(text: str | None, separator: str) -> list[str]:
    return [part.strip() for part in (text or "").split(separator) if part.strip()]


def _copy(ask: Dialogue, text: str) -> tuple[str, str]:
    """A copy recipient, 'person' or 'person:how sent'; in a terminal, how it was sent is asked."""
    name, colon, via = text.partition(":")
    person = _person_or_new(ask, "", name)
    if not colon and ask.interactive:
        via = click.prompt(f"  how the copy to {person.name} was sent", default="e-mail", err=True)
    return person.key, clean(via)


_REFERENCE_PROMPTS = {
    "letters": ("--refers-to", "Date of an earlier letter it refers to"),
    "docket": ("--refers-to-order", "Date of a court order or docket entry it refers to"),
}


def _references(ask: Dialogue, given: tuple[str, ...], kind: str) -> list[Reference]:
    """References given as 'DATE how the letter names it', or asked one by one until a blank date."""
    option, prompt = _REFERENCE_PROMPTS[kind]
    found = []
    for value in given:
        when_text, _, text = value.strip().partition(" ")
        when = ask.date(when_text, option, prompt)
        name = ask.get(
            text, option, "  how the letter names it", lambda t: ask.checks.text(t, "how the letter names it")
        )
        if when and name:
            found.append(Reference(kind, when, name))
    if given or not ask.interactive:
        return found
    while (when := ask.date(None, option, prompt, required=False)) is not None:
        name = ask.get(
            None, option, "  how the letter names it", lambda t: ask.checks.text(t, "how the letter names it")
        )
        title = ask.optional(None, option, "  its title", clean) if kind == "docket" else ""
        found.append(Reference(kind, when, name or "", title or ""))
    return found


def _stop_if_wrong(ask: Dialogue, archive: Archive) -> None:
    if ask.wrong:
        raise click.ClickException("\n".join(ask.wrong) + "\nNothing was written.")
    if ask.missing:
        raise click.UsageError(
            f"missing {', '.join(ask.missing)} (or run in a terminal to be asked). Known cases: {known_cases(archive)}"
        )


def _body(text_file: Path | None, interactive: bool) -> str:
    """The letter's text: from --text, or pasted at the prompt (Word's invisible characters removed)."""
    if text_file is not None:
        if text_file.stat().st_size > MAX_FILE_BYTES:
            raise click.ClickException(
                f"{text_file} is larger than {MAX_FILE_BYTES // 2**20} MB, more than a letter file may hold; nothing was written"
            )
        return clean_body(text_file.read_text("utf-8"))
    if not interactive:
        return ""
    echo("Paste the letter's text, from the salutation to the signature, then a line with only a '.'", err=True)
    echo("(or just '.' to paste it into the file later):", err=True)
    stdin = sys.stdin  # the terminal, or the runner's input in tests
    lines = []
    for line in iter(stdin.readline, ""):
        if line.strip() == ".":
            break
        lines.append(line)
    return clean_body("".join(lines))


def finish(answers: Answers, checks: Checks, letters: Path, interactive: bool) -> Path:
    """Check the file (and what it adds to the registries) as `docket check` would, then write it, never over another."""
    path = letter_path(answers, letters)
    while lexists(path):
        if not interactive:
            raise click.ClickException(
                f"{path} already exists; nothing was written. Choose another --slug, or edit that file."
            )
        echo(f"{path} already exists.", err=True)
        answers.slug = click.prompt("Another name for the file, after the date", err=True)
        path = letter_path(answers, letters)
    text = letter_text(answers, checks.archive)
    try:
        registries = registry_files(checks, letters)
        problems = verify(path, text, letters, registries)
        if problems:
            raise click.ClickException(
                "the new letter would not pass `docket check`:\n"
                + "\n".join(map(str, problems))
                + "\nNothing was written."
            )
        for written in write_new(path, text, letters, registries)[:-1]:
            echo(f"{'updated' if written.name == PEOPLE_FILE else 'created'} {written}", err=True)
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from error
    return path


def _registries(letters: Path) -> Archive:
    """The archive to check answers against. Broken registries stop the command (every answer
    would be checked against them); a broken letter elsewhere does not: it is only mentioned."""
    archive, problems = load_archive(letters)
    in_registries = [p for p in problems.errors if p.path.endswith((f"/{PEOPLE_FILE}", f"/{CASE_FILE}"))]
    for problem in in_registries:
        echo(str(problem), err=True)
    if in_registries:
        raise click.ClickException(
            f"{count(len(in_registries), 'error')} in the registries: fix them first (`docket check` lists them)."
        )
    others = len(problems.errors)
    if others:
        echo(
            f"Note: {count(others, 'error')} in other letters (`docket check` lists them); this one is checked on its own.",
            err=True,
        )
    return archive


def new_letter(letters: Path, interactive: bool | None, text_file: Path | None, given: dict[str, Any]) -> Path:
    """`docket new`: ask what is missing or wrong, check the file as `docket check` would, write it; its path."""
    archive = _registries(letters)
    if interactive is None:
        interactive = sys.stdin.isatty()
    checks = Checks(archive)
    answers = ask_answers(checks, given, interactive, text_file)
    return finish(answers, checks, letters, interactive)
