// The "Add a letter" form (docs/add-letter.md).
//
// Validates as the person types, against the letter schema that `docket check`
// uses and against the registries, both published with the site as JSON by
// formdata.py; shows the file it makes; opens the repository host's new-file
// page with the file filled in. It fetches nothing but the site's own files.
//
// One file is the whole proposal: someone new, or a new case, is described
// inside the letter (`new_people`, `new_case`), which `docket check` accepts,
// so the pull request passes its checks without a second file or a branch.
//
// Every registry value is untrusted: it is written with textContent, .value or
// .label, never as HTML.

import { Validator } from "./vendor/cfworker-json-schema/index.js"; // 4.1.6: see its LICENSE.txt
import {
  caseNumberKey,
  cleanBody,
  cleanValue,
  closeMatches,
  closePeople,
  furniture,
  longDate,
  normalizeName,
  peopleByName,
  readDate,
  relativeDate,
  slugify,
  toYaml,
} from "./add-letter-lib.js";

// Browsers and GitHub cut long addresses (near 8 KB): past this, the file goes
// by the clipboard into GitHub's editor instead of inside the link.
const MAX_URL = 6000;
const DATA = new URL("../data/", import.meta.url);
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/; // formdata.py writes owner/name, whatever form mkdocs.yml used
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const $ = (id) => document.getElementById(id);
const form = $("add-letter");

