"""`docket import`: a letter's text or PDF in, a letter file (and its original) out.

sources.read_letter        file -> text (text file; PDF from its characters' positions; OCR of a scan), within the
                           budget of untrusted.py: sizes and pages capped, a PDF parsed in a limited child process,
                           its active content named; the text made what `docket check` accepts
furniture.classify         lines -> filing headers, stamps, fax headers, Bates and document numbers, the judge's
                           endorsement, a pasted docket entry: wherever they sit, before anything else is read
layout.split_layout        text -> the letter's parts, and every line removed with why (never raises)
extract.extract            text -> Extraction (what the letter says; what is unsure, under `review`)
  heading, signature, parties, content, court, dates, citations: one reader per part of the letter
plan.plan_import           Extraction + registries -> files to write, review notes
plan.write                 writes them through runtime.safewrite, never over an existing letter or original
accuracy                   an import against hand-read ground truth (scripts/benchmarks/import_accuracy.py)

A letter is never refused for what it lacks: only an empty, binary, unreadable
or oversized file raises ExtractionError.
command.import_letter      the `docket import` command: plan, show or write, report
"""

from __future__ import annotations

from .extract import Extraction, ExtractionError, extract
from .plan import ImportPlan, plan_import, write

__all__ = ["Extraction", "ExtractionError", "ImportPlan", "extract", "plan_import", "write"]
