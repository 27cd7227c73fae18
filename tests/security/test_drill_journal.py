"""Drill: a forged, tampered, unsigned, replayed, cross-terminal or missing offline-journal
record. Each is refused with a Chinese message and an audit entry (``offline_refused``,
``offline_duplicate``); the good records of the same journal still merge, exactly once.

The attacker works as someone at a window PC can: with ``sqlite3`` on the journal file. What
the attacker cannot do is make a MAC without the terminal's key (``domain/journal_mac.py``).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from hall_app.domain import journal_mac
from hall_app.services.context import Actor, FakeClock
from hall_app.services.fallback import ReconcileReport
from hall_app.services.hall import Hall
from hall_app.services.offline import OfflineDesk
from hall_app.store import models as m
from hall_app.store.journal import Journal
from tests.conftest import login


def _desk(hall: Hall, tmp_path: Path, actor: Actor, terminal: str) -> OfflineDesk:
    """A terminal of its own, prepared while online (its key made and registered)."""
    journal = Journal(tmp_path / f"{terminal}.sqlite3")
    hall.fallback.prepare(replace(actor, terminal=terminal), journal)
    return OfflineDesk(hall.ctx, journal)


def _issue(desk: OfflineDesk, actor: Actor, clock: FakeClock, count: int) -> list[str]:
    numbers = []
    for _ in range(count):
        clock.advance(minutes=1)
        numbers.append(desk.issue_ticket(actor, category_code="A").number)
    return numbers


def _sql(journal: Journal, statement: str, params: tuple[object, ...] = ()) -> None:
    """The attacker's edit, from outside the program."""
    with sqlite3.connect(journal.path) as conn:
        conn.execute(statement, params)


def _row(journal: Journal, reference: str) -> dict[str, object]:
    with sqlite3.connect(journal.path) as conn:
        conn.row_factory = sqlite3.Row
        return dict(
            conn.execute("SELECT * FROM record WHERE reference = ?", (reference,)).fetchone()
        )


def _audits(hall: Hall, action: str) -> list[dict[str, object]]:
    with hall.db.read() as s:
        return [
            json.loads(d)
            for d in s.scalars(
                select(m.AuditEntry.detail)
                .where(m.AuditEntry.action == action)
                .order_by(m.AuditEntry.id)
            )
        ]


def _on_server(hall: Hall, numbers: list[str]) -> list[str]:
    with hall.db.read() as s:
        return sorted(s.scalars(select(m.Ticket.number).where(m.Ticket.number.in_(numbers))))


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1001", 1)


@pytest.fixture
def desk(hall: Hall, tmp_path: Path, clerk: Actor) -> OfflineDesk:
    return _desk(hall, tmp_path, clerk, "window-1")


def _reconcile(hall: Hall, desk: OfflineDesk, actor: Actor) -> ReconcileReport:
    return hall.fallback.reconcile(desk.journal, actor)


def test_the_key_is_private_registered_and_every_record_signed(
    hall: Hall, desk: OfflineDesk, clerk: Actor, clock: FakeClock
) -> None:
    journal = desk.journal
    assert stat.S_IMODE(journal.key_path.stat().st_mode) == 0o600
    terminal, key = journal.signing_key() or ("", b"")
    assert terminal == "window-1" and len(key) == journal_mac.KEY_BYTES
    with hall.db.read() as s:
        row = s.scalars(select(m.HallSecret).where(m.HallSecret.owner == "window-1")).one()
    assert (row.purpose, row.fingerprint) == ("journal_key", journal_mac.fingerprint(key))
    assert [a["fingerprint"] for a in _audits(hall, "journal_key")] == [row.fingerprint]
    assert key.hex() not in json.dumps(_audits(hall, "journal_key"))  # the key is never audited
    numbers = _issue(desk, clerk, clock, 3)
    records = journal.records()
    assert [r.number for r in records] == [1, 2, 3]
    assert all(
        r.terminal == "window-1" and r.mac.startswith(row.fingerprint + ":") for r in records
    )
    # a second prepare keeps the key: nothing new registered
    hall.fallback.prepare(replace(clerk, terminal="window-1"), journal)
    assert journal.signing_key() == ("window-1", key)
    assert len(_audits(hall, "journal_key")) == 1
    report = _reconcile(hall, desk, clerk)
    assert (report.merged, report.refused, report.left) == (3, [], 0)
    assert _on_server(hall, numbers) == sorted(numbers)


