// The search engine: a query's tree (query.js) answered from the static index
// (scripts/docket_archive/publish/searchindex.py and searchparts.py say its format),
// with exactly the meaning scripts/docket_archive/search/reference.py gives it:
// tests/test_search_exact.py compares the two letter by letter.
//
// How a search costs little whatever the archive's size: the dictionary
// says in which parts each word of the query is, so only the parts that can
// match are read, newest first; a part costs its list of letters and, for
// each word, a block of at most a few kilobytes (and its positions only for
// phrases and proximity). The first letters found are shown while the older
// parts are read.

const K1 = 1.2; // BM25's usual constants
const B = 0.75;
const DAY_MS = 86400000;

export async function openIndex(base) {
  const response = await fetch(new URL("manifest.json", base), { cache: "no-cache" });
  if (!response.ok) throw new Error(`the search index's manifest: HTTP ${response.status}`);
  return new Index(base, await response.json());
}

class Index {
  constructor(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    this.parts = manifest.parts;
    this.loaded = new Map(); // URL -> promise of its JSON or bytes: each file is fetched once
  }

  get letters() {
    return this.manifest.letters;
  }

  load(path, kind) {
    const url = new URL(path, this.base);
    url.searchParams.set("v", this.manifest.version); // a rebuilt index is never mixed with a cached one
    const key = url.href;
    if (!this.loaded.has(key)) {
      this.loaded.set(
        key,
        fetch(key).then((response) => {
          if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
          return kind === "json" ? response.json() : response.arrayBuffer();
        }),
      );
    }
    return this.loaded.get(key);
  }

  // ---- The dictionaries --------------------------------------------------------

  async stemEntries(key) {
    const shard = lastAtMost(this.manifest.stemShards, key);
    if (shard < 0) return [];
    const entries = await this.load(`dict/s${shard}.json`, "json");
    const found = entries[findKey(entries, key)];
    return found && found[0] === key ? found[1] : [];
  }

  async prefixEntries(prefix) {
    const shards = this.manifest.wordShards;
    const found = [];
    for (let i = Math.max(0, lastAtMost(shards, prefix)); i < shards.length; i++) {
      if (i > 0 && shards[i] > prefix && !shards[i].startsWith(prefix)) break;
      const entries = await this.load(`dict/w${i}.json`, "json");
      for (let j = findKey(entries, prefix); j < entries.length && entries[j][0].startsWith(prefix); j++) found.push(entries[j]);
    }
    return found;
  }

  // Each slot of each term of the tree, with the words (keys) it stands for and where they are.
  async resolve(tree) {
    const work = [];
    walk(tree, (node) => {
      if (node.op !== "terms") return;
      node.words = node.slots.map(() => []);
      node.slots.forEach((slot, i) => {
        const prefix = node.field ? node.field + ":" : "";
        const entries = slot.root ? this.prefixEntries(prefix + slot.text) : this.stemEntries(prefix + slot.stem);
        work.push(
          entries.then((list) => {
            node.words[i] = list
              .filter(([key]) => (node.field ? true : !key.includes(":")))
              .map(([key, refs]) => ({ key, word: key.slice(prefix.length), refs: readRefs(refs) }));
          }),
        );
      });
    });
    await Promise.all(work);
    return tree;
  }

  // The slots (of terms that must be there) no word of the archive matches: what "did you mean" is for.
  missing(tree) {
    const found = [];
    walk(tree, (node, positive) => {
      if (node.op === "terms" && positive) node.slots.forEach((slot, i) => { if (!node.words[i].length) found.push({ node, slot }); });
    });
    return found;
  }

  // The terms that must be there, in the title and text, each as its slots' words found:
  // what results mark (highlight.js).
  highlighted(tree) {
    const terms = [];
    walk(tree, (node, positive) => {
      if (node.op === "terms" && positive && !node.field && node.words.every((list) => list.length)) {
        terms.push(node.words.map((list) => list.map((w) => w.word)));
      }
    });
    return terms;
  }

