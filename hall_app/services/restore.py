"""After a database was restored (``hall-app db restore``, or the recovery at start-up): move
every counter above the highest number already handed out, and record the restore.

The numbers are looked for in the restored database itself, in this PC's offline journals
(``<data folder>/journal/``) and in its archive of printed documents
(``<data folder>/printed/``), so a ticket number, notice serial or case number that is on
paper or in a journal is never issued again. One transaction, one audit entry.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hall_app import paths
from hall_app.domain import number_floor as nf
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.store import models as m
from hall_app.store import number_sources

log = logging.getLogger("hall_app.services")

_MODELS = {nf.TICKET_COUNTER: m.TicketCounter, nf.DOCUMENT_COUNTER: m.DocumentCounter}


@dataclass
class RestoreReport:
    source: str
    lifted: dict[str, int] = field(default_factory=dict)  # "ticket:A:2026-11-25" -> new value
    found: int = 0  # how many counters had numbers anywhere

    def summary(self) -> str:
        if not self.lifted:
            return "计数器均已高于已发出的号码，无需调整"
        shown = "，".join(f"{_label(k)} 从 {v + 1} 起" for k, v in list(self.lifted.items())[:6])
        more = f" 等 {len(self.lifted)} 个" if len(self.lifted) > 6 else ""
        return f"已调整计数器{more}：{shown}"


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
    ctx: ServiceContext, source: str, actor: Actor | None = None, *, data_dir: Path | None = None
) -> RestoreReport:
    """Move the counters above every number handed out; audited as ``db_restore``."""
    folder = data_dir or paths.data_dir()
    outside = list(number_sources.in_journals(folder / "journal", ctx.tz))
    outside += number_sources.in_printed_archive(folder / "printed")
    report = RestoreReport(source)
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
        )
    log.warning("after restore from %s: %s", source, report.summary())
    return report
