"""Where handed-out numbers can be found after a restore, read without changing anything:
the database's own tables, this PC's offline journals, and the archive of printed documents.

Each reader returns :class:`~hall_app.domain.number_floor.Handed` numbers; the rule that
turns them into counter values is :mod:`hall_app.domain.number_floor`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sqlite3
import zoneinfo
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from hall_app.domain import number_floor as nf
from hall_app.domain.errors import KnownError
from hall_app.store import models as m
from hall_app.store.db import Database

log = logging.getLogger("hall_app.store")

_JOURNAL = re.compile(r"^[^\\/]+\.sqlite3$")
#: numbers read from the database a restore replaced, kept until the counters have moved
PENDING = "restore-pending-numbers.json"
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


def in_counters(s: Session) -> Iterator[nf.Handed]:
    """The counters themselves: of a database being replaced, every value was handed out."""
    for day, prefix, value in s.execute(
        select(m.TicketCounter.service_date, m.TicketCounter.prefix, m.TicketCounter.value)
    ):
        yield nf.Handed(nf.CounterKey(nf.TICKET_COUNTER, prefix, day), int(value))
    for day, kind, value in s.execute(
        select(m.DocumentCounter.service_date, m.DocumentCounter.kind, m.DocumentCounter.value)
    ):
        yield nf.Handed(nf.CounterKey(nf.DOCUMENT_COUNTER, kind, day), int(value))


def _replaced(s: Session, tz: zoneinfo.ZoneInfo) -> list[nf.Handed]:
    return [*in_database(s, tz), *in_counters(s)]


def in_sqlite_file(path: Path, tz: zoneinfo.ZoneInfo) -> list[nf.Handed] | None:
    """Every number in a database file being replaced (set aside, or damaged), opened
    read-only; None, with a log line, when it cannot be read."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=5.0, check_same_thread=False),
        poolclass=NullPool,
    )
    try:
        with Session(engine) as s:
            return _replaced(s, tz)
    except (SQLAlchemyError, sqlite3.Error, ValueError, TypeError, OSError) as exc:
        log.warning("numbers in the replaced database %s not read: %s", path, exc)
        return None
    finally:
        engine.dispose()


def in_live_database(db: Database, tz: zoneinfo.ZoneInfo) -> list[nf.Handed] | None:
    """Every number in a (PostgreSQL) database about to be replaced; None, with a log line,
    when it cannot be read (unreachable, empty, or an older schema)."""
    try:
        with db.read() as s:
            return _replaced(s, tz)
    except (SQLAlchemyError, KnownError, ValueError, TypeError) as exc:
        log.warning("numbers in the database being replaced not read: %s", exc)
        return None


def save_pending(folder: Path, found: Iterable[nf.Handed]) -> Path:
    """Keep the numbers of a replaced database until the counters have moved above them, so
    ``hall-app db counters`` still sees them after a restore cut short. The file exists (even
    with no numbers) from the swap until the counters have moved: see :func:`is_pending`."""
    path = folder / PENDING
    rows = [found_row(h) for h in found]
    rows += load_pending_rows(path)
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as f:
        json.dump(rows, f)
        f.flush()
        os.fsync(f.fileno())
    partial.replace(path)
    return path


def found_row(h: nf.Handed) -> list[object]:
    return [h.key.counter, h.key.kind, h.key.day.isoformat(), h.sequence]


def load_pending_rows(path: Path) -> list[list[object]]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        log.warning("pending numbers %s not read: %s", path, exc)
        return []
    return [r for r in rows if isinstance(r, list) and len(r) == 4]


def in_pending(folder: Path) -> list[nf.Handed]:
    """The numbers :func:`save_pending` kept (none when the counters have moved since)."""
    found = []
    for counter, kind, day, seq in load_pending_rows(folder / PENDING):
        try:
            key = nf.CounterKey(str(counter), str(kind), dt.date.fromisoformat(str(day)))
            found.append(nf.Handed(key, int(str(seq))))
        except ValueError:
            continue
    return found


def is_pending(folder: Path) -> bool:
    """A restore was cut short before its counters moved: they must move before any issue."""
    return (folder / PENDING).exists()


def clear_pending(folder: Path) -> None:
    (folder / PENDING).unlink(missing_ok=True)


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