  // ---- Which parts can match ---------------------------------------------------

  partsOf(node) {
    const all = () => new Set(this.parts.map((_, i) => i));
    switch (node.op) {
      case "terms": {
        let parts = null;
        for (const list of node.words) {
          const here = new Set();
          list.forEach((w) => w.refs.forEach((_, part) => here.add(part)));
          parts = parts ? intersect(parts, here) : here;
        }
        return parts;
      }
      case "near":
        return intersect(this.partsOf(node.left), this.partsOf(node.right));
      case "or":
        return node.items.map((item) => this.partsOf(item)).reduce((a, b) => new Set([...a, ...b]));
      case "and":
        return node.items.map((item) => this.partsOf(item)).reduce(intersect);
      case "not":
        return all();
      default: {
        const day = days(node.day);
        return new Set(
          this.parts.map((part, i) => [part, i]).filter(([part]) => (node.op === "after" ? part.lastDay > day : part.firstDay < day)).map(([, i]) => i),
        );
      }
    }
  }

  // ---- Searching -----------------------------------------------------------------

  // Yields the matching letters part by part, each {ids, part}: newest first ("newest"), oldest
  // first ("oldest"), or all at once by BM25 score ("relevance": every part that can match is read first).
  async *search(tree, order = "newest") {
    const candidates = [...this.partsOf(tree)].sort((a, b) => a - b);
    if (order === "relevance") {
      const scored = [];
      for (const part of candidates.reverse()) {
        const answer = await this.evaluate(tree, part, true);
        answer.ids.forEach((id, i) => scored.push({ id, score: answer.scores[i], rank: scored.length }));
      }
      scored.sort((a, b) => b.score - a.score || a.rank - b.rank);
      yield { ids: scored.map((s) => s.id) };
      return;
    }
    if (order === "newest") candidates.reverse();
    for (const part of candidates) {
      const answer = await this.evaluate(tree, part, false);
      if (order === "oldest") answer.ids.reverse();
      yield { ids: answer.ids, part };
    }
  }

  // The letters of one part that match, newest first (with their scores if asked).
  async evaluate(tree, partNumber, scored) {
    const part = this.parts[partNumber];
    const wanted = new Map();
    collect(tree, false, wanted);
    const [docs] = await Promise.all([
      this.load(part.path + "docs.json", "json"),
      ...[...wanted].map(([word, places]) => this.read(word, places, part, partNumber)),
    ]);
    const context = { docs, size: docs.ids.length, part: partNumber };
    const bits = this.bits(tree, context);
    const ids = [];
    const numbers = [];
    for (let i = context.size - 1; i >= 0; i--) {
      if (bits[i]) {
        ids.push(docs.ids[i]);
        numbers.push(i);
      }
    }
    return { ids, scores: scored ? this.scores(tree, context, numbers) : null };
  }

  async read(word, places, part, partNumber) {
    const ref = word.refs.get(partNumber);
    if (!ref) return;
    const store = (word.data ||= new Map());
    let data = store.get(partNumber);
    if (!data) {
      const block = await this.load(`${part.path}d${ref.d[0]}.bin`, "bytes");
      data = readLetters(new Uint8Array(block, ref.d[1], ref.d[2]));
      store.set(partNumber, data);
    }
    if (places && !data.places) {
      const block = await this.load(`${part.path}p${ref.p[0]}.bin`, "bytes");
      data.places = readPlaces(new Uint8Array(block, ref.p[1], ref.p[2]), data);
    }
  }

