"""The theme's partials that letter pages share (publish/sharedpartials.py) are rendered once
and reused only where they read nothing of the page but what their key holds: a partial that
reads more (a theme changed under us) is rendered whole for every page, as the theme would."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import jinja2
from mkdocs.structure.nav import Navigation
from mkdocs.utils.templates import url_filter

from docket_archive.publish.sharedpartials import HEADER, NAV, TRAIL, SharedPartials

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
