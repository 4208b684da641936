"""The finished site: its Content-Security-Policy, its search index (Pagefind, in
parts of whole months), and what another engine needs (a docs folder, Zensical)."""
