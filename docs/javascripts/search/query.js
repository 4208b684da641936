// The query language, read in the browser: the same parser as
// scripts/docket_archive/search/query.py (its docstring is the grammar), giving
// the same trees and the same messages, which tests/test_search_language.py
// compares query by query. A query it cannot read throws a QueryError with a
// plain message and where it is (0-based character offsets), never a guess.

import { stem, wordsOf } from "./words.js";

export const FIELDS = ["case", "author", "firm", "judge", "type", "court"];
export const DATE_FIELDS = ["after", "before"];
const MAX_DISTANCE = 100;
const MIN_ROOT = 3;
const ALL_FIELDS = "case:, author:, firm:, judge:, type:, court:, after: and before:";
const QUOTES_OPEN = '"\u201c\u201d';
const QUOTES_CLOSE = '"\u201d\u201c';
const SPACES = " \\t\\n\\r\\f\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const SPACE = new RegExp(`^[${SPACES}]$`);
const PIECE = new RegExp(`[^${SPACES}]+`, "g");
const PROXIMITY = /^(?:w\/(\d+)|w?\/([sp]))$/i;
const FIELD = /^([A-Za-z]+):([\s\S]*)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const EXAMPLES = { case: "lexington", author: "strochak", firm: "weil", judge: "glenn", type: '"status letter"', court: "nysb" };

export class QueryError extends Error {
  constructor(message, start, end) {
    super(message);
    this.start = start;
    this.end = Math.max(end, start + 1);
  }
}

const isSpace = (c) => SPACE.test(c);

// ---- The tree (the shape of query.py's to_json) -----------------------------

function slot(text, root, start, end) {
  return { text, root, stem: root ? text : stem(text), start, end };
}

function terms(slots, field, start, end) {
  return { op: "terms", field, slots, start, end };
}

// The tree without positions: what the tests compare with Python's.
export function toJson(node) {
  switch (node.op) {
    case "terms":
      return { op: "terms", field: node.field, slots: node.slots.map((s) => ({ text: s.text, root: s.root, stem: s.stem })) };
    case "after":
    case "before":
      return { op: node.op, day: node.day };
    case "and":
    case "or":
      return { op: node.op, items: node.items.map(toJson) };
    case "not":
      return { op: "not", item: toJson(node.item) };
    default:
      return { op: "near", scope: node.scope, distance: node.distance, left: toJson(node.left), right: toJson(node.right) };
  }
}

// ---- Reading a query ----------------------------------------------------------

export function parse(text) {
  const tokens = lex(text);
  if (!tokens.length) return null;
  return new Parser(tokens, text.length).query();
}

function lex(text) {
  const found = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) {
      i += 1;
    } else if (c === "(" || c === ")") {
      found.push({ kind: c, start: i, end: i + 1, text: c });
      i += 1;
    } else if (QUOTES_OPEN.includes(c)) {
      const [node, after] = phrase(text, i, "", i);
      found.push({ kind: "leaf", start: node.start, end: node.end, node });
      i = after;
    } else if (c === "-" && i + 1 < text.length && !isSpace(text[i + 1]) && text[i + 1] !== "-") {
      found.push({ kind: "not", start: i, end: i + 1, text: "-" });
      i += 1;
    } else {
      i = bare(text, i, found);
    }
  }
  return found;
}

function phrase(text, start, field, opened) {
  let close = -1;
  for (let j = start + 1; j < text.length; j++) {
    if (QUOTES_CLOSE.includes(text[j])) {
      close = j;
      break;
    }
  }
  if (close < 0) throw new QueryError('this quotation mark is never closed: add " at the end of the phrase', start, start + 1);
  const slots = [];
  const inside = text.slice(start + 1, close);
  for (const piece of inside.matchAll(PIECE)) slots.push(...slotsOf(piece[0], start + 1 + piece.index));
  if (!slots.length) throw new QueryError("the quotation marks hold no word: put words between them or remove them", opened, close + 1);
  return [terms(slots, field, opened, close + 1), close + 1];
}

