"""Reading the audit trail (issue 16): verify its chain, list it with filters, export it.

Reading needs ``VIEW_AUDIT`` and exporting ``EXPORT_AUDIT`` (supervisors and admins). What is
shown or exported is masked: details and terminals are scrubbed of full ID and mobile numbers
(``masking.scrub``), exported cells neutralised against formulas (``export_cells``)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exists, nulls_first, or_, select
from sqlalchemy.orm import Session

from hall_app.domain import audit_chain
from hall_app.domain.errors import InvalidInput
from hall_app.domain.export_cells import safe_cell
from hall_app.domain.masking import scrub
from hall_app.domain.roles import Permission
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.store.models import AuditAnchor, AuditEntry, AuditHead, Staff, TerminalSession

_VERIFY_BATCH = 5000


@dataclass(frozen=True)
class Verdict:
    """The outcome of a verification: entries checked, days covered, the first break, and
    the stored anchors checked against (each day's count and last hash, to keep elsewhere)."""

    checked: int
    days: int
    broken: audit_chain.Break | None
    anchors: tuple[audit_chain.DayAnchor, ...] = ()

    @property
    def ok(self) -> bool:
        return self.broken is None


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show: all of them when every field is empty. ``since`` inclusive,
    ``until`` exclusive."""

    staff_no: str | None = None
    window: int | None = None
    terminal: str | None = None
    action: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    limit: int | None = None


@dataclass(frozen=True)
class AuditRow:
    """One entry as shown: personal data masked."""

    id: int
    at: dt.datetime
    staff_no: str
    staff_name: str
    terminal: str
    action: str
    entity: str
    entity_id: int | None
    detail: str


EXPORT_COLUMNS = ("编号", "时间", "工号", "姓名", "终端", "操作", "对象", "对象编号", "详情")


class AuditTrail:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ verify

    @guarded(Permission.VIEW_AUDIT)
    def verify(self, actor: Actor, day: dt.date | None = None) -> Verdict:
        """Check every entry's hash and link, and each day's anchor (or only ``day``'s)."""
        with self.ctx.db.read() as s:
            anchors = [
                audit_chain.DayAnchor(a.day, a.entries, a.last_id, a.last_hash)
                for a in s.scalars(select(AuditAnchor))
            ]
            head = s.get(AuditHead, 1)
            if head is not None and head.day is not None:
                anchors.append(
                    audit_chain.DayAnchor(head.day, head.seq, head.last_id, head.last_hash)
                )
            start = audit_chain.GENESIS
            if day is not None:
                anchors = [a for a in anchors if a.day == day]
                before = s.scalar(
                    select(AuditAnchor.last_hash)
                    .where(AuditAnchor.day < day)
                    .order_by(AuditAnchor.day.desc())
                    .limit(1)
                )
                start = before or audit_chain.GENESIS
            days = {a.day for a in anchors}
            counted = _Counting(_stored_entries(s, day), days)
            checked, broken = audit_chain.verify(counted, anchors, start)
        if head is None and broken is None:
            broken = audit_chain.Break(None, None, None, "anchor_missing")
        return Verdict(
            checked, len(counted.days), broken, tuple(sorted(anchors, key=lambda a: a.day))
        )

    # ------------------------------------------------------------------ list, export

    @guarded(Permission.VIEW_AUDIT)
    def entries(self, actor: Actor, wanted: AuditFilter = AuditFilter()) -> list[AuditRow]:
        with self.ctx.db.read() as s:
            return list(_rows(s, wanted))

    @guarded(Permission.VIEW_AUDIT)
    def staff_choices(self, actor: Actor) -> list[tuple[str, str]]:
        """(staff number, name) of everyone, for the viewer's filter."""
        with self.ctx.db.read() as s:
            return [
                (r.staff_no, r.name)
                for r in s.execute(select(Staff.staff_no, Staff.name).order_by(Staff.staff_no))
            ]

    @guarded(Permission.VIEW_AUDIT)
    def actions(self, actor: Actor) -> list[str]:
        with self.ctx.db.read() as s:
            return list(s.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))

    @guarded(Permission.EXPORT_AUDIT)
    def export(self, actor: Actor, out: Path, wanted: AuditFilter = AuditFilter()) -> int:
        """Write the filtered entries to ``out`` as CSV (UTF-8 with BOM, for spreadsheets),
        every cell masked and formula-safe; audited as ``audit_export``. The count written."""
        with self.ctx.db.read() as s:
            rows = list(_rows(s, wanted))
        tmp = out.with_name(out.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(EXPORT_COLUMNS)
                for r in rows:
                    writer.writerow([safe_cell(v) for v in self._cells(r)])
            tmp.replace(out)
        except OSError as error:
            tmp.unlink(missing_ok=True)
            raise InvalidInput(f"无法写入文件「{out.name}」：{error.strerror or error}") from None
        with self.ctx.db.write() as s:
            audit(
                s, self.ctx, actor, "audit_export", "audit_log", None, rows=len(rows), file=out.name
            )
        return len(rows)

    def _cells(self, r: AuditRow) -> tuple[object, ...]:
        local = self.ctx.local(r.at).strftime("%Y-%m-%d %H:%M:%S")
        return (
            r.id,
            local,
            r.staff_no,
            r.staff_name,
            r.terminal,
            r.action,
            r.entity,
            r.entity_id,
            r.detail,
        )


class _Counting:
    """Passes entries through, noting the days seen (for the verdict's day count)."""

    def __init__(self, entries: Iterator[audit_chain.Entry], days: set[dt.date]) -> None:
        self._entries = entries
        self.days = set(days)

    def __iter__(self) -> Iterator[audit_chain.Entry]:
        for e in self._entries:
            if e.day is not None:
                self.days.add(e.day)
            yield e


def _stored_entries(s: Session, day: dt.date | None) -> Iterator[audit_chain.Entry]:
    """Every entry as stored, in chain order (unchained ones first), streamed in batches."""
    t = AuditEntry
    cols = (
        t.id,
        t.day,
        t.seq,
        t.at,
        t.staff_id,
        t.terminal,
        t.action,
        t.entity,
        t.entity_id,
        t.detail,
        t.prev_hash,
        t.hash,
    )
    query = select(*cols).order_by(nulls_first(t.day.asc()), nulls_first(t.seq.asc()), t.id)
    if day is not None:
        query = query.where(or_(t.day == day, t.day.is_(None)))
    for r in s.execute(query.execution_options(yield_per=_VERIFY_BATCH)):
        yield audit_chain.Entry(*r)


def _rows(s: Session, wanted: AuditFilter) -> Iterator[AuditRow]:
    t = AuditEntry
    query = (
        select(
            t.id,
            t.at,
            Staff.staff_no,
            Staff.name,
            t.terminal,
            t.action,
            t.entity,
            t.entity_id,
            t.detail,
        )
        .outerjoin(Staff, Staff.id == t.staff_id)
        .order_by(t.id.desc())
    )
    if wanted.staff_no:
        query = query.where(Staff.staff_no == wanted.staff_no)
    if wanted.terminal:
        query = query.where(t.terminal == wanted.terminal)
    if wanted.action:
        query = query.where(t.action == wanted.action)
    if wanted.since is not None:
        query = query.where(t.at >= wanted.since)
    if wanted.until is not None:
        query = query.where(t.at < wanted.until)
    if wanted.window is not None:
        # entries made at a terminal while it was logged in at that window
        ts = TerminalSession
        query = query.where(
            exists().where(
                ts.terminal == t.terminal,
                ts.window_number == wanted.window,
                ts.started_at <= t.at,
                or_(ts.ended_at.is_(None), ts.ended_at >= t.at),
            )
        )
    if wanted.limit is not None:
        query = query.limit(wanted.limit)
    for r in s.execute(query):
        yield AuditRow(
            r.id,
            r.at,
            r.staff_no or "",
            r.name or "",
            scrub(r.terminal),
            r.action,
            r.entity,
            r.entity_id,
            scrub(r.detail),
        )


__all__ = ["AuditFilter", "AuditRow", "AuditTrail", "Verdict"]
