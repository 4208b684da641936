// The "Add a letter" form (docs/add-letter.md).
//
// Validates as the person types, against the letter schema that `docket check`
// uses and against the registries, both published with the site as JSON by
// formdata.py; shows the file it makes; opens the repository host's new-file
// page with the file filled in. It fetches nothing but the site's own files.
//
// Every registry value is untrusted: it is written with textContent, .value or
// .label, never as HTML.

import { Validator } from "./vendor/cfworker-json-schema/index.js"; // 4.1.6: see its LICENSE.txt
import { cleanBody, cleanValue, longDate, readDate, slugify, suggestions, toYaml } from "./add-letter-lib.js";

const MAX_URL = 6000; // browsers and hosts cut URLs near 8 KB: stay well under
const DATA = new URL("../data/", import.meta.url);
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const $ = (id) => document.getElementById(id);
const form = $("add-letter");

const state = {
  registry: null, // registry.json: cases, people, topics, the repository
  validator: null, // letter.schema.json, compiled
  newPeople: new Map(), // key -> person added on this page
  newCase: false, // the case is a new one, proposed with the letter
  proposeCase: "", // the case text for which "Propose a new case" was chosen
  touched: new Set(), // inputs the person has typed in: only their problems are shown beside them
  rows: 0, // for unique ids of added rows
  file: null, // {path, text} of the file shown
};

// ---- Small DOM helpers (text only, never HTML) ---------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function button(text, onClick) {
  return el("button", { type: "button", className: "md-button add-letter__small", textContent: text, onclick: onClick });
}

function field(labelText, input) {
  input.id ||= `f-row-${++state.rows}`;
  return el("div", { className: "add-letter__field" }, el("label", { htmlFor: input.id, textContent: labelText }), input);
}

// ---- The registries ------------------------------------------------------

function people() {
  return [...state.registry.people, ...state.newPeople.values()];
}

function namesOf(person) {
  return [person.key, person.name, ...(person.aliases || [])];
}

function findPerson(text) {
  const wanted = cleanValue(text).toLowerCase();
  return people().find((person) => namesOf(person).some((name) => cleanValue(name).toLowerCase() === wanted));
}

function caseNames(item) {
  return [item.key, item.caption, item.number];
}

function findCase(text) {
  const wanted = cleanValue(text).toLowerCase();
  return state.registry.cases.find((item) => caseNames(item).some((name) => name.toLowerCase() === wanted));
}

function fillLists() {
  const list = $("people-list");
  list.replaceChildren(...people().map((person) => el("option", { value: person.name, label: `${person.name} (${person.key})` })));
  $("case-list").replaceChildren(
    ...state.registry.cases.map((item) => el("option", { value: item.key, label: `${item.caption}, No. ${item.number}` })),
  );
  $("via-list").replaceChildren(...["e-mail", "ECF", "first-class mail", ...state.registry.via].map((via) => el("option", { value: via })));
}

// ---- Rows: authors, copies, references -----------------------------------

function personInput(placeholder) {
  return el("input", { className: "add-letter__person", placeholder, autocomplete: "off" });
}

function addRow(container, kind) {
  const row = el("div", { className: "add-letter__row" });
  row.dataset.kind = kind;
  const msg = el("p", { className: "add-letter__msg" });
  msg.setAttribute("aria-live", "polite");
  const inputs = rowInputs(kind);
  for (const [name, labelText, input] of inputs) {
    input.dataset.name = name;
    if (input.classList.contains("add-letter__person")) input.setAttribute("list", "people-list");
    row.append(field(labelText, input));
    if (row.children.length === 1) row.append(msg); // what is wrong, right under the first field
  }
  row.append(button("Remove", () => { row.remove(); update(); }));
  container.append(row);
  return row;
}

