"""`docket import`: a letter's text or PDF in, a letter file (and its original) out.

sources.read_letter        file -> text (text file, PDF text layer, OCR of a scan)
layout.split_layout        text -> the letter's parts, and every line removed with why
extract.extract            text -> Extraction (what the letter says, what is unsure)
plan.plan_import           Extraction + registries -> files to write, review notes
plan.write                 writes them, never over an existing letter or original
command.import_letter      the `docket import` command: plan, show or write, report
"""

from __future__ import annotations

from .extract import Extraction, ExtractionError, extract
from .plan import ImportPlan, plan_import, write

__all__ = ["Extraction", "ExtractionError", "ImportPlan", "extract", "plan_import", "write"]
