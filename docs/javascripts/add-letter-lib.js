// The plain functions of the "Add a letter" form: cleaning pasted text, YAML,
// dates, fuzzy matching. No DOM here; add-letter.js is the page's script.

// ---- Cleaning what Word pastes -------------------------------------------

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g; // zero-width characters, soft hyphen
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const SPACES = /[\u00A0\u2007\u202F\u2000-\u200A\t]/g; // non-breaking and odd spaces, tabs

export function cleanText(text) {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(/\p{Cs}/gu, "") // lone surrogates cannot be written as UTF-8
    .replace(INVISIBLE, "")
    .replace(CONTROL, "")
    .replace(SPACES, " ");
}

// A YAML value: one line, straight quotes, single spaces.
export function cleanValue(text) {
  return cleanText(text)
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

// The letter's text keeps its typography, but not the indentation Word adds,
// which Markdown would show as code.
export function cleanBody(text) {
  return cleanText(text)
    .split("\n")
    .map((line) => line.replace(/^ +/, "").replace(/ +$/, "").replace(/ {2,}/g, " "))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export function slugify(text) {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "letter"
  );
}

// ---- YAML, serialised safely ---------------------------------------------

// Every string is double-quoted, JSON-style (a subset of YAML's double-quoted
// scalars), so ': ', '#', '{', quotes or a leading '-' cannot change its meaning;
// characters YAML readers refuse are escaped.
export function yamlString(text) {
  return JSON.stringify(text).replace(
    /[\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/g,
    (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

function yamlScalar(value) {
  return typeof value === "string" ? yamlString(value) : String(value);
}

export function toYaml(data, indent = "") {
  const lines = [];
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value) && value.every((item) => typeof item !== "object")) {
      lines.push(`${indent}${key}: [${value.map(yamlScalar).join(", ")}]`);
    } else if (Array.isArray(value)) {
      lines.push(`${indent}${key}:`);
      for (const item of value) {
        const inner = toYaml(item, indent + "    ").split("\n");
        lines.push(`${indent}  - ${inner[0].trimStart()}`, ...inner.slice(1));
      }
    } else if (typeof value === "object" && value !== null) {
      lines.push(`${indent}${key}:`, toYaml(value, indent + "  "));
    } else {
      lines.push(`${indent}${key}: ${yamlScalar(value)}`);
    }
  }
  return lines.join("\n");
}

// ---- Dates ---------------------------------------------------------------

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function isoDate(year, month, day) {
  const when = new Date(Date.UTC(year, month - 1, day));
  const real = when.getUTCFullYear() === year && when.getUTCMonth() === month - 1 && when.getUTCDate() === day;
  return real ? when.toISOString().slice(0, 10) : null;
}

// A date written another common way (7/6/2009, July 6, 2009, 6 July 2009), as YYYY-MM-DD.
export function readDate(text) {
  const value = cleanValue(text).toLowerCase().replace(/(\d)(st|nd|rd|th)\b/g, "$1");
  let m = value.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (m) return isoDate(+m[3], +m[1], +m[2]); // U.S. order, as the courts write
  m = value.match(/^([a-z]+)\.? (\d{1,2}),? (\d{4})$/);
  if (m) return monthDate(m[1], +m[2], +m[3]);
  m = value.match(/^(\d{1,2}) ([a-z]+)\.?,? (\d{4})$/);
  if (m) return monthDate(m[2], +m[1], +m[3]);
  m = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
  return m ? isoDate(+m[1], +m[2], +m[3]) : null;
}

function monthDate(name, day, year) {
  const month = MONTHS.findIndex((full) => name.length >= 3 && full.startsWith(name));
  return month < 0 ? null : isoDate(year, month + 1, day);
}

export function longDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const name = MONTHS[month - 1];
  return `${name[0].toUpperCase()}${name.slice(1)} ${day}, ${year}`;
}

// ---- Fuzzy matching, for suggestions -------------------------------------

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

function closeness(query, name) {
  if (name.includes(query) || name.split(/[\s,.-]+/).includes(query)) return 0.9;
  return 1 - distance(query, name) / Math.max(query.length, name.length, 1);
}

const norm = (text) => cleanValue(text).toLowerCase();

// The best few entries whose names are close to the query.
export function suggestions(query, entries, namesOf, limit = 3) {
  const wanted = norm(query);
  if (wanted.length < 2) return [];
  return entries
    .map((entry) => [entry, Math.max(...namesOf(entry).map((name) => closeness(wanted, norm(name))))])
    .filter(([, score]) => score >= 0.6)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([entry]) => entry);
}

