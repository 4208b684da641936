"""The theme's whole page for a letter, rendered once per key and filled in for each page.

`sharedpartials` keeps the partials letter pages share; the theme still ran
its base template for every letter (the head, the layout, the blocks, the
includes of the kept partials), about a fifth of a letter's build. Two
letter pages of one case folder come out of the theme differing only in the
page's own values: its title (in `<title>` and the header), its description
(the meta description), its text (`page.content`), its canonical URL (with a
`site_url`) and its trail (inside the nav). So the whole page is rendered
once with those as holes, and each page puts its own values in them.

That first rendering is given a stand-in for the page (`_StandIn`) that
hands out the page's own values, and notes each thing read as a question
with its answer: an attribute, a front matter key, and what a template asks
of a hole (is it empty, does it hold a string, its length: `_Hole`). A page
then takes the skeleton only if it gives the same answer to every question,
so the theme would take the same branches for it. The page's links are in
the key (the same for every page of a folder: `SharedPartials._folder_key`),
and the `url` filter notes what it is given, which must be among the links
the key holds; the context's other values are in the key too, and one that
is not (the build's date) must not be read. A hole may come out as it is or
escaped (`markupsafe.escape`, as `| e` writes it), and is filled the same way;
anything else done to it (a method other than a question: case, trimming,
slicing; a filter that works on its text: striptags, truncation, urlencode)
leaves a remnant of it the split refuses, and the page is rendered twice
with holes of different text, which must give the same skeleton. A theme
whose page fails any of this renders every letter page whole, as before.

The page events run as before: the context is MkDocs' (`get_context`) after
the plugins' `page_context`, and `post_page` gets the finished HTML.

Skeletons are made only by the process that made this object (the build's):
it learns the page of the first letter of each folder before the processes
that write letter pages are forked (`themepages.write_letter_pages`), and they
use what they inherit. A skeleton made in one of them would be lost when it
exits after its run, and with many small cases it would make one for nearly
every page it writes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any

import jinja2
import jinja2.meta
import markupsafe
from jinja2.runtime import Context
from jinja2.utils import concat

from .sharedpartials import _HOLE, TRAIL, SharedPartials, _components, _frozen, _PythonLoader, _toc_key

TEMPLATE = "main.html"
# Values a page has of its own, put in holes: front matter keys, and attributes.
META_HOLES = ("title", "description")
ATTRIBUTE_HOLES = ("title", "content", "canonical_url")
# Context values the same object for every page (the key holds which object);
# any other that is not plain data (the build's date) must not be read.
SAME_OBJECTS = ("config", "nav", "pages")
MOST_KEYS = 20_000  # case folders; past this many, pages of further folders are rendered whole
MOST_VARIANTS = 8  # skeletons for one key (pages answering differently); past this, rendered whole
# Questions a template may ask of a hole, answered from the page's value (a branch taken).
QUESTIONS = frozenset({"__contains__", "__eq__", "__ne__", "__len__", "__bool__"})
# str's attributes that hand out nothing derived from the text (or are how Python makes a str).
_HARMLESS = frozenset(
    {
        "__class__",
        "__new__",
        "__init__",
        "__getattribute__",
        "__setattr__",
        "__delattr__",
        "__init_subclass__",
        "__subclasshook__",
        "__doc__",
        "__dir__",
        "__sizeof__",
        "__str__",
        "__getnewargs__",
        "__reduce__",
        "__reduce_ex__",
        "__getstate__",
        "__dict__",
        "__module__",
        "__weakref__",
    }
)
_MISSING_ANSWER = ("missing",)
_HOLE_ANSWER = ("hole",)


def _hole_texts(name: str) -> tuple[str, str]:
    """Two texts for a hole, unlike in length, case, words, spaces and markup: any function
    of the text the theme prints instead of it changes between them."""
    return (
        f" \x00Docket <b>&amp;</b> \"{name}\" 'hole'\x00 ",
        f"\x00{name.upper()}\tsecond & <i>longer</i> hole, ü {{{{ x }}}}\x00",
    )


class _Hole(str):
    """A hole's text that answers the questions a template may ask of it (QUESTIONS) from the
    page's value, notes each, and notes any other method used (then the skeleton is refused)."""

    real: Any
    slot: tuple[str, str]
    notes: _Notes

    def _ask(self, method: str, *args: Any) -> Any:
        try:
            _frozen(list(args))  # plain data only: kept with the question, asked again of each page
        except TypeError:
            self.notes.unsound = True
        answer = _asked(self.real, method, args)
        if type(answer) not in (bool, int):  # NotImplemented, or anything but a plain answer
            self.notes.unsound = True
        self.notes.add(("ask", self.slot, method, args, answer))
        return answer

    def __contains__(self, item: object) -> bool:
        return bool(self._ask("__contains__", item))

    def __eq__(self, other: object) -> bool:
        return bool(self._ask("__eq__", other))

    def __ne__(self, other: object) -> bool:
        return bool(self._ask("__ne__", other))

    def __len__(self) -> int:
        return int(self._ask("__len__"))

    def __bool__(self) -> bool:  # asked before __len__ for truth: empty or not, not the length
        return bool(self._ask("__bool__"))

    def __hash__(self) -> int:
        self.notes.unsound = True
        return str.__hash__(self)