function rowInputs(kind) {
  if (kind === "author") {
    return [
      ["person", "Author (name, key or alias)", personInput("Adam P. Strochak")],
      ["firm", "Firm (default: from the registry)", el("input")],
      ["on_behalf_of", "On behalf of (separate several with ;)", el("input", { placeholder: "the parties" })],
    ];
  }
  if (kind === "cc") {
    const via = el("input", { placeholder: "e-mail" });
    via.setAttribute("list", "via-list");
    return [["person", "Copy to (name, key or alias)", personInput("Seymour Preston")], ["via", "How the copy was sent", via]];
  }
  const what = el("select", {}, el("option", { value: "letters", textContent: "an earlier letter" }), el("option", { value: "docket", textContent: "a court order or docket entry" }));
  return [
    ["kind", "Refers to", what],
    ["text", "As the letter names it", el("input", { placeholder: "the fifth joint status letter dated June 5, 2009" })],
    ["date", "Its date", el("input", { placeholder: "YYYY-MM-DD" })],
    ["title", "Title of the order (court orders only)", el("input", { placeholder: "Order regarding mediation" })],
  ];
}

function rowValues(row) {
  return Object.fromEntries([...row.querySelectorAll("[data-name]")].map((input) => [input.dataset.name, input]));
}

// ---- From the form to the letter ----------------------------------------

// Builds the front matter; `where` maps each JSON pointer to the input it came
// from, so schema errors land beside the right field.
function collect(problems, where) {
  const data = {};
  const put = (pointer, input) => where.set(pointer, input);
  const caseKey = resolveCase(problems, put);
  const date = cleanValue($("f-date").value);
  const type = cleanValue($("f-type").value);
  const title = cleanValue($("f-title").value) || defaultTitle(type, date);
  Object.assign(data, { title, date, case: caseKey, type });
  put("#/title", $("f-title")); put("#/date", $("f-date")); put("#/case", $("f-case")); put("#/type", $("f-type"));
  const sequence = cleanValue($("f-sequence").value);
  if (sequence) data.sequence = /^\d+$/.test(sequence) ? Number(sequence) : sequence;
  put("#/sequence", $("f-sequence"));
  data.authors = collectAuthors(problems, put);
  put("#/authors", $("add-author"));
  data.addressee = collectAddressees(problems, caseKey);
  put("#/addressee", $("f-addressee"));
  const cc = collectCopies(problems, put);
  if (cc.length) data.cc = cc;
  optional(data, "delivery", cleanValue($("f-delivery").value), put, $("f-delivery"));
  data.summary = cleanValue($("f-summary").value);
  put("#/summary", $("f-summary"));
  const tags = [...new Set(cleanValue($("f-tags").value).split(",").map((tag) => tag.trim()).filter(Boolean).map(slugify))];
  if (tags.length) data.tags = tags;
  const references = collectReferences(put);
  if (Object.keys(references).length) data.references = references;
  optional(data, "next_report_due", cleanValue($("f-next").value), put, $("f-next"));
  return data;
}

function optional(data, name, value, put, input) {
  if (value) data[name] = value;
  put(`#/${name}`, input);
}

function defaultTitle(type, date) {
  const kind = type ? type[0].toUpperCase() + type.slice(1) : "Letter";
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && readDate(date) ? `${kind} of ${longDate(date)}` : kind;
}

function collectAuthors(problems, put) {
  const authors = [];
  for (const row of $("authors").children) {
    const inputs = rowValues(row);
    if (!cleanValue(inputs.person.value)) continue;
    const pointer = `#/authors/${authors.length}`;
    put(`${pointer}/person`, inputs.person);
    const key = resolvePerson(inputs.person, problems) || cleanValue(inputs.person.value);
    const author = { person: key };
    const firm = cleanValue(inputs.firm.value) || findPerson(key)?.firm || "";
    if (firm) author.firm = firm;
    put(`${pointer}/firm`, inputs.firm);
    const behalf = cleanValue(inputs.on_behalf_of.value).split(";").map((part) => part.trim()).filter(Boolean);
    if (behalf.length) author.on_behalf_of = behalf;
    put(`${pointer}/on_behalf_of`, inputs.on_behalf_of);
    authors.push(author);
  }
  return authors;
}

