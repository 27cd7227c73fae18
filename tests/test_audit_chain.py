"""The tamper-evident audit trail (issue 16 item 5): every entry hashed over its stored
columns and chained per hall day, each closed day anchored. A changed, deleted, inserted or
moved row, a cut-off day end or a whole deleted day is caught by ``verify``, which names the
first broken link; on SQLite and PostgreSQL, and with writers in two processes on PG."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import threading

import pytest
from sqlalchemy import func, select

from hall_app.domain import audit_chain
from hall_app.domain.errors import NotAllowed
from hall_app.services.context import FakeClock, audit
from hall_app.services.hall import Hall
from hall_app.store.models import AuditAnchor, AuditEntry, Window
from tests.audit_workers import row, sql, write_days, write_entries
from tests.conftest import login

# days after the template database was made (its catalog import is chained on the real day)
D1, D2, D3 = dt.date(2027, 3, 1), dt.date(2027, 3, 2), dt.date(2027, 3, 3)


@pytest.fixture
def days(hall: Hall, clock: FakeClock) -> Hall:
    write_days(hall, clock, [D1, D2, D3], 4)
    return hall


def _broken(hall: Hall, day: dt.date | None = None) -> audit_chain.Break:
    verdict = hall.audit.verify(login(hall, "9001"), day)
    assert verdict.broken is not None
    return verdict.broken


def test_an_untouched_trail_verifies_and_days_are_anchored(days: Hall) -> None:
    verdict = days.audit.verify(login(days, "3001"))
    assert verdict.ok and verdict.checked >= 12
    with days.db.read() as s:
        anchored = dict(s.execute(select(AuditAnchor.day, AuditAnchor.entries)).all())
        assert anchored[D1] == 4 and anchored[D2] == 4 and D3 not in anchored  # D3 is open
        on_d3 = select(func.count()).select_from(AuditEntry).where(AuditEntry.day == D3)
        assert s.scalar(on_d3) == 5  # and the login just above
    assert row(days, D2, 1).prev_hash == row(days, D1, 4).hash
    assert days.audit.verify(login(days, "3001"), D2).checked == 4


def test_a_changed_column_names_the_entry(days: Hall) -> None:
    target = row(days, D2, 3)
    sql(days, "UPDATE audit_log SET detail = :d WHERE id = :i", d='{"note": "改过"}', i=target.id)
    broken = _broken(days)
    assert (broken.entry_id, broken.reason, broken.day) == (target.id, "hash", D2)
    assert broken.found == target.hash and broken.expected != target.hash
    assert broken.at == target.at
    assert _broken(days, D2).entry_id == target.id  # the day alone finds it too
    assert days.audit.verify(login(days, "3001"), D1).ok


@pytest.mark.parametrize("column", ["staff_id", "terminal", "action", "entity_id", "at"])
def test_every_column_is_sealed(days: Hall, column: str) -> None:
    target = row(days, D1, 2)
    new = {
        "staff_id": None,
        "terminal": "pc-x",
        "action": "forged",
        "entity_id": 999,
        "at": target.at + dt.timedelta(seconds=1),
    }[column]
    with days.db.write() as s:
        s.get_one(AuditEntry, target.id).__setattr__(column, new)
    assert (_broken(days).entry_id, _broken(days).reason) == (target.id, "hash")


def test_a_deleted_entry_breaks_the_link_after_it(days: Hall) -> None:
    gone, after = row(days, D2, 2), row(days, D2, 3)
    sql(days, "DELETE FROM audit_log WHERE id = :i", i=gone.id)
    broken = _broken(days)
    assert (broken.entry_id, broken.reason, broken.expected, broken.found) == (
        after.id,
        "seq",
        "2",
        "3",
    )


def test_a_deleted_day_end_is_caught_by_the_anchor(days: Hall) -> None:
    last = row(days, D1, 4)
    sql(days, "DELETE FROM audit_log WHERE id = :i", i=last.id)
    broken = _broken(days)
    assert (broken.day, broken.reason, broken.expected, broken.found) == (
        D1,
        "anchor_count",
        "4",
        "3",
    )


def test_an_inserted_entry_is_caught_even_with_a_correct_hash(days: Hall) -> None:
    # a forger who knows the encoding appends a well-linked, well-hashed entry to day 1
    last = row(days, D1, 4)
    forged = dataclasses.replace(
        last, id=last.id + 100_000, seq=5, prev_hash=last.hash, detail='{"note": "伪造"}'
    )
    forged = dataclasses.replace(forged, hash=audit_chain.entry_hash(forged))
    sql(
        days,
        "INSERT INTO audit_log (id, at, staff_id, terminal, action, entity, entity_id, "
        "detail, day, seq, prev_hash, hash) VALUES (:id, :at, :staff_id, :terminal, :action, "
        ":entity, :entity_id, :detail, :day, :seq, :prev_hash, :hash)",
        **{
            **dataclasses.asdict(forged),
            "at": forged.at.replace(tzinfo=None) if days.db.is_sqlite else forged.at,
        },
    )
    broken = _broken(days)
    assert (broken.day, broken.reason, broken.entry_id) == (D1, "anchor_count", forged.id)


def test_an_entry_inserted_in_the_middle_names_the_next_one(days: Hall) -> None:
    second, third = row(days, D2, 2), row(days, D2, 3)
    for seq in (4, 3):  # make room at seq 3, from the end (unique day + seq)
        sql(days, "UPDATE audit_log SET seq = seq + 1 WHERE day = :d AND seq = :s", d=D2, s=seq)
    forged = dataclasses.replace(second, id=second.id + 100_000, seq=3, prev_hash=second.hash)
    forged = dataclasses.replace(forged, hash=audit_chain.entry_hash(forged))
    with days.db.write() as s:
        s.add(AuditEntry(**dataclasses.asdict(forged)))
    broken = _broken(days)
    # the forged entry links and hashes well; the moved one after it does not
    assert (broken.entry_id, broken.reason) == (third.id, "prev_hash")


def test_reordered_entries_are_caught(days: Hall) -> None:
    a, b = row(days, D3, 2), row(days, D3, 3)
    sql(days, "UPDATE audit_log SET seq = -1 WHERE id = :i", i=a.id)
    sql(days, "UPDATE audit_log SET seq = 2 WHERE id = :i", i=b.id)
    sql(days, "UPDATE audit_log SET seq = 3 WHERE id = :i", i=a.id)
    broken = _broken(days)
    assert (broken.entry_id, broken.reason, broken.day) == (b.id, "prev_hash", D3)


def test_a_deleted_whole_day_is_caught(days: Hall) -> None:
    sql(days, "DELETE FROM audit_log WHERE day = :d", d=D2)
    broken = _broken(days)
    assert (broken.day, broken.reason) == (D2, "day_deleted")
    # and with its anchor gone too, the next day's first entry no longer links
    sql(days, "DELETE FROM audit_anchor WHERE day = :d", d=D2)
    broken = _broken(days)
    assert (broken.entry_id, broken.reason) == (row(days, D3, 1).id, "day_start")


def test_a_lagging_clock_joins_the_newest_day(days: Hall, clock: FakeClock) -> None:
    clock.now = dt.datetime(2027, 3, 1, 2, 0, tzinfo=dt.UTC)  # back on day 1
    login(days, "3002")  # audited
    with days.db.read() as s:
        newest = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).one()
    assert (newest.day, newest.seq) == (D3, 5)
    assert days.audit.verify(login(days, "3001")).ok


def test_reading_the_trail_needs_its_permission(hall: Hall) -> None:
    with pytest.raises(NotAllowed):
        hall.audit.verify(login(hall, "1001", 1))
    with pytest.raises(NotAllowed):
        hall.audit.entries(login(hall, "2001"))


@pytest.mark.postgres
def test_two_processes_writing_at_once_keep_one_chain(hall: Hall, db_url: str) -> None:
    if hall.db.is_sqlite:
        pytest.skip("PostgreSQL: SQLite's writer lock serialises writers already")
    with hall.db.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEntry))
    context = multiprocessing.get_context("forkserver")
    with context.Pool(2) as pool:
        written = pool.map(write_entries, [(db_url, "pc-a", 60), (db_url, "pc-b", 60)])
    assert written == [60, 60]
    verdict = hall.audit.verify(login(hall, "3001"))
    assert verdict.ok, verdict.broken
    assert verdict.checked == before + 120 + 2 + 1  # two logins in the writers, one here


@pytest.mark.postgres
def test_auditing_early_and_writing_after_does_not_deadlock(hall: Hall) -> None:
    """A audits, then updates a window that B updated before auditing: with the head row
    locked at audit() time they would wait for each other (PostgreSQL aborts one); the
    entries are chained at commit, so both go through."""
    if hall.db.is_sqlite:
        pytest.skip("PostgreSQL: SQLite's writer lock lets one write transaction at a time")
    boss = login(hall, "3001")
    a_audited, b_updated = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def a() -> None:
        try:
            with hall.db.write() as s:
                audit(s, hall.ctx, boss, "test_a", "window", 1)
                a_audited.set()
                assert b_updated.wait(60)
                s.get_one(Window, 1).name = "A"
        except BaseException as error:  # handed to the test thread
            errors.append(error)
            a_audited.set()

    def b() -> None:
        try:
            assert a_audited.wait(60)
            with hall.db.write() as s:
                s.get_one(Window, 1).name = "B"
                s.flush()
                b_updated.set()
                audit(s, hall.ctx, boss, "test_b", "window", 1)
        except BaseException as error:
            errors.append(error)
            b_updated.set()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert {r.action for r in hall.audit.entries(boss)} >= {"test_a", "test_b"}
    assert hall.audit.verify(boss).ok


@pytest.mark.postgres
def test_entries_are_sealed_after_their_commit_and_a_missed_seal_is_made_up(
    days: Hall,
) -> None:
    """An entry is chained right after its unit of work commits, by a transaction of its own
    (so no business transaction holds the chain's head). A process that dies between the
    commit and the seal leaves its entry unsealed: verify says so, and the next write of any
    terminal seals it."""
    from hall_app.store.db import AFTER_COMMIT

    hall = days
    if hall.db.is_sqlite:
        pytest.skip("SQLite seals in the writing transaction: its writer lock serialises")
    admin = login(hall, "9001")  # logged in before (a login is audited, and so seals)
    with hall.db.write() as s:
        audit(s, hall.ctx, None, "board_configure", "hall_setting", None)
        s.info.pop(AFTER_COMMIT)  # the process dies right after its commit
    with hall.db.read() as s:
        [pending] = s.scalars(select(AuditEntry).where(AuditEntry.hash.is_(None))).all()
    broken = hall.audit.verify(admin).broken
    assert broken is not None and (broken.reason, broken.entry_id) == ("unchained", pending.id)
    with hall.db.write() as s:  # any later write, at any terminal
        audit(s, hall.ctx, None, "board_configure", "hall_setting", None)
    assert hall.audit.verify(admin).broken is None
    with hall.db.read() as s:
        sealed = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(3)).all()
        assert all(e.hash for e in sealed)
        assert sealed[1].id == pending.id and sealed[1].seq is not None
