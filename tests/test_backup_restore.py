"""Numbers that survive (issue 14): synchronous=FULL, backups through SQLite's online backup
API, ``hall-app db backup`` / ``db restore``, and counters that continue above every number
already handed out after any restore."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest

from hall_app import cli, paths
from hall_app.config import Config
from hall_app.domain import number_floor as nf
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall, open_hall, recover_database
from hall_app.store import backup, migrate, pg_backup, recovery
from hall_app.store.db import Database
from hall_app.store.journal import Journal
from hall_app.store.models import AuditEntry, DocumentCounter, Ticket, TicketCounter
from tests.conftest import START, login

DAY = START.date()


def _issue(hall: Hall, count: int, category: str = "A") -> list[str]:
    actor = login(hall, "2001")
    return [hall.tickets.issue(actor, category_code=category).ticket.number for _ in range(count)]


def _db(hall: Hall) -> Path:
    path = recovery.sqlite_file(hall.db.url)
    assert path is not None
    return path


def _reopen(url: str, clock: FakeClock) -> Hall:
    return open_hall(Config(db_url=url, terminal="pytest"), upgrade=True, clock=clock)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as mp:  # no handler left on capsys's stream
        mp.setattr("hall_app.logs.setup_logging", lambda *a, **k: None)
        code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- defect 4 (SQLite): power cut


def test_the_main_sqlite_database_runs_with_synchronous_full(sqlite_hall: Hall) -> None:
    with sqlite_hall.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


# ---------------------------------------------------------------- defect 2: stale backup


def test_the_pre_upgrade_backup_holds_the_commits_still_in_the_wal(
    sqlite_url: str, clock: FakeClock
) -> None:
    """A001 checkpointed into the main file, A002–A005 only in the WAL (the hall still open, as
    before a crash); the pre-upgrade backup is then taken, the file is lost, the newest backup
    restored: the next ticket is A006, never A002 again."""
    hall = _reopen(sqlite_url, clock)
    path = _db(hall)
    assert _issue(hall, 1) == ["A001"]
    with hall.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _issue(hall, 4) == ["A002", "A003", "A004", "A005"]
    assert path.with_name(path.name + "-wal").stat().st_size > 0  # the commits are in the WAL
    migrate._backup_sqlite(hall.db, "0014")  # what upgrade() does before changing the schema
    hall.close()
    # the crash: the database file is damaged, its WAL gone
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    path.with_name(path.name + "-wal").unlink(missing_ok=True)
    note = recover_database(Config(db_url=sqlite_url, terminal="pytest"), "backup")
    assert note and "已从备份" in note
    hall = _reopen(sqlite_url, clock)
    try:
        assert _issue(hall, 1) == ["A006"]
    finally:
        hall.close()


def test_a_backup_is_one_self_contained_file_named_apart_from_any_side_file(
    sqlite_hall: Hall, clock: FakeClock
) -> None:
    _issue(sqlite_hall, 3)
    path = _db(sqlite_hall)
    made = backup.backup_sqlite(path, "0014", now=dt.datetime(2026, 11, 25, 9, 30))
    again = backup.backup_sqlite(path, "0014", now=dt.datetime(2026, 11, 25, 9, 30))
    assert made.parent == path.parent / "backups"
    assert made.name == "hall-20261125-093000-0014.sqlite3backup"
    assert again.name == "hall-20261125-093000-2-0014.sqlite3backup" and again != made
    assert sorted(p.name for p in made.parent.iterdir()) == sorted([made.name, again.name])
    conn = sqlite3.connect(made)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM ticket").fetchone()[0] == 3
    finally:
        conn.close()


# ---------------------------------------------------------------- defect 3: the recovery glob


def test_the_newest_backup_is_never_a_wal_shm_or_journal_file(sqlite_hall: Hall) -> None:
    path = _db(sqlite_hall)
    legacy = path.with_name("hall.sqlite3.bak-0013")
    legacy.write_bytes(path.read_bytes())
    made = backup.backup_sqlite(path, "0014")
    old = dt.datetime(2026, 1, 1).timestamp()
    os.utime(legacy, (old, old))
    os.utime(made, (old + 60, old + 60))
    # side files SQLite leaves next to a backup opened in WAL or rollback mode, newer than both
    for side in (
        legacy.with_name(legacy.name + "-wal"),
        legacy.with_name(legacy.name + "-shm"),
        made.with_name(made.name + "-journal"),
        made.with_name(made.name + "-wal"),
        made.with_name(made.name + ".partial"),
    ):
        side.write_bytes(b"\x00" * 32768)
    found = recovery.backups(path)
    assert found == [made, legacy]
    assert recovery.newest_sound_backup(path) == made


def test_a_damaged_newest_backup_is_passed_over_for_the_next_sound_one(sqlite_hall: Hall) -> None:
    path = _db(sqlite_hall)
    sound = backup.backup_sqlite(path, "0014", now=dt.datetime(2026, 11, 24, 18, 0))
    broken = sound.with_name("hall-20261125-080000-0014.sqlite3backup")
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    os.utime(sound, (1, 1))
    assert recovery.backups(path)[0] == broken
    assert recovery.newest_sound_backup(path) == sound


# ---------------------------------------------------------------- the commands (SQLite)


def test_db_backup_and_restore_round_trip(
    sqlite_url: str,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HALL_DB_URL", sqlite_url)
    hall = _reopen(sqlite_url, clock)
    path = _db(hall)
    _issue(hall, 5)
    code, out, _ = _run(capsys, "db", "backup", "--json")  # the hall still open: WAL in use
    assert code == 0
    made = Path(json.loads(out)["file"])
    assert made.parent == path.parent / "backups" and made.suffix == ".sqlite3backup"
    assert _issue(hall, 2) == ["A006", "A007"]  # after the backup: gone with the restore
    hall.close()
    code, out, err = _run(capsys, "db", "restore", str(made), "--json")
    assert code == 0, err
    result = json.loads(out)
    kept = Path(result["previous_kept_as"])
    assert kept.exists() and kept.name.startswith("hall.sqlite3.before-restore-")
    hall = _reopen(sqlite_url, clock)
    try:
        with hall.db.read() as s:
            assert {t.number for t in s.query(Ticket)} == {f"A00{n}" for n in range(1, 6)}
            assert s.query(TicketCounter).filter_by(prefix="A").one().value == 7
        # A006 and A007 went with the set-aside file, but were handed out: read from it, the
        # counter continues above them
        assert _issue(hall, 1) == ["A008"]
        with hall.db.read() as s:
            entry = s.query(AuditEntry).filter_by(action="db_restore").one()
            assert made.name in entry.detail
    finally:
        hall.close()


def test_restore_refuses_a_damaged_file_and_changes_nothing(
    sqlite_hall: Hall,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HALL_DB_URL", sqlite_hall.db.url)
    path = _db(sqlite_hall)
    _issue(sqlite_hall, 2)
    good = backup.backup_sqlite(path, "0014")
    damaged = tmp_path / "damaged.sqlite3backup"
    data = bytearray(good.read_bytes())
    data[4096 * 3 : 4096 * 3 + 200] = b"\xa5" * 200  # a page in the middle overwritten
    damaged.write_bytes(bytes(data))
    for bad in (damaged, tmp_path / "missing.sqlite3backup"):
        code, _, err = _run(capsys, "db", "restore", str(bad))
        assert code == 1
        assert "未做任何更改" in err or "不存在" in err
    not_hall = tmp_path / "other.sqlite3"
    sqlite3.connect(not_hall).execute("CREATE TABLE x (a)").connection.commit()
    code, _, err = _run(capsys, "db", "restore", str(not_hall))
    assert code == 1 and "不是本系统的数据库备份" in err
    # a sound backup, but the hall is still open in this process: refused, nothing moved
    code, _, err = _run(capsys, "db", "restore", str(good))
    assert code == 1 and "正被其他程序使用" in err
    assert not list(path.parent.glob("*.before-restore-*"))
    assert _issue(sqlite_hall, 1) == ["A003"]


# ---------------------------------------------------------------- numbers outside the database


def test_after_a_restore_counters_continue_above_the_journals_and_the_printed_archive(
    sqlite_url: str, clock: FakeClock
) -> None:
    hall = _reopen(sqlite_url, clock)
    path = _db(hall)
    assert _issue(hall, 3)[-1] == "A003"
    made = backup.backup_sqlite(path, migrate.current_revision(hall.db))
    hall.close()
    # after the backup: A004–A007 printed (archived slips), an offline terminal used S001–S020
    # of its block and wrote notice 0004; then the file is damaged
    printed = paths.data_dir() / "printed" / f"{DAY:%Y%m%d}"
    printed.mkdir(parents=True)
    for number in ("A004", "A005", "A007"):
        (printed / f"ticket-{number}.pdf").write_bytes(b"%PDF-1.4\n")
    (printed / "notice-BZ-500229-20261125-0009-补打.pdf").write_bytes(b"%PDF-1.4\n")
    journal = Journal(paths.journal_path("窗口07-PC"))
    with journal.transaction() as conn:
        journal.add_block(conn, "S", DAY, 1, 20, None)
        journal.add_block(conn, "SL", DAY, 3, 6, None)
        journal.append(conn, "notice", START, "1007", {}, reference="BZ-500229-20261125-0011")
    journal.close()
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    os.utime(made, None)
    note = recover_database(Config(db_url=sqlite_url, terminal="pytest"), "backup")
    assert note and "已调整计数器" in note
    hall = _reopen(sqlite_url, clock)
    try:
        assert _issue(hall, 1) == ["A008"]
        with hall.db.read() as s:
            tickets = {
                c.prefix: c.value for c in s.query(TicketCounter).filter_by(service_date=DAY)
            }
            docs = {c.kind: c.value for c in s.query(DocumentCounter).filter_by(service_date=DAY)}
        assert tickets["S"] == 20 and docs["BZ"] == 11 and docs["SL"] == 6
    finally:
        hall.close()


def test_db_counters_after_a_restore_by_hand(
    sqlite_hall: Hall, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HALL_DB_URL", sqlite_hall.db.url)
    assert _issue(sqlite_hall, 1) == ["A001"]
    printed = paths.data_dir() / "printed" / f"{DAY:%Y%m%d}"
    printed.mkdir(parents=True)
    (printed / "ticket-A009.pdf").write_bytes(b"%PDF-1.4\n")
    code, out, err = _run(capsys, "db", "counters", "--json")
    assert code == 0, err
    assert json.loads(out)["counters_lifted"] == {f"ticket:A:{DAY.isoformat()}": 9}
    assert _issue(sqlite_hall, 1) == ["A010"]
    code, out, _ = _run(capsys, "db", "counters", "--json")  # twice: nothing more to move
    assert json.loads(out)["counters_lifted"] == {}


def test_the_floor_rule_reads_every_kind_of_number() -> None:
    day = dt.date(2026, 11, 25)
    found = [
        nf.ticket(day, "A012"),
        nf.ticket(day, "a003"),
        nf.ticket(day, "X"),
        *nf.serials("BZ-500229-20261125-0007"),
        *nf.serials("YJ-20261125-03"),
        nf.block("S", day, 40),
        nf.block("SW", day, 9),
        *nf.in_name("ticket-2026-11-25-S041", None),
        *nf.in_name("ticket-A013-2", day),
        *nf.in_name("receipt-SL-500229-20261125-0002", day),
        *nf.in_name("kit-YJ-20261125-04", day),
    ]
    floors = nf.floors(h for h in found if h is not None)
    t = lambda kind: nf.CounterKey(nf.TICKET_COUNTER, kind, day)  # noqa: E731
    d = lambda kind: nf.CounterKey(nf.DOCUMENT_COUNTER, kind, day)  # noqa: E731
    assert floors == {t("A"): 13, t("S"): 41, d("BZ"): 7, d("YJ"): 4, d("SW"): 9, d("SL"): 2}
    # never moved down (A at 20) nor when already there (S at 41)
    assert nf.lifts({t("A"): 20, t("S"): 41, d("BZ"): 3}, floors) == {
        d("BZ"): 7,
        d("SL"): 2,
        d("SW"): 9,
        d("YJ"): 4,
    }


# ---------------------------------------------------------------- PostgreSQL


@pytest.mark.postgres
def test_postgresql_backup_and_restore_round_trip(
    pg_server, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if pg_backup.find_program("pg_dump") is None or pg_backup.find_program("pg_restore") is None:
        pytest.skip("pg_dump / pg_restore not installed")
    name = pg_server.create()
    url = pg_server.url_for(name)
    monkeypatch.setenv("HALL_DB_URL", url)
    try:
        hall = open_hall(Config(db_url=url, terminal="pytest"), clock=clock)
        assert _issue(hall, 3) == ["A001", "A002", "A003"]
        code, out, err = _run(capsys, "db", "backup", "--json")
        assert code == 0, err
        dump = Path(json.loads(out)["file"])
        assert dump.parent == paths.data_dir() / "backups" and dump.suffix == ".pgdump"
        # after the backup: A004 and A005 issued, A005's slip printed (archived)
        assert _issue(hall, 2) == ["A004", "A005"]
        printed = paths.data_dir() / "printed" / f"{DAY:%Y%m%d}"
        printed.mkdir(parents=True)
        (printed / "ticket-A005.pdf").write_bytes(b"%PDF-1.4\n")
        hall.close()
        code, out, err = _run(capsys, "db", "restore", str(dump), "--json")
        assert code == 0, err
        kept = Path(json.loads(out)["previous_kept_as"])
        assert kept.exists() and kept.suffix == ".pgdump"  # the current data, dumped first
        hall = open_hall(Config(db_url=url, terminal="pytest"), clock=clock)
        try:
            with hall.db.read() as s:
                assert {t.number for t in s.query(Ticket)} == {"A001", "A002", "A003"}
            assert _issue(hall, 1) == ["A006"]
        finally:
            hall.close()
        damaged = dump.with_name("damaged.pgdump")
        damaged.write_bytes(dump.read_bytes()[:200])
        code, _, err = _run(capsys, "db", "restore", str(damaged))
        assert code == 1 and "未做任何更改" in err
    finally:
        pg_server.drop(name)


def test_postgresql_programs_are_found_outside_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    found = pg_backup.find_program("pg_dump")
    if not list(Path("/usr/lib/postgresql").glob("*/bin/pg_dump")):
        assert found is None
        return
    assert found is not None and found.name == "pg_dump"


def test_database_helper_still_opens_restored_file(sqlite_hall: Hall, tmp_path: Path) -> None:
    path = _db(sqlite_hall)
    made = backup.backup_sqlite(path, "0014")
    target = tmp_path / "copy" / "hall.sqlite3"
    target.parent.mkdir()
    assert backup.restore_sqlite(target, made) is None  # nothing there to set aside
    db = Database(f"sqlite:///{target}")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        db.dispose()