  bits(node, context) {
    const size = context.size;
    switch (node.op) {
      case "terms": {
        const bits = new Uint8Array(size);
        if (node.slots.length === 1) {
          for (const w of node.words[0]) {
            const data = w.data && w.data.get(context.part);
            if (data) data.letters.forEach((n) => { bits[n] = 1; });
          }
        } else {
          this.spans(node, context).forEach((_, n) => { bits[n] = 1; });
        }
        return bits;
      }
      case "and": {
        const bits = this.bits(node.items[0], context);
        for (const item of node.items.slice(1)) {
          const other = this.bits(item, context);
          for (let i = 0; i < size; i++) bits[i] &= other[i];
        }
        return bits;
      }
      case "or": {
        const bits = new Uint8Array(size);
        for (const item of node.items) {
          const other = this.bits(item, context);
          for (let i = 0; i < size; i++) bits[i] |= other[i];
        }
        return bits;
      }
      case "not": {
        const bits = this.bits(node.item, context);
        for (let i = 0; i < size; i++) bits[i] = bits[i] ? 0 : 1;
        return bits;
      }
      case "near":
        return this.near(node, context);
      default: {
        const day = days(node.day);
        const bits = new Uint8Array(size);
        context.docs.days.forEach((d, i) => { bits[i] = (node.op === "after" ? d > day : d < day) ? 1 : 0; });
        return bits;
      }
    }
  }

  // Every place a term (or an OR of terms) matches, by letter: [start, end, sentence at start,
  // at end, paragraph at start, at end].
  spans(node, context) {
    if (node.op === "or") {
      const merged = new Map();
      for (const item of node.items) {
        this.spans(item, context).forEach((list, n) => merged.set(n, (merged.get(n) || []).concat(list)));
      }
      return merged;
    }
    const slots = node.words.map((list) => {
      const byLetter = new Map();
      for (const w of list) {
        const data = w.data && w.data.get(context.part);
        if (!data) continue;
        data.letters.forEach((n, i) => {
          let at = byLetter.get(n);
          if (!at) byLetter.set(n, (at = new Map()));
          for (const [position, sentence, paragraph] of data.places[i]) at.set(position, [sentence, paragraph]);
        });
      }
      return byLetter;
    });
    const found = new Map();
    const last = slots.length - 1;
    slots[0].forEach((starts, n) => {
      if (!slots.every((slot) => slot.has(n))) return;
      const list = [];
      starts.forEach(([sentence, paragraph], start) => {
        for (let i = 1; i <= last; i++) if (!slots[i].get(n).has(start + i)) return;
        const [endSentence, endParagraph] = slots[last].get(n).get(start + last);
        list.push([start, start + last, sentence, endSentence, paragraph, endParagraph]);
      });
      if (list.length) found.set(n, list);
    });
    return found;
  }

  near(node, context) {
    const bits = new Uint8Array(context.size);
    const lefts = this.spans(node.left, context);
    const rights = this.spans(node.right, context);
    lefts.forEach((left, n) => {
      const right = rights.get(n);
      if (right && spansMeet(left, right, node)) bits[n] = 1;
    });
    return bits;
  }

  // BM25 over the terms that must be there: word counts from the letters' records, each term's
  // letters counted over the whole archive (the dictionary's), so no score depends on the parts.
  scores(tree, context, numbers) {
    const leaves = [];
    walk(tree, (node, positive) => { if (node.op === "terms" && positive) leaves.push(node); });
    const total = Math.max(1, this.manifest.letters);
    const average = Math.max(1, this.manifest.words / total);
    return numbers.map((n) => {
      const length = context.docs.lengths[n];
      let score = 0;
      for (const leaf of leaves) {
        let tf = 0;
        if (leaf.slots.length === 1) {
          for (const w of leaf.words[0]) {
            const data = w.data && w.data.get(context.part);
            const i = data ? data.letters.indexOf(n) : -1;
            if (i >= 0) tf += data.counts[i];
          }
        } else {
          tf = (this.spans(leaf, context).get(n) || []).length;
        }
        if (!tf) continue;
        let df = 0;
        leaf.words[0].forEach((w) => w.refs.forEach((ref) => { df += ref.df; }));
        df = Math.min(df, total);
        const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
        score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / average));
      }
      return score;
    });
  }

  // ---- Did you mean ----------------------------------------------------------------

  // The archive's word closest to `word` (one letter off for words of up to four letters,
  // two for longer ones), the commonest of the closest; null if none.
  async suggest(word) {
    const most = word.length <= 4 ? 1 : 2;
    const lengths = this.manifest.vocabulary.filter((n) => Math.abs(n - word.length) <= most);
    let best = null;
    for (const lists of await Promise.all(lengths.map((n) => this.load(`dict/v${n}.json`, "json")))) {
      for (const [candidate, count] of lists) {
        const distance = editDistance(word, candidate, most);
        if (distance === 0 || distance > most) continue;
        if (!best || distance < best.distance || (distance === best.distance && count > best.count)) {
          best = { word: candidate, distance, count };
        }
      }
    }
    return best && best.word;
  }
}