def _refusing(name: str) -> Callable[..., Any]:
    method = getattr(str, name)

    def refused(self: _Hole, *args: Any, **kwargs: Any) -> Any:
        self.notes.unsound = True
        return method(self, *args, **kwargs)

    return refused


for _name in dir(str):
    if _name not in _HARMLESS and _name not in QUESTIONS and _name != "__hash__" and callable(getattr(str, _name)):
        setattr(_Hole, _name, _refusing(_name))


class _Notes:
    """The questions a rendering asked of the page, in order, and whether it read anything
    the skeleton cannot answer for."""

    def __init__(self) -> None:
        self.asked: dict[tuple[Any, ...], None] = {}
        self.unsound = False
        self.targets: set[str] = set()  # what the url filter was given
        self.in_filter = 0  # inside the url filter: its reading of page.url is in the key

    def add(self, question: tuple[Any, ...]) -> None:
        try:
            self.asked[question] = None
        except TypeError:
            self.unsound = True


def _asked(real: Any, method: str, args: tuple[Any, ...]) -> Any:
    return bool(real) if method == "__bool__" else getattr(real, method)(*args)


def _answer(value: Any, hole: bool, name: str = "") -> Hashable:
    """A value as the answer to a question: plain data as itself, a page's own text (where it
    has a hole) as the hole, a table of contents as its headings; TypeError for anything else."""
    if value is _MISSING:
        return _MISSING_ANSWER
    if hole and type(value) is str:
        return _HOLE_ANSWER
    if name == "toc" and value is not None:
        toc = _toc_key(value)
        if toc is None:
            raise TypeError("a table of contents holding more than headings")
        return ("toc", toc)
    return ("value", _frozen(value))


