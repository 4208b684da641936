// Docket Archive tables: a filter box and sortable columns on the tables marked
// `data-docket-table` (case timelines, person and topic pages), on the table or
// on an element around it. Progressive enhancement: without JavaScript the table
// is complete, in its default order. Only text is read and written: cells are
// moved, never rebuilt, and nothing is set as HTML.
(function () {
  "use strict";

  var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  var count = 0;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  // A cell sorts by its data-sort (an ISO date, a number) or else its text.
  function sortKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.getAttribute("data-sort") || cell.textContent.trim();
  }

  function sortBy(table, index, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    Array.prototype.forEach.call(table.tBodies, function (body) {
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var order = collator.compare(sortKey(a, index), sortKey(b, index));
        return ascending ? order : -order;
      });
      body.append.apply(body, rows);  // moves the rows: links and focus survive
    });
  }

  // Each column heading becomes a button; aria-sort tells screen readers the order.
  function makeSortable(table, announce) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    Array.prototype.forEach.call(head.cells, function (th, index) {
      if (th.hasAttribute("data-nosort") || !th.textContent.trim()) return;
      var name = th.textContent.trim();
      var button = el("button", { type: "button", class: "docket-sort" }, name);
      th.replaceChildren(button);
      button.addEventListener("click", function () {
        sortBy(table, index, th);
        announce("Sorted by " + name.toLowerCase() + ", " + th.getAttribute("aria-sort") + ".");
      });
    });
  }

  function matches(row, words) {
    var text = row.textContent.toLowerCase();
    return words.every(function (word) { return text.indexOf(word) !== -1; });
  }

  function hideIfEmpty(table) {
    var empty = !table.querySelector("tbody tr:not([hidden])");
    var shown = table.closest(".md-typeset__scrollwrap") || table;
    shown.hidden = empty;
    var heading = shown.previousElementSibling;
    if (heading && /^H[2-6]$/.test(heading.tagName)) heading.hidden = empty;
  }

  function addFilter(box, tables, status) {
    var rows = [];
    tables.forEach(function (table) {
      Array.prototype.forEach.call(table.tBodies, function (body) { rows.push.apply(rows, body.rows); });
    });
    var noun = box.getAttribute("data-docket-table") || "rows";
    var id = "docket-filter-" + (++count);
    var controls = el("div", { class: "docket-table-filter" });
    var label = el("label", { for: id }, "Filter these " + rows.length + " " + noun);
    var input = el("input", { id: id, type: "search", autocomplete: "off", placeholder: "e.g. a name, a word of the summary, 2009" });
    controls.append(label, input, status);
    var first = tables[0];
    var anchor = box === first ? (first.closest(".md-typeset__scrollwrap") || first) : box.firstChild;
    anchor.parentNode.insertBefore(controls, anchor);
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        row.hidden = !matches(row, words);
        if (!row.hidden) shown += 1;
      });
      // Of several tables (a year's months), those left empty go, with their heading.
      if (tables.length > 1) tables.forEach(hideIfEmpty);
      status.textContent = words.length ? shown + " of " + rows.length + " " + noun + " shown." : "";
    });
  }

  function enhance(box) {
    if (box.hasAttribute("data-docket-ready")) return;
    box.setAttribute("data-docket-ready", "");
    var tables = box.tagName === "TABLE" ? [box] : Array.prototype.slice.call(box.querySelectorAll("table"));
    var rows = tables.reduce(function (sum, table) { return sum + table.querySelectorAll("tbody tr").length; }, 0);
    if (rows < 2) return;  // nothing to filter or sort
    var status = el("p", { class: "docket-table-filter__status", role: "status", "aria-live": "polite" });
    var announce = function (text) { status.textContent = text; };
    tables.forEach(function (table) { makeSortable(table, announce); });
    addFilter(box, tables, status);
  }

  document.querySelectorAll("[data-docket-table]").forEach(enhance);
})();