def test_a_tampered_field_is_refused_and_the_rest_merges(
    hall: Hall, desk: OfflineDesk, clerk: Actor, clock: FakeClock
) -> None:
    numbers = _issue(desk, clerk, clock, 3)
    row = _row(desk.journal, numbers[1])
    payload = json.loads(str(row["payload"]))
    payload["category_code"] = "B"  # another lane, after the fact
    _sql(
        desk.journal,
        "UPDATE record SET payload = ? WHERE key = ?",
        (json.dumps(payload, ensure_ascii=False), row["key"]),
    )
    _sql(desk.journal, "UPDATE record SET staff_no = '3001' WHERE reference = ?", (numbers[2],))
    report = _reconcile(hall, desk, clerk)
    assert report.merged == 1
    assert [r for r, _ in report.refused] == numbers[1:]
    assert all(msg.startswith("已拒绝：") and "校验不符" in msg for _, msg in report.refused)
    assert _on_server(hall, numbers) == [numbers[0]]
    refused = _audits(hall, "offline_refused")
    assert [(a["reason"], a["reference"]) for a in refused] == [
        ("forged", numbers[1]),
        ("forged", numbers[2]),
    ]
    assert desk.journal.counts() == {"merged": 1, "refused": 2}
    # refused once: a second run neither merges nor audits them again
    again = _reconcile(hall, desk, clerk)
    assert (again.merged, again.refused) == (0, [])
    assert len(_audits(hall, "offline_refused")) == 2
    assert hall.audit.verify(login(hall, "3001")).ok  # the refusals joined the audit chain


def test_a_forged_or_unsigned_record_is_refused(
    hall: Hall, desk: OfflineDesk, clerk: Actor, clock: FakeClock
) -> None:
    numbers = _issue(desk, clerk, clock, 2)
    template = _row(desk.journal, numbers[0])
    fingerprint = str(template["mac"]).partition(":")[0]
    columns = ("key", "kind", "at", "staff_no", "reference", "payload", "terminal", "number", "mac")
    forged = {
        **{c: template[c] for c in columns},
        "key": "forged-1",
        "reference": "S777",
        "payload": json.dumps({**json.loads(str(template["payload"])), "number": "S777"}),
        "number": 3,
        "mac": f"{fingerprint}:{'0' * 64}",
    }
    unsigned = {
        **forged,
        "key": "forged-2",
        "reference": "S778",
        "number": 0,
        "mac": "",
        "terminal": "",
    }
    for row in (forged, unsigned):
        _sql(
            desk.journal,
            f"INSERT INTO record ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            tuple(row[c] for c in columns),
        )
    report = _reconcile(hall, desk, clerk)
    assert report.merged == 2 and _on_server(hall, [*numbers, "S777", "S778"]) == sorted(numbers)
    assert [(r, msg.split("：")[0]) for r, msg in report.refused] == [
        ("S777", "已拒绝"),
        ("S778", "已拒绝"),
    ]
    assert [a["reason"] for a in _audits(hall, "offline_refused")] == ["forged", "unsigned"]


def test_a_record_made_with_a_key_the_server_never_saw_is_refused(
    hall: Hall, desk: OfflineDesk, clerk: Actor, clock: FakeClock
) -> None:
    """The attacker swaps in a key file of his own, signs a record, and puts the real key
    back: the MAC is well made, but with a key the server does not hold."""
    first = _issue(desk, clerk, clock, 1)
    real = desk.journal.key_path.read_bytes()
    desk.journal.key_path.write_text(json.dumps({"terminal": "window-1", "key": "ab" * 32}))
    second = _issue(desk, clerk, clock, 1)
    desk.journal.key_path.write_bytes(real)
    report = _reconcile(hall, desk, clerk)
    assert report.merged == 1 and _on_server(hall, first + second) == first
    assert [a["reason"] for a in _audits(hall, "offline_refused")] == ["unknown_key"]
    assert "未在服务器登记" in report.refused[0][1]


def test_a_record_of_another_terminal_is_refused(
    hall: Hall, tmp_path: Path, desk: OfflineDesk, clerk: Actor, clock: FakeClock
) -> None:
    """A record copied from window 2's journal into window 1's, as it was (its MAC verifies
    for window 2 only) and relabelled as window 1's (its key is not window 1's)."""
    other = _desk(hall, tmp_path, login(hall, "1002", 2), "window-2")
    own = _issue(desk, clerk, clock, 1)
    theirs = _issue(other, login(hall, "1002", 2), clock, 2)
    columns = ("key", "kind", "at", "staff_no", "reference", "payload", "terminal", "number", "mac")
    for reference, terminal in ((theirs[0], "window-2"), (theirs[1], "window-1")):
        row = {**_row(other.journal, reference), "terminal": terminal}
        _sql(
            desk.journal,
            f"INSERT INTO record ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            tuple(row[c] for c in columns),
        )
    report = _reconcile(hall, desk, clerk)
    assert report.merged == 1 and _on_server(hall, own + theirs) == own
    assert [a["reason"] for a in _audits(hall, "offline_refused")] == [
        "other_terminal",
        "unknown_key",
    ]
    assert "另一台终端（window-2）" in report.refused[0][1]
    # window 2's own journal still merges its records: nothing of theirs was lost
    theirs_report = hall.fallback.reconcile(other.journal, login(hall, "1002", 2))
    assert theirs_report.merged == 2 and _on_server(hall, theirs) == sorted(theirs)


