"""The archive's file formats: how each file is read and written, and nothing about what it means.

The JSON Schemas in `schema/` are the one declaration of every field (`schemas`
opens them and turns their errors into plain messages); `safeyaml` reads YAML
under protection (no anchors, aliases or tags, capped in size and depth) and
writes it; `letterfile` is the one reader and the one writer of a letter file;
`bodytext` renders a letter's Markdown text and sanitizes it.
"""
