// Docket Archive search: a search box in the header of every page, the search
// page's results and filters (Pagefind's JS API), and highlighting of the
// searched words on the letter a result leads to. No third-party code: Pagefind's
// files are generated into the site itself.
(function () {
  "use strict";

  // The site's root, from Material's config, so the site works from any folder.
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var PAGE_SIZE = 20;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function addHeaderSearch() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.getElementById("docket-header-q")) return;
    var form = el("form", { class: "docket-header-search", role: "search", action: new URL("search/", root).href });
    var label = el("label", { for: "docket-header-q", class: "docket-visually-hidden" }, "Search the letters");
    var input = el("input", { id: "docket-header-q", name: "q", type: "search", placeholder: "Search letters", autocomplete: "off" });
    form.append(label, input);
    var before = header.querySelector(".md-header__source");
    header.insertBefore(form, before);
  }

  function loadPagefind() {
    return import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
      return pagefind.options({ baseUrl: root.pathname }).then(function () { return pagefind; });
    });
  }

  function highlightOnLetterPage() {
    var params = new URLSearchParams(window.location.search);
    if (!params.get("highlight") || !document.querySelector("[data-pagefind-body]")) return;
    import(new URL("pagefind/pagefind-highlight.js", root).href).then(function () {
      new window.PagefindHighlight({ highlightParam: "highlight", markContext: "[data-pagefind-body]" });
    });
  }

  function searchPage() {
    var form = document.getElementById("docket-search");
    if (!form) return;
    var input = document.getElementById("docket-q");
    var status = document.getElementById("docket-status");
    var list = document.getElementById("docket-results");
    var more = document.getElementById("docket-more");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    var generation = 0;
    var shown = [];
    var remaining = [];

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

    // The first search starts as soon as Pagefind is loaded; the filter lists
    // (which need every filter chunk) fill in alongside, not before it.
    var pending = {};
    selects.forEach(function (select) { if (params.get(select.name)) pending[select.dataset.filter] = params.get(select.name); });
    loadPagefind().then(function (pagefind) {
      window.docketPagefind = pagefind;
      input.addEventListener("input", run);
      // Filters load every filter chunk: after the first results, not before.
      return run().then(function () { return pagefind.filters(); }).then(function (filters) {
        selects.forEach(function (select) {
          var values = filters[select.dataset.filter] || {};
          Object.keys(values).sort(function (a, b) {
            return select.dataset.filter === "year" ? b.localeCompare(a) : a.localeCompare(b);
          }).forEach(function (value) {
            select.append(el("option", { value: value }, value + " (" + values[value] + ")"));
          });
          select.value = pending[select.dataset.filter] || "";
          select.addEventListener("change", run);
        });
        pending = {};
        form.dataset.filtersReady = "true";
      });
    }).catch(function (error) {
      status.textContent = "The search index could not be loaded (" + error.message + "). Browse the letters by date or by case instead.";
    });

    function chosenFilters() {
      var filters = Object.assign({}, pending);  // from the URL, until the lists are filled
      selects.forEach(function (select) { if (select.value) filters[select.dataset.filter] = select.value; });
      return filters;
    }

    function remember(query, filters) {
      var next = new URLSearchParams();
      if (query) next.set("q", query);
      Object.keys(filters).forEach(function (key) { next.set(key, filters[key]); });
      var search = next.toString();
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    }

    function run() {
      var pagefind = window.docketPagefind;
      var query = input.value.trim();
      var filters = chosenFilters();
      var mine = ++generation;
      remember(query, filters);
      if (!query && !Object.keys(filters).length) {
        list.replaceChildren();
        more.hidden = true;
        status.textContent = "Type words to search for, or choose a filter to list letters.";
        return Promise.resolve();
      }
      status.textContent = "Searching…";
      var options = { filters: filters };
      if (!query) options.sort = { date: "desc" };  // a listing: newest first
      return pagefind.search(query || null, options).then(function (search) {
        if (mine !== generation || !search) return;  // a newer query has started
        list.replaceChildren();
        remaining = search.results.slice();
        shown = [];
        if (!remaining.length) {
          more.hidden = true;
          var what = query ? "No letter matches \u201c" + query + "\u201d" : "No letter matches";
          status.textContent = what + (Object.keys(filters).length ? " with these filters" : "") +
            ". Check the spelling, use fewer words, or remove a filter.";
          return;
        }
        var count = remaining.length;
        // The status changes only once the results are on the page, so that it
        // (and a screen reader's announcement) never runs ahead of the list.
        return showMore(mine, query).then(function () {
          if (mine !== generation) return;
          status.textContent = count + (count === 1 ? " letter matches" : " letters match") +
            (query ? " \u201c" + query + "\u201d" : "") + ".";
        });
      });
    }

    function showMore(mine, query) {
      var page = remaining.splice(0, PAGE_SIZE);
      more.hidden = true;
      // Fragments load in parallel; each result is shown, in order, as soon as
      // it and the ones before it have arrived.
      var loads = page.map(function (result) { return result.data(); });
      return loads.reduce(function (previous, load) {
        return previous.then(function () {
          return load.then(function (data) {
            if (mine === generation) list.append(resultItem(data, query));
          });
        });
      }, Promise.resolve()).then(function () {
        if (mine === generation) more.hidden = remaining.length === 0;
      });
    }

    more.addEventListener("click", function () { showMore(generation, input.value.trim()); });

    function resultItem(data, query) {
      var item = el("li", { class: "docket-result" });
      var url = new URL(data.url, window.location.href);
      if (query) url.searchParams.set("highlight", query.replace(/["]/g, ""));
      var link = el("a", { href: url.pathname + url.search, class: "docket-result__title" }, data.meta.title || data.url);
      var meta = el("div", { class: "docket-result__meta" }, [data.meta.date, data.meta.case].filter(Boolean).join(" \u00b7 "));
      var excerpt = el("p", { class: "docket-result__excerpt" });
      if (query) {
        // Pagefind escapes the page's text and adds only <mark> around matches.
        excerpt.innerHTML = data.excerpt;
      } else {
        excerpt.textContent = data.meta.summary || "";  // a listing: what the letter says
      }
      item.append(link, meta, excerpt);
      return item;
    }
  }

  addHeaderSearch();
  highlightOnLetterPage();
  searchPage();
})();
