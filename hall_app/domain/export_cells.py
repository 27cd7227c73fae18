"""One rule for every cell a hall exports (CSV for spreadsheets, the audit export …).

A cell is personal-data scrubbed (:func:`masking.scrub`) and neutralised against formula
injection: a spreadsheet reads a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (``=HYPERLINK(…)``, ``@SUM(…)``), so such a cell is prefixed with
an apostrophe, which spreadsheets show as text and do not display.
"""

from __future__ import annotations

from hall_app.domain.masking import scrub

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet will show it, never run it."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def safe_cell(value: object) -> str:
    """The text of one exported cell: scrubbed of full ID and mobile numbers, neutralised."""
    if value is None:
        return ""
    return neutralise(scrub(str(value)))
