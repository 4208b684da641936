// Marking what a search matched in a letter's text: the search page's excerpts and a letter
// opened from a result (`?highlight=`) mark the same words the same way.
//
// What is marked: each word of a one-word term, and each phrase only where its words stand
// side by side. A term is given as its slots, each the words of the letters it stands for
// (a stem's forms, a root's words): [["proposal", "proposals"]] or [["plan"], ["of"], ["reorganization"]].

import { fold, WORD } from "./words.js";

const RUN = /[\p{L}\p{N}\p{M}'\u2019\u2018\u02bc]+/gu; // a word as the page writes it

// ?highlight= in the address: terms by spaces, a phrase's slots by "_", a slot's words by ","
// (no word holds any of them).
export function encodeTerms(terms) {
  return terms.map((term) => term.map((slot) => slot.join(",")).join("_")).join(" ");
}

export function decodeTerms(text) {
  return (text || "")
    .split(/\s+/)
    .filter(Boolean)
    .map((term) => term.split("_").map((slot) => slot.split(",").filter(Boolean)));
}

// The text as runs of the page's own characters: {text, word, hit}. `hit` marks a matched word.
export function runsOf(text, terms) {
  const runs = [];
  let last = 0;
  for (const match of text.matchAll(RUN)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), word: false });
    runs.push({ text: match[0], word: true, words: fold(match[0]).match(WORD) || [], hit: false });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last), word: false });
  const words = runs.filter((run) => run.word);
  for (const term of terms) {
    const slots = term.map((slot) => new Set(slot));
    for (let i = 0; i + slots.length <= words.length; i++) {
      if (slots.every((slot, j) => words[i + j].words.some((w) => slot.has(w)))) {
        for (let j = 0; j < slots.length; j++) words[i + j].hit = true;
      }
    }
  }
  return runs;
}
