"""The theme's partials that letter pages share (publish/sharedpartials.py) are rendered once
and reused only where they read nothing of the page but what their key holds: a partial that
reads more (a theme changed under us) is rendered whole for every page, as the theme would."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape
from mkdocs.structure.nav import Navigation
from mkdocs.utils import normalize_url
from mkdocs.utils.templates import url_filter

from docket_archive.publish.pageskeleton import PageSkeletons
from docket_archive.publish.sharedpartials import HEADER, NAV, TRAIL, SharedPartials, _components

HOSTILE = "Reply & \"motion\" <b>to</b> 'strike' {{ page }} \x00"


def shared(templates: dict[str, str]) -> SharedPartials:
    env = jinja2.Environment(  # noqa: S701 - as MkDocs makes the theme's: the templates escape what they print
        loader=jinja2.DictLoader({"main.html": "{% include 'partials/header.html' %}", **templates})
    )
    env.filters["url"] = url_filter
    config: Any = SimpleNamespace(extra={"homepage": "cases/"}, theme={})  # the nav's one link
    return SharedPartials(env, Navigation([], []), config)


def render(partials: SharedPartials, url: str, **meta: Any) -> str:
    page = SimpleNamespace(
        url=url, meta=meta, title="Page title", toc=[], previous_page=None, next_page=None, edit_url=None
    )
    return partials.env.get_template("main.html").render(page=page, base_url="../..")


def test_a_header_reading_only_the_title_is_kept_and_shows_each_page_title_as_it_is() -> None:
    title = "{% if page.meta and page.meta.title %}{{ page.meta.title }}{% else %}{{ page.title }}{% endif %}"
    partials = shared({HEADER: "<header>" + title + "</header><a href='{{ 'cases/' | url }}'>home</a>"})
    assert render(partials, "letters/a/b/", title="First") == "<header>First</header><a href='../../../cases/'>home</a>"
    assert (
        render(partials, "letters/a/c/", title=HOSTILE)
        == f"<header>{HOSTILE}</header><a href='../../../cases/'>home</a>"
    )
    assert render(partials, "letters/a/d/") == "<header>Page title</header><a href='../../../cases/'>home</a>"
    assert render(partials, "x/", title="Top") == "<header>Top</header><a href='../cases/'>home</a>"  # another key
    assert partials.unshared == set() and len(partials.kept[HEADER]) == 3


def test_a_header_that_reads_more_of_the_page_is_rendered_whole_for_every_page() -> None:
    partials = shared({HEADER: "{{ page.meta.title }} {{ page.meta.status }} {{ page.title | upper }}"})
    assert render(partials, "letters/a/b/", title="One", status="open") == "One open PAGE TITLE"
    assert render(partials, "letters/a/c/", title="Two", status="closed") == "Two closed PAGE TITLE"
    assert partials.unshared == {HEADER}


def test_a_title_changed_on_its_way_into_the_header_is_not_kept() -> None:
    partials = shared({HEADER: "{{ page.meta.title | e }}"})
    assert render(partials, "letters/a/b/", title="A & B") == "A &amp; B"
    assert render(partials, "letters/a/c/", title="<C>") == "&lt;C&gt;"
    assert partials.kept[HEADER] == {}


def test_a_nav_that_reads_the_page_is_rendered_whole_and_the_trail_is_each_page_own() -> None:
    templates = {
        "main.html": "{% include 'partials/nav.html' %}",
        NAV: "<nav>{% include 'partials/docket-trail.html' %}<a href='{{ page.meta.elsewhere | url }}'>x</a></nav>",
        TRAIL: "[{{ page.meta.title | e }}]",
    }
    partials = shared(templates)
    assert render(partials, "letters/a/b/", title="<One>", elsewhere="cases/") == (
        "<nav>[&lt;One&gt;]<a href='../../../cases/'>x</a></nav>"
    )
    assert render(partials, "letters/a/c/", title="Two", elsewhere="people/") == (
        "<nav>[Two]<a href='../../../people/'>x</a></nav>"
    )
    assert partials.unshared == {NAV}


def test_a_nav_that_reads_only_links_is_kept_with_each_page_trail_rendered_into_it() -> None:
    templates = {
        "main.html": "{% include 'partials/nav.html' %}",
        NAV: "<nav><a href='{{ 'cases/' | url }}'>Cases</a>{% include 'partials/docket-trail.html' %}</nav>",
        TRAIL: "[{{ page.meta.title | e }}]",
    }
    partials = shared(templates)
    assert render(partials, "letters/a/b/", title="One") == "<nav><a href='../../../cases/'>Cases</a>[One]</nav>"
    assert render(partials, "letters/a/c/", title=HOSTILE) == (
        "<nav><a href='../../../cases/'>Cases</a>[Reply &amp; &#34;motion&#34; &lt;b&gt;to&lt;/b&gt; &#39;strike&#39;"
        " {{ page }} \x00]</nav>"
    )
    assert partials.unshared == set() and len(partials.kept[NAV]) == 1


def test_a_partial_is_kept_by_the_front_matter_and_attributes_it_reads() -> None:
    footer = "{% if page.meta and page.meta.hide and 'footer' in page.meta.hide %}hidden{% endif %}[{{ page.previous_page }}]"
    partials = shared({"main.html": "{% include 'partials/footer.html' %}", "partials/footer.html": footer})
    assert render(partials, "letters/a/b/", title="One") == "[None]"
    assert render(partials, "letters/a/c/", title="Two", hide=["footer"]) == "hidden[None]"
    assert render(partials, "letters/a/d/", title="Three") == "[None]"
    assert partials.unshared == set() and len(partials.kept["partials/footer.html"]) == 2
    partials = shared(
        {"main.html": "{% include 'partials/footer.html' %}", "partials/footer.html": "{{ page.edit_url }}"}
    )
    assert render(partials, "letters/a/b/") == "None" and partials.unshared == {
        "partials/footer.html"
    }  # not its to read


PARTS = ["letters", "a", "b", "case", "slug", "x.html", "..", ".", "", "#top", "?q=1", "a\\b"]


@given(
    st.lists(st.lists(st.sampled_from(PARTS), max_size=4).map("/".join), max_size=6),
    st.lists(st.sampled_from(PARTS), max_size=3).map("/".join),
    st.sampled_from(PARTS),
    st.sampled_from(PARTS),
    st.booleans(),
)
@settings(max_examples=2000, deadline=None)
def test_pages_of_a_folder_share_links_only_where_every_link_comes_out_the_same(
    targets: list[str], folder: str, one: str, other: str, slash: bool
) -> None:
    # Two pages of the same folder whose links are taken as one (`_folder_key`) get, from
    # MkDocs' own `url` filter, the same link to every target.
    partials: Any = SimpleNamespace(targets=set(targets), _components=_components(set(targets)))
    first, second = (f"{folder}/{last}" + ("/" if slash else "") for last in (one, other))
    key = SharedPartials._folder_key(partials, first, "../..")
    if key is not None and key == SharedPartials._folder_key(partials, second, "../.."):
        for target in targets:
            assert normalize_url(target, SimpleNamespace(url=first)) == normalize_url(
                target, SimpleNamespace(url=second)
            )


def test_letter_pages_of_a_case_share_their_links_and_a_page_named_in_a_link_does_not() -> None:
    partials: Any = SimpleNamespace(targets={"cases/", "letters/"}, _components=_components({"cases/", "letters/"}))
    assert SharedPartials._folder_key(partials, "letters/c/one/", "../../..") == SharedPartials._folder_key(
        partials, "letters/c/two/", "../../.."
    )
    assert SharedPartials._folder_key(partials, "x/cases/", "../..") is None
    assert SharedPartials._folder_key(partials, "letters/c/page.html", "../..") is None


# The whole theme page of a letter, kept with holes for the page's own values (publish/pageskeleton.py).


def skeletons(main: str) -> tuple[PageSkeletons, jinja2.Environment]:
    partials = shared({"main.html": main, TRAIL: "[{{ page.meta.trail | e }}]"})
    return PageSkeletons(partials), partials.env


def page_render(kept: PageSkeletons, env: jinja2.Environment, url: str, content: str = "<p>x</p>", **meta: Any) -> str:
    """The page through its skeleton, checked against the theme's own rendering of it."""
    page = SimpleNamespace(
        url=url, meta=meta, title=meta.get("title", "Page title"), content=content, toc=[], file=object()
    )
    context = {"base_url": "../..", "build_date_utc": object(), "page": page}
    whole = env.get_template("main.html").render(context)
    output = kept.render("main.html", context, page)
    assert output is None or output == whole
    return whole if output is None else output


