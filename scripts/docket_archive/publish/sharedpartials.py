"""The parts of the theme's page that letter pages share, rendered once and reused.

Every page renders the theme's navigation sidebar, header, tabs, table of
contents and footer; on a letter page they were most of the theme's work. A
letter page is never in the nav, so nothing in the nav is active on it, and
what these partials show on it depends on the page only through:

- the links they make, relative to the page (the `url` filter): the same for
  every page whose links to the nav's pages come out the same, which is every
  letter page at the same depth;
- the trail of where the page sits (`partials/docket-trail.html`, inside the
  nav), the one part of the nav that is the page's own: the nav is kept with
  a hole there, and the trail rendered into it for each page;
- the header's title (`page.meta.title`, else `page.title`), printed as it
  is: kept as a hole, and the page's title put in it;
- which tab the page names in its front matter (`docket_tab`), for the tabs;
- its headings, for the table of contents (letter pages share a few sets);
- for the footer and the partials around the page's text (tags, actions,
  git dates, feedback, comments), the few front matter keys and attributes
  each reads (`READING`), which letter pages do not have or share;
- nothing at all, for the base template's styles, config and scripts blocks.

So a theme environment is laid over MkDocs' own (`Environment.overlay`: the
same filters, globals and templates) in which these partials are Python
templates: each looks up its output by a key holding what it depends on, and
the first time a key is seen renders the theme's own partial with the context
the include would have given it. The output is byte for byte the theme's
(tests/test_letter_pages.py builds a site with MkDocs' own loop and with
this, hostile titles included, and compares every file).

That first rendering checks the key holds everything the partial read: the
page it is given is a stand-in (`_StandIn`) with the page's URL, and front
matter holding only the values the key holds, which notes any other attribute
or front matter read; the `url` filter notes what it is given, which must be
among the nav's URLs the key holds; and a hole must come through exactly once,
untouched (its text is one that escaping, case or trimming would change).
Should any of that fail (a theme that changed), the partial is never reused:
every page renders it whole, as before.

Letter pages go one level further (`pageskeleton.py`): the theme's whole
page is kept, once per case folder, with the page's title, description,
text, canonical URL and trail as holes, verified the same way (a stand-in
noting every read, holes any change would show, two renderings with holes
of different text); these partials serve the pages it does not keep.
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
HEADER = "partials/header.html"
BLOCKS = ("styles", "config", "scripts")  # of Material's base.html
# Partials that read of the page only the front matter keys and attributes named here
# (Material's, for a page without a feedback form, tags or git dates): kept by their values.
READING: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "partials/footer.html": (("hide",), ("previous_page", "next_page")),
    "partials/tags.html": (("hide",), ()),
    "partials/actions.html": ((), ("edit_url",)),
    "partials/source-file.html": (("git_revision_date_localized", "revision_date", "git_creation_date_localized"), ()),
    "partials/feedback.html": (("hide",), ()),
    "partials/comments.html": ((), ()),
}

# Where the trail goes in a kept nav: a character no template or title writes
# (checked: a nav whose rendering holds it other than once is not kept).
_HOLE = "\x00docket-trail\x00"
# Where the page's title goes in a kept header: text that any filter or test other than
# printing it as it is (escaping, case, trimming, tags stripped) would change.
_TITLE = " \x00Docket <b>&amp;</b> \"title\" 'hole'\x00 "
MOST_TARGETS = 200  # URLs the kept partials link to
# Keys kept per partial: letter pages share a few; past this many, a partial is
# rendered whole rather than filling memory with outputs that are not shared.
MOST_KEYS = 64

Root = Callable[[Context], Iterator[str]]


def _components(targets: set[str]) -> frozenset[str]:
    """Every part of every target's path (between slashes or backslashes, which MkDocs reads as slashes)."""
    return frozenset(part for target in targets for part in target.replace("\\", "/").split("/"))


