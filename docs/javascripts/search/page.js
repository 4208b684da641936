// The search page (docs/search.md): the query box and the fields that write into
// it, results newest first (or oldest first, or best match first), excerpts from
// each letter's own text with the matched words marked, "did you mean", and
// "keep watching this search", which proposes a standing search to the
// repository the same way the Add a letter form proposes a letter.
//
// Nothing from a letter or the index is ever parsed as HTML into this page:
// letter pages are read with DOMParser (inert) and shown through textContent.

import { parse, QueryError } from "./query.js";
import { openIndex } from "./engine.js";
import { encodeTerms, runsOf } from "./highlight.js";
import { fold } from "./words.js";

const PAGE_SIZE = 20;
const MAX_URL = 6000; // as the Add a letter form: hosts cut URLs near 8 KB
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const ORDERS = { newest: "newest first", oldest: "oldest first", relevance: "best match first" };
const SITE = new URL("../../", import.meta.url); // the site's root
const $ = (id) => document.getElementById(id);

const ui = {
  form: $("docket-search"),
  input: $("docket-q"),
  order: document.querySelector("#docket-search select[name=order]"),
  fields: [...document.querySelectorAll("#docket-search [data-field]")],
  error: $("docket-query-error"),
  status: $("docket-status"),
  suggest: $("docket-suggest"),
  list: $("docket-results"),
  more: $("docket-more"),
  watch: $("docket-watch"),
};

const state = {
  index: null,
  generation: 0,
  ids: [], // the letters found so far, in order
  limit: 0, // how many of them the page should show
  scheduled: 0, // how many are loading or shown
  shown: 0,
  first: null, // the first result's page, loading
  chain: Promise.resolve(), // results are appended one after another, in order
  terms: [], // what the results mark (highlight.js)
  data: null,
};

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

// ---- The fields write clauses into the query ----------------------------------------

function clauseFor(control) {
  const value = control.value.replace(/["\u201c\u201d]/g, "").trim();
  if (!value) return "";
  const field = control.dataset.field;
  if (field === "after" || field === "before" || field === "case" || field === "court") return `${field}:${value}`;
  return `${field}:"${value}"`;
}

function applyField(control) {
  let query = ui.input.value;
  const previous = control.dataset.clause || "";
  if (previous && query.includes(previous)) query = query.replace(previous, "");
  const clause = clauseFor(control);
  control.dataset.clause = clause;
  ui.input.value = [query.trim().replace(/\s+/g, " "), clause].filter(Boolean).join(" ");
}

function fillFields(data) {
  for (const control of ui.fields) {
    if (control.tagName !== "SELECT") continue;
    for (const value of data[control.dataset.field] || []) {
      const [key, label] = Array.isArray(value) ? value : [value, value];
      control.append(el("option", { value: key, textContent: label }));
    }
  }
}

// ---- Searching -------------------------------------------------------------------

async function run(remember) {
  const mine = ++state.generation;
  const text = ui.input.value.trim();
  if (remember) rememberInUrl(text);
  ui.error.hidden = true;
  ui.suggest.hidden = true;
  ui.more.hidden = true;
  ui.watch.hidden = true;
  ui.list.replaceChildren();
  let tree;
  try {
    tree = parse(text);
  } catch (error) {
    if (!(error instanceof QueryError)) throw error;
    showError(text, error);
    return;
  }
  if (!tree) {
    ui.status.textContent = "Type words to search for, or choose a field to list letters.";
    return;
  }
  if (!state.index) {
    ui.status.textContent = "Loading the search index…";
    return;
  }
  ui.status.textContent = "Searching…";
  const index = state.index;
  await index.resolve(tree);
  if (mine !== state.generation) return;
  state.terms = index.highlighted(tree);
  Object.assign(state, { ids: [], limit: PAGE_SIZE, scheduled: 0, shown: 0, first: null, chain: Promise.resolve() });
  offerSuggestions(index, tree, text, mine);
  const order = ui.order.value in ORDERS ? ui.order.value : "newest";
  // Each part's letters are shown as soon as it is read (up to a page); the older parts
  // are read meanwhile, to count every letter that matches.
  for await (const batch of index.search(tree, order)) {
    if (mine !== state.generation) return;
    state.ids.push(...batch.ids);
    if (state.ids.length) {
      ui.status.textContent = `${state.ids.length} ${state.ids.length === 1 ? "letter matches" : "letters match"} so far, ${ORDERS[order]}; still reading older letters\u2026`;
    }
    pump(mine);
  }
  await pump(mine);
  if (mine !== state.generation) return;
  const count = state.ids.length;
  ui.status.textContent = count
    ? `${count} ${count === 1 ? "letter matches" : "letters match"} \u201c${text}\u201d, ${ORDERS[order]}.`
    : `No letter matches \u201c${text}\u201d.`;
  ui.more.hidden = state.shown >= count;
  offerWatch(text);
  ui.form.dataset.done = String(mine);
}

function showError(text, error) {
  ui.status.textContent = "The query cannot be read.";
  ui.error.replaceChildren(
    el("span", { textContent: `At character ${error.start + 1}: ${error.message}.` }),
    el("br"),
    el("code", {}, text.slice(0, error.start), el("mark", { textContent: text.slice(error.start, error.end) || " " }), text.slice(error.end)),
  );
  ui.error.hidden = false;
}

// Words of the query no letter has: say so, and offer the archive's closest word, one click away.
async function offerSuggestions(index, tree, text, mine) {
  const missing = index.missing(tree);
  if (!missing.length) return;
  const parts = [];
  for (const { node, slot } of missing) {
    const what = slot.root ? `No word in the letters begins with \u201c${slot.text}\u201d` : `No letter has the word \u201c${slot.text}\u201d`;
    const where = node.field ? ` in ${node.field}:` : "";
    const suggestion = slot.root || node.field ? null : await index.suggest(slot.text);
    if (mine !== state.generation) return;
    const line = el("span", { textContent: what + where + "." });
    if (suggestion) {
      const fixed = text.slice(0, slot.start) + suggestion + text.slice(slot.end);
      const link = el("a", { href: "?" + new URLSearchParams({ q: fixed }).toString(), textContent: suggestion, className: "docket-suggestion" });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        ui.input.value = fixed;
        run(true);
      });
      line.append(" Did you mean ", link, "?");
    }
    parts.push(line, el("br"));
  }
  parts.pop();
  ui.suggest.replaceChildren(...parts);
  ui.suggest.hidden = false;
}

