// Docket Archive search: a search box in the header of every page, the search
// page's results, filters, date range and sort (Pagefind's JS API), and
// highlighting of the searched words on the letter a result leads to. No
// third-party code: Pagefind's files are generated into the site itself, and
// no value from the index is ever parsed as HTML into the page.
(function () {
  "use strict";

  // The site's root, from Material's config, so the site works from any folder.
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var PAGE_SIZE = 20;
  var NO_MONTH = "0000-00";  // a month no letter has: an empty date range matches nothing

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
    var input = el("input", { id: "docket-header-q", name: "q", type: "search", placeholder: "Search", autocomplete: "off" });
    form.append(label, input);
    var before = header.querySelector(".md-header__source");
    header.insertBefore(form, before);
  }

  // The index comes in parts of consecutive months (scripts/docket_archive/publish/searchindex.py);
  // pagefind/parts.json lists them, oldest first. One copy of Pagefind's module
  // (at the bundle's root, which the search page preloads) searches them all:
  // the first part is its own index and the others are merged into it
  // (`mergeIndex`), so the WebAssembly, the worker and the module are fetched
  // once however many parts there are. `archiveSearch` answers as one index would.
  function loadPagefind() {
    return fetch(new URL("pagefind/parts.json", root).href).then(function (response) {
      if (!response.ok) throw new Error("pagefind/parts.json: HTTP " + response.status);
      return response.json();
    }).then(function (manifest) {
      var parts = manifest.parts;
      if (!parts.length) return noLetters();
      var base = function (part) { return new URL("pagefind/" + part.path, root).pathname; };
      return import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ basePath: base(parts[0]), baseUrl: root.pathname }).then(function () {
          return Promise.all(parts.slice(1).map(function (part) {
            return pagefind.mergeIndex(base(part), { baseUrl: root.pathname });
          }));
        }).then(function () { return archiveSearch(pagefind, parts); });
      });
    });
  }

  // An archive without letters has an index without parts: every search finds nothing.
  function noLetters() {
    var none = { results: [], filters: {} };
    return {
      filters: function () { return Promise.resolve({}); },
      search: function () { return Promise.resolve(none); },
    };
  }

  function sumCounts(all) {
    var merged = {};
    all.forEach(function (filters) {
      Object.keys(filters || {}).forEach(function (key) {
        var into = merged[key] = merged[key] || {};
        Object.keys(filters[key]).forEach(function (value) { into[value] = (into[value] || 0) + filters[key][value]; });
      });
    });
    return merged;
  }

  // Relevance: Pagefind merges the parts' answers by score, each part scoring
  // against its own word counts. Date order: under a sort, a score is only a
  // rank within its part, so merged answers would interleave the parts. The
  // parts follow each other in time, so each is asked on its own and the
  // answers are put one after another. A part is asked by the months its
  // pages are filed under (`indexed_month`, the months parts.json lists for
  // it), which no other part's pages have.
  function archiveSearch(pagefind, parts) {
    var byPart = parts.length > 1 && parts.every(function (part) { return part.months && part.months.length; });
    return {
      filters: function () { return pagefind.filters(); },
      search: function (term, options) {
        var direction = options && options.sort && options.sort.date;
        if (!direction || !byPart) return pagefind.search(term, options);
        var filters = (options && options.filters) || {};
        var ordered = direction === "desc" ? parts.slice().reverse() : parts;
        return Promise.all(ordered.map(function (part) {
          var own = Object.assign({}, filters, { indexed_month: { any: part.months } });
          return pagefind.search(term, Object.assign({}, options, { filters: own }));
        })).then(function (answers) {
          var counts = sumCounts(answers.map(function (answer) { return answer.filters; }));
          delete counts.indexed_month;
          return {
            results: [].concat.apply([], answers.map(function (answer) { return answer.results; })),
            filters: counts,
          };
        });
      },
    };
  }

  function highlightOnLetterPage() {
    var params = new URLSearchParams(window.location.search);
    if (!params.get("highlight") || !document.querySelector("[data-pagefind-body]")) return;
    import(new URL("pagefind/pagefind-highlight.js", root).href).then(function () {  // the same in every part
      new window.PagefindHighlight({ highlightParam: "highlight", markContext: "[data-pagefind-body]" });
    });
  }

  // Pagefind's excerpt is the page's text, escaped, with <mark> around matches.
  // It is parsed inertly (DOMParser runs no script) and rebuilt from text nodes
  // and <mark>s only, so nothing from a letter can become markup.
  function excerptNodes(html) {
    var body = new DOMParser().parseFromString(html, "text/html").body;
    return Array.prototype.map.call(body.childNodes, function (node) {
      if (node.nodeName === "MARK") return el("mark", {}, node.textContent);
      return document.createTextNode(node.textContent);
    });
  }

  function monthsBetween(months, from, to) {
    var chosen = months.filter(function (month) { return (!from || month >= from) && (!to || month <= to); });
    return chosen.length ? chosen : [NO_MONTH];
  }

  function searchPage() {
    var form = document.getElementById("docket-search");
    if (!form) return;
    var ui = {
      form: form,
      input: document.getElementById("docket-q"),
      status: document.getElementById("docket-status"),
      list: document.getElementById("docket-results"),
      more: document.getElementById("docket-more"),
      clear: document.getElementById("docket-clear"),
      sort: form.querySelector("select[name=sort]"),
      from: form.querySelector("input[name=from]"),
      to: form.querySelector("input[name=to]"),
      selects: Array.prototype.slice.call(form.querySelectorAll("select[data-filter]")),
    };
    var state = { generation: 0, remaining: [], months: [], totals: null, pending: {} };
    var params = new URLSearchParams(window.location.search);
    ui.input.value = params.get("q") || "";
    ui.sort.value = params.get("sort") || "relevance";
    ui.from.value = params.get("from") || "";
    ui.to.value = params.get("to") || "";
    // Filter values from the URL wait until the lists are filled.
    ui.selects.forEach(function (select) { if (params.get(select.name)) state.pending[select.dataset.filter] = params.get(select.name); });
    var cameWithSearch = Array.from(params.keys()).length > 0;

    var run = searchRunner(ui, state);
    ui.form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    ui.clear.addEventListener("click", function () {
      ui.selects.forEach(function (select) { select.value = ""; });
      ui.from.value = ui.to.value = "";
      state.pending = {};
      run(false);
    });
    ui.more.addEventListener("click", function () { showMore(ui, state, state.generation, ui.input.value.trim()); });

    loadPagefind().then(function (pagefind) {
      state.pagefind = pagefind;
      ui.input.addEventListener("input", function () { run(false); });
      [ui.sort, ui.from, ui.to].forEach(function (control) { control.addEventListener("change", function () { run(false); }); });
      // Filters load every filter chunk: after the first results, not before
      // (unless a date range from the URL needs the list of months first).
      // A visitor who came with a search (the header box) lands on its answer.
      var loadFilters = function () { return pagefind.filters().then(function (totals) { fillFilters(ui, state, totals); }); };
      var ready = ui.from.value || ui.to.value
        ? loadFilters().then(function () { return run(cameWithSearch); })
        : run(cameWithSearch).then(loadFilters).then(function () { return run(false, true); });
      return ready.then(function () { form.dataset.filtersReady = "true"; });
    }).catch(function (error) {
      ui.status.textContent = "The search index could not be loaded (" + error.message + "). Browse the letters by date or by case instead.";
    });
  }

  function fillFilters(ui, state, totals) {
    state.totals = totals;
    state.months = Object.keys(totals.month || {}).sort();
    if (state.months.length) {
      ui.from.min = ui.to.min = state.months[0];
      ui.from.max = ui.to.max = state.months[state.months.length - 1];
    }
    ui.selects.forEach(function (select) {
      var key = select.dataset.filter;
      Object.keys(totals[key] || {}).sort(function (a, b) {
        return key === "year" ? b.localeCompare(a) : a.localeCompare(b);
      }).forEach(function (value) {
        select.append(el("option", { value: value, "data-label": value }, value));
      });
      select.value = state.pending[key] || "";
    });
    state.pending = {};
  }

  // The filters chosen in the form (or, until the lists are filled, in the URL).
  function chosenFilters(ui, state) {
    var filters = Object.assign({}, state.pending);
    ui.selects.forEach(function (select) { if (select.value) filters[select.dataset.filter] = select.value; });
    return filters;
  }

  function rangeFilter(ui, state) {
    var from = ui.from.value, to = ui.to.value;
    if (!from && !to) return null;
    return { any: monthsBetween(state.months, from, to) };
  }

  function remember(ui, query, filters) {
    var next = new URLSearchParams();
    if (query) next.set("q", query);
    Object.keys(filters).forEach(function (key) { next.set(key, filters[key]); });
    if (ui.from.value) next.set("from", ui.from.value);
    if (ui.to.value) next.set("to", ui.to.value);
    if (ui.sort.value !== "relevance") next.set("sort", ui.sort.value);
    var search = next.toString();
    window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
  }

  function sortOption(ui, query) {
    if (ui.sort.value === "oldest") return { date: "asc" };
    if (ui.sort.value === "newest" || !query) return { date: "desc" };  // a listing has no relevance: newest first
    return undefined;
  }

  function searchRunner(ui, state) {
    ui.selects.forEach(function (select) { select.addEventListener("change", function () { run(false); }); });
    // `countsOnly` refreshes the filter counts and leaves the results alone.
    function run(focusAnswer, countsOnly) {
      var pagefind = state.pagefind;
      var query = ui.input.value.trim();
      var filters = chosenFilters(ui, state);
      var range = rangeFilter(ui, state);
      var mine = ++state.generation;
      remember(ui, query, filters);
      ui.clear.hidden = !Object.keys(filters).length && !range;
      if (!pagefind) return Promise.resolve();
      if (!query && !Object.keys(filters).length && !range) {
        ui.list.replaceChildren();
        ui.more.hidden = true;
        showCounts(ui, state.totals);
        ui.status.textContent = "Type words to search for, or choose a filter to list letters.";
        return Promise.resolve();
      }
      if (!countsOnly) ui.status.textContent = "Searching…";
      var all = Object.assign({}, filters);
      if (range) all.month = range;
      return pagefind.search(query || null, { filters: all, sort: sortOption(ui, query) }).then(function (search) {
        if (mine !== state.generation || !search) return;  // a newer query has started
        return filterCounts(pagefind, query, all, search).then(function (counts) {
          if (mine !== state.generation) return;
          showCounts(ui, counts);
          if (!countsOnly) return showResults(ui, state, mine, query, filters, search.results);
        });
      }).then(function () {
        if (focusAnswer && mine === state.generation) ui.status.focus();
      });
    }
    return run;
  }

  // Each list's counts say how many letters its values would give with the
  // query and the other filters: Pagefind's counts with each search add a value
  // to the current filters, so a list with a value chosen is counted without it.
  function filterCounts(pagefind, query, filters, search) {
    var counts = Object.assign({}, search.filters);
    var chosen = Object.keys(filters).filter(function (key) { return key !== "month"; });
    return Promise.all(chosen.map(function (key) {
      var others = Object.assign({}, filters);
      delete others[key];
      return pagefind.search(query || null, { filters: others }).then(function (without) {
        counts[key] = without.filters[key];
      });
    })).then(function () { return counts; });
  }

  function showCounts(ui, counts) {
    if (!counts) return;
    ui.selects.forEach(function (select) {
      var values = counts[select.dataset.filter] || {};
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        option.textContent = option.dataset.label + " (" + (values[option.value] || 0) + ")";
      });
    });
  }

  function showResults(ui, state, mine, query, filters, results) {
    ui.list.replaceChildren();
    state.remaining = results.slice();
    if (!results.length) {
      ui.more.hidden = true;
      var what = query ? "No letter matches \u201c" + query + "\u201d" : "No letter matches";
      var narrowed = Object.keys(filters).length || ui.from.value || ui.to.value;
      ui.status.textContent = what + (narrowed ? " with these filters" : "") +
        ". Check the spelling, use fewer words, or remove a filter.";
      return Promise.resolve();
    }
    var count = results.length;
    // The status changes only once the results are on the page, so that it
    // (and a screen reader's announcement) never runs ahead of the list.
    return showMore(ui, state, mine, query).then(function () {
      if (mine !== state.generation) return;
      ui.status.textContent = count + (count === 1 ? " letter matches" : " letters match") +
        (query ? " \u201c" + query + "\u201d" : "") + ".";
    });
  }

  function showMore(ui, state, mine, query) {
    var page = state.remaining.splice(0, PAGE_SIZE);
    ui.more.hidden = true;
    // Fragments load in parallel; each result is shown, in order, as soon as
    // it and the ones before it have arrived.
    var loads = page.map(function (result) { return result.data(); });
    return loads.reduce(function (previous, load) {
      return previous.then(function () {
        return load.then(function (data) {
          if (mine === state.generation) ui.list.append(resultItem(data, query));
        });
      });
    }, Promise.resolve()).then(function () {
      if (mine === state.generation) ui.more.hidden = state.remaining.length === 0;
    });
  }

  function resultItem(data, query) {
    var item = el("li", { class: "docket-result" });
    var url = new URL(data.url, window.location.href);
    if (query) url.searchParams.set("highlight", query.replace(/["]/g, ""));
    var link = el("a", { href: url.pathname + url.search, class: "docket-result__title" }, data.meta.title || data.url);
    var meta = el("div", { class: "docket-result__meta" }, [data.meta.date, data.meta.case].filter(Boolean).join(" \u00b7 "));
    var excerpt = el("p", { class: "docket-result__excerpt" });
    if (query) {
      excerpt.append.apply(excerpt, excerptNodes(data.excerpt));
    } else {
      excerpt.textContent = data.meta.summary || "";  // a listing: what the letter says
    }
    item.append(link, meta, excerpt);
    return item;
  }

  addHeaderSearch();
  highlightOnLetterPage();
  searchPage();
})();