function collectCopies(problems, put) {
  const cc = [];
  for (const row of $("cc").children) {
    const inputs = rowValues(row);
    if (!cleanValue(inputs.person.value)) continue;
    put(`#/cc/${cc.length}/person`, inputs.person);
    put(`#/cc/${cc.length}/via`, inputs.via);
    const entry = { person: resolvePerson(inputs.person, problems) || cleanValue(inputs.person.value) };
    const via = cleanValue(inputs.via.value);
    if (via) entry.via = via;
    cc.push(entry);
  }
  return cc;
}

function collectReferences(put) {
  const references = {};
  for (const row of $("references").children) {
    const inputs = rowValues(row);
    const kind = inputs.kind.value;
    const text = cleanValue(inputs.text.value);
    if (!text && !cleanValue(inputs.date.value)) continue;
    const list = (references[kind] ||= []);
    const pointer = `#/references/${kind}/${list.length}`;
    const entry = { text, date: cleanValue(inputs.date.value) };
    put(`${pointer}/text`, inputs.text); put(`${pointer}/date`, inputs.date); put(pointer, inputs.text);
    const title = cleanValue(inputs.title.value);
    if (kind === "docket" && title) entry.title = title;
    list.push(entry);
  }
  return references;
}

// ---- Registry checks -----------------------------------------------------

function problem(problems, input, message, actions = []) {
  problems.push({ input, message, actions });
}

// The person's key, or "" with a problem saying who it might be. `text` is
// the input's value, or one name of several in it; `replace` puts a chosen
// name in its place.
function resolvePerson(input, problems, text = input.value, replace = (name) => setValue(input, name)) {
  text = cleanValue(text);
  if (!text) return "";
  const person = findPerson(text);
  if (person) {
    note(input, `${person.name} (${person.key})`);
    return person.key;
  }
  const close = suggestions(text, people(), namesOf);
  const actions = close.map((p) => [`Use ${p.name} (${p.key})`, () => replace(p.name)]);
  actions.push([`Add “${text}” as a new person`, () => addPerson(text, replace)]);
  const hint = close.length ? `did you mean ${close.map((p) => `${p.name} (${p.key})`).join(", ")}?` : "no one in the registry has a close name.";
  problem(problems, input, `unknown person '${text}': ${hint} Otherwise add them as a new person.`, actions);
  return "";
}

// One addressee or several (separated by ;); by default the case's judge.
function collectAddressees(problems, caseKey) {
  const input = $("f-addressee");
  const names = cleanValue(input.value).split(";").map((name) => name.trim()).filter(Boolean);
  if (!names.length) return judgeOf(caseKey) || "";
  const keys = names.map((name, i) => {
    const replace = (chosen) => setValue(input, names.map((n, j) => (j === i ? chosen : n)).join("; "));
    return resolvePerson(input, problems, name, replace) || name;
  });
  return keys.length === 1 ? keys[0] : keys;
}

function resolveCase(problems, put) {
  const input = $("f-case");
  const text = cleanValue(input.value);
  state.newCase = false;
  $("new-case").hidden = true;
  if (!text) return "";
  const found = findCase(text);
  if (found) {
    note(input, `${found.caption}, No. ${found.number}`);
    return found.key;
  }
  const key = cleanValue($("f-newcase-key").value);
  if (state.proposeCase === text) return newCase(problems, put, key);
  const close = suggestions(text, state.registry.cases, caseNames);
  const actions = close.map((c) => [`Use ${c.key} (${c.caption})`, () => setValue(input, c.key)]);
  actions.push([`Propose a new case “${text}”`, () => proposeCase(text)]);
  const hint = close.length ? `did you mean ${close.map((c) => `${c.key} (${c.caption})`).join(", ")}?` : "no registered case has a close name.";
  problem(problems, input, `unknown case '${text}': ${hint} Otherwise propose a new case.`, actions);
  return text;
}

