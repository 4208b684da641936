"""The finished site: its Content-Security-Policy, its search index (our own, in
parts of whole months: searchindex, searchparts), and what another engine needs
(a docs folder, Zensical)."""
