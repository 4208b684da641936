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

// ---- Close names: the command line's rule ----------------------------------

// Python's difflib.get_close_matches, ported: the same suggestions as `docket
// check` and `docket new` (domain/model.py, Archive.close_people), which a test
// holds to the same answers. Strings are compared by code point, as Python does.
function matchingCharacters(a, b) {
  const b2j = new Map();
  b.forEach((ch, j) => (b2j.get(ch) || b2j.set(ch, []).get(ch)).push(j));
  if (b.length >= 200) {
    // difflib's "autojunk": in a long text, characters in more than 1% of it are not matched on.
    const most = Math.floor(b.length / 100) + 1;
    for (const [ch, places] of [...b2j]) if (places.length > most) b2j.delete(ch);
  }
  function longest(alo, ahi, blo, bhi) {
    let besti = alo, bestj = blo, bestsize = 0;
    let j2len = new Map();
    for (let i = alo; i < ahi; i++) {
      const next = new Map();
      for (const j of b2j.get(a[i]) || []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
      }
      j2len = next;
    }
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) [besti, bestj, bestsize] = [besti - 1, bestj - 1, bestsize + 1];
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
    return [besti, bestj, bestsize];
  }
  let matched = 0;
  const queue = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop();
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (!k) continue;
    matched += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return matched;
}

export function similarity(first, second) {
  const a = Array.from(first), b = Array.from(second);
  return a.length + b.length ? (2 * matchingCharacters(a, b)) / (a.length + b.length) : 1;
}

const byCodePoint = (x, y) => {
  const a = Array.from(x, (c) => c.codePointAt(0)), b = Array.from(y, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
};

// The `n` possibilities closest to `word` at `cutoff` or more, best first (ties: the greater string first).
export function closeMatches(word, possibilities, n = 3, cutoff = 0.6) {
  return possibilities
    .map((x) => [x, similarity(x, word)])
    .filter(([, score]) => score >= cutoff)
    .sort((x, y) => y[1] - x[1] || byCodePoint(y[0], x[0]))
    .slice(0, n)
    .map(([x]) => x);
}

// Python's `re.sub(r"\s+", " ", name.strip().lower())` (domain/model.py, normalize_name).
export function normalizeName(name) {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}

// Every spelling of every person -> their key: keys first (a key always names its own person), then names and aliases.
export function peopleByName(people) {
  const found = new Map();
  for (const person of people) found.set(normalizeName(person.key), person.key);
  for (const person of people) {
    for (const name of [person.name, ...(person.aliases || [])]) {
      if (!found.has(normalizeName(name))) found.set(normalizeName(name), person.key);
    }
  }
  return found;
}

// The keys of the people with a key, name or alias close to `name`: Archive.close_people.
export function closePeople(name, byName) {
  const close = closeMatches(normalizeName(name), [...byName.keys()], 3, 0.6);
  return [...new Set(close.map((spelling) => byName.get(spelling)))].sort(byCodePoint);
}

// ---- Case numbers in every spelling ------------------------------------------

// law/casenumbers.py, ported: `caseNumberKey` gives the key that the registry
// publishes for each case's numbers ("08-11153" and "08-11153 (MG)" are one
// case); a test holds it to the same keys as the Python.
const KINDS = {
  cr: "cr", crim: "cr", cv: "cv", c: "cv", civ: "cv", civil: "cv", bk: "bk", b: "bk", br: "bk", bankr: "bk",
  mj: "mj", mag: "mj", m: "mj", md: "md", mdl: "md", mc: "mc", misc: "mc", ap: "ap", adv: "ap", sw: "sw",
};
const KIND = Object.keys(KINDS).sort((x, y) => y.length - x.length).join("|");
const JUDGES = String.raw`(?:\s*\((?<paren>[A-Z]{2,4}(?:\s*[/,-]\s*[A-Z]{2,4})*)\))?`;
const anyCase = (word) => [...word].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : ch)).join("");
const NUMBER_PATTERNS = {
  federal: new RegExp(
    String.raw`(?<![\w:])(?:(?<office>\d):)?(?<year>\d{2})\s*[- ]\s*(?<kind>${KIND})\.?\s*[- ]?\s*(?<number>\d{1,6})` +
      String.raw`(?<suffix>(?:-[A-Z]{2,4})*)(?![\w-])${JUDGES}`,
    "gi",
  ),
  bankruptcy: new RegExp(
    String.raw`(?<![\w:/-])(?:(?<office>\d):)?(?<year>\d{2})-(?<number>\d{4,6})(?:-[A-Za-z]{2,4}\d{0,2}(?:-\d{1,2})?)?(?![\w/-])` + JUDGES,
    "g",
  ),
  labelledFederal: new RegExp(
    String.raw`\b(?<label>Civil\s+Action|Civ(?:il)?\.?|Criminal(?:\s+Action)?|Crim\.?|Cr\.)\s+(?:No\.?|Number)\s*:?\s*` +
      String.raw`(?<num>(?:(?<office>\d):)?(?<year>\d{2})-(?<number>\d{1,6})(?![\w/-])${JUDGES})`,
    "gi",
  ),
  index: /\b(?:Index|Ind\.|Indictment)\s+(?:No\.?|Number)\s*:?\s*(?<number>\d{3,7})\s*[/-]\s*(?<year>(?:19|20)\d{2})\b/gi,
  mdl: /\bMDL\s+(?:No\.?\s*)?(?<number>\d{3,5})\b/gi,
  state: /(?<![\w-])(?<year>(?:19|20)\d{2})\s*-?\s*(?<division>[A-Z]{2,3})\s*-?\s*(?<number>\d{4,7})(?:\s*-?\s*(?<suffix>[A-Z]{1,4}))?(?![\w-])/g,
  labelled: new RegExp(
    String.raw`(?<!Our\s)(?<!Client\s)(?<!Claim\s)(?:\b(?:${["Case", "Cause", "Docket", "Index"].map(anyCase).join("|")})|\bC\.\s?A\.)` +
      String.raw`\s+(?:${anyCase("No")}\.?|${anyCase("Number")}|#)\s*:?\s*(?<number>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,24}[A-Z0-9])(?![\w-])`,
    "g",
  ),
};

