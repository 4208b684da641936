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

from docket_archive.domain.model import Archive
from docket_archive.load.check import load_valid
from docket_archive.runtime.terminal import echo

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

    def date(self, given: str | None, option: str, prompt: str, required: bool = True) -> date | None:
        """A date in any common form, shown back as YYYY-MM-DD to confirm where it was written otherwise."""
        while True:
            text: str | None = self.get(given, option, prompt, _text, None if required else "")
            if not text:
                return None
            try:
                when = read_date(text)
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


def ask_answers(archive: Archive, given: dict[str, Any], interactive: bool, text_file: Path | None) -> Answers:
    """Every answer, in the schema's order (scaffold.ASKED); exits listing every problem if any is left."""
    checks = Checks(archive)
    ask = Dialogue(checks, interactive)
    when = ask.date(given["letter_date"], "--date", "Date of the letter (e.g. 2009-07-06 or July 6, 2009)")
    if interactive and not given["case_key"]:
        for number, key in enumerate(sorted(archive.cases), start=1):
            item = archive.cases[key]
            echo(f"  {number}. {key}: {item.caption}, No. {item.number}", err=True)
    case = ask.get(given["case_key"], "--case", "Case (number, key or case number)", checks.case)
    # Suggestions are offered in a terminal; without one, nothing is assumed.
    type_default = "joint status letter" if interactive else None
    letter_type = ask.get(given["letter_type"], "--type", "Type", lambda t: checks.text(t, "a type"), type_default)
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
    authors = ask.many(given["authors"], "--author", "Author (name, alias or key)", checks.person, first_required=True)
    firm = ask.get(given["firm"], "--firm", "Firm of the first author", clean, authors[0].firm if authors else "")
    behalf = [clean(p) for p in given["on_behalf_of"]] or _split(
        ask.optional(None, "--on-behalf-of", "On behalf of (several: separate with ;)", clean), ";"
    )
    judge = archive.people.get(case.judge) if case else None
    addressees = _addressees(ask, given["addressee"], judge.name if judge else "")
    cc = ask.many(
        given["cc"], "--cc", "Copy to (name, alias or key)", partial(_copy, checks, ask), first_required=False
    )
    delivery = ask.optional(given["delivery"] or None, "--delivery", "Delivered by (FedEx, ECF, hand...)", clean) or ""
    summary = ask.get(given["summary"], "--summary", "Summary (one paragraph)", lambda t: checks.text(t, "a summary"))
    tags = given["tags"] or _split(ask.optional(None, "--tag", "Topics, separated by commas", clean), ",")
    references = _references(ask, given["references"], "letters") + _references(
        ask, given["order_references"], "docket"
    )
    due = ask.date(given["next_report_due"], "--next-report-due", "Next report due", required=False)
    _stop_if_wrong(ask, archive)
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
    check = ask.checks.person
    first = ask.get(
        given[0] if given else None, "--addressee", "Addressed to", lambda t: check(t) if clean(t) else None, judge
    )
    more = ask.many(given[1:], "--addressee", "Also addressed to", check, False) if len(given) != 1 else []
    return [person.key for person in [first, *more] if person]


def _split(text: str | None, separator: str) -> list[str]:
    return [part.strip() for part in (text or "").split(separator) if part.strip()]


def _copy(checks: Checks, ask: Dialogue, text: str) -> tuple[str, str]:
    """A copy recipient, 'person' or 'person:how sent'; in a terminal, how it was sent is asked."""
    name, colon, via = text.partition(":")
    person = checks.person(name)
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


def finish(answers: Answers, archive: Archive, letters: Path, interactive: bool) -> Path:
    """Check the file as `docket check` would, then write it, never over another."""
    path = letter_path(answers, letters)
    while path.exists():
        if not interactive:
            raise click.ClickException(
                f"{path} already exists; nothing was written. Choose another --slug, or edit that file."
            )
        echo(f"{path} already exists.", err=True)
        answers.slug = click.prompt("Another name for the file, after the date", err=True)
        path = letter_path(answers, letters)
    text = letter_text(answers, archive)
    problems = verify(path, text, letters)
    if problems:
        raise click.ClickException(
            "the new letter would not pass `docket check`:\n" + "\n".join(map(str, problems)) + "\nNothing was written."
        )
    try:
        write_new(path, text)
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from error
    return path


def new_letter(letters: Path, interactive: bool | None, text_file: Path | None, given: dict[str, Any]) -> Path:
    """`docket new`: ask what is missing or wrong, check the file as `docket check` would, write it; its path."""
    archive = load_valid(letters, lambda line: echo(line, err=True), warnings=False)
    if interactive is None:
        interactive = sys.stdin.isatty()
    answers = ask_answers(archive, given, interactive, text_file)
    return finish(answers, archive, letters, interactive)