function bare(text, start, found) {
  let end = start;
  while (end < text.length && !isSpace(text[end]) && text[end] !== "(" && text[end] !== ")" && !QUOTES_OPEN.includes(text[end])) end += 1;
  const word = text.slice(start, end);
  if (word === "AND" || word === "OR" || word === "NOT") {
    found.push({ kind: word.toLowerCase(), start, end, text: word });
    return end;
  }
  const near = PROXIMITY.exec(word);
  if (near) {
    const distance = near[1] ? Number(near[1]) : 0;
    if (near[1] && !(distance >= 1 && distance <= MAX_DISTANCE)) {
      throw new QueryError(`${word}: the distance must be a number of words from 1 to ${MAX_DISTANCE}`, start, end);
    }
    const scope = near[1] ? "words" : { s: "sentence", p: "paragraph" }[near[2].toLowerCase()];
    found.push({ kind: "near", start, end, text: word, scope, distance });
    return end;
  }
  if (/^\/\d+$/.test(word)) throw new QueryError(`write a distance as w${word} (within ${word.slice(1)} words)`, start, end);
  const named = FIELD.exec(word);
  if (named) return field(text, start, end, named[1], named[2], found);
  found.push({ kind: "leaf", start, end, text: word, node: terms(slotsOf(word, start), "", start, end) });
  return end;
}

function field(text, start, end, name, value, found) {
  const key = name.toLowerCase();
  if (!FIELDS.includes(key) && !DATE_FIELDS.includes(key)) {
    throw new QueryError(
      `${name}: is not a field; the fields are ${ALL_FIELDS} (to search for the word ${name}, leave out the colon)`,
      start,
      start + name.length + 1,
    );
  }
  if (DATE_FIELDS.includes(key)) {
    if (!DAY.test(value)) throw new QueryError(`${key}: needs a day written YYYY-MM-DD, e.g. ${key}:2009-06-01`, start, end);
    if (!realDay(value)) throw new QueryError(`${value} is not a day of the calendar`, start + key.length + 1, end);
    found.push({ kind: "leaf", start, end, text: value, node: { op: key, day: value, start, end } });
    return end;
  }
  if (!value && end < text.length && QUOTES_OPEN.includes(text[end])) {
    const [node, after] = phrase(text, end, key, start);
    found.push({ kind: "leaf", start, end: after, node });
    return after;
  }
  if (!value && end < text.length && text[end] === "(") {
    throw new QueryError(`${key}: takes one word, root! or "phrase", not a group: repeat the field, joined by OR`, start, end + 1);
  }
  if (!value) throw new QueryError(`${key}: needs a value right after the colon, e.g. ${key}:${EXAMPLES[key]}`, start, end);
  const slots = slotsOf(value, start + name.length + 1);
  found.push({ kind: "leaf", start, end, text: text.slice(start, end), node: terms(slots, key, start, end) });
  return end;
}

