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
