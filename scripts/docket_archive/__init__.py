"""Docket Archive: court status letters in, a cross-referenced static site out.

The folders are the stages, and data flows one way, down this list; a stage
imports only from the stages above it:

    domain/     Letter, Case, Person, Archive; Problem
    runtime/    work on every core, the build date, the terminal, every write (safewrite), the sandbox
    law/        case numbers, courts, names, citations
    formats/    the schemas, protected YAML, the letter file's one reader and writer, letter text to HTML
    load/       letters/ -> validated Archive + every problem (`docket check`)
    links/      previous/next, references, backlinks, mentions
    search/     the query language, what a query matches (the reference), standing searches
    site/       Archive -> pages and files (no MkDocs): paths, pages/, files/, templates/
    publish/    Content-Security-Policy, the search index (in parts), other engines
    serve/      the preview's caches and watch (`docket serve`)
    authoring/  `docket new`, `docket review`
    importer/   `docket import`: a letter's text or PDF -> a letter file

    cli.py      the `docket` command: declarations only, each calling its stage
    plugin.py   the thin MkDocs glue
"""

__version__ = "0.1.0"