function newCase(problems, put, key) {
  state.newCase = true;
  $("new-case").hidden = false;
  note($("f-case"), "a new case: its case.yml is proposed below");
  if (!KEY.test(key)) problem(problems, $("f-newcase-key"), "the case key is lower-case words joined by hyphens, e.g. lexington-precision");
  else if (state.registry.cases.some((c) => c.key === key)) problem(problems, $("f-newcase-key"), `case '${key}' already exists: choose it above instead`);
  for (const [id, what] of [["f-newcase-caption", "caption"], ["f-newcase-number", "case number"]]) {
    if (!cleanValue($(id).value)) problem(problems, $(id), `the new case needs its ${what}`);
  }
  if (!/^[a-z0-9]+$/.test(cleanValue($("f-newcase-court").value))) problem(problems, $("f-newcase-court"), "the court's courts-db id, lower case, e.g. nysb");
  if (!resolvePerson($("f-newcase-judge"), problems) && !cleanValue($("f-newcase-judge").value)) problem(problems, $("f-newcase-judge"), "the new case needs its judge");
  return key;
}

function judgeOf(caseKey) {
  if (state.newCase) return resolvePerson($("f-newcase-judge"), []) || "";
  return state.registry.cases.find((c) => c.key === caseKey)?.judge || "";
}

function proposeCase(text) {
  state.proposeCase = text;
  if (!$("f-newcase-key").value) $("f-newcase-key").value = slugify(text);
  update();
  $("f-newcase-key").focus();
}

function addPerson(name, replace) {
  let key = slugify(name);
  for (let n = 2; people().some((p) => p.key === key); n++) key = `${slugify(name)}-${n}`;
  state.newPeople.set(key, { key, name: cleanValue(name), aliases: [], firm: "" });
  fillLists();
  replace(cleanValue(name));
}

function setValue(input, value) {
  input.value = value;
  state.touched.add(input);
  update();
}

// ---- Schema validation, in words for people -----------------------------

const PARENTS = new Set(["$ref", "properties", "items", "prefixItems", "allOf", "anyOf", "oneOf", "additionalItems", "unevaluatedProperties", "unevaluatedItems"]);

function schemaProblems(data, where, problems) {
  const result = state.validator.validate(data);
  for (const error of result.errors) {
    if (PARENTS.has(error.keyword)) continue;
    let pointer = error.instanceLocation;
    const missing = error.keyword === "required" && error.error.match(/property "([^"]+)"/);
    if (missing) pointer = `${pointer}/${missing[1]}`;
    problem(problems, inputAt(pointer, where), explain(error, pointer, valueAt(data, pointer)), dateActions(error, pointer, where));
  }
}

function inputAt(pointer, where) {
  for (let at = pointer; at; at = at.slice(0, at.lastIndexOf("/"))) {
    if (where.has(at)) return where.get(at);
  }
  return form;
}

function valueAt(data, pointer) {
  return pointer.split("/").slice(1).reduce((value, part) => (value == null ? value : value[part]), data);
}

function explain(error, pointer, value) {
  const name = pointer.split("/").slice(1).join(".") || "the letter";
  if (error.keyword === "required" || value === "") return `${name}: required`;
  if ((error.keyword === "format" || error.keyword === "pattern") && /date|next_report_due/.test(pointer)) {
    const read = readDate(String(value));
    return read && read !== value
      ? `${name}: write the date as YYYY-MM-DD: ${read}?`
      : `${name}: '${value}' is not a real date written YYYY-MM-DD, e.g. 2009-07-06`;
  }
  if (error.keyword === "type" && typeof value === "string") return `${name}: '${value}' is not a whole number`;
  if (error.keyword === "minimum") return `${name}: must be 1 or more`;
  if (error.keyword === "minLength" || error.keyword === "minItems") return `${name}: must not be empty`;
  return `${name}: ${error.error}`;
}