const pad = (number, width) => String(number).padStart(width, "0");

function numberKey(kind, year, number, division = "", suffix = "") {
  if (kind === "state") return `${year}-${division}-${pad(number, 6)}${suffix ? "-" + suffix : ""}`;
  if (!year) return `${kind}-${number}`;
  return `${year}-${kind}-${pad(number, 5)}`;
}

// The key of every case number in `text`, in reading order, each once (law.casenumbers.find_all).
export function caseNumberKeys(text) {
  const found = [];
  const overlaps = (start, end) => found.some(([s, e]) => s < end && start < e);
  for (const m of text.matchAll(NUMBER_PATTERNS.labelledFederal)) {
    const start = m.index + m[0].lastIndexOf(m.groups.num);
    const kind = m.groups.label.toLowerCase().startsWith("cr") ? "cr" : "cv";
    found.push([start, start + m.groups.num.length, numberKey(kind, m.groups.year, +m.groups.number)]);
  }
  const builders = [
    [NUMBER_PATTERNS.federal, (m) => numberKey(KINDS[m.groups.kind.toLowerCase()], m.groups.year, +m.groups.number)],
    [NUMBER_PATTERNS.state, (m) => numberKey("state", m.groups.year, +m.groups.number, m.groups.division.toUpperCase(), (m.groups.suffix || "").toUpperCase())],
    [NUMBER_PATTERNS.bankruptcy, (m) => {
      const adversary = /Adv(?:ersary)?\.?\s*(?:Pro(?:c|ceeding)?\.?)?\s*(?:No\.?)?\s*$/i.test(text.slice(0, m.index));
      return numberKey(adversary ? "ap" : "bk", m.groups.year, +m.groups.number);
    }],
  ];
  for (const [pattern, build] of builders) {
    for (const m of text.matchAll(pattern)) {
      if (overlaps(m.index, m.index + m[0].length)) continue;
      found.push([m.index, m.index + m[0].length, build(m)]);
    }
  }
  for (const m of text.matchAll(NUMBER_PATTERNS.index)) found.push([m.index, m.index + m[0].length, numberKey("state", m.groups.year, +m.groups.number, "IDX")]);
  for (const m of text.matchAll(NUMBER_PATTERNS.mdl)) found.push([m.index, m.index + m[0].length, numberKey("md", "", +m.groups.number)]);
  for (const m of text.matchAll(NUMBER_PATTERNS.labelled)) {
    const start = m.index + m[0].length - m.groups.number.length;
    if (!overlaps(start, start + m.groups.number.length)) found.push([start, start + m.groups.number.length, m.groups.number.toUpperCase()]);
  }
  const keys = found.sort((x, y) => x[0] - y[0]).map(([, , key]) => key);
  return [...new Set(keys)];
}

