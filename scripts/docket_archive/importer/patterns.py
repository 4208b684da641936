"""The words every stage of the importer looks for: dates, salutations, closings, cc lines.

Kept in one place so that the layout, the heading, the signature and the
content readers agree on what a closing or a date is. Every pattern is bounded
(no nested repetition over unbounded text): letters are untrusted input.
"""

from __future__ import annotations

import re

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
FULL_DATE = rf"(?:{MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
# A date written in figures, with the spaces OCR puts in it: '05/31 /2007'.
NUMERIC_DATE = r"\d{1,2}\s?/\s?\d{1,2}\s?/\s?(?:\d{4}|\d{2})\b"
SALUTATION = re.compile(r"^\s*(?:Dear\s+[^:;\n]{2,80}|(?:May\s+it\s+please\s+)?Your\s+Honou?r)[:;,]\s*$")
# A salutation inside a line OCR ran together: 'Dear Judge Daniels, I write ...' ends at its comma or colon.
SALUTATION_INLINE = re.compile(
    r"\bYour\s+Honou?r\s*:|\bDear\s+Your\s+Honou?r\s*[:;,]|\bDear\s+(?:(?:The\s+)?Hon(?:orable|\.)\s+|Chief\s+|Magistrate\s+"
    r"|Bankruptcy\s+|District\s+)?(?:Judges?|Justices?|Mr\.|Ms\.|Mrs\.|Sir|Madam|Counsel)\b[^:;,]{0,60}[:;,]"
)
CLOSING = re.compile(
    r"^\s*(?:Respectfully\s+submitted|Respectfully\s+yours|Respectfully|Sincerely(?:\s+yours)?|Very\s+truly\s+yours|"
    r"Yours\s+(?:truly|sincerely|very\s+truly)|Best\s+regards|Kind\s+regards|Regards)\s*[,.]?\s*$",
    re.I,
)
CLOSING_INLINE = re.compile(
    r"\b(?:Respectfully\s+submitted|Very\s+truly\s+yours|Sincerely(?:\s+yours)?|Yours\s+truly|Respectfully\s+yours"
    r"|Respectfully)\s*,"
)
CC_LINE = re.compile(r"^\s*(?:cc|c|ce|cec|copy|copies)\s*(?:to)?\s*(?:\((?:via|by)\s+[^)]{1,40}\))?\s*:", re.I)
TYPIST = re.compile(r"\b[A-Z]{2,4}[:/][a-z]{2,4}\b")
DELIVERY_INLINE = re.compile(
    r"\b(?:FILED\s+)?(?:BY|VIA)\s+(?:ECF|E-?MAIL|HAND(?:\s+DELIVERY)?|FEDEX|FEDERAL\s+EXPRESS|FACSIMILE|FAX|OVERNIGHT(?:\s+MAIL)?|"
    r"FIRST[- ]CLASS\s+MAIL|U\.S\.\s+MAIL|CERTIFIED\s+MAIL|UPS|ELECTRONIC\s+(?:MAIL|FILING)|MAIL|NYSCEF)\b"
)
ADDRESSEE_INLINE = re.compile(r"\b(?:The\s+)?Hon(?:orable|\.)\s+(?=[A-Z])")
RE_INLINE = re.compile(r"\b(?:Re|RE)\s*:")
RE_LINE = re.compile(r"\s*(?:Re|RE)\s*:")