function dateActions(error, pointer, where) {
  const input = where.get(pointer);
  const read = input && (error.keyword === "format" || error.keyword === "pattern") ? readDate(input.value) : null;
  return read && read !== input.value ? [[`Use ${read}`, () => setValue(input, read)]] : [];
}

// ---- Showing it ----------------------------------------------------------

const notes = new Map();

function note(input, text) {
  notes.set(input, notes.has(input) ? `${notes.get(input)}; ${text}` : text);
}

function messageFor(input) {
  if (input.id && $(`${input.id}-msg`)) return $(`${input.id}-msg`);
  return input.closest(".add-letter__row")?.querySelector(".add-letter__msg");
}

function showMessages(problems) {
  for (const msg of form.querySelectorAll(".add-letter__msg")) msg.replaceChildren();
  for (const input of form.querySelectorAll("input, textarea, select")) input.removeAttribute("aria-invalid");
  for (const [input, text] of notes) {
    const msg = messageFor(input);
    if (msg && cleanValue(input.value)) msg.append(el("span", { className: "add-letter__ok", textContent: `✓ ${text}` }), " ");
  }
  const list = [];
  for (const { input, message, actions } of problems) {
    if (!state.touched.has(input)) continue;
    input.setAttribute("aria-invalid", "true");
    const msg = messageFor(input);
    const line = el("span", { className: "add-letter__error", textContent: message });
    msg?.append(line, ...actions.map(([text, act]) => button(text, act)));
    list.push(el("li", { textContent: message }));
  }
  $("problems").replaceChildren(...list);
}

function composeFile(data) {
  const body = cleanBody($("f-body").value);
  return `---\n${toYaml(data)}\n---\n\n${body}\n`;
}

function letterPath(data) {
  const folder = state.registry.repository?.letters || "letters";
  return `${folder}/${data.case}/${data.date}-${slugify(data.type || "letter")}.md`;
}

function update() {
  if (!state.registry) return;
  notes.clear();
  const problems = [];
  const where = new Map();
  const data = collect(problems, where);
  schemaProblems(data, where, problems);
  if (!cleanBody($("f-body").value)) problem(problems, $("f-body"), "the letter's text: paste it here");
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.input === p.input && q.message === p.message) === i);
  showMessages(unique);
  const file = composeFile(data);
  const path = letterPath(data);
  $("result-file").textContent = file;
  $("result-path").textContent = path;
  state.file = { path, text: file };
  const waiting = unique.filter((p) => !state.touched.has(p.input)).length;
  $("result-summary").textContent = unique.length
    ? `${unique.length} problem(s) to fix before the file can be proposed${waiting ? ` (${waiting} in fields not filled in yet)` : ""}.`
    : "Ready: the file passes the checks.";
  form.dataset.problems = String(unique.length);
  showActions(unique.length === 0, path, file);
  showProposals(data);
}

// ---- The pull request ----------------------------------------------------

function repository() {
  const repo = state.registry.repository;
  return repo && REPOSITORY.test(repo.name) ? repo : null;
}

function hostUrl(action, path, query = "") {
  const repo = repository();
  const branch = repo.branch.split("/").map(encodeURIComponent).join("/");
  return `https://github.com/${repo.name}/${action}/${branch}${path}${query}`;
}

function newFileUrl(path, text) {
  return hostUrl("new", "", `?filename=${encodeURIComponent(path)}&value=${encodeURIComponent(text)}`);
}

function showActions(ready, path, text) {
  const repo = repository();
  $("no-repository").hidden = Boolean(repo);
  const url = repo ? newFileUrl(path, text) : "";
  const fits = url.length <= MAX_URL;
  $("open-pr").hidden = !(ready && repo && fits);
  if (ready && repo && fits) $("open-pr").href = url;
  else $("open-pr").removeAttribute("href");
  $("too-long").hidden = !(ready && repo && !fits);
  if (repo) $("upload-link").href = hostUrl("upload", "/" + path.split("/").slice(0, -1).map(encodeURIComponent).join("/"));
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed: select the text and copy it";
  }
}

