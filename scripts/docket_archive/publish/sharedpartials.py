"""The parts of the theme's page that letter pages share, rendered once and reused.

Every page renders the theme's navigation sidebar, its tabs and its table of
contents; on a letter page they were two fifths of the theme's work. A letter
page is never in the nav, so nothing in the nav is active on it, and what the
nav and the tabs show on it depends on the page only through:

- the links they make, relative to the page (the `url` filter): the same for
  every page whose links to the nav's pages come out the same, which is every
  letter page at the same depth;
- the trail of where the page sits (`partials/docket-trail.html`, inside the
  nav), the one part that is the page's own: the nav is kept with a hole
  there, and the trail rendered into it for each page;
- the tabs: which tab the page names in its front matter (`docket_tab`).

The table of contents depends only on the page's headings, which letter
pages share a handful of sets of.

So a theme environment is laid over MkDocs' own (`Environment.overlay`, the
same filters, globals and templates) in which these partials are Python
templates: each looks up its output by a key holding everything it depends
on, and renders the theme's own partial (from MkDocs' environment, with the
very context the include would have given it) the first time a key is seen.
The output is byte for byte the theme's (tests/test_letter_pages.py builds a
site with MkDocs' own loop and with this, and compares every file).

The key's links are those of every URL in the nav, made relative to the page
by the theme's own `url` filter; the first rendering of each key runs with a
`url` filter that notes what it is given, and should the partial link to
anything else (a theme that changed) the partial is never reused again: each
page then renders it whole, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any

import jinja2
from jinja2.runtime import Context
from jinja2.utils import concat
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation

TRAIL = "partials/docket-trail.html"
NAV = "partials/nav.html"
TABS = "partials/tabs.html"
TOC = "partials/toc.html"

# Where the trail goes in a kept nav: a character no template or title writes
# (checked: a nav whose rendering holds it other than once is not kept).
_HOLE = "\x00docket-trail\x00"
# Keys kept per partial: letter pages share a few; past this many, a partial is
# rendered whole rather than filling memory with outputs that are not shared.
MOST_KEYS = 64

Root = Callable[[Context], Iterator[str]]


class SharedPartials:
    """A theme environment for pages kept out of the nav, in which the nav, tabs and table
    of contents are rendered once per key and reused (`env`)."""

    def __init__(self, env: jinja2.Environment, nav: Navigation, config: MkDocsConfig) -> None:
        self.base = env
        self.targets = _nav_urls(nav, config)
        self.kept: dict[str, dict[Hashable, tuple[str, ...]]] = {NAV: {}, TABS: {}, TOC: {}}
        self.unshared: set[str] = set()  # partials that link to something the key does not hold
        self._links: tuple[Any, tuple[str, ...]] | None = None  # the last page and its links
        self._seen: list[str] = []
        url = env.filters["url"]
        theme_loader = env.loader
        if theme_loader is None:  # pragma: no cover - MkDocs' theme always has one
            raise ValueError("the theme's environment has no loader")

        @jinja2.pass_context
        def noting_url(context: Context, value: Any) -> str:
            self._seen.append(str(value))
            return str(url(context, value))

        # Where a partial is rendered the first time: the theme's own, but the trail is a hole
        # and the links it makes are noted.
        self.holed = env.overlay(loader=jinja2.ChoiceLoader([_PythonLoader({TRAIL: _hole}), theme_loader]))
        self.holed.filters = {**env.filters, "url": noting_url}
        roots: dict[str, Root] = {NAV: self._nav, TABS: self._tabs, TOC: self._toc}
        self.env = env.overlay(loader=jinja2.ChoiceLoader([_PythonLoader(roots), theme_loader]))

    def _nav(self, context: Context) -> Iterator[str]:
        kept = self._kept(NAV, self._page_links(context), context)
        if kept is None:
            yield from _render(self.base, NAV, context)
            return
        head, tail = kept
        yield head
        yield from _render(self.base, TRAIL, context)
        yield tail

    def _tabs(self, context: Context) -> Iterator[str]:
        meta = getattr(context.get("page"), "meta", None)
        # Jinja reads `page.meta.docket_tab` of a dict as the dict's item
        key = (
            (self._page_links(context), type(meta.get("docket_tab")), meta.get("docket_tab"))
            if type(meta) is dict
            else None
        )
        kept = self._kept(TABS, key, context)
        yield from _render(self.base, TABS, context) if kept is None else kept

    def _toc(self, context: Context) -> Iterator[str]:
        kept = self._kept(TOC, _toc_key(getattr(context.get("page"), "toc", None)), context)
        yield from _render(self.base, TOC, context) if kept is None else kept

    def _page_links(self, context: Context) -> tuple[str, ...]:
        """Every URL of the nav as the `url` filter writes it on this page (and the base URL)."""
        page = context.get("page")
        if self._links is not None and self._links[0] is page:
            return self._links[1]  # the nav and the tabs of the same page
        url = self.base.filters["url"]
        where = {"page": page, "base_url": context.get("base_url")}
        links = (str(where["base_url"]), *(str(url(where, target)) for target in self.targets))
        self._links = (page, links)
        return links

    def _kept(self, name: str, key: Hashable | None, context: Context) -> tuple[str, ...] | None:
        """The partial's output kept for `key` (for the nav, the parts before and after the
        trail), rendering it the first time; None where it is not to be reused."""
        if key is None or name in self.unshared:
            return None
        kept = self.kept[name]
        try:
            found = kept.get(key)
        except TypeError:  # a value in the key that cannot be hashed: not kept
            return None
        if found is not None:
            return found
        self._seen = []
        output = concat(_render(self.holed, name, context))
        if not set(self._seen) <= self.targets:
            self.unshared.add(name)  # links to something the key does not hold: never reused
            return None
        parts = tuple(output.split(_HOLE))
        if len(parts) != (2 if name == NAV else 1):
            return None
        if len(kept) < MOST_KEYS:
            kept[key] = parts
        return parts


def _render(env: jinja2.Environment, name: str, context: Context) -> Iterator[str]:
    """The template `name` of `env`, rendered as an include in `context` renders it."""
    template = env.get_template(name)
    return template.root_render_func(template.new_context(context.get_all(), True))


def _hole(context: Context) -> Iterator[str]:
    yield _HOLE


def _nav_urls(nav: Navigation, config: MkDocsConfig) -> frozenset[str]:
    """Every URL the nav can link to: its pages and links, the home page, the logo."""
    found: set[str] = set()
    items = list(nav.items)
    while items:
        item = items.pop()
        url = getattr(item, "url", None)
        if url is not None:
            found.add(str(url))
        items.extend(getattr(item, "children", None) or ())
    if nav.homepage is not None:
        found.add(str(nav.homepage.url))
    extra: Any = config.extra or {}
    theme = config.theme
    for value in (extra.get("homepage"), theme.get("logo"), theme.get("favicon")):
        if value:
            found.add(str(value))
    return frozenset(found)


def _toc_key(toc: Any) -> Hashable | None:
    """The headings of a table of contents, as the theme's partial reads them; None if
    they hold anything but plain values (the partial is then rendered whole)."""
    if toc is None:
        return None
    key: list[Hashable] = []
    for item in toc:
        children = _toc_key(getattr(item, "children", None) or ())
        if children is None or getattr(item, "typeset", None) is not None:
            return None
        key.append((type(item), item.url, item.title, item.level, children))
    return tuple(key)


class _PythonLoader(jinja2.BaseLoader):
    """Templates that are Python functions: `root(context)` yields the output."""

    def __init__(self, roots: dict[str, Root]) -> None:
        self.roots = roots

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        raise jinja2.TemplateNotFound(template)

    def load(self, environment: jinja2.Environment, name: str, globals: Any = None) -> jinja2.Template:
        root = self.roots.get(name)
        if root is None:
            raise jinja2.TemplateNotFound(name)
        namespace: dict[str, Any] = {"name": name, "__file__": None, "blocks": {}, "root": root, "debug_info": ""}
        return environment.template_class.from_module_dict(environment, namespace, environment.make_globals(globals))
