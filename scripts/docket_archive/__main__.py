"""`python -m docket_archive`: the `docket` command."""

from docket_archive.cli import main

main()
