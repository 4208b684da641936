"""letters/ into a validated Archive, with every problem found.

Which file is what (`archivefiles`), the registries, each letter through the
table of fields (`fields`), the checks across letters, and `docket check
FILE`'s check of the given files against the others (`givenfiles`).
"""