// Shows the letters found so far, up to the page's limit, in order. The first letter's page
// loads alone, so that it shows as soon as it can; the others then load in parallel.
function pump(mine) {
  const upto = Math.min(state.limit, state.ids.length);
  while (state.scheduled < upto) {
    const id = state.ids[state.scheduled++];
    const load = state.first ? state.first.then(() => letterOf(id)) : (state.first = letterOf(id));
    state.chain = state.chain
      .then(() => load)
      .then((letter) => {
        if (mine !== state.generation) return;
        ui.list.append(resultItem(id, letter));
        state.shown += 1;
      });
  }
  return state.chain;
}

function showMore() {
  const mine = state.generation;
  state.limit += PAGE_SIZE;
  ui.more.hidden = true;
  return pump(mine).then(() => {
    if (mine === state.generation) ui.more.hidden = state.shown >= state.ids.length;
  });
}

function letterUrl(id) {
  return new URL("letters/" + id.split("/").map(encodeURIComponent).join("/") + "/", SITE);
}

async function letterOf(id) {
  try {
    const response = await fetch(letterUrl(id));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const data = JSON.parse(page.getElementById("docket-search-letter").textContent);
    return { data, text: page.querySelector(".docket-letter") };
  } catch {
    return { data: { id, title: id }, text: null };
  }
}

function resultItem(id, letter) {
  const url = letterUrl(id);
  const marked = encodeTerms(state.terms);
  if (marked && marked.length < 2000) url.searchParams.set("highlight", marked);
  const title = el("a", { href: url.pathname + url.search, className: "docket-result__title" });
  title.append(...marks(letter.data.title || id));
  const meta = el("div", { className: "docket-result__meta", textContent: [longDate(letter.data.date), letter.data.caption].filter(Boolean).join(" \u00b7 ") });
  const excerpt = el("p", { className: "docket-result__excerpt" });
  excerpt.append(...excerptOf(letter.text));
  const item = el("li", { className: "docket-result" }, title, meta, excerpt);
  item.dataset.letter = id;
  return item;
}

function longDate(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

// ---- Excerpts from the letter's own text ----------------------------------------------

const BLOCKS = new Set(["P", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "TD", "TH", "DT", "DD"]);
const SPAN = 30; // words shown around the best place

function paragraphsOf(element) {
  const found = [];
  const visit = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.ELEMENT_NODE && BLOCKS.has(child.tagName) && !child.querySelector("p, li, td, th")) {
        const text = child.textContent.replace(/\s+/g, " ").trim();
        if (text) found.push(text);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        visit(child);
      }
    }
  };
  if (element) visit(element);
  return found;
}