def test_a_replayed_record_is_never_merged_twice(
    hall: Hall, tmp_path: Path, desk: OfflineDesk, clerk: Actor, clock: FakeClock
) -> None:
    numbers = _issue(desk, clerk, clock, 2)
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(desk.journal.path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)  # a copy taken before the merge, kept for later
    shutil.copy(desk.journal.key_path, copy.with_name("copy.key"))
    assert _reconcile(hall, desk, clerk).merged == 2
    # the same records again: set back to pending in the journal, and the old copy
    _sql(desk.journal, "UPDATE record SET state = 'pending'")
    again = _reconcile(hall, desk, clerk)
    replayed = hall.fallback.reconcile(Journal(copy), clerk)
    for report in (again, replayed):
        assert (report.merged, report.already, report.refused) == (0, 2, [])
    with hall.db.read() as s:
        assert sorted(
            s.scalars(select(m.Ticket.number).where(m.Ticket.number.in_(numbers)))
        ) == sorted(numbers)
    duplicates = _audits(hall, "offline_duplicate")
    assert [a["reference"] for a in duplicates] == numbers + numbers
    assert "已拒绝" in desk.journal.records()[0].detail


def test_missing_records_are_noticed_once_and_the_rest_merges(
    hall: Hall, desk: OfflineDesk, clerk: Actor, clock: FakeClock
) -> None:
    numbers = _issue(desk, clerk, clock, 5)
    _sql(desk.journal, "DELETE FROM record WHERE number IN (2, 3)")
    report = _reconcile(hall, desk, clerk)
    assert report.merged == 3
    assert report.refused == [
        ("", "已拒绝：离线日志缺少第 2 至 3 条记录（可能被删除），缺失部分无法合并，已记入审计")
    ]
    (gap,) = _audits(hall, "offline_refused")
    assert (gap["reason"], gap["first"], gap["last"]) == ("gap", 2, 3)
    assert _on_server(hall, numbers) == sorted([numbers[0], *numbers[3:]])
    # the same gap is not reported again; a new one is
    assert _reconcile(hall, desk, clerk).refused == []
    more = _issue(desk, clerk, clock, 2)
    _sql(desk.journal, "DELETE FROM record WHERE number = 6")
    later = _reconcile(hall, desk, clerk)
    assert later.merged == 1 and [msg for _, msg in later.refused] == [
        journal_mac.gap_message(6, 6)
    ]
    assert _on_server(hall, more) == [more[1]]


def test_the_command_line_reports_a_refusal_and_exits_1(
    sqlite_hall: Hall, sqlite_url: str, clock: FakeClock
) -> None:
    """``fallback reconcile`` as an operator runs it: the refused record named in Chinese,
    the good ones merged, exit status 1."""
    from tests.test_cli_fallback import hall_app

    clerk = login(sqlite_hall, "1005", 5)
    sqlite_hall.fallback.prepare(clerk, sqlite_hall.journal)
    desk = sqlite_hall.desk
    numbers = _issue(desk, clerk, clock, 3)
    _sql(
        desk.journal,
        "UPDATE record SET at = ? WHERE reference = ?",
        ("2026-11-01T08:00:00+00:00", numbers[1]),
    )
    result = hall_app("fallback", "reconcile", "--json", url=sqlite_url, staff="1005")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["merged"] == 2 and data["left"] == 0
    assert [r["reference"] for r in data["refused"]] == [numbers[1]]
    assert data["refused"][0]["message"] == f"已拒绝：记录 {numbers[1]} 校验不符（被伪造或改动过）"
    text = hall_app("fallback", "reconcile", url=sqlite_url, staff="1005")
    assert text.returncode == 0 and "已拒绝" not in text.stdout  # reported once, not again
    status = hall_app("fallback", "status", url=sqlite_url)
    assert "已拒绝 1（见审计日志）" in status.stdout  # the journal keeps the refused record


def test_records_refused_for_a_lost_key_merge_once_the_terminal_registers_it_again(
    hall: Hall, desk: OfflineDesk, clerk: Actor, clock: FakeClock
) -> None:
    """The server's database restored from a backup older than the terminal's key: its
    records are refused (unknown key) until someone signed in prepares the terminal again;
    then they merge, once. Reconcile itself never registers a key."""
    numbers = _issue(desk, clerk, clock, 2)
    with hall.db.write() as s:  # what the restore of the older backup leaves
        s.execute(m.HallSecret.__table__.delete())
    first = _reconcile(hall, desk, clerk)
    assert first.merged == 0 and len(first.refused) == 2
    assert _reconcile(hall, desk, clerk).refused == []  # refused once, not again
    assert _on_server(hall, numbers) == []
    hall.fallback.prepare(replace(clerk, terminal="window-1"), desk.journal)
    assert len(_audits(hall, "journal_key")) == 2  # registered again, audited
    later = _reconcile(hall, desk, clerk)
    assert (later.merged, later.refused) == (2, [])
    assert _on_server(hall, numbers) == sorted(numbers)
    assert desk.journal.counts() == {"merged": 2}
    assert _reconcile(hall, desk, clerk).merged == 0