MAIN = (
    "<title>{% if page.meta and page.meta.title %}{{ page.meta.title }}{% else %}{{ page.title }}{% endif %}</title>"
    '<meta content="{{ page.meta.description }}"><a href="{{ \'cases/\' | url }}">{{ page.title | e }}</a>'
    "{% include 'partials/docket-trail.html' %}{% if '<h1' not in page.content %}<h1>?</h1>{% endif %}"
    "{{ page.content }}"
)


def test_a_letter_page_is_its_skeleton_with_the_page_values_in_their_holes() -> None:
    kept, env = skeletons(MAIN)
    assert page_render(kept, env, "letters/a/b/", title="One", description="D", trail="T") == (
        '<title>One</title><meta content="D"><a href="../../../cases/">One</a>[T]<h1>?</h1><p>x</p>'
    )
    for title in (HOSTILE, "", "É ✓ " * 500):
        page_render(kept, env, "letters/a/c/", title=title, description=HOSTILE, trail=HOSTILE)
    page_render(kept, env, "letters/a/d/", "<h1>Own</h1>", title="Two", description="", trail="")
    page_render(kept, env, "letters/e/f/", title="Elsewhere", description="D", trail="T")
    assert not kept.broken
    # one skeleton a folder and answers: a title or not, an <h1> of its own or not
    assert sorted(len(found) for found in kept.kept.values()) == [1, 3]