// New people and a new case, as the files to add or change.
function proposals(data) {
  const files = [];
  const used = new Set([...(data.authors || []).map((a) => a.person), ...[data.addressee].flat(), ...(data.cc || []).map((c) => c.person)]);
  if (state.newCase) {
    used.add(resolvePerson($("f-newcase-judge"), []));
    const caseYml = toYaml({
      number: cleanValue($("f-newcase-number").value),
      caption: cleanValue($("f-newcase-caption").value),
      court: cleanValue($("f-newcase-court").value),
      judge: resolvePerson($("f-newcase-judge"), []) || cleanValue($("f-newcase-judge").value),
    });
    files.push({ path: `${letterPath(data).split("/").slice(0, -1).join("/")}/case.yml`, text: `${caseYml}\n`, how: "new" });
  }
  const added = [...state.newPeople.values()].filter((person) => used.has(person.key));
  if (added.length) {
    const firms = new Map((data.authors || []).map((a) => [a.person, a.firm]));
    const lines = added.map((p) => `\n${p.key}:\n${toYaml(firms.get(p.key) ? { name: p.name, firm: firms.get(p.key) } : { name: p.name }, "  ")}\n`);
    const folder = state.registry.repository?.letters || "letters";
    files.push({ path: `${folder}/people.yml`, text: lines.join(""), how: "append" });
  }
  return files;
}

function showProposals(data) {
  const files = proposals(data);
  $("proposals").hidden = files.length === 0;
  $("proposal-list").replaceChildren(...files.map(proposalView));
}

function proposalView(file) {
  const what = file.how === "new" ? `New file ${file.path}:` : `Add these lines at the end of ${file.path}:`;
  const box = el("div", { className: "add-letter__proposal" }, el("p", { textContent: what }), el("pre", {}, el("code", { textContent: file.text })));
  const actions = el("p", { className: "add-letter__actions" });
  const repo = repository();
  if (repo) {
    const href = file.how === "new" ? newFileUrl(file.path, file.text) : hostUrl("edit", "/" + file.path.split("/").map(encodeURIComponent).join("/"));
    actions.append(el("a", { className: "md-button", href, rel: "noopener noreferrer", target: "_blank", textContent: file.how === "new" ? `Create ${file.path}` : `Edit ${file.path}` }));
  }
  const copyButton = button("Copy", () => copy(file.text, copyButton));
  actions.append(button("Download", () => download(file.path.split("/").pop(), file.text)), copyButton);
  box.append(actions);
  return box;
}

// ---- Start ---------------------------------------------------------------

async function fetchJson(name) {
  const response = await fetch(new URL(name, DATA));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return response.json();
}

async function start() {
  try {
    const [registry, schema] = await Promise.all([fetchJson("registry.json"), fetchJson("letter.schema.json")]);
    state.registry = registry;
    state.validator = new Validator(schema, "2020-12", false);
  } catch (error) {
    $("form-status").textContent = `The registry could not be loaded (${error.message}): reload the page.`;
    return;
  }
  fillLists();
  addRow($("authors"), "author");
  addRow($("cc"), "cc");
  $("add-author").onclick = () => addRow($("authors"), "author");
  $("add-cc").onclick = () => addRow($("cc"), "cc");
  $("add-reference").onclick = () => addRow($("references"), "reference");
  form.addEventListener("input", (event) => { state.touched.add(event.target); update(); });
  // Text fields update on "input"; re-rendering on their "change" (on blur)
  // would replace a suggestion button just as it is being clicked.
  form.addEventListener("change", (event) => {
    if (event.target.tagName !== "SELECT") return;
    state.touched.add(event.target);
    update();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  $("download").onclick = () => download(state.file.path.split("/").pop(), state.file.text);
  $("copy").onclick = () => copy(state.file.text, $("copy"));
  $("form-status").textContent = `${state.registry.cases.length} case(s) and ${state.registry.people.length} people in the registry.`;
  form.dataset.ready = "true";
  update();
}

start();
