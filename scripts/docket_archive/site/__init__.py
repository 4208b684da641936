"""The Archive in, the site's pages and files out, with no MkDocs.

`paths` knows every URL; `groupings` computes the site's lists once;
`build.build_pages` runs one builder per page kind (`pages/`) and per kind of
file (`files/`: feeds, calendars, exports, the form's data); `templates/`
holds the HTML, autoescaped.
"""
