"""Docket Archive: court status letters in, a cross-referenced static site out.

Data flows one way:

    letters/ on disk
      -> loader.load_archive()      validated, immutable model.Archive + problems
      -> links.cross_link()         previous/next, references, backlinks
      -> pages.build_pages()        {path: Markdown text}, no MkDocs involved
      -> plugin (MkDocs) or `docket build --out DIR` writes them into a site
      -> search.index_site()        Pagefind index over the built HTML
"""

__version__ = "0.1.0"