// ---- Helpers ---------------------------------------------------------------------------

function walk(node, visit, positive = true) {
  visit(node, positive);
  if (node.op === "and" || node.op === "or") node.items.forEach((item) => walk(item, visit, positive));
  else if (node.op === "not") walk(node.item, visit, !positive);
  else if (node.op === "near") {
    walk(node.left, visit, positive);
    walk(node.right, visit, positive);
  }
}

// The words whose records a part must provide, each with whether its positions are needed.
function collect(node, places, out) {
  switch (node.op) {
    case "terms":
      node.words.forEach((list) => list.forEach((word) => out.set(word, out.get(word) || places || node.slots.length > 1)));
      return;
    case "near":
      collect(node.left, true, out);
      collect(node.right, true, out);
      return;
    case "and":
    case "or":
      node.items.forEach((item) => collect(item, places, out));
      return;
    case "not":
      collect(node.item, places, out);
  }
}

function spansMeet(lefts, rights, node) {
  for (const a of lefts) {
    for (const b of rights) {
      if (!(a[1] < b[0] || b[1] < a[0])) continue; // overlapping: the same place
      if (node.scope === "words") {
        const gap = a[1] < b[0] ? b[0] - a[1] : a[0] - b[1];
        if (gap <= node.distance) return true;
      } else {
        const i = node.scope === "sentence" ? 2 : 4;
        if (a[i] === a[i + 1] && a[i + 1] === b[i] && b[i] === b[i + 1]) return true;
      }
    }
  }
  return false;
}

function readRefs(flat) {
  const refs = new Map();
  for (let i = 0; i < flat.length; i += 8) {
    refs.set(flat[i], { df: flat[i + 1], d: flat.slice(i + 2, i + 5), p: flat.slice(i + 5, i + 8) });
  }
  return refs;
}

// LEB128 varints, read one after another.
function reader(bytes) {
  const read = { at: 0 };
  read.next = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[read.at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  return read;
}

function readLetters(bytes) {
  const read = reader(bytes);
  const letters = [];
  const counts = [];
  let letter = -1;
  while (read.at < bytes.length) {
    letter += read.next();
    letters.push(letter);
    counts.push(read.next());
  }
  return { letters, counts };
}

function readPlaces(bytes, data) {
  const read = reader(bytes);
  return data.counts.map((count) => {
    const places = [];
    let position = 0;
    let sentence = 0;
    let paragraph = 0;
    for (let i = 0; i < count; i++) {
      position += read.next();
      sentence += read.next();
      paragraph += read.next();
      places.push([position, sentence, paragraph]);
    }
    return places;
  });
}

function lastAtMost(sorted, key) {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= key) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

// The first entry whose key is at least `key` (entries sorted by key).
function findKey(entries, key) {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (entries[middle][0] < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

function intersect(a, b) {
  return new Set([...a].filter((x) => b.has(x)));
}

function days(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

// Optimal string alignment distance (a swap of two letters counts one), stopping past `most`.
export function editDistance(a, b, most) {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      row.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > most) return most + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}
