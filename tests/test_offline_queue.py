"""Offline desks that share the queue (issue 15 #1), on SQLite and PostgreSQL: a window calls
reception's S-tickets, paper kit tickets and the tickets waiting when the server went away,
in the suggested order; every ticket served offline is merged once to the ticket that was
issued, whichever journal is reconciled first."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.offline_queue import (
    KIT,
    SERVER,
    TYPED,
    QueueEntry,
    parse_held_number,
    suggest,
    windows_for,
)
from hall_app.domain.tickets import GreenReason
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall
from hall_app.services.offline import OfflineDesk
from hall_app.services.offline_tickets import UnknownTicket
from hall_app.services.queue_snapshot import keep_queue
from hall_app.store.journal import Journal
from tests.conftest import login

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def test_numbers_a_citizen_can_hold_are_read() -> None:
    assert parse_held_number(" s7 ").number == "S007"
    assert parse_held_number("17").number == "S017"
    kit = parse_held_number("S07-015")
    assert (kit.number, kit.kind, kit.kit, kit.sequence) == ("S07-015", KIT, 7, 15)
    assert parse_held_number("s7－15").number == "S07-015"
    assert parse_held_number("c3").number == "C003"
    scanned = parse_held_number("HALLTICKET|20261201|S004|0")
    assert scanned.number == "S004" and scanned.service_date == dt.date(2026, 12, 1)
    assert parse_held_number("S99-9999").number == "S99-9999"  # the longest that fits
    for bad in ("", "S0", "AB12", "S07-", "12345678", "S100-1000"):
        with pytest.raises(InvalidInput):
            parse_held_number(bad)


def test_the_suggestion_is_the_halls_call_order_then_other_lanes() -> None:
    """The online call order (domain.call_order): sent here first, the window's lanes in
    order, green (also in its item's lane) then appointments then queue time; what the
    desk issued or a citizen brought counts as this window's; other lanes are listed after."""

    def e(
        n: str,
        lane: str,
        minute: int,
        priority: int = 2,
        source: str = SERVER,
        service: str = "",
        sent_to: int | None = None,
    ) -> QueueEntry:
        return QueueEntry(
            n,
            lane,
            "",
            priority,
            "waiting",
            T0 + dt.timedelta(minutes=minute),
            source,
            service_lane=service,
            sent_to=sent_to,
        )

    entries = [
        e("C001", "C", 0),
        e("A002", "A", 5),
        e("S003", "A", 9, source=TYPED),
        e("L001", "L", 12, priority=0, service="A"),  # green, item lane A: first at A
        e("L002", "L", 11, priority=0, service="C"),
        e("A001", "A", 1),
        e("Y001", "A", 7, priority=1),  # an appointment before the walk-ins
        e("S009", "Z", 3, source=TYPED),  # brought here: after the window's own lanes
        e("B001", "B", 13, sent_to=4),  # sent to window 4: first there, only there
        QueueEntry("A000", "A", "", 2, "called", T0, SERVER, 3),
    ]
    at_a = [x.number for x in suggest(entries, ["A"], window=3)]
    assert at_a == ["L001", "Y001", "A001", "A002", "S003", "S009", "L002", "C001", "B001"]
    at_4 = [x.number for x in suggest(entries, ["C", "A"], window=4)]
    assert at_4[:4] == ["B001", "L002", "C001", "L001"]
    assert [x.number for x in suggest(entries)] == [
        "L002",
        "L001",
        "Y001",
        "C001",
        "A001",
        "S009",
        "A002",
        "S003",
        "B001",
    ]
    windows = [
        {"number": 3, "lanes": ["B", "A"], "open": True},
        {"number": 1, "lanes": ["A"], "open": True},
        {"number": 2, "lanes": ["A"], "open": False},
    ]
    assert windows_for("A", windows) == [1, 3, 2] and windows_for("Z", windows) == []


def _desk(hall: Hall, tmp_path: Path, actor: Actor, terminal: str) -> OfflineDesk:
    """A terminal of its own: its journal, prepared while online (numbers, catalog, queue)."""
    journal = Journal(tmp_path / f"{terminal}.sqlite")
    hall.fallback.prepare(replace(actor, terminal=terminal), journal)  # its key, its name
    keep_queue(hall.ctx, actor, journal)
    return OfflineDesk(hall.ctx, journal)


@pytest.fixture
def window1(hall: Hall) -> Actor:
    return login(hall, "1001", 1)


@pytest.fixture
def window2(hall: Hall) -> Actor:
    return login(hall, "1002", 2)


def _lane_of(hall: Hall, window: int) -> str:
    return (
        next(
            w["lanes"][0] for w in hall.journal.queue_snapshot()["windows"] if w["number"] == window
        )
        if hall.journal.queue_snapshot()
        else ""
    )


def _outage(
    hall: Hall, tmp_path: Path, reception: Actor, window1: Actor, clock: FakeClock
) -> tuple[OfflineDesk, OfflineDesk, list[str]]:
    """Reception issues four S-tickets offline (one green); window 1 serves them all."""
    rec = _desk(hall, tmp_path, reception, "reception-1")
    win = _desk(hall, tmp_path, window1, "window-1")
    lane = win.my_lanes(window1)[0]
    issued = []
    for i in range(4):
        slip = rec.issue_ticket(
            reception, category_code=lane, green_reason=GreenReason.ELDERLY if i == 2 else None
        )
        issued.append(slip.number)
        clock.advance(minutes=1)
    # reception says where to go: a window serving the lane
    assert 1 in rec.windows_for(lane)
    # window 1 knows none of them: each is confirmed (the citizen holds it), green marked
    with pytest.raises(UnknownTicket) as unknown:
        win.take_number(window1, issued[0])
    assert issued[0] in unknown.value.message and "预留的离线号段" in unknown.value.message
    for i, number in enumerate(issued):
        win.take_number(window1, number.lower(), green=(i == 2), confirmed=True)
    assert win.suggested(window1)[0].number == issued[2]  # green first
    for _ in issued:
        clock.advance(minutes=2)
        called = win.call_next(window1)
        assert called is not None
        with pytest.raises(NotAllowed):
            win.call_next(window1)  # one at a time
        win.start(window1)
        clock.advance(minutes=3)
        win.finish(window1)
    assert win.call_next(window1) is None
    return rec, win, issued


@pytest.mark.parametrize("order", ["reception_first", "window_first"])
def test_reception_tickets_served_at_a_window_merge_once_in_either_order(
    hall: Hall, tmp_path: Path, reception: Actor, window1: Actor, clock: FakeClock, order: str
) -> None:
    rec, win, issued = _outage(hall, tmp_path, reception, window1, clock)
    first, second = (rec, win) if order == "reception_first" else (win, rec)
    for desk in (first, second):
        report = hall.fallback.reconcile(desk.journal, reception)
        assert report.complete and not report.conflicts, report.conflicts
    tickets = {t.number: t for t in hall.tickets.today() if t.number in issued}
    assert sorted(tickets) == sorted(issued)
    issued_at = {e.number: e.issued_at for e in rec.queue()}
    for number, t in tickets.items():
        assert t.state.value == "finished" and t.window_number == 1
        assert t.issued_at == issued_at[number]  # the issue record's time, not the window's
    assert tickets[issued[2]].green_reason is GreenReason.ELDERLY
    assert sum(t.number in issued for t in hall.tickets.today()) == 4
    # a second run of both journals merges nothing again
    for desk in (rec, win):
        desk.journal._conn.execute("UPDATE record SET state = 'pending'")
        assert hall.fallback.reconcile(desk.journal, reception).merged == 0


def test_a_ticket_waiting_when_the_server_died_is_finished_offline_once(
    hall: Hall, tmp_path: Path, reception: Actor, window2: Actor, clock: FakeClock
) -> None:
    lane = next(w["lanes"][0] for w in _lanes(hall, reception) if w["number"] == 2)
    numbers = [hall.tickets.issue(reception, category_code=lane).ticket.number for _ in range(3)]
    clock.advance(minutes=1)
    win = _desk(hall, tmp_path, window2, "window-2")  # the last snapshot: three waiting
    known = {e.number: e for e in win.queue()}
    assert all(known[n].source == SERVER and known[n].state == "waiting" for n in numbers)
    clock.advance(minutes=5)
    called = win.call_number(window2, numbers[2])  # the citizen holding C003 comes up
    assert called.number == numbers[2]
    win.start(window2)
    win.finish(window2)
    assert win.suggested(window2)[0].number == numbers[0]
    report = hall.fallback.reconcile(win.journal, window2)
    assert report.complete and report.merged == 2 and not report.conflicts  # call, finish
    t = hall.tickets.find(numbers[2])
    assert t.state.value == "finished" and t.window_number == 2
    assert hall.tickets.find(numbers[0]).state.value == "waiting"
    win.journal._conn.execute("UPDATE record SET state = 'pending'")
    again = hall.fallback.reconcile(win.journal, window2)
    assert again.merged == 0 and not again.conflicts


def test_a_paper_kit_ticket_is_taken_and_merged(
    hall: Hall, tmp_path: Path, window1: Actor, clock: FakeClock
) -> None:
    win = _desk(hall, tmp_path, window1, "window-1")
    with pytest.raises(UnknownTicket):
        win.call_number(window1, "S07-015")
    called = win.call_number(window1, "S07-015", confirmed=True)
    assert called.number == "S07-015" and called.source == TYPED
    win.no_show(window1)
    assert hall.fallback.reconcile(win.journal, window1).complete
    assert hall.tickets.find("S07-015").state.value == "no_show"


def _lanes(hall: Hall, actor: Actor) -> list[dict[str, object]]:
    from hall_app.services.queue_snapshot import read_queue

    return read_queue(hall.ctx)["windows"]


def test_a_journal_of_the_previous_version_opens_with_its_tickets(tmp_path: Path) -> None:
    """Terminals keep their journal across an update: version 1 had no source/started_at."""
    import sqlite3

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.executescript("""
            CREATE TABLE local_ticket (number TEXT NOT NULL, day TEXT NOT NULL,
                category_code TEXT NOT NULL, label TEXT NOT NULL DEFAULT '',
                priority INTEGER NOT NULL DEFAULT 2, state TEXT NOT NULL DEFAULT 'waiting',
                issued_at TEXT NOT NULL, called_at TEXT, finished_at TEXT,
                PRIMARY KEY (day, number));
            INSERT INTO local_ticket (number, day, category_code, issued_at)
                VALUES ('S001', '2026-12-01', 'A', '2026-12-01T09:00:00+00:00');
            PRAGMA user_version = 1;
        """)
    journal = Journal(path)
    (ticket,) = journal.tickets(dt.date(2026, 12, 1))
    assert (ticket.number, ticket.source, ticket.started_at) == ("S001", "own", None)
    assert journal.queue_snapshot() == {}
    journal.close()


def test_a_typed_number_the_server_never_issued_is_a_conflict_not_a_new_ticket(
    hall: Hall, tmp_path: Path, reception: Actor, window1: Actor, clock: FakeClock
) -> None:
    """A clerk confirms a number nobody issued (a misread slip): the merge must not create it.
    A regular number created by the merge was the one the lane's counter hands out next, and
    every online ticket of that lane failed for the rest of the day; an S-number outside
    every reserved block would later be completed by another terminal's ticket."""
    win = _desk(hall, tmp_path, window1, "window-1")
    lane = win.my_lanes(window1)[0]
    prefix = next(c["prefix"] for c in win.snapshot.categories if c["code"] == lane)
    typo, stray = f"{prefix}001", "S999"  # nothing of this lane issued today; no block has 999
    for number in (typo, stray):
        win.call_number(window1, number, confirmed=True)
        win.start(window1)
        win.finish(window1)
    report = hall.fallback.reconcile(win.journal, window1)
    assert report.complete and report.merged == 0, report.conflicts
    assert {ref for ref, _ in report.conflicts} == {typo, stray}
    assert any("未发出" in message for _, message in report.conflicts)
    assert not [t for t in hall.tickets.today() if t.number in (typo, stray)]
    issued = hall.tickets.issue(reception, category_code=lane).ticket  # the lane still works
    assert issued.number == typo


def test_an_offline_slip_counts_the_people_ahead_in_its_own_lane(
    hall: Hall, tmp_path: Path, reception: Actor, clock: FakeClock
) -> None:
    """As online: the waiting tickets of the slip's lane, not every lane's (the snapshot's
    three C-tickets are not ahead of an A-ticket)."""
    for _ in range(3):
        hall.tickets.issue(reception, category_code="C")
    clock.advance(minutes=1)
    rec = _desk(hall, tmp_path, reception, "reception-1")
    assert rec.issue_ticket(reception, category_code="A").people_ahead == 0
    assert rec.issue_ticket(reception, category_code="A").people_ahead == 1
    assert rec.issue_ticket(reception, category_code="C").people_ahead == 3


@pytest.mark.parametrize("order", ["reception_first", "window_first"])
def test_a_move_before_the_ticket_was_issued_is_not_merged_onto_it(
    hall: Hall, tmp_path: Path, reception: Actor, window1: Actor, clock: FakeClock, order: str
) -> None:
    """Window 1 takes S002 at 10:00 (a misread S012: reception had issued only S001) and
    serves it; reception issues the real S002 two hours later. Merged, the 10:00 moves must
    not finish the 12:00 ticket, whose citizen would then never be called: a conflict."""
    rec = _desk(hall, tmp_path, reception, "reception-1")
    win = _desk(hall, tmp_path, window1, "window-1")
    lane = win.my_lanes(window1)[0]
    rec.issue_ticket(reception, category_code=lane)
    win.call_number(window1, "S002", confirmed=True)
    win.start(window1)
    win.finish(window1)
    clock.advance(hours=2)
    assert rec.issue_ticket(reception, category_code=lane).number == "S002"
    first, second = (rec, win) if order == "reception_first" else (win, rec)
    conflicts = []
    for desk in (first, second):
        conflicts += hall.fallback.reconcile(desk.journal, reception).conflicts
    assert conflicts and all(ref == "S002" for ref, _ in conflicts)
    state = hall.tickets.find("S002").state.value
    if order == "reception_first":  # the window's call and finish: reception's citizen waits
        assert len(conflicts) == 2 and state == "waiting"
    else:  # the window's ticket stands; reception's issue is for a person to sort out
        assert len(conflicts) == 1 and "用了两次" in conflicts[0][1] and state == "finished"


def test_the_queue_waiting_before_the_outage_is_shared_out_among_the_windows() -> None:
    """Every desk has the same snapshot: without a share windows 1 and 2, both serving A,
    each called A001 by voice first. Dealt by sequence among the open windows of the lane,
    each desk's own share comes first; a citizen brought to the desk is not dealt."""

    def e(n: str, lane: str = "A", source: str = SERVER, priority: int = 2) -> QueueEntry:
        return QueueEntry(
            n, lane, "", priority, "waiting", T0 + dt.timedelta(minutes=int(n[1:])), source
        )

    entries = [
        e("A001"),
        e("A002"),
        e("A003"),
        e("A004"),
        e("L005", "L", priority=0),
        e("S006", source=TYPED),
        e("G007", "G", priority=0),  # its lane's only window is closed: anyone's, after own
    ]
    windows = [
        {"number": 1, "lanes": ["L", "A"], "open": True},
        {"number": 2, "lanes": ["A"], "open": True},
        {"number": 3, "lanes": ["A"], "open": False},  # nobody there: no share
        {"number": 4, "lanes": ["G"], "open": False},
    ]
    one = [x.number for x in suggest(entries, ["L", "A"], window=1, windows=windows)]
    two = [x.number for x in suggest(entries, ["A"], window=2, windows=windows)]
    # window 1: its share (L, then A), then the lane nobody serves, then window 2's share
    assert one == ["L005", "A002", "A004", "S006", "G007", "A001", "A003"]
    assert two == ["A001", "A003", "S006", "G007", "A002", "A004", "L005"]
    assert one[0] != two[0]


def test_two_windows_of_one_lane_call_different_citizens_first(
    hall: Hall, tmp_path: Path, reception: Actor, window1: Actor, window2: Actor, clock: FakeClock
) -> None:
    numbers = [hall.tickets.issue(reception, category_code="A").ticket.number for _ in range(4)]
    clock.advance(minutes=1)
    desks = {
        1: _desk(hall, tmp_path, window1, "window-1"),
        2: _desk(hall, tmp_path, window2, "window-2"),
    }
    actors = {1: window1, 2: window2}
    called: dict[int, list[str]] = {1: [], 2: []}
    for _ in range(2):
        for w, desk in desks.items():
            ticket = desk.call_next(actors[w])
            assert ticket is not None
            called[w].append(ticket.number)
            desk.start(actors[w])
            desk.finish(actors[w])
    assert sorted(called[1] + called[2]) == sorted(numbers)  # each citizen called once
    for w, desk in desks.items():
        report = hall.fallback.reconcile(desk.journal, actors[w])
        assert report.complete and not report.conflicts, report.conflicts


def test_the_suggestion_keeps_the_halls_fairness_rule() -> None:
    from hall_app.domain.call_order import Fairness

    entries = [
        QueueEntry("A001", "A", "", 2, "waiting", T0, SERVER),
        QueueEntry("Y001", "A", "", 1, "waiting", T0 + dt.timedelta(minutes=30), SERVER),
    ]
    now, rule = T0 + dt.timedelta(minutes=40), Fairness(2, dt.timedelta(minutes=20))
    fair = suggest(entries, ["A"], window=1, now=now, recent=[1, 0], fairness=rule)
    assert [x.number for x in fair] == ["A001", "Y001"]  # after two priority calls
    plain = suggest(entries, ["A"], window=1, now=now, recent=[1, 0])
    assert [x.number for x in plain] == ["Y001", "A001"]