class SharedPartials:
    """A theme environment for pages kept out of the nav, in which the nav, tabs and table
    of contents are rendered once per key and reused (`env`)."""

    def __init__(self, env: jinja2.Environment, nav: Navigation, config: MkDocsConfig) -> None:
        self.base = env
        # Every URL the kept partials link to, the nav's to start with; a kept partial's first
        # rendering adds any other it links to (Material's blocks link to its assets).
        self.targets = set(_nav_urls(nav, config))
        self._ordered = tuple(sorted(self.targets))
        self.kept: dict[str, dict[Hashable, tuple[str, ...]]] = {
            name: {} for name in (NAV, TABS, TOC, HEADER, *BLOCKS, *READING)
        }
        self.unshared: set[str] = set()  # partials that link to something the key does not hold
        self._links: tuple[Any, int, tuple[str, ...]] | None = None  # the last page, the targets and its links
        self._components = _components(self.targets)
        self._links_in: dict[Hashable, tuple[str, ...]] = {}  # by `_folder_key`
        self._seen: list[str] = []
        url = env.filters["url"]
        theme_loader = env.loader
        if theme_loader is None:  # pragma: no cover - MkDocs' theme always has one
            raise ValueError("the theme's environment has no loader")

        script_tag = env.filters.get("script_tag")

        @jinja2.pass_context
        def noting_url(context: Context, value: Any) -> str:
            self._seen.append(str(value))
            return str(url(context, value))

        @jinja2.pass_context
        def noting_script_tag(context: Context, script: Any) -> Any:
            self._seen.append(str(script))  # MkDocs links to the script's path, made relative to the page
            return script_tag(context, script) if script_tag else None

        # Where a partial is rendered the first time: the theme's own, but the trail is a hole
        # and the links it makes are noted.
        self.holed = env.overlay(loader=jinja2.ChoiceLoader([_PythonLoader({TRAIL: _hole}), theme_loader]))
        self.holed.filters = {**env.filters, "url": noting_url}
        if script_tag is not None:
            self.holed.filters["script_tag"] = noting_script_tag
        roots: dict[str, Root] = {NAV: self._nav, TABS: self._tabs, TOC: self._toc, HEADER: self._header}
        roots.update({name: self._reading(name, *read) for name, read in READING.items()})
        self.env = env.overlay(loader=jinja2.ChoiceLoader([_PythonLoader(roots), theme_loader]))
        # Blocks of the theme's base template that read nothing of the page, kept alike: the
        # page's template, where it does not fill them itself, is given a block of its own
        # that looks the output up (and renders the theme's block, next in line, otherwise).
        try:
            main = self.env.get_template("main.html")
        except jinja2.TemplateNotFound:  # pragma: no cover - MkDocs' themes all have one
            return
        for name in BLOCKS:
            if name not in main.blocks:
                main.blocks[name] = self._block(name)

    def _nav(self, context: Context) -> Iterator[str]:
        page, meta = _page_and_meta(context)
        kept = None
        if meta is not None:  # the nav reads nothing of the page but its URL (the trail is a hole)
            key = (self._page_links(context), bool(meta))
            kept = self._kept(NAV, key, context, _StandIn(page.url, meta, {}), _HOLE)
        if kept is None:
            yield from _render(self.base, NAV, context)
            return
        yield kept[0]
        yield from _render(self.base, TRAIL, context)
        yield kept[1]

    def _header(self, context: Context) -> Iterator[str]:
        page, meta = _page_and_meta(context)
        if meta is None:
            yield from _render(self.base, HEADER, context)
            return
        # The header shows the page's title: `page.meta.title` if it has one, else `page.title`.
        from_meta = bool(meta.get("title"))
        stand_in = _StandIn(page.url, meta, {"title": _TITLE} if from_meta else {}, ("title",), title=_TITLE)
        kept = self._kept(HEADER, (self._page_links(context), bool(meta), from_meta), context, stand_in, _TITLE)
        if kept is None:
            yield from _render(self.base, HEADER, context)
            return
        yield kept[0]
        yield str(meta["title"] if from_meta else page.title)
        yield kept[1]

    def _tabs(self, context: Context) -> Iterator[str]:
        page, meta = _page_and_meta(context)
        kept = None
        if meta is not None:  # the tabs read which tab the page names
            named = {"docket_tab": meta["docket_tab"]} if "docket_tab" in meta else {}
            key = (self._page_links(context), bool(meta), tuple((type(v), v) for v in named.values()))
            kept = self._kept(TABS, key, context, _StandIn(page.url, meta, named, ("docket_tab",)))
        yield from _render(self.base, TABS, context) if kept is None else kept

    def _reading(self, name: str, keys: tuple[str, ...], attributes: tuple[str, ...]) -> Root:
        def root(context: Context) -> Iterator[str]:
            page, meta = _page_and_meta(context)
            kept = None
            if meta is not None:
                shown = {key: meta[key] for key in keys if key in meta}
                values = {attribute: getattr(page, attribute, _MISSING) for attribute in attributes}
                try:
                    key = (self._page_links(context), bool(meta), _frozen(shown), _frozen(values))
                except TypeError:  # a value that is not plain data (another page), or none: rendered whole
                    key = None
                if key is not None:
                    kept = self._kept(name, key, context, _StandIn(page.url, meta, shown, keys, **values))
            yield from _render(self.base, name, context) if kept is None else kept

        return root

    def _toc(self, context: Context) -> Iterator[str]:
        page, meta = _page_and_meta(context)
        toc = getattr(page, "toc", None)
        headings = _toc_key(toc)
        kept = None
        if meta is not None and headings is not None:  # the table of contents reads the page's headings
            key = (self._page_links(context), bool(meta), headings)
            kept = self._kept(TOC, key, context, _StandIn(page.url, meta, {}, toc=toc))
        yield from _render(self.base, TOC, context) if kept is None else kept

    def _block(self, name: str) -> Root:
        def block(context: Context) -> Iterator[str]:
            page, meta = _page_and_meta(context)
            kept = None
            if meta is not None:
                kept = self._kept(name, (self._page_links(context), bool(meta)), context, _StandIn(page.url, meta, {}))
            # the theme's own block comes next in line after this one
            yield from context.blocks[name][1](context) if kept is None else kept

        return block

    def _page_links(self, context: Context) -> tuple[str, ...]:
        """Every URL the kept partials link to, as the `url` filter writes it on this page (and the base URL)."""
        page = context.get("page")
        if self._links is not None and self._links[0] is page and self._links[1] == len(self.targets):
            return self._links[2]  # the nav, header and tabs of the same page
        where = {"page": page, "base_url": context.get("base_url")}
        folder = self._folder_key(getattr(page, "url", None), where["base_url"])
        links = self._links_in.get(folder) if folder is not None else None
        if links is None:
            url = self.base.filters["url"]
            links = (str(where["base_url"]), *(str(url(where, target)) for target in self._ordered))
            if folder is not None:
                if len(self._links_in) >= MOST_KEYS:
                    self._links_in.clear()
                self._links_in[folder] = links
        self._links = (page, len(self.targets), links)
        return links

    def _folder_key(self, page_url: Any, base_url: Any) -> Hashable | None:
        """What the links from a page to every target depend on, where pages in the same folder
        share them (letter pages: one folder a case); None where they may not.

        The `url` filter makes a target's link relative to the page's URL (MkDocs'
        get_relative_url): from the parts the two have in common, the page's parts after
        them become "..", and the target's are added. A page's last part that no target
        holds anywhere (nor a dot, where MkDocs takes it for a file's name) is never among
        those in common, so every page of the folder gets the same links."""
        if not isinstance(page_url, str):
            return None
        folder, _, last = page_url.rstrip("/").rpartition("/")
        if not last or "." in last or last in self._components:
            return None
        return (folder, page_url.endswith("/"), str(base_url), len(self.targets))

    def _kept(
        self, name: str, key: Hashable, context: Context, page: _StandIn, hole: str = ""
    ) -> tuple[str, ...] | None:
        """The partial's output kept for `key`, rendering it the first time, with `page` in the
        page's place; None where it is not to be reused. With a `hole`, the output is split
        where the hole is (exactly once)."""
        if name in self.unshared:
            return None
        kept = self.kept[name]
        try:
            found = kept.get(key)
        except TypeError:  # a value in the key that cannot be hashed: not kept
            return None
        if found is not None:
            return found
        self._seen = []
        values = {**context.get_all(), "page": page}
        if name in BLOCKS:
            theme = self.holed.get_template("base.html")
            output = concat(theme.blocks[name](theme.new_context(values, True)))
        else:
            template = self.holed.get_template(name)
            output = concat(template.root_render_func(template.new_context(values, True)))
        if not page.only_allowed_read():
            self.unshared.add(name)  # depends on more than its key holds: never reused
            return None
        unknown = set(self._seen) - self.targets
        if unknown:
            # Links the key did not hold: from the next page on it does (the links come
            # from the templates, not the page; past a few dozen, something is amiss).
            if len(self.targets) + len(unknown) > MOST_TARGETS:
                self.unshared.add(name)
            self.targets |= unknown
            self._ordered = tuple(sorted(self.targets))
            self._components = _components(self.targets)
            return None
        parts = tuple(output.split(hole)) if hole else (output,)
        if len(parts) != (2 if hole else 1):
            return None
        if len(kept) < MOST_KEYS:
            kept[key] = parts
        return parts


