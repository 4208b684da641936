"""A topic's name, as pages show it, from its key.

Topics are keys in a letter's `tags` ("plan-financing"): short, stable, and
what URLs are made of. People read names: the key with its hyphens as spaces
and its first letter capitalised ("Plan financing"), with the abbreviations
lawyers write in capitals kept so (`ACRONYMS`: "dip-financing" is "DIP
financing"). A name that cannot be derived that way is written once in
`NAMES` (the override table), so every page shows it alike; a registry file of
topics (letters/topics.yml, read by the loader) would be the place for that
once editors need to name topics without touching code.
"""

from __future__ import annotations

import functools

# Words of a key that are abbreviations, shown in capitals.
ACRONYMS = frozenset(
    {"dip", "sec", "fbi", "doj", "irs", "ip", "llc", "erisa", "adr", "ucc", "pbgc", "cmo", "ceo", "cfo", "nda", "us"}
)
# Keys whose name is not their words: the override table.
NAMES: dict[str, str] = {
    "us-trustee": "U.S. Trustee",
    "363-sale": "Section 363 sale",
}


@functools.lru_cache(maxsize=4096)
def topic_name(key: str) -> str:
    """ "plan-financing" -> "Plan financing"; "dip-financing" -> "DIP financing"."""
    if key in NAMES:
        return NAMES[key]
    words = [word.upper() if word in ACRONYMS else word for word in key.split("-")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]
