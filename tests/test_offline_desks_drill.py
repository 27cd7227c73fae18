"""A reduced offline drill (issue 15 #1): two terminals as real processes, neither able to
reach the server. Reception issues S-tickets offline; the citizens carry them to window 1,
whose clerk types them in and serves them with the tickets that were waiting when the server
went away. Back online, both journals are merged, in either order: every ticket exists once
and was finished once, at window 1, with the time reception issued it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.services.queue_snapshot import keep_queue, read_queue
from hall_app.store import models as m
from hall_app.store.journal import Journal
from tests.conftest import login

ROOT = Path(__file__).resolve().parent.parent

# a terminal without its server: only its journal, the clock the test gives it, and its staff
_TERMINAL = textwrap.dedent("""
    import datetime as dt, json, sys
    from pathlib import Path
    from hall_app.domain.roles import Role
    from hall_app.domain.tickets import GreenReason
    from hall_app.services.context import Actor, FakeClock, ServiceContext
    from hall_app.services.offline import OfflineDesk
    from hall_app.store.journal import Journal

    job = json.loads(sys.argv[1])
    clock = FakeClock(dt.datetime.fromisoformat(job["start"]))
    desk = OfflineDesk(ServiceContext(db=None, terminal=job["terminal"], clock=clock),
                       Journal(Path(job["journal"])))
    a = job["actor"]
    actor = Actor(a["id"], a["no"], a["name"], Role(a["role"]), job["terminal"], a["window"])
    desk.enter(actor, "演练：服务器无法连接")
    out = []
    if job["role"] == "reception":
        for i in range(job["tickets"]):
            clock.advance(minutes=1)
            green = i % 3 == 1
            slip = desk.issue_ticket(actor, category_code=job["lane"],
                                     green_reason=GreenReason.ELDERLY if green else None)
            out.append({"number": slip.number, "green": green, "windows": desk.windows_for(job["lane"])})
    else:
        for held in job["held"]:  # the citizens arrive with their slips
            clock.advance(seconds=20)
            desk.take_number(actor, held["number"], green=held["green"], confirmed=True)
        while True:
            clock.advance(minutes=1)
            called = desk.call_next(actor)
            if called is None:
                break
            desk.start(actor)
            clock.advance(minutes=3)
            desk.finish(actor)
            out.append({"number": called.number, "green": called.green, "source": called.source})
    print(json.dumps(out))
""")


def _terminal(job: dict[str, object]) -> list[dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-c", _TERMINAL, json.dumps(job, default=str)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("order", ["reception_first", "window_first"])
def test_reception_tickets_served_at_window_1_offline_are_merged_once(
    hall: Hall, clock: FakeClock, tmp_path: Path, order: str
) -> None:
    reception, clerk = login(hall, "2001"), login(hall, "1001", 1)
    journals = {name: tmp_path / f"{name}.sqlite" for name in ("reception-1", "window-1")}
    lanes = next(w["lanes"] for w in read_queue(hall.ctx)["windows"] if w["number"] == 1)
    with hall.db.read() as s:
        green_lanes = set(s.scalars(select(m.Category.code).where(m.Category.green_channel)))
    lane = next(code for code in lanes if code not in green_lanes)  # window 1 also serves L
    # three citizens were waiting at window 1's lane when the server went away
    waiting = [hall.tickets.issue(reception, category_code=lane).ticket.number for _ in range(3)]
    for name, actor in (("reception-1", reception), ("window-1", clerk)):
        journal = Journal(journals[name])
        hall.fallback.prepare(replace(actor, terminal=name), journal)  # its key, its name
        keep_queue(hall.ctx, actor, journal)
        journal.close()

    def job(name: str, actor: object, **more: object) -> dict[str, object]:
        a = actor
        return {
            "terminal": name,
            "journal": str(journals[name]),
            "start": clock.now.isoformat(),
            "lane": lane,
            "actor": {
                "id": a.staff_id,
                "no": a.staff_no,
                "name": a.name,  # type: ignore[attr-defined]
                "role": a.role.value,
                "window": a.window_number,
            },  # type: ignore[attr-defined]
            **more,
        }

    issued = _terminal(job("reception-1", reception, role="reception", tickets=6))
    assert all(1 in t["windows"] for t in issued)  # reception sent them to window 1
    served = _terminal(job("window-1", clerk, role="clerk", held=issued))
    numbers = [t["number"] for t in issued] + waiting
    assert sorted(t["number"] for t in served) == sorted(numbers)
    greens = [t["number"] for t in issued if t["green"]]
    assert [t["number"] for t in served[: len(greens)]] == greens  # green channel first

    names = (
        ["reception-1", "window-1"] if order == "reception_first" else ["window-1", "reception-1"]
    )
    for name in names:
        journal = Journal(journals[name])
        report = hall.fallback.reconcile(journal, clerk)
        assert report.complete and not report.conflicts, report.conflicts
        journal.close()
    with hall.db.read() as s:
        tickets = s.scalars(select(m.Ticket).where(m.Ticket.number.in_(numbers))).all()
        finishes = Counter(
            r.reference
            for r in s.scalars(
                select(m.FallbackRecord).where(
                    m.FallbackRecord.kind == "ticket_finish", m.FallbackRecord.outcome == "merged"
                )
            )
        )
        window1 = s.scalar(select(m.Window.id).where(m.Window.number == 1))
    assert sorted(t.number for t in tickets) == sorted(numbers)  # each once
    assert all(t.state == "finished" and t.window_id == window1 for t in tickets)
    assert finishes == Counter({n: 1 for n in numbers})  # each finished once
    by_number = {t.number: t for t in tickets}
    assert all(by_number[n].priority == 0 for n in greens)
    assert all(by_number[n].terminal == "reception-1" for n in numbers if n.startswith("S"))