function marks(text) {
  return runsOf(text, state.terms).map((run) => (run.hit ? el("mark", { textContent: run.text }) : document.createTextNode(run.text)));
}

// The stretch of the letter's text with the most matched words (its opening if none).
function excerptOf(element) {
  const paragraphs = paragraphsOf(element);
  const runs = runsOf(paragraphs.join(" \u00b6 "), state.terms);
  const words = runs.map((run, i) => [run, i]).filter(([run]) => run.word);
  let best = 0;
  let bestHits = -1;
  for (let start = 0; start < words.length; start += 5) {
    const hits = words.slice(start, start + SPAN).filter(([run]) => run.hit).length;
    if (hits > bestHits) {
      best = start;
      bestHits = hits;
    }
  }
  if (!words.length) return [];
  // Start a few words before the window's first match, so it reads in context.
  const first = words.slice(best, best + SPAN).findIndex(([run]) => run.hit);
  if (first > 8) best = Math.min(best + first - 8, Math.max(0, words.length - SPAN));
  const from = words[best][1];
  const to = words[Math.min(words.length - 1, best + SPAN - 1)][1];
  const shown = runs.slice(from, to + 1).map((run) => (run.hit ? el("mark", { textContent: run.text }) : document.createTextNode(run.text.replace(/ \u00b6 /g, " \u2026 "))));
  if (best > 0) shown.unshift(document.createTextNode("\u2026 "));
  if (to < runs.length - 1) shown.push(document.createTextNode(" \u2026"));
  return shown;
}

// ---- Keep watching: a standing search, proposed to the repository ----------------------

function slugify(text) {
  const words = fold(text).match(/[a-z0-9]+/g) || [];
  return words.join("-").slice(0, 60).replace(/-+$/, "") || "search";
}

function yamlString(text) {
  return "'" + text.replace(/[\r\n]+/g, " ").replace(/'/g, "''") + "'";
}

function offerWatch(text) {
  const data = state.data;
  if (!data) return;
  const key = slugify(text);
  const file = `# A standing search: its feed lists the letters that match, newest first.\nname: ${yamlString(text)}\nquery: ${yamlString(text)}\n`;
  const repo = data.repository && REPOSITORY.test(data.repository.name) ? data.repository : null;
  const path = `${repo ? repo.letters : "letters"}/searches/${key}.yml`;
  ui.watch.dataset.path = path;
  ui.watch.dataset.file = file;
  const box = $("docket-watch-how");
  if (repo) {
    const branch = repo.branch.split("/").map(encodeURIComponent).join("/");
    const url = `https://github.com/${repo.name}/new/${branch}?filename=${encodeURIComponent(path)}&value=${encodeURIComponent(file)}`;
    if (url.length <= MAX_URL) {
      ui.watch.href = url;
      box.textContent = `Opens a pull request adding ${path}; once it is merged, the search's feed lists each new letter that matches.`;
      ui.watch.hidden = false;
      return;
    }
  }
  ui.watch.removeAttribute("href");
  box.textContent = `To keep watching this search, add the file ${path} to the repository with these lines:`;
  box.append(el("pre", {}, el("code", { textContent: file })));
  ui.watch.hidden = false;
}

// ---- The address keeps the search ----------------------------------------------------

function rememberInUrl(text) {
  const next = new URLSearchParams();
  if (text) next.set("q", text);
  if (ui.order.value !== "newest") next.set("order", ui.order.value);
  const search = next.toString();
  window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  ui.input.value = params.get("q") || "";
  if (params.get("order") in ORDERS) ui.order.value = params.get("order");
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(true).then(() => ui.status.focus());
  });
  ui.order.addEventListener("change", () => run(true));
  for (const control of ui.fields) control.addEventListener("change", () => { applyField(control); run(true); });
  ui.more.addEventListener("click", () => showMore());
  ui.watch.addEventListener("click", (event) => { if (!ui.watch.href) event.preventDefault(); });
  try {
    state.index = await openIndex(new URL("search-index/", SITE));
  } catch (error) {
    ui.status.textContent = `The search index could not be loaded (${error.message}). Browse the letters by date or by case instead.`;
    return;
  }
  const first = run(false).then(() => { if (params.get("q")) ui.status.focus(); });
  // The fields' lists come after the first answer: they are not needed for it.
  await first;
  try {
    const response = await fetch(new URL("data/search.json", SITE));
    if (response.ok) {
      state.data = await response.json();
      fillFields(state.data);
      if (ui.form.dataset.done) offerWatch(ui.input.value.trim());
    }
  } finally {
    ui.form.dataset.ready = "true";
  }
}

start();
