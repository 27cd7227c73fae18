"""Every data export of the hall goes through :func:`export_csv`: one permission
(``EXPORT_DATA``), one audit entry, and every cell through the one cell rule
(:func:`hall_app.domain.export_cells.safe_cell`: ID and mobile numbers in free text masked,
formula prefixes neutralised). A screen or a command only writes the text it returns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from hall_app.domain.export_cells import safe_cell
from hall_app.domain.roles import Permission
from hall_app.services.context import Actor, ServiceContext, audit

#: one table of an export: its header row and its rows (an empty line separates tables)
Table = tuple[Sequence[object], Iterable[Sequence[object]]]


def export_csv(ctx: ServiceContext, actor: Actor, kind: str, tables: Sequence[Table]) -> str:
    """The CSV text (UTF-8 with a BOM, for Excel) of ``tables``, for ``actor`` who must hold
    ``EXPORT_DATA``; audited as ``export`` with ``kind`` and the number of rows."""
    actor.require(Permission.EXPORT_DATA)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    count = 0
    for index, (header, rows) in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([safe_cell(c) for c in header])
        for row in rows:
            writer.writerow([safe_cell(c) for c in row])
            count += 1
    with ctx.db.write() as s:
        audit(s, ctx, actor, "export", "export", None, kind=kind, rows=count)
    return out.getvalue()