def _render(env: jinja2.Environment, name: str, context: Context) -> Iterator[str]:
    """The template `name` of `env`, rendered as an include in `context` renders it."""
    template = env.get_template(name)
    return template.root_render_func(template.new_context(context.get_all(), True))


class _StandIn:
    """The page as a kept partial is first rendered with: its URL (for links, which the key
    holds), front matter as empty or not as the page's but holding only the values the key
    holds, and the attributes given; it notes any other attribute or front matter read, and
    the partial is then never reused."""

    def __init__(
        self, url: str, meta: dict[str, Any], shown: dict[str, Any], readable: tuple[str, ...] = (), **attributes: Any
    ) -> None:
        self.url = url
        # empty or not as the page's front matter is (with a key no template names)
        self.meta = _NotingDict(shown or ({"\x00": ""} if meta else {}))
        self.allowed = {*shown, *readable}  # what it shows, and keys the page does not have
        self.others: set[str] = set()
        for name, value in attributes.items():
            setattr(self, name, value)

    def __getattr__(self, name: str) -> Any:  # only for attributes not set above
        self.others.add(name)
        raise AttributeError(name)

    def only_allowed_read(self) -> bool:
        return not self.others and self.meta.read <= self.allowed


class _NotingDict(dict[str, Any]):
    """Front matter that notes the keys read (anything that lists the keys counts as all)."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.read.add(str(key))
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self.read.add("*")
        return super().__iter__()

    def keys(self) -> Any:
        self.read.add("*")
        return super().keys()

    def items(self) -> Any:
        self.read.add("*")
        return super().items()

    def values(self) -> Any:
        self.read.add("*")
        return super().values()


def _page_and_meta(context: Context) -> tuple[Any, dict[str, Any] | None]:
    """The page, and its front matter if it is a plain dict (else the partial is rendered whole)."""
    page = context.get("page")
    meta = getattr(page, "meta", None)
    return page, meta if type(meta) is dict and isinstance(getattr(page, "url", None), str) else None


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


_MISSING = object()


def _frozen(value: Any) -> Hashable:
    """Plain data (text, numbers, lists and dicts of them) as a key, each value with its type;
    TypeError for anything else."""
    if value is None or isinstance(value, str | int | float | bool):
        return (type(value), value)
    if isinstance(value, list | tuple):
        return (type(value), tuple(_frozen(item) for item in value))
    if isinstance(value, dict):
        return (type(value), tuple((key, _frozen(item)) for key, item in value.items()))
    raise TypeError(f"not plain data: {type(value).__name__}")


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
