"""The build date: what "overdue" is measured against, shown on the home page.

Fixed by DOCKET_BUILD_DATE (YYYY-MM-DD) or SOURCE_DATE_EPOCH, the reproducible
builds convention, so that the same archive and date give the same HTML.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def build_date() -> date:
    if os.environ.get("DOCKET_BUILD_DATE"):
        return date.fromisoformat(os.environ["DOCKET_BUILD_DATE"])
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=UTC).date()
    return date.today()
