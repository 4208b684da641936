"""`docket import FILE`: plan the letter file, show or write it, and say what a person must look at."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docket_archive.runtime.terminal import Refusal

from .extract import ExtractionError
from .plan import ImportPlan, plan_import, refuse_overwrite, write

Say = Callable[..., None]  # say(text, err=False)


def import_letter(source: Path, letters: Path, cases: tuple[str, ...], name: str, dry_run: bool, say: Say) -> None:
    plan = _plan(source, letters, cases, name)
    if dry_run:
        _show(plan, say)
    else:
        _write(plan, letters, say)
    _report(plan, dry_run, say)


def _plan(source: Path, letters: Path, cases: tuple[str, ...], name: str) -> ImportPlan:
    try:
        return plan_import(source, letters, cases=cases, name=name)
    except ExtractionError as error:
        raise Refusal(str(error.problem(str(source)))) from error
    except Exception as error:  # a letter no reader expected: say so plainly; nothing has been written yet
        raise Refusal(
            f"{source}: the importer could not read this letter ({type(error).__name__}: {error}). Nothing was written. "
            "Please report it with the file; meanwhile `docket new` makes the letter file by hand."
        ) from error


def _show(plan: ImportPlan, say: Say) -> None:
    try:
        refuse_overwrite(plan)
    except ExtractionError as error:
        raise Refusal(str(error)) from error
    say(plan.letter_text)
    say(f"would write {plan.letter_path}", err=True)
    say(f"would copy the original to {plan.original_path}", err=True)
    for path, added in plan.additions.items():
        verb = "add to" if path.exists() else "create"
        say(f"would {verb} {path}:\n" + "".join(f"    {line}\n" for line in added.splitlines()), err=True)


def _write(plan: ImportPlan, letters: Path, say: Say) -> None:
    existed = {path: path.exists() for path in plan.registry_changes}  # before: said as created or updated
    try:
        write(plan, letters)
    except ExtractionError as error:
        raise Refusal(str(error)) from error
    except OSError as error:
        raise Refusal(f"cannot write the letter ({error}); check the folder's permissions") from error
    say(str(plan.letter_path))
    for path in plan.registry_changes:
        say(f"{'updated' if existed[path] else 'created'} {path}", err=True)


def _report(plan: ImportPlan, dry_run: bool, say: Say) -> None:
    # Every line taken out of the text, whatever it was classed as: a line misread
    # as heading or cc would otherwise appear nowhere but in the original.
    if plan.removed:
        lines = "1 line" if len(plan.removed) == 1 else f"{len(plan.removed)} lines"
        say(f"removed from the text ({lines}, kept in the original):", err=True)
        for item in plan.removed:
            say(f"  {item}", err=True)
    for field_name, why in plan.review.items():
        say(f"review {field_name}: {why}", err=True)
    if not dry_run:
        say(f"Next: docket review {plan.letter_path}   (then docket check)", err=True)
