"""Where handed-out numbers can be found after a restore, read without changing anything:
the database's own tables, this PC's offline journals, and the archive of printed documents.

Each reader returns :class:`~hall_app.domain.number_floor.Handed` numbers; the rule that
turns them into counter values is :mod:`hall_app.domain.number_floor`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hall_app.domain import number_floor as nf
from hall_app.store import models as m

log = logging.getLogger("hall_app.store")

_JOURNAL = re.compile(r"^[^\\/]+\.sqlite3$")
_DAY_FOLDER = re.compile(r"^\d{8}$")


def in_database(s: Session, tz: zoneinfo.ZoneInfo) -> Iterator[nf.Handed]:
    """Tickets, reserved blocks, serials and case numbers, archived prints, back-entries."""
    tops = select(m.Ticket.service_date, m.Ticket.prefix, func.max(m.Ticket.sequence)).group_by(
        m.Ticket.service_date, m.Ticket.prefix
    )
    for day, prefix, top in s.execute(tops):
        yield nf.Handed(nf.CounterKey(nf.TICKET_COUNTER, prefix, day), int(top))
    for kind, day, last in s.execute(
        select(m.NumberBlock.kind, m.NumberBlock.service_date, m.NumberBlock.last)
    ):
        yield nf.block(kind, day, last)
    for column in (
        m.Notice.serial,
        m.ServiceCase.case_no,
        m.Inquiry.number,
        m.FollowUp.number,
        m.Incident.number,
    ):
        for (text,) in s.execute(select(column)):
            yield from nf.serials(text or "")
    for created, path, reference in s.execute(
        select(m.PrintJob.created_at, m.PrintJob.path, m.PrintJob.reference)
    ):
        yield from _archived(Path(path or ""), created.astimezone(tz).date() if created else None)
        yield from nf.serials(reference or "")
    for kind, reference, at in s.execute(
        select(m.FallbackRecord.kind, m.FallbackRecord.reference, m.FallbackRecord.original_at)
    ):
        yield from _reference(kind, reference or "", at.astimezone(tz).date() if at else None)


def _reference(kind: str, reference: str, day: dt.date | None) -> list[nf.Handed]:
    found = nf.serials(reference)
    if not found and day is not None and "ticket" in kind:
        handed = nf.ticket(day, reference)
        found = [handed] if handed else []
    return found


def _archived(path: Path, day: dt.date | None = None) -> list[nf.Handed]:
    folder_day = nf.day_in(path.parent.name) if _DAY_FOLDER.match(path.parent.name) else None
    return nf.in_name(path.stem, folder_day or day)


def in_printed_archive(folder: Path) -> Iterator[nf.Handed]:
    """``printed/YYYYMMDD/<document>-<reference>.pdf``: the numbers printed on paper."""
    if not folder.is_dir():
        return
    for day_folder in sorted(folder.iterdir()):
        if not (day_folder.is_dir() and _DAY_FOLDER.match(day_folder.name)):
            continue
        for pdf in day_folder.glob("*.pdf"):
            yield from _archived(pdf)


def in_journals(folder: Path, tz: zoneinfo.ZoneInfo) -> Iterator[nf.Handed]:
    """Every offline journal in ``folder``: its reserved blocks (all of a block counts as
    handed out), its offline tickets and the references of its records. Read-only."""
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if _JOURNAL.match(path.name) and path.is_file():
            yield from _journal(path, tz)


def _journal(path: Path, tz: zoneinfo.ZoneInfo) -> list[nf.Handed]:
    found: list[nf.Handed] = []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
        try:
            for kind, day, last in conn.execute("SELECT kind, day, last FROM block"):
                found.append(nf.block(kind, dt.date.fromisoformat(day), int(last)))
            for number, day in conn.execute("SELECT number, day FROM local_ticket"):
                handed = nf.ticket(dt.date.fromisoformat(day), number)
                if handed is not None:
                    found.append(handed)
            for kind, at, reference in conn.execute("SELECT kind, at, reference FROM record"):
                when = dt.datetime.fromisoformat(at)
                day = (when.astimezone(tz) if when.tzinfo else when).date()
                found += _reference(kind, reference or "", day)
        finally:
            conn.close()
    except (sqlite3.Error, ValueError) as exc:
        # a damaged journal must not stop the restore; its blocks are also on the server
        log.warning("offline journal %s not read after restore: %s", path, exc)
    return found
