"""The domain: letters, cases, people and the archive that holds them, and the problems found in them.

Frozen dataclasses and plain values; no file, YAML or MkDocs in sight. Every
other stage reads these; this stage reads none of them.
"""
