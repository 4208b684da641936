"""Search: the query language and what it means, in plain Python.

    words       text -> words: normalised, stemmed, with their sentence and paragraph
    documents   a letter as search sees it: its text and its fields (case, author, ...)
    query       the query language: a parser with plain messages saying where
    reference   what a query matches, letter by letter: the meaning the browser must give
    standing    standing searches (letters/searches/): checked queries for the feeds

The browser runs the same language over the index `publish/searchindex.py`
writes (`docs/javascripts/search/`); the tests hold the two to each other
letter by letter, and the standing searches' feeds are built with `reference`.
"""
