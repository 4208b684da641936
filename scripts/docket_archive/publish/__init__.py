"""The finished site: its Content-Security-Policy, its search index (our own, in
parts of whole months: searchindex, searchparts), and what another engine needs
(a docs folder, Zensical)."""

# Letters per part of the search index: a part's records of a word in every letter,
# and its list of letters, are what a first result costs at most
# (docs/performance.md). Here rather than in searchindex, which the command line
# would otherwise import for every command to show this default.
PART_LETTERS = 1000
