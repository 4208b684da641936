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

  // ?highlight=word word...: the folded words the search matched; each word of the
  // letter's text that folds to one of them is marked.
  function highlightOnLetterPage() {
    var wanted = new URLSearchParams(window.location.search).get("highlight");
    var text = document.querySelector(".docket-letter");
    if (!wanted || !text) return;
    import(new URL("javascripts/search/words.js", root).href).then(function (words) {
      var set = new Set(wanted.split(/\s+/).filter(Boolean));
      var walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) nodes.push(walker.currentNode);
      nodes.forEach(function (node) {
        var value = node.nodeValue;
        var pattern = /[\p{L}\p{N}\p{M}'\u2019\u2018\u02bc]+/gu;
        var pieces = [];
        var last = 0;
        var match;
        while ((match = pattern.exec(value))) {
          var hit = (words.fold(match[0]).match(words.WORD) || []).some(function (w) { return set.has(w); });
          if (!hit) continue;
          pieces.push(document.createTextNode(value.slice(last, match.index)), el("mark", { class: "docket-highlight" }, match[0]));
          last = match.index + match[0].length;
        }
        if (!pieces.length) return;
        pieces.push(document.createTextNode(value.slice(last)));
        node.replaceWith.apply(node, pieces);
      });
    });
  }

  addHeaderSearch();
  highlightOnLetterPage();
})();
