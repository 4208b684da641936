// Docket Archive search on every page: the search box in the header, and, on a
// letter opened from a result, the words that matched marked in its text. The
// search page itself is javascripts/search/page.js. No value from a page or
// the index is ever parsed as HTML into the page.
(function () {
  "use strict";

  // The site's root, from Material's config, so the site works from any folder.
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);

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
    header.insertBefore(form, header.querySelector(".md-header__source"));
  }

  // ?highlight=: what the search matched (javascripts/search/highlight.js says how it is
  // written); each paragraph of the letter's text marks it, a phrase only where it stands whole.
  function highlightOnLetterPage() {
    var wanted = new URLSearchParams(window.location.search).get("highlight");
    var text = document.querySelector(".docket-letter");
    if (!wanted || !text) return;
    import(new URL("javascripts/search/highlight.js", root).href).then(function (highlight) {
      var terms = highlight.decodeTerms(wanted);
      text.querySelectorAll("p, li, h1, h2, h3, h4, h5, h6, td, th, pre").forEach(function (block) {
        if (block.querySelector("p, li, td, th")) return;
        var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        var nodes = [];
        while (walker.nextNode()) nodes.push(walker.currentNode);
        // The block's text as one, so a phrase across a link or emphasis is still found.
        var whole = nodes.map(function (node) { return node.nodeValue; }).join("");
        var hits = [];
        var at = 0;
        highlight.runsOf(whole, terms).forEach(function (run) {
          if (run.hit) hits.push([at, at + run.text.length]);
          at += run.text.length;
        });
        if (!hits.length) return;
        var start = 0;
        nodes.forEach(function (node) {
          var value = node.nodeValue;
          var end = start + value.length;
          var pieces = [];
          var last = 0;
          hits.forEach(function (hit) {
            var from = Math.max(hit[0], start) - start;
            var to = Math.min(hit[1], end) - start;
            if (from >= to) return;
            pieces.push(document.createTextNode(value.slice(last, from)), el("mark", { class: "docket-highlight" }, value.slice(from, to)));
            last = to;
          });
          start = end;
          if (!pieces.length) return;
          pieces.push(document.createTextNode(value.slice(last)));
          node.replaceWith.apply(node, pieces);
        });
      });
    });
  }

  addHeaderSearch();
  highlightOnLetterPage();
})();