def test_a_page_that_reads_more_gets_a_skeleton_for_each_answer_and_never_one_for_a_page_of_its_own() -> None:
    kept, env = skeletons("{{ page.meta.status }}: {{ page.content }}")
    for status in ("open", "closed", "open"):
        assert page_render(kept, env, "letters/a/b/", status=status) == f"{status}: <p>x</p>"
    assert len(next(iter(kept.kept.values()))) == 2 and not kept.broken
    kept, env = skeletons("{{ page.url }}")  # the page's own address, outside a link
    assert [page_render(kept, env, f"letters/a/{name}/") for name in "bcdefghijk"] == [
        f"letters/a/{name}/" for name in "bcdefghijk"
    ]
    assert len(next(iter(kept.kept.values()))) <= 8


@pytest.mark.parametrize(
    "main",
    [
        "{{ page.meta.title | upper }}",
        "{{ page.meta.title | striptags }}",
        "{{ page.meta.title | trim }}",
        "{{ page.meta.title | truncate(8) }}",
        "{{ page.content | wordcount }}",
        "{{ page.content | urlencode }}",
        "{{ page.content[:3] }}",
        "{{ page.meta.description | replace('a', 'b') }}",
        "{{ page.meta | list }}",
        "{{ page.file }}",  # not plain data
        "{{ build_date_utc }}",  # not in the key
    ],
)
def test_a_theme_that_changes_a_hole_or_reads_what_no_key_holds_renders_every_page_whole(main: str) -> None:
    kept, env = skeletons(main)
    page_render(kept, env, "letters/a/b/", title=HOSTILE, description="Dear court")
    page_render(kept, env, "letters/a/c/", title="Short", description="A")
    assert kept.broken and kept.kept == {}


def test_a_hole_printed_escaped_is_filled_escaped() -> None:
    kept, env = skeletons("{{ page.meta.title | e }}|{{ page.meta.title }}")
    assert page_render(kept, env, "letters/a/b/", title=HOSTILE) == f"{escape(HOSTILE)}|{HOSTILE}"
    assert not kept.broken and len(kept.kept) == 1


def test_a_child_process_uses_the_skeletons_it_inherited_and_makes_none() -> None:
    kept, env = skeletons(MAIN)
    page_render(kept, env, "letters/a/b/", title="One", description="D", trail="T")
    kept.maker = -1  # as in a child forked to write a run of pages: not the process that made them
    page_render(kept, env, "letters/a/c/", title="Two", description="E", trail="U")  # a folder it knows
    page_render(kept, env, "letters/z/c/", title="Two", description="E", trail="U")  # one it does not
    assert len(kept.kept) == 1 and not kept.broken  # nothing made for the new folder: rendered whole
