"""Building the archive with Zensical, Material for MkDocs' successor, instead of MkDocs.

Material for MkDocs reaches end of life on May 5, 2027. Zensical reads
`mkdocs.yml` but runs no MkDocs plugins, so the docket plugin's work is done
around it:

    docket build --for zensical --out build/docs    # every page, as Markdown
    docket zensical-config --docs build/docs --site build/site --out build/mkdocs.yml
    zensical build -f build/mkdocs.yml              # the HTML site
    docket search-index build/site                  # the search index and the security policy

This module writes the configuration for the middle step: the project's own
mkdocs.yml pointed at the generated docs, without the docket plugin, and with
Zensical's built-in search off (it would ship every letter's text to every
visitor as one search.json; the site's search is our own index, loaded in parts).
It also mends what Zensical does differently: it reads a relative link in raw
HTML as relative to the Markdown file, as it does a Markdown link, where MkDocs
leaves raw HTML as it is (relative to the page's URL). For a page that is not
an index (`people/firms.md`, published as `people/firms/`) the two differ by a
folder, so `docket build --for zensical` writes the HTML links of every page,
generated and hand-written, relative to its file.
"""

from __future__ import annotations

import importlib.util
import os
import posixpath
import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from docket_archive.runtime.safewrite import UnsafeWrite, make_given_folder, replace_text
from docket_archive.runtime.terminal import Refusal
from docket_archive.site.build import GeneratedSite
from docket_archive.site.paths import page_url

from . import csp

_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_NOSCRIPT = re.compile(r"(<noscript\b.*?</noscript>)", re.DOTALL | re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def for_zensical(site: GeneratedSite) -> GeneratedSite:
    """The same pages with their HTML links relative to their source files, as Zensical reads them."""
    pages = {path: replace(page, content=links_from_source(path, page.body)) for path, page in site.pages.items()}
    return replace(site, pages=pages)


def rebase_docs(docs_dir: Path, out_dir: Path) -> None:
    """The hand-written pages copied from `docs_dir` into `out_dir`, their HTML links made relative to their files."""
    for source in sorted(Path(docs_dir).rglob("*.md")):
        relative = source.relative_to(docs_dir).as_posix()
        written = out_dir / relative
        replace_text(written, links_from_source(relative, written.read_text("utf-8")), within=out_dir)


def links_from_source(path: str, text: str) -> str:
    """`text` of the page at `path` with each relative href and src made relative to the file, not the URL."""
    if path == "index.md" or path.endswith("/index.md") or not path.endswith(".md"):
        return text  # an index page's file and URL are in the same folder: nothing to change
    page_dir, source_dir = page_url(path), posixpath.dirname(path) or "."

    def rebase(match: re.Match[str]) -> str:
        link = match.group(2)
        if not link or link.startswith(("#", "/", "?")) or _SCHEME.match(link):
            return match.group(0)
        cut = re.search(r"[#?]", link)
        target, suffix = (link[: cut.start()], link[cut.start() :]) if cut else (link, "")
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(page_dir, target)), source_dir)
        if target.endswith("/"):
            moved = moved.rstrip("/") + "/"
        return match.group(1) + moved + suffix + match.group(3)

    # Zensical leaves the inside of <noscript> as text, links and all: so do we.
    parts = _NOSCRIPT.split(text)
    return "".join(part if part.startswith("<noscript") else _LINK.sub(rebase, part) for part in parts)


def zensical_config(mkdocs_yml: Path, docs_dir: Path, site_dir: Path, out: Path) -> str:
    """The text of a Zensical configuration to be written at `out`."""
    config: dict[str, Any] = yaml.safe_load(mkdocs_yml.read_text("utf-8"))
    config["docs_dir"] = os.path.relpath(docs_dir, out.parent)
    config["site_dir"] = os.path.relpath(site_dir, out.parent)
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        # The theme's overrides stay where they are: relative to the new file.
        theme["custom_dir"] = os.path.relpath(mkdocs_yml.parent / theme["custom_dir"], out.parent)
    plugins = [p for p in config.get("plugins") or [] if _plugin_name(p) not in ("docket", "search")]
    config["plugins"] = [*plugins, {"search": {"enabled": False}}]
    return HEADER + yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


HEADER = "# Written by `docket zensical-config` from mkdocs.yml: edit that file, not this one.\n"


def write_zensical_config(mkdocs_yml: Path, docs_dir: Path, site_dir: Path, out: Path) -> None:
    """`docket zensical-config`: the configuration written to `out`, a new file or one this command wrote.

    Any other file there (a registry, someone's notes) is refused, not replaced."""
    text = zensical_config(mkdocs_yml, docs_dir, site_dir, out)
    if out.is_file() and not out.is_symlink():
        with out.open("rb") as existing:
            ours = existing.read(len(HEADER.encode())) == HEADER.encode()
        if not ours:
            raise Refusal(f"{out} exists and was not written by `docket zensical-config`; choose another --out")
    try:
        make_given_folder(out.parent)
        replace_text(out, text)
    except UnsafeWrite as error:
        raise Refusal(str(error)) from error


def trusted_scripts(mkdocs_yml: Path) -> frozenset[str]:
    """The hashes of the inline scripts a site built from `mkdocs_yml` may run: those of its
    overrides (theme.custom_dir) and of the themes that can build it (Zensical's, Material's)."""
    loaded = yaml.safe_load(mkdocs_yml.read_text("utf-8")) if mkdocs_yml.is_file() else {}
    config: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
    theme: dict[str, Any] = config["theme"] if isinstance(config.get("theme"), dict) else {}
    folders = [mkdocs_yml.parent / theme["custom_dir"]] if isinstance(theme.get("custom_dir"), str) else []
    for engine in ("zensical", "material"):
        spec = importlib.util.find_spec(engine)
        if spec is not None and spec.origin:
            folders.append(Path(spec.origin).parent / "templates")
    extra: dict[str, Any] = config["extra"] if isinstance(config.get("extra"), dict) else {}
    root = urlsplit(str(config.get("site_url") or "")).path or "/"
    return csp.trusted_hashes([f for f in folders if f.is_dir()], scope=str(extra.get("scope") or ""), roots=[root])


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "") if isinstance(entry, dict) else ""
