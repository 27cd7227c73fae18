"""After a database was restored (``hall-app db restore``, or the recovery at start-up): move
every counter above the highest number already handed out, and record the restore.

The numbers are looked for in the restored database itself, in the database it replaced
(read before the swap: the SQLite file set aside, or the live PostgreSQL database; kept in
``<data folder>/restore-pending-numbers.json`` until the counters have moved), in this PC's
offline journals (``<data folder>/journal/``) and in its archive of printed documents
(``<data folder>/printed/``), so a ticket number, notice serial or case number that was
issued after the backup, is on paper or in a journal is never issued again. One
transaction, one audit entry.

:func:`finish_restore` is what ``hall-app db restore`` and the recovery at start-up run once
the data is in place: upgrade the schema, move the counters. When that fails the data is
restored but the counters are not: it says so (:class:`RestoreIncomplete`) and
``hall-app db counters`` finishes the work.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hall_app import paths
from hall_app.config import Config
from hall_app.domain import number_floor as nf
from hall_app.domain.errors import KnownError, RestoreIncomplete
from hall_app.services.context import Actor, Clock, ServiceContext, audit, system_clock
from hall_app.services.server_clock import ServerClock
from hall_app.store import migrate, number_sources
from hall_app.store import models as m
from hall_app.store.db import Database, database_for
from hall_app.store.db_errors import short_reason

log = logging.getLogger("hall_app.services")

_MODELS: dict[str, type[m.TicketCounter] | type[m.DocumentCounter]] = {
    nf.TICKET_COUNTER: m.TicketCounter,
    nf.DOCUMENT_COUNTER: m.DocumentCounter,
}


@dataclass
class RestoreReport:
    source: str
    lifted: dict[str, int] = field(default_factory=dict)  # "ticket:A:2026-11-25" -> new value
    found: int = 0  # how many counters had numbers anywhere
    #: the replaced database could not be read: numbers issued after the backup may be missed
    replaced_unread: bool = False

    def summary(self) -> str:
        if not self.lifted and self.replaced_unread:
            text = "找到的已发出号码均未超过计数器"
        elif not self.lifted:
            text = "计数器均已高于找到的所有已发出号码，无需调整"
        else:
            shown = "，".join(
                f"{_label(k)} 从 {v + 1} 起" for k, v in list(self.lifted.items())[:6]
            )
            more = f" 等 {len(self.lifted)} 个" if len(self.lifted) > 6 else ""
            text = f"已调整计数器{more}：{shown}"
        if self.replaced_unread:
            text += (
                "。注意：被替换的原数据库无法读取，备份之后发出的号码未能计入；"
                "请核对今天已发出的最大号码，必要时请管理员处理后再发号"
            )
        return text


def _label(key: str) -> str:
    counter, kind, day = key.split(":")
    return f"{day} {'号票' if counter == nf.TICKET_COUNTER else '编号'} {kind}"


def _current(s: Session) -> dict[nf.CounterKey, int]:
    values = {}
    for day, prefix, value in s.execute(
        select(m.TicketCounter.service_date, m.TicketCounter.prefix, m.TicketCounter.value)
    ):
        values[nf.CounterKey(nf.TICKET_COUNTER, prefix, day)] = value
    for day, kind, value in s.execute(
        select(m.DocumentCounter.service_date, m.DocumentCounter.kind, m.DocumentCounter.value)
    ):
        values[nf.CounterKey(nf.DOCUMENT_COUNTER, kind, day)] = value
    return values


def _lift(s: Session, dialect: str, key: nf.CounterKey, value: int) -> None:
    model = _MODELS[key.counter]
    keys = (
        {"service_date": key.day, "prefix": key.kind}
        if key.counter == nf.TICKET_COUNTER
        else {"service_date": key.day, "kind": key.kind}
    )
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(model).values(**keys, value=value)
    # only ever up: another writer may have moved it meanwhile
    stmt = stmt.on_conflict_do_update(
        index_elements=[getattr(model, k) for k in keys],
        set_={"value": stmt.excluded.value},
        where=model.value < stmt.excluded.value,
    )
    s.execute(stmt)


def continue_counters(
    ctx: ServiceContext,
    source: str,
    actor: Actor,
    *,
    data_dir: Path | None = None,
    replaced_unread: bool = False,
) -> RestoreReport:
    """Move the counters above every number handed out; audited as ``db_restore`` under
    ``actor`` (``restore_actor`` at start-up). The numbers of the replaced database are those :func:`finish_restore` kept."""
    folder = data_dir or paths.data_dir()
    outside = number_sources.in_pending(folder)
    outside += number_sources.in_journals(folder / "journal", ctx.tz)
    outside += number_sources.in_printed_archive(folder / "printed")
    report = RestoreReport(source, replaced_unread=replaced_unread)
    with ctx.db.write() as s:
        found = nf.floors([*number_sources.in_database(s, ctx.tz), *outside])
        lifts = nf.lifts(_current(s), found)
        for key, value in lifts.items():
            _lift(s, ctx.db.dialect, key, value)
        report.found = len(found)
        report.lifted = {str(k): v for k, v in lifts.items()}
        audit(
            s,
            ctx,
            actor,
            "db_restore",
            "database",
            None,
            source=source,
            lifted=report.lifted,
            counters_checked=len(found),
            replaced_unread=replaced_unread,
        )
    number_sources.clear_pending(folder)  # the counters are above them now
    log.warning("after restore from %s: %s", source, report.summary())
    return report


def restore_actor(ctx: ServiceContext) -> Actor:
    """The system job that moves the counters after a restore (no one is logged in yet)."""
    return Actor.system("db_restore", ctx.terminal)


def finish_pending(ctx: ServiceContext, data_dir: Path | None = None) -> RestoreReport | None:
    """At start-up: move the counters of a restore that was cut short before they moved."""
    folder = data_dir or paths.data_dir()
    if not number_sources.is_pending(folder):
        return None
    return continue_counters(ctx, "pending", restore_actor(ctx), data_dir=folder)


def _clock(db: Database, local: Clock) -> Clock:
    """The audit entry's time: on PostgreSQL the server's clock, as ``open_hall`` does."""
    if db.is_sqlite:
        return local
    clock = ServerClock(db, local)
    clock.sync()
    return clock


def finish_restore(
    config: Config,
    source: str,
    replaced: list[nf.Handed] | None,
    *,
    local_clock: Clock = system_clock,
    data_dir: Path | None = None,
) -> RestoreReport:
    """After the data is in place: keep the numbers of the database it replaced (``replaced``;
    None when that could not be read), upgrade the schema, move the counters.

    Raises :class:`RestoreIncomplete` when the data is restored but the counters could not
    be moved: nobody may issue until ``hall-app db counters`` has run."""
    folder = data_dir or paths.data_dir()
    db = database_for(config)
    try:
        # from here until the counters have moved, the restore is pending (open_hall finishes it)
        number_sources.save_pending(folder, replaced or [])
        migrate.upgrade(db)
        ctx = ServiceContext(
            db=db,
            terminal=config.terminal,
            clock=_clock(db, local_clock),
            timezone=config.timezone,
        )
        return continue_counters(
            ctx, source, restore_actor(ctx), data_dir=folder, replaced_unread=replaced is None
        )
    except Exception as exc:
        log.exception("restore from %s: the data is in place, the counters were not moved", source)
        reason = exc.message if isinstance(exc, KnownError) else short_reason(exc)
        raise RestoreIncomplete(
            f"数据已从 {source} 恢复，但计数器未能移到已发出的号码之后（{reason}）。"
            "在任何终端发号之前，请先排除原因，再运行 hall-app db counters 移动计数器"
            "（本机下次打开大厅程序时也会先移动计数器），否则已发出的号码可能再次发出"
        ) from None
    finally:
        db.dispose()