// The key of the case number `text` is, or null (law.casenumbers.parse).
export function caseNumberKey(text) {
  return caseNumberKeys(text)[0] ?? null;
}

// ---- Dates counted from the letter's ------------------------------------------

// law/dates.py, ported: "in two weeks", "within thirty (30) days" from the letter's date.
const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const TENS = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const NUMBER_WORDS = new Map([["a", 1], ["an", 1], ...ONES.map((word, value) => [word, value]), ...Object.entries(TENS)]);
for (const [word, value] of Object.entries(TENS)) {
  for (let one = 1; one < 10; one++) for (const joiner of ["-", " "]) NUMBER_WORDS.set(`${word}${joiner}${ONES[one]}`, value + one);
}
const RELATIVE = /^(?:in|within)\s+(?:(?:the\s+next|approximately|about|roughly)\s+)?(?<count>\d{1,3}|[a-z]+(?:[- ][a-z]+)?)\s*(?:\(\s*(?<digits>\d{1,3})\s*\)\s*)?(?<unit>(?:calendar\s+)?(?:day|week|month|year))s?(?:'?s?\s+time)?\s*\.?$/i;

export function relativeDate(phrase, baseIso) {
  const m = phrase.split(/\s+/).filter(Boolean).join(" ").match(RELATIVE);
  if (!m) return null;
  const written = m.groups.count.toLowerCase();
  const count = /^\d+$/.test(written) ? Number(written) : NUMBER_WORDS.get(written);
  if (!count || (m.groups.digits && Number(m.groups.digits) !== count)) return null;
  const unit = m.groups.unit.toLowerCase().split(/\s+/).pop();
  const [year, month, day] = baseIso.split("-").map(Number);
  if (unit === "day" || unit === "week") {
    const when = new Date(Date.UTC(year, month - 1, day + count * (unit === "week" ? 7 : 1)));
    return when.toISOString().slice(0, 10);
  }
  // Months and years as dateutil's relativedelta counts them: the day kept, or the month's last day.
  const months = (year * 12 + month - 1) + count * (unit === "year" ? 12 : 1);
  const [toYear, toMonth] = [Math.floor(months / 12), (months % 12) + 1];
  const last = new Date(Date.UTC(toYear, toMonth, 0)).getUTCDate();
  return isoDate(toYear, toMonth, Math.min(day, last));
}

// ---- Page furniture pasted with the text -----------------------------------------

// What `docket import` leaves out of a letter's text, ported for a warning:
// importer/furniture.py's `line_kind` (filing headers, clerk's and e-filing
// stamps, fax headers, Bates and document numbers, a signature's description)
// and importer/layout.py's page numbers. A test holds the two to the same lines.
const ENTRY = String.raw`\b(?:Document|Doc|Dkt|DE)\b[\s.#:]{0,4}(?<number>\d{1,6}(?:-\d{1,3})?)[\s.,]{0,6}Filed[\s.:]{0,4}(?<filed>\d{1,2}\s?/\s?\d{1,2}\s?/\s?\d{2,4})`;
const HEADER_TAIL =
  String.raw`(?:\s{0,4}Entered[\s.:]{0,4}\d{1,2}/\d{1,2}/\d{2,4}(?:\s{1,4}\d{1,2}:\d{2}(?::\d{2})?)?)?` +
  String.raw`(?:\s{0,4}(?:Desc\s+)?Main\s+Document)?` +
  String.raw`(?:\s{0,4}(?:Page|Pg)[\s.]{0,3}\d{1,3}\s{0,3}of\s{0,3}\d{1,3})?` +
  String.raw`(?:\s{0,4}Page\s?ID\s{0,2}#?:?\s{0,2}\d{1,7})?`;
const FILING_HEADER = new RegExp(String.raw`(?:\bCase\s+)?(?:\d[\w:.-]{3,40}\s+)?(?:[A-Z]{2,4}\s+)?` + ENTRY + HEADER_TAIL, "i");
const STAMP_ITEM =
  String.raw`(?:USDC\s+S\.?D\.?N\.?Y\.?|USDS\s+SDNY|USDC\s+[A-Z]{3,5}|DOCUMENT|ELECTRONICALLY\s+FILED|DOC\s*#\s*:?[\s\w/_-]{0,20}` +
  String.raw`|DATE\s+FILED\s*:?[\s\d/_-]{0,20}|FILED\s+(?:IN|WITH)\s+(?:THE\s+)?CLERK['’]?S\s+OFFICE[^\n]{0,40}` +
  String.raw`|RECEIVED(?:\s+IN)?\s+CHAMBERS[^\n]{0,30}|NYSCEF\s+DOC\.?\s*NO\.?\s*\d{1,6}|RECEIVED\s+NYSCEF\s*:?\s*[\d/]{6,10}` +
  String.raw`|FILED\s*:\s*[A-Z][A-Z ]{2,30}\bCOUNTY\s+CLERK\b\s*[\d/]{6,10}(?:\s+\d{1,2}:\d{2}\s*[AP]M)?` +
  String.raw`|INDEX\s+NO\.?\s*[\w/-]{1,20})`;
const COURT_STAMP = new RegExp(String.raw`^\s*${STAMP_ITEM}(?:\s+${STAMP_ITEM}){0,3}\s*$`, "i");
const STAMP_ONLY_WITH_OTHERS = /^\s*INDEX\s+NO\.?\s*[\w/-]{1,20}\s*$/i;
const FAX_HEADER = new RegExp(
  String.raw`^(?=.{0,200}\b(?:FAX|From[-:]|TO[-:]|T-\d{2,5}|F-\d{2,5})\b)` +
    String.raw`(?=.{0,200}(?:\bP\.?\s?\d{1,3}\s?/\s?\d{1,3}\b|@\s?\d{3}\b|\bPAGE\s+\d{1,3}\s?/\s?\d{1,3}\b))` +
    String.raw`(?=.{0,200}\d{1,2}:\d{2})`,
  "i",
);
const BATES_LINE = /^\s*[A-Z]{2,}(?:[-_][A-Z]{2,})*[-_]\d{5,10}\s*$/;
const DMS_LINE = /^\s*(?:[A-Z]{2,8}\d{0,2}\s?\/\s?\d{6,12}(?:\.\d{1,2})?|\d{6,10}v\d{1,2})\s*$/;
const SIGNATURE_IMAGE = /^\s*(?:\[|\()?\s*(?:an?\s+)?(?:handwritten\s+|illegible\s+|electronic\s+)?signature\b|\bsignature\s+(?:image|block\s+image)\b|\bappearing\s+to\s+read\b/i;
const PAGE_LINE = /^\s*(?:Page|PAGE)\s+\d+(?:\s+(?:of|OF)\s+\d+)?\s*$/;
const PAGE_NUMBER = /^\s*[-–]?\s*\d{1,3}\s*[-–]?\s*$/;

// The kind of furniture a whole line is (importer/furniture.py `line_kind`, then a page number), or null.
export function furnitureKind(line) {
  const text = line.trim();
  if (!text) return null;
  const header = text.length <= 200 ? FILING_HEADER.exec(text) : null;
  if (header && header.index + header[0].length === text.length && header.index <= 12) return "court filing header";
  if (COURT_STAMP.test(text) && !STAMP_ONLY_WITH_OTHERS.test(text)) return "court stamp";
  if (text.length <= 200 && FAX_HEADER.test(text)) return "fax header";
  if (BATES_LINE.test(text)) return "Bates number";
  if (DMS_LINE.test(text)) return "document number";
  if (SIGNATURE_IMAGE.test(text)) return "signature image";
  if (PAGE_LINE.test(line) || PAGE_NUMBER.test(line)) return "page number";
  return null;
}

// [{line (1-based), kind, text}] for each line of `text` that is page furniture.
export function furniture(text) {
  return text
    .split("\n")
    .map((line, index) => ({ line: index + 1, kind: furnitureKind(line), text: line.trim() }))
    .filter(({ kind }) => kind);
}
