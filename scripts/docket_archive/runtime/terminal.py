"""Printing to the terminal text that may come from a letter.

A letter, or a file given to `docket import`, may hold escape sequences that
clear the screen, retitle the window or fake a command's output. Everything
the commands print goes through `echo`, which shows control characters as \\xNN.
"""

from __future__ import annotations

import click

from docket_archive.domain.problems import printable


def echo(message: object = "", err: bool = False) -> None:
    click.echo(printable(str(message)), err=err)


class Refusal(Exception):
    """A command that stops with a message for the person (never a traceback): nothing was written,
    or the message says what was. The `docket` command prints it as `Error: ...` and exits 1."""


def count(number: int, one: str, many: str = "") -> str:
    """A count in words, as a person writes it: 'no errors', '1 error', '3 errors' ('1 person', '9 people')."""
    plural = many or f"{one}s"
    if number == 0:
        return f"no {plural}"
    return f"{number} {one if number == 1 else plural}"
