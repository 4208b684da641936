// Words as search reads them: the browser's half of scripts/docket_archive/search/words.py.
// A query's words are folded and stemmed exactly as the index folded and
// stemmed the letters' words (tests/test_search_language.py holds the two together).

import EnglishStemmer from "../vendor/snowball/english-stemmer.js"; // Snowball 3.1.1: see its LICENSE.txt

export const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu; // a letter or digit, any script; apostrophes inside
const APOSTROPHES = /[\u2019\u2018\u02bc]/g;
const MARKS = /\p{M}/gu;
const stemmer = new EnglishStemmer();
const stems = new Map();

// Lower case, accents dropped, apostrophes straight.
export function fold(text) {
  const lower = text.toLowerCase();
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.normalize("NFKD").replace(MARKS, "").replace(APOSTROPHES, "'");
}

export function wordsOf(text) {
  return fold(text).match(WORD) || [];
}

export function stem(word) {
  let found = stems.get(word);
  if (found === undefined) {
    found = stemmer.stemWord(word);
    stems.set(word, found);
  }
  return found;
}