class _Meta(dict[str, Any]):
    """The page's front matter, its own texts as holes, noting each key read."""

    def __init__(self, values: dict[str, Any], holes: dict[str, _Hole], notes: _Notes) -> None:
        super().__init__(
            {key: holes[key] if key in holes and type(value) is str else value for key, value in values.items()}
        )
        self.real = values
        self.notes = notes

    def _read(self, key: Any) -> None:
        value = self.real.get(key, _MISSING) if isinstance(key, str) else _MISSING
        try:
            self.notes.add(("meta", key, _answer(value, key in META_HOLES)))
        except TypeError:
            self.notes.unsound = True

    def __getitem__(self, key: str) -> Any:
        self._read(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._read(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._read(key)
        return super().__contains__(key)

    def _all(self) -> None:
        self.notes.unsound = True

    def __iter__(self) -> Iterator[str]:
        self._all()
        return super().__iter__()

    def __bool__(self) -> bool:  # empty or not: in the key
        return bool(self.real)

    def __len__(self) -> int:
        self._all()
        return super().__len__()

    def keys(self) -> Any:
        self._all()
        return super().keys()

    def items(self) -> Any:
        self._all()
        return super().items()

    def values(self) -> Any:
        self._all()
        return super().values()


class _StandIn:
    """The page as its skeleton is rendered: its own values, its texts as holes, each read noted."""

    def __init__(self, page: Any, meta: _Meta, holes: dict[str, _Hole], notes: _Notes) -> None:
        object.__setattr__(self, "_s", (page, holes, notes))
        object.__setattr__(self, "meta", meta)

    @property
    def url(self) -> Any:
        page, _, notes = self._s
        if not notes.in_filter:  # read other than to make a link: per page, so never shared
            notes.add(("attr", "url", _answer(page.url, False)))
        return page.url

    def __getattr__(self, name: str) -> Any:  # attributes other than those above
        page, holes, notes = self._s
        value = getattr(page, name, _MISSING)
        try:
            notes.add(("attr", name, _answer(value, name in ATTRIBUTE_HOLES, name)))
        except TypeError:
            notes.unsound = True
        if value is _MISSING:
            raise AttributeError(name)
        if name in holes and type(value) is str:
            return holes[name]
        return value


_MISSING = object()


class _Skeleton:
    """A page's output with holes: text, and where each hole goes (`slot`, escaped or not)."""

    def __init__(self, questions: tuple[tuple[Any, ...], ...], parts: list[Any], targets: set[str]) -> None:
        self.questions = questions
        self.parts = parts
        # Every part of the paths it links to: a page of the folder whose name is none of
        # them gets the same links (`SharedPartials._folder_key`).
        self.components = _components(targets)

    def fits(self, page: Any) -> bool:
        """Whether the page answers every question as the page the skeleton was made for."""
        meta = page.meta
        try:
            for question in self.questions:
                kind = question[0]
                if kind == "meta":
                    key = question[1]
                    value = meta.get(key, _MISSING) if isinstance(key, str) else _MISSING
                    if _answer(value, key in META_HOLES) != question[2]:
                        return False
                elif kind == "attr":
                    name = question[1]
                    if _answer(getattr(page, name, _MISSING), name in ATTRIBUTE_HOLES, name) != question[2]:
                        return False
                else:  # "ask": what a template asked of a hole
                    _, slot, method, args, answer = question
                    real = _slot_value(page, slot)
                    if type(real) is not str or _asked(real, method, args) != answer:
                        return False
        except TypeError:
            return False
        return True


def _slot_value(page: Any, slot: tuple[str, str]) -> Any:
    where, name = slot
    return page.meta.get(name) if where == "meta" else getattr(page, name, None)


def _split(output: str, forms: dict[str, Any]) -> list[Any] | None:
    """The output as text and holes (`forms`: each hole's text as it is and escaped, and its
    slot); None if anything of a hole is left in the text (a hole's marker, "\x00")."""
    pattern = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    parts: list[Any] = []
    for index, piece in enumerate(re.split(f"({pattern})", output)):
        if index % 2:
            parts.append(forms[piece])
        elif "\x00" in piece:
            return None
        elif piece:
            parts.append(piece)
    return parts


class PageSkeletons:
    """Letter pages' theme output, kept as skeletons (see the module's docstring)."""

    def __init__(self, shared: SharedPartials) -> None:
        self.shared = shared
        self.kept: dict[Hashable, list[_Skeleton]] = {}
        self.broken = False  # the theme's page read what no key holds: every page rendered whole
        self.maker = os.getpid()  # the process that makes skeletons (its children only use them)
        self.notes = _Notes()
        self.names_read: set[str] = set()
        self._pieces: dict[str, str] = {}
        base = shared.base
        theme_loader = base.loader
        if theme_loader is None:  # pragma: no cover - MkDocs' theme always has one
            raise ValueError("the theme's environment has no loader")
        # What the trail reads of its context: the names it does not set itself.
        source = theme_loader.get_source(base, TRAIL)[0]
        self.trail_reads = frozenset(jinja2.meta.find_undeclared_variables(base.parse(source)))
        self._top: dict[str, Any] = {}
        url = base.filters["url"]
        script_tag = base.filters.get("script_tag")

        def inside(filter: Any) -> Any:
            @jinja2.pass_context
            def noted(context: Context, value: Any) -> Any:
                self.notes.targets.add(str(value))  # a link relative to the page: see `_folder`
                self.notes.in_filter += 1
                try:
                    return filter(context, value)
                finally:
                    self.notes.in_filter -= 1

            return noted

        names_read = self.names_read

        class NotingContext(Context):
            def resolve_or_missing(self, key: str) -> Any:
                names_read.add(key)
                return super().resolve_or_missing(key)

        self.env = shared.holed.overlay(loader=jinja2.ChoiceLoader([_PythonLoader({TRAIL: self._trail}), theme_loader]))
        self.env.filters = {**base.filters, "url": inside(url)}
        if script_tag is not None:
            self.env.filters["script_tag"] = inside(script_tag)
        self.env.context_class = NotingContext

    def _trail(self, context: Context) -> Iterator[str]:
        # The trail is rendered per page with the page's context: the same as here if what it
        # reads is what the page's context holds.
        for name in self.trail_reads:
            if context.resolve_or_missing(name) is not self._top.get(name, jinja2.runtime.missing):
                self.notes.unsound = True
        yield _HOLE

    def render(self, name: str, context: Mapping[str, Any], page: Any) -> str | None:
        """The page's output from its skeleton; None where it has none (render it whole)."""
        if self.broken or name != TEMPLATE:
            return None
        meta = getattr(page, "meta", None)
        url = getattr(page, "url", None)
        if type(meta) is not dict or not isinstance(url, str):
            return None
        folder, _, last = url.rstrip("/").rpartition("/")
        if not last or "." in last:  # taken by MkDocs for a file's name: links not shared
            return None
        key = self._key(context, meta, (folder, url.endswith("/")))
        if key is None:
            return None
        found = self.kept.get(key)
        for skeleton in found or ():
            if last not in skeleton.components and skeleton.fits(page):
                return self._fill(skeleton, context, page)
        if (found is None and len(self.kept) >= MOST_KEYS) or (found is not None and len(found) >= MOST_VARIANTS):
            return None
        if os.getpid() != self.maker:
            # A child writing a run of letter pages: a skeleton it made would die with it at the
            # end of its run, and making one (two renderings and the notes) pays back only after
            # some four pages of its key, fewer than a child meets of each folder of an archive of
            # many small cases. So children use what the build's process learnt (`learn`).
            return None
        made = self._make(context, page, meta)
        if made is None or last in made.components:
            return None
        self.kept.setdefault(key, []).append(made)
        return self._fill(made, context, page)

    def _key(self, context: Mapping[str, Any], meta: dict[str, Any], folder: tuple[str, bool]) -> Hashable | None:
        values: list[Hashable] = [folder, bool(meta)]
        for name, value in context.items():
            if name == "page":
                continue
            if name in SAME_OBJECTS:
                values.append((name, id(value)))
                continue
            try:
                values.append((name, _frozen(value)))
            except TypeError:
                values.append((name, None))  # not in the key: must not be read
        return tuple(values)

    def _make(self, context: Mapping[str, Any], page: Any, meta: dict[str, Any]) -> _Skeleton | None:
        made = []
        for variant in (0, 1):
            rendered = self._render(context, page, meta, variant)
            if rendered is None:
                return None
            made.append(rendered)
        (questions, parts, targets), other = made
        if other != made[0]:
            self.broken = True  # something of a hole's text came out other than in its place
            return None
        # The texts between holes, one copy for all skeletons (most are the same in every case).
        parts = [self._pieces.setdefault(part, part) if type(part) is str else part for part in parts]
        return _Skeleton(questions, parts, targets)

    def _render(
        self, context: Mapping[str, Any], page: Any, meta: dict[str, Any], variant: int
    ) -> tuple[tuple[tuple[Any, ...], ...], list[Any], set[str]] | None:
        notes = self.notes = _Notes()
        forms: dict[str, Any] = {_HOLE: ("trail",)}
        holes: dict[str, _Hole] = {}
        meta_holes: dict[str, _Hole] = {}
        for where, names, into in (("meta", META_HOLES, meta_holes), ("attr", ATTRIBUTE_HOLES, holes)):
            for name in names:
                hole = _Hole(_hole_texts(f"{where}-{name}")[variant])
                hole.real = _slot_value(page, (where, name))
                hole.slot = (where, name)
                hole.notes = notes
                into[name] = hole
                forms[str(hole)] = (where, name, False)
                forms[str(markupsafe.escape(str(hole)))] = (where, name, True)
        stand_in = _StandIn(page, _Meta(meta, meta_holes, notes), holes, notes)
        values = {**context, "page": stand_in}
        self._top = values
        self.names_read.clear()
        output = self.env.get_template(TEMPLATE).render(values)
        # Context values not in the key (the build's date) must not have been read.
        unkeyed = {name for name, value in context.items() if name != "page" and name not in SAME_OBJECTS}
        for name in unkeyed & self.names_read:
            try:
                _frozen(context[name])
            except TypeError:
                notes.unsound = True
        if notes.unsound:
            self.broken = True
            return None
        parts = _split(output, forms)
        if parts is None:  # a hole changed on its way into the page
            self.broken = True
            return None
        return tuple(notes.asked), parts, notes.targets

    def _fill(self, skeleton: _Skeleton, context: Mapping[str, Any], page: Any) -> str:
        out: list[str] = []
        for part in skeleton.parts:
            if type(part) is str:
                out.append(part)
            elif part[0] == "trail":
                template = self.shared.base.get_template(TRAIL)
                out.append(concat(template.root_render_func(template.new_context(dict(context)))))
            else:
                value = _slot_value(page, part[:2])
                out.append(str(markupsafe.escape(value)) if part[2] else value)
        return "".join(out)