const state = {
  registry: null, // registry.json: cases, people, types, topics, the repository
  validator: null, // letter.schema.json, compiled
  byName: new Map(), // every spelling of every person -> key (the command line's lookup)
  newPeople: new Map(), // key -> {key, name, firm, role}: people added on this page
  newCase: false, // the case is a new one, described in the letter
  proposeCase: "", // the case text for which "Propose a new case" was chosen
  courts: null, // [[id, name]] from courts.json, fetched when a new case is proposed
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

// Counts in words: "no problems", "1 problem", "3 problems".
function count(n, one, many = `${one}s`) {
  return n === 0 ? `no ${many}` : `${n} ${n === 1 ? one : many}`;
}

// ---- The registries ------------------------------------------------------

function people() {
  return [...state.registry.people, ...[...state.newPeople.values()].map(({ key, name }) => ({ key, name, aliases: [] }))];
}

function personByKey(key) {
  return state.registry.people.find((person) => person.key === key) || state.newPeople.get(key);
}

function refreshPeople() {
  state.byName = peopleByName(people());
  $("people-list").replaceChildren(...people().map((person) => el("option", { value: person.name, label: `${person.name} (${person.key})` })));
}

// A person by key, name or alias, whatever the case and spacing: Archive.find_person.
function findPerson(text) {
  const key = state.byName.get(normalizeName(cleanValue(text)));
  return key ? personByKey(key) : null;
}

function caseNames(item) {
  return [item.key, item.caption, item.number];
}

// A case by key, caption or number, its number in any spelling ("08-11153" is "08-11153 (MG)").
function findCase(text) {
  const wanted = cleanValue(text).toLowerCase();
  const named = state.registry.cases.find((item) => caseNames(item).some((name) => name.toLowerCase() === wanted));
  if (named) return named;
  const key = caseNumberKey(cleanValue(text));
  return key ? state.registry.cases.find((item) => (item.numbers || []).includes(key)) : null;
}

function closeCases(text) {
  const wanted = cleanValue(text).toLowerCase();
  const spellings = new Map(state.registry.cases.flatMap((item) => caseNames(item).map((name) => [name.toLowerCase(), item])));
  const close = closeMatches(wanted, [...spellings.keys()], 3, 0.6).map((name) => spellings.get(name));
  const containing = state.registry.cases.filter((item) => wanted.length > 2 && caseNames(item).some((name) => name.toLowerCase().includes(wanted)));
  return [...new Set([...close, ...containing])].slice(0, 3);
}

function fillLists() {
  refreshPeople();
  $("case-list").replaceChildren(
    ...state.registry.cases.map((item) => el("option", { value: item.key, label: `${item.caption}, No. ${item.number}` })),
  );
  $("via-list").replaceChildren(...["e-mail", "ECF", "first-class mail", ...state.registry.via].map((via) => el("option", { value: via })));
  $("type-list").replaceChildren(...(state.registry.types || []).map((type) => el("option", { value: type })));
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
function collect(problems, warnings, where) {
  const data = {};
  const put = (pointer, input) => where.set(pointer, input);
  const caseKey = resolveCase(problems);
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
  describeNew(data, caseKey, problems, put);
  bodyWarnings(warnings);
  return data;
}

function optional(data, name, value, put, input) {
  if (value) data[name] = value;
  put(`#/${name}`, input);
}

function defaultTitle(type, date) {
  const kind = type ? type[0].toUpperCase() + type.slice(1) : "Letter";
  return ISO.test(date) && readDate(date) ? `${kind} of ${longDate(date)}` : kind;
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
    const firm = cleanValue(inputs.firm.value) || personFirm(key);
    if (firm) author.firm = firm;
    put(`${pointer}/firm`, inputs.firm);
    const behalf = cleanValue(inputs.on_behalf_of.value).split(";").map((part) => part.trim()).filter(Boolean);
    if (behalf.length) author.on_behalf_of = behalf;
    put(`${pointer}/on_behalf_of`, inputs.on_behalf_of);
    authors.push(author);
  }
  return authors;
}

function personFirm(key) {
  const added = state.newPeople.get(key);
  if (added) return cleanValue(added.firm.value);
  return state.registry.people.find((person) => person.key === key)?.firm || "";
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

// People and a case not in the registries yet, described inside the letter:
// those added on this page, and those the archive knows only from another
// letter's description (repeated here, so this letter passes on its own).
function describeNew(data, caseKey, problems, put) {
  const chosen = state.registry.cases.find((item) => item.key === caseKey);
  const newCase = state.newCase ? newCaseEntry(problems) : chosen?.new;
  put("#/new_case", $("f-case"));
  for (const name of ["number", "caption", "court", "judge"]) put(`#/new_case/${name}`, $(`f-newcase-${name}`));
  const used = new Set([
    ...(data.authors || []).map((a) => a.person),
    ...[data.addressee].flat(),
    ...(data.cc || []).map((c) => c.person),
    newCase?.judge,
  ]);
  const firms = new Map((data.authors || []).map((author) => [author.person, author.firm]));
  const described = {};
  for (const key of used) {
    const added = state.newPeople.get(key);
    const known = state.registry.people.find((person) => person.key === key);
    if (added) described[key] = newPersonEntry(added, firms.get(key));
    else if (known?.new) described[key] = known.new;
  }
  if (Object.keys(described).length) data.new_people = described;
  if (newCase) data.new_case = newCase; // after new_people: the schema's order is the file's
  put("#/new_people", $("add-author"));
}

// Someone new, as people.yml would describe them; their firm, if not given here, as the letter signs it.
function newPersonEntry(added, signedFirm = "") {
  const entry = { name: added.name };
  const role = cleanValue(added.role.value);
  const firm = cleanValue(added.firm.value) || signedFirm || "";
  if (role) entry.role = role;
  if (firm) entry.firm = firm;
  return entry;
}

function bodyWarnings(warnings) {
  const body = $("f-body");
  const lines = furniture(cleanBody(body.value));
  if (!lines.length) return;
  const listed = lines.map(({ line, kind, text }) => `line ${line}, “${text}” (${/^[aeiou]/i.test(kind) ? "an" : "a"} ${kind})`).join("; ");
  const remove = () => {
    const drop = new Set(lines.map(({ text }) => text));
    setValue(body, cleanBody(body.value).split("\n").filter((line) => !drop.has(line.trim())).join("\n"));
  };
  warnings.push({
    input: body,
    message: `Looks like page furniture from a scan or a filed copy, not the letter's words: ${listed}. Remove it, unless the letter really says it.`,
    actions: [[lines.length === 1 ? "Remove this line" : `Remove these ${lines.length} lines`, remove]],
  });
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
    note(input, `${person.name} (${person.key})${state.newPeople.has(person.key) ? ": new to the archive" : ""}`);
    return person.key;
  }
  const close = closePeople(text, state.byName).map(personByKey);
  const actions = close.map((p) => [`Use ${p.name} (${p.key})`, () => replace(p.name)]);
  actions.push([`Add “${text}” as a new person`, () => addPerson(text, replace)]);
  const hint = close.length ? `did you mean ${close.map((p) => `${p.name} (${p.key})`).join(", ")}?` : "no one in the archive has a close name.";
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

function resolveCase(problems) {
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
  if (state.proposeCase === text) return proposedCase(problems, key);
  const close = closeCases(text);
  const actions = close.map((c) => [`Use ${c.key} (${c.caption})`, () => setValue(input, c.key)]);
  actions.push([`Propose a new case “${text}”`, () => proposeCase(text)]);
  const hint = close.length ? `did you mean ${close.map((c) => `${c.key} (${c.caption})`).join(", ")}?` : "no case in the archive has a close name or number.";
  problem(problems, input, `unknown case '${text}': ${hint} Otherwise propose a new case.`, actions);
  return text;
}

function proposedCase(problems, key) {
  state.newCase = true;
  $("new-case").hidden = false;
  note($("f-case"), "a new case: described below, in the letter's file");
  if (!KEY.test(key)) problem(problems, $("f-newcase-key"), "the short name is lower-case words joined by hyphens, e.g. lexington-precision");
  else if (state.registry.cases.some((c) => c.key === key)) problem(problems, $("f-newcase-key"), `case '${key}' is already in the archive: choose it above instead`);
  for (const [id, what] of [["f-newcase-caption", "caption"], ["f-newcase-number", "case number"]]) {
    if (!cleanValue($(id).value)) problem(problems, $(id), `the new case needs its ${what}`);
  }
  return key;
}

// The new case's fields, as its case.yml would have them.
function newCaseEntry(problems) {
  const judgeInput = $("f-newcase-judge");
  const judge = resolvePerson(judgeInput, problems);
  if (!judge && !cleanValue(judgeInput.value)) problem(problems, judgeInput, "the new case needs its judge");
  return {
    number: cleanValue($("f-newcase-number").value),
    caption: cleanValue($("f-newcase-caption").value),
    court: resolveCourt(problems),
    judge: judge || cleanValue(judgeInput.value),
  };
}

// The court's courts-db id, from its name or id as typed.
function resolveCourt(problems) {
  const input = $("f-newcase-court");
  const text = cleanValue(input.value);
  if (!state.courts) {
    loadCourts();
    problem(problems, input, "loading the list of courts…");
    return text;
  }
  if (!text) {
    problem(problems, input, "the new case needs its court: type its name and choose it from the list");
    return "";
  }
  const wanted = text.toLowerCase();
  const found = state.courts.find(([id, name]) => id === wanted || name.toLowerCase() === wanted);
  if (found) {
    note(input, `${found[1]} (${found[0]})`);
    return found[0];
  }
  const names = new Map(state.courts.map(([id, name]) => [name.toLowerCase(), [id, name]]));
  const close = closeMatches(wanted, [...names.keys()], 4, 0.5).map((name) => names.get(name));
  const actions = close.map(([id, name]) => [`Use ${name} (${id})`, () => setValue(input, name)]);
  const hint = close.length ? `did you mean ${close.map(([, name]) => name).join("; ")}?` : "type part of its name and choose from the list.";
  problem(problems, input, `unknown court '${text}': ${hint}`, actions);
  return text;
}

let courtsLoading = null;

function loadCourts() {
  courtsLoading ||= fetchJson("courts.json").then(
    (data) => {
      state.courts = data.courts;
      $("court-list").replaceChildren(...state.courts.map(([id, name]) => el("option", { value: name, label: id })));
      update();
    },
    (error) => {
      courtsLoading = null;
      $("f-newcase-court-msg").textContent = `The list of courts could not be loaded (${error.message}): reload the page.`;
    },
  );
}

function judgeOf(caseKey) {
  if (state.newCase) return resolvePerson($("f-newcase-judge"), []) || "";
  return state.registry.cases.find((c) => c.key === caseKey)?.judge || "";
}

function proposeCase(text) {
  state.proposeCase = text;
  if (!$("f-newcase-key").value) $("f-newcase-key").value = slugify(text);
  if (!$("f-newcase-number").value && caseNumberKey(text)) $("f-newcase-number").value = text;
  loadCourts();
  update();
  $("f-newcase-key").focus();
}

function addPerson(name, replace) {
  let key = slugify(name);
  for (let n = 2; people().some((p) => p.key === key); n++) key = `${slugify(name)}-${n}`;
  const added = { key, name: cleanValue(name), firm: el("input", { placeholder: "e.g. Weil, Gotshal & Manges LLP" }), role: el("input", { placeholder: "e.g. attorney, United States District Judge" }) };
  state.newPeople.set(key, added);
  showNewPeople();
  refreshPeople();
  replace(cleanValue(name));
}

function showNewPeople() {
  $("new-people").hidden = state.newPeople.size === 0;
  $("new-people-list").replaceChildren(
    ...[...state.newPeople.values()].map((added) => {
      const remove = button(`Remove ${added.name}`, () => {
        state.newPeople.delete(added.key);
        showNewPeople();
        refreshPeople();
        update();
      });
      return el(
        "div",
        { className: "add-letter__row" },
        el("p", { textContent: `${added.name} (${added.key})` }),
        field("Firm", added.firm),
        field("Role, as the letter gives it", added.role),
        remove,
      );
    }),
  );
}

function setValue(input, value) {
  input.value = value;
  state.touched.add(input);
  update();
}

// ---- Schema validation, in words for people -----------------------------

const PARENTS = new Set(["$ref", "properties", "items", "prefixItems", "allOf", "anyOf", "oneOf", "additionalItems", "additionalProperties", "unevaluatedProperties", "unevaluatedItems"]);

function schemaProblems(data, where, problems) {
  const result = state.validator.validate(data);
  // A field the registries already found wrong (an unknown court, person or case) is said once, in those words.
  const said = new Set(problems.map((p) => p.input));
  for (const error of result.errors) {
    if (PARENTS.has(error.keyword)) continue;
    let pointer = error.instanceLocation;
    const missing = error.keyword === "required" && error.error.match(/property "([^"]+)"/);
    if (missing) pointer = `${pointer}/${missing[1]}`;
    const input = inputAt(pointer, where);
    if (said.has(input) && input !== form) continue;
    problem(problems, input, explain(error, pointer, valueAt(data, pointer)), dateActions(error, pointer, where, data));
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

function isDateError(error, pointer) {
  return (error.keyword === "format" || error.keyword === "pattern") && /date|next_report_due/.test(pointer);
}

function explain(error, pointer, value) {
  const name = pointer.split("/").slice(1).join(".") || "the letter";
  if (error.keyword === "required" || value === "") return `${name}: required`;
  if (error.keyword === "false") return `${name}: not a field of a letter`;
  if (isDateError(error, pointer)) {
    const read = readDate(String(value));
    if (read && read !== value) return `${name}: write the date as YYYY-MM-DD: ${read}?`;
    if (pointer === "#/next_report_due") return `${name}: '${value}' is not a date: write it as YYYY-MM-DD (e.g. 2009-07-06), or as the letter says it, 'in two weeks' or 'within 30 days'`;
    return `${name}: '${value}' is not a real date written YYYY-MM-DD, e.g. 2009-07-06`;
  }
  if (error.keyword === "type" && typeof value === "string") return `${name}: '${value}' is not a whole number`;
  if (error.keyword === "minimum") return `${name}: must be 1 or more`;
  if (error.keyword === "minLength" || error.keyword === "minItems") return `${name}: must not be empty`;
  if (error.keyword === "pattern") return `${name}: '${value}' is not in the expected form`;
  return `${name}: ${error.error}`;
}

function dateActions(error, pointer, where, data) {
  const input = where.get(pointer);
  if (!input || !isDateError(error, pointer)) return [];
  const read = readDate(input.value);
  if (read && read !== input.value) return [[`Use ${read}`, () => setValue(input, read)]];
  // "in two weeks": counted from the letter's date, as `docket import` and `docket new` count it.
  const counted = pointer === "#/next_report_due" && ISO.test(data.date || "") && readDate(data.date) ? relativeDate(input.value, data.date) : null;
  return counted ? [[`Use ${counted} (${cleanValue(input.value)} from the letter's date)`, () => setValue(input, counted)]] : [];
}

// ---- Showing it ----------------------------------------------------------

const notes = new Map();

function note(input, text) {
  const said = notes.get(input);
  if (said?.split("; ").includes(text)) return; // a field read twice (the new case's judge) says it once
  notes.set(input, said ? `${said}; ${text}` : text);
}

function messageFor(input) {
  if (input.id && $(`${input.id}-msg`)) return $(`${input.id}-msg`);
  return input.closest(".add-letter__row")?.querySelector(".add-letter__msg");
}

function showMessages(problems, warnings) {
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
  for (const { input, message, actions } of warnings) {
    messageFor(input)?.append(el("span", { className: "add-letter__warning", textContent: message }), ...actions.map(([text, act]) => button(text, act)));
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
  const warnings = [];
  const where = new Map();
  const data = collect(problems, warnings, where);
  schemaProblems(data, where, problems);
  if (!cleanBody($("f-body").value)) problem(problems, $("f-body"), "the letter's text: paste it here");
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.input === p.input && q.message === p.message) === i);
  showMessages(unique, warnings);
  const file = composeFile(data);
  const path = letterPath(data);
  $("result-file").textContent = file;
  $("result-path").textContent = path;
  state.file = { path, text: file };
  const waiting = unique.filter((p) => !state.touched.has(p.input)).length;
  $("result-summary").textContent = unique.length
    ? `${count(unique.length, "problem")} to fix before the file can be proposed${waiting ? ` (${waiting} in fields not filled in yet)` : ""}.`
    : "Ready: the file passes the checks.";
  form.dataset.problems = String(unique.length);
  showActions(unique.length === 0, path, file);
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

// GitHub's page for a new file, its name filled in, and its text where it fits in the link.
function newFileUrl(path, text) {
  return hostUrl("new", "", `?filename=${encodeURIComponent(path)}${text ? `&value=${encodeURIComponent(text)}` : ""}`);
}

function showActions(ready, path, text) {
  const repo = repository();
  $("how-repository").hidden = !repo;
  $("how-no-repository").hidden = Boolean(repo);
  $("no-repository").hidden = Boolean(repo);
  const link = $("open-pr");
  const url = repo ? newFileUrl(path, text) : "";
  const fits = url.length <= MAX_URL;
  link.hidden = !(ready && repo);
  $("paste-help").hidden = !(ready && repo && !fits);
  if (!(ready && repo)) {
    link.removeAttribute("href");
    return;
  }
  link.href = fits ? url : newFileUrl(path, "");
  link.dataset.copies = fits ? "" : "true";
  link.textContent = fits ? "Open a pull request" : "Copy the file and open a pull request";
}

// A long letter goes by the clipboard: copied as the link opens GitHub's empty editor, for one paste there.
function copyForPaste() {
  if (!$("open-pr").dataset.copies) return;
  const status = $("copy-status");
  status.textContent = "Copying the file…";
  const copied = navigator.clipboard?.writeText(state.file.text) ?? Promise.reject(new Error("no clipboard"));
  copied.then(
    () => { status.textContent = "The file is copied: paste it into the empty box on GitHub's page."; },
    () => {
      status.textContent = "The file could not be copied by itself: select the whole file above, copy it (Ctrl+C, or ⌘+C on a Mac), then paste it on GitHub's page.";
      window.getSelection()?.selectAllChildren($("result-file"));
    },
  );
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
  $("open-pr").addEventListener("click", copyForPaste);
  const { cases, people: everyone } = state.registry;
  $("form-status").textContent = `${count(cases.length, "case")} and ${count(everyone.length, "person", "people")} in the archive.`;
  form.dataset.ready = "true";
  update();
}

start();