function realDay(value) {
  const [y, m, d] = value.split("-").map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

// The words of a piece typed as one (counter-proposal, adjourn!), each with where it is
// (for "did you mean": exact where the piece is plain ASCII, else the whole piece).
function slotsOf(piece, start) {
  const end = start + piece.length;
  if (piece.includes("*") || piece.includes("?")) {
    throw new QueryError("* and ? are not wildcards here: end a word with ! for every word that begins with it (adjourn!)", start, end);
  }
  const root = piece.endsWith("!");
  const body = root ? piece.slice(0, -1) : piece;
  if (body.includes("!")) throw new QueryError("! goes at the end of a word, for every word that begins with it (adjourn!)", start, end);
  const found = wordsOf(body);
  if (!found.length) {
    if (piece === "&" || piece === "&&") throw new QueryError("& is not an operator here: write AND", start, end);
    if (piece === "%") throw new QueryError("% is not an operator here: write NOT", start, end);
    if (piece === "|") throw new QueryError("| is not an operator here: write OR", start, end);
    throw new QueryError(`\u201c${piece}\u201d has no letters or digits to search for: remove it`, start, end);
  }
  if (root) {
    if (found.length !== 1) throw new QueryError("a root! must be one word, e.g. adjourn!", start, end);
    if (found[0].length < MIN_ROOT) throw new QueryError(`a root! needs at least ${MIN_ROOT} letters before the !`, start, end);
    return [slot(found[0], true, start, end)];
  }
  const ascii = /^[\x00-\x7f]*$/.test(body);
  if (!ascii || found.length === 1) return found.map((word) => slot(word, false, start, end));
  return [...body.toLowerCase().matchAll(/[a-z0-9]+(?:'[a-z0-9]+)*/g)].map((m) => slot(m[0], false, start + m.index, start + m.index + m[0].length));
}

class Parser {
  constructor(tokens, length) {
    this.tokens = tokens;
    this.at = 0;
    this.length = length;
  }

  peek() {
    return this.at < this.tokens.length ? this.tokens[this.at] : null;
  }

  take() {
    return this.tokens[this.at++];
  }

  query() {
    const node = this.or();
    const token = this.peek();
    if (token) throw new QueryError("this ) closes nothing: remove it or add ( where the group starts", token.start, token.end);
    return node;
  }

  needsAfter(token) {
    const following = this.peek();
    if (!following || following.kind === ")" || following.kind === "and" || following.kind === "or") {
      throw new QueryError(`${token.text} needs a word after it`, token.start, token.end);
    }
  }

  or() {
    const items = [this.and()];
    let token;
    while ((token = this.peek()) && token.kind === "or") {
      this.take();
      this.needsAfter(token);
      items.push(this.and());
    }
    return joined("or", items);
  }

  and() {
    const items = [this.unary()];
    let token;
    while ((token = this.peek()) && token.kind !== ")" && token.kind !== "or") {
      if (token.kind === "and") {
        this.take();
        this.needsAfter(token);
      }
      items.push(this.unary());
    }
    return joined("and", items);
  }

  unary() {
    const token = this.peek();
    if (token && token.kind === "not") {
      this.take();
      this.needsAfter(token);
      return { op: "not", item: this.unary() };
    }
    return this.near();
  }

  near() {
    const left = this.primary();
    const token = this.peek();
    if (!token || token.kind !== "near") return left;
    this.take();
    const following = this.peek();
    if (!following || [")", "and", "or", "near"].includes(following.kind)) {
      throw new QueryError(`${token.text} needs a word after it`, token.start, token.end);
    }
    const right = this.primary();
    for (const side of [left, right]) {
      if (!positional(side)) {
        throw new QueryError(`${token.text} needs a word, a "phrase", a root! or words joined by OR on each side`, token.start, token.end);
      }
    }
    const again = this.peek();
    if (again && again.kind === "near") {
      throw new QueryError(
        "only one w/N, /s or /p can join two terms: join pairs with AND, e.g. (a w/5 b) AND (b w/5 c)",
        again.start,
        again.end,
      );
    }
    return { op: "near", left, right, scope: token.scope, distance: token.distance };
  }

  primary() {
    const token = this.peek();
    if (!token) throw new QueryError("the query ends too soon: something is missing at the end", this.length, this.length);
    if (token.kind === "(") {
      this.take();
      const inner = this.peek();
      if (inner && inner.kind === ")") {
        throw new QueryError("the parentheses hold nothing: put words between them or remove them", token.start, inner.end);
      }
      if (!inner) throw new QueryError("this ( is never closed: add ) where the group ends", token.start, token.end);
      const node = this.or();
      const close = this.peek();
      if (!close || close.kind !== ")") throw new QueryError("this ( is never closed: add ) where the group ends", token.start, token.end);
      this.take();
      return node;
    }
    if (token.kind === ")") throw new QueryError("this ) closes nothing: remove it or add ( where the group starts", token.start, token.end);
    if (token.kind === "and" || token.kind === "or" || token.kind === "near") {
      throw new QueryError(`${token.text} needs a word before it`, token.start, token.end);
    }
    this.take();
    return token.node;
  }
}

function joined(op, items) {
  const flat = [];
  for (const item of items) {
    if (item.op === op) flat.push(...item.items);
    else flat.push(item);
  }
  return flat.length === 1 ? flat[0] : { op, items: flat };
}

function positional(node) {
  if (node.op === "terms") return node.field === "";
  if (node.op === "or") return node.items.every(positional);
  return false;
}
