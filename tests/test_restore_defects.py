"""The review of the restore work (issue 14): numbers issued after the backup, slips issued
before 08:00 Beijing time, the client programs' messages, a restore cut short, the server's
clock for the audit entry, a restore behind a terminal's lock, dumps of another revision."""

from __future__ import annotations

import contextlib
import datetime as _datetime
import datetime as dt
import json
import types
import uuid
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from hall_app import paths
from hall_app.config import Config
from hall_app.domain.errors import DatabaseError, RestoreIncomplete
from hall_app.services import context as context_module
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall, open_hall, recover_database
from hall_app.store import backup, migrate, number_sources, pg_backup
from hall_app.store.models import AuditEntry, Ticket, TicketCounter
from tests.conftest import login
from tests.test_backup_restore import _db, _issue, _reopen, _run


def _need_pg_programs() -> None:
    for name in ("pg_dump", "pg_restore", "psql"):
        if pg_backup.find_program(name) is None:
            pytest.skip(f"{name} not installed")


# ---------------------------------------------------------------- 1: numbers after the backup


def test_recovery_counts_the_numbers_still_readable_in_the_damaged_file(
    sqlite_url: str, clock: FakeClock
) -> None:
    """The file would not open as a hall (e.g. a failed check), yet its tickets are readable:
    A004–A006, issued after the backup, are not issued again."""
    hall = _reopen(sqlite_url, clock)
    path = _db(hall)
    _issue(hall, 3)
    backup.backup_sqlite(path, migrate.current_revision(hall.db))
    assert _issue(hall, 3) == ["A004", "A005", "A006"]
    hall.close()
    note = recover_database(Config(db_url=sqlite_url, terminal="pytest"), "backup")
    assert note and "已调整计数器" in note and "无需调整" not in note
    hall = _reopen(sqlite_url, clock)
    try:
        assert _issue(hall, 1) == ["A007"]
    finally:
        hall.close()


def test_a_damaged_file_that_cannot_be_read_is_skipped_and_said(
    sqlite_url: str, clock: FakeClock
) -> None:
    hall = _reopen(sqlite_url, clock)
    path = _db(hall)
    _issue(hall, 2)
    backup.backup_sqlite(path, migrate.current_revision(hall.db))
    hall.close()
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    note = recover_database(Config(db_url=sqlite_url, terminal="pytest"), "backup")
    assert note and "原数据库无法读取" in note and "无需调整" not in note
    hall = _reopen(sqlite_url, clock)
    try:
        assert _issue(hall, 1) == ["A003"]
    finally:
        hall.close()


@pytest.mark.postgres
def test_postgresql_restore_keeps_numbers_issued_after_the_backup(
    pg_server, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A002–A004 issued, backed up, A005–A006 issued (no slip archived): after the restore
    the next ticket is A007, never A005 again."""
    _need_pg_programs()
    name = pg_server.create()
    url = pg_server.url_for(name)
    monkeypatch.setenv("HALL_DB_URL", url)
    try:
        hall = open_hall(Config(db_url=url, terminal="pytest"), clock=clock)
        assert _issue(hall, 4)[-1] == "A004"
        code, out, err = _run(capsys, "db", "backup", "--json")
        assert code == 0, err
        dump = Path(json.loads(out)["file"])
        assert _issue(hall, 2) == ["A005", "A006"]
        hall.close()
        code, out, err = _run(capsys, "db", "restore", str(dump), "--json")
        assert code == 0, err
        assert json.loads(out)["counters_lifted"]
        hall = open_hall(Config(db_url=url, terminal="pytest"), clock=clock)
        try:
            with hall.db.read() as s:
                assert len(s.query(Ticket).all()) == 4
            assert _issue(hall, 1) == ["A007"]
        finally:
            hall.close()
    finally:
        pg_server.drop(name)


# ---------------------------------------------------------------- 2: slips before 08:00


def test_a_slip_issued_before_eight_counts_toward_the_halls_day(
    qtbot, sqlite_hall: Hall, clock: FakeClock, runner
) -> None:
    """07:30 Beijing time is 23:30 the day before in UTC: the slip the reception archives
    must count toward today's counter, not yesterday's."""
    from hall_app.ui.reception import ReceptionView
    from hall_app.ui.settings import Settings

    clock.now = dt.datetime(2026, 11, 25, 7, 30, tzinfo=sqlite_hall.ctx.tz).astimezone(dt.UTC)
    today = sqlite_hall.ctx.today()
    assert today == dt.date(2026, 11, 25)
    view = ReceptionView(sqlite_hall, runner, login(sqlite_hall, "2001"), Settings())
    qtbot.addWidget(view)
    issued = sqlite_hall.tickets.issue(login(sqlite_hall, "2001"), category_code="A")
    outcome = view._print(issued, None, False)  # what the reception does after issuing
    assert outcome.printed is not None
    saved = outcome.printed.path
    assert saved.parent.name == "20261125" and "20261125" in saved.name
    found = list(number_sources.in_printed_archive(paths.data_dir() / "printed"))
    assert [(h.key.kind, h.key.day, h.sequence) for h in found] == [("A", today, 1)]


def test_the_archive_folders_day_wins_over_an_older_utc_name() -> None:
    from hall_app.domain import number_floor as nf

    day = dt.date(2026, 11, 25)
    # a slip named by an older version (UTC date, the day before) in today's folder
    (found,) = nf.in_name("ticket-20261124-A003", day)
    assert found.key.day == day and found.sequence == 3
    (found,) = nf.in_name("ticket-2026-11-25-S003", None)  # no folder: the name's date
    assert found.key.day == day


# ---------------------------------------------------------------- 3: the programs' messages


def test_client_program_messages_are_told_in_chinese() -> None:
    cases = {
        'FATAL:  password authentication failed for user "app"': "用户名或密码错误",
        'connection to server at "10.0.0.5", port 5432 failed: Connection refused': "无法连接",
        "pg_dump: error: could not connect to server": "无法连接",
        "ERROR:  permission denied for table ticket": "权限不足",
        'FATAL:  database "hall" does not exist': "不存在",
        "ERROR:  canceling statement due to lock timeout": "请先关闭所有终端",
        "something else entirely": "日志",
    }
    for stderr, cause in cases.items():
        assert cause in pg_backup.reason(stderr)


@pytest.mark.postgres
def test_a_failed_pg_dump_names_the_cause_in_chinese_and_no_english(
    pg_server, tmp_path: Path
) -> None:
    _need_pg_programs()
    url = pg_server.url_for(f"missing_{uuid.uuid4().hex[:8]}")
    with pytest.raises(DatabaseError) as failed:
        pg_backup.backup_postgres(url, tmp_path, "0014")
    message = failed.value.message
    assert "不存在" in message
    assert "FATAL" not in message and "does not exist" not in message and "error" not in message


# ---------------------------------------------------------------- 4: a restore cut short


def test_a_restore_cut_short_says_so_and_db_counters_finishes_it(
    sqlite_url: str,
    clock: FakeClock,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HALL_DB_URL", sqlite_url)
    hall = _reopen(sqlite_url, clock)
    made = backup.backup_sqlite(_db(hall), migrate.current_revision(hall.db))
    assert _issue(hall, 2) == ["A001", "A002"]  # after the backup
    hall.close()

    def fail(*args: object, **kwargs: object) -> None:
        raise DatabaseError("数据库正忙")

    with monkeypatch.context() as mp:
        mp.setattr("hall_app.services.restore.continue_counters", fail)
        code, _, err = _run(capsys, "db", "restore", str(made))
    assert code == 1
    assert "数据已从" in err and "恢复" in err and "hall-app db counters" in err
    assert "数据库正忙" in err
    code, _, err = _run(capsys, "db", "counters", "--json")
    assert code == 0, err
    hall = _reopen(sqlite_url, clock)
    try:
        assert _issue(hall, 1) == ["A003"]  # A001, A002 were read from the file set aside
    finally:
        hall.close()
    assert not (paths.data_dir() / number_sources.PENDING).exists()


def test_a_recovery_cut_short_is_finished_before_the_hall_reopens(
    sqlite_url: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    hall = _reopen(sqlite_url, clock)
    backup.backup_sqlite(_db(hall), migrate.current_revision(hall.db))
    assert _issue(hall, 3)[-1] == "A003"  # after the backup
    hall.close()
    config = Config(db_url=sqlite_url, terminal="pytest")

    def fail(*args: object, **kwargs: object) -> None:
        raise DatabaseError("数据库正忙")

    with monkeypatch.context() as mp:
        mp.setattr("hall_app.services.restore.continue_counters", fail)
        with pytest.raises(RestoreIncomplete) as cut:
            recover_database(config, "backup")
    assert "数据已从" in cut.value.message and "hall-app db counters" in cut.value.message
    hall = _reopen(sqlite_url, clock)  # the login window's "retry"
    try:
        assert _issue(hall, 1) == ["A004"]
    finally:
        hall.close()


# ---------------------------------------------------------------- 5: the server's clock


@pytest.mark.postgres
def test_the_restore_audit_entry_takes_the_servers_time(
    pg_server, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _need_pg_programs()
    name = pg_server.create()
    url = pg_server.url_for(name)
    monkeypatch.setenv("HALL_DB_URL", url)
    try:
        hall = open_hall(Config(db_url=url, terminal="pytest"), clock=clock)
        _issue(hall, 1)
        hall.close()
        dump = pg_backup.backup_postgres(url, paths.data_dir() / "backups", "x")

        class Ahead(_datetime.datetime):  # this PC's clock two hours fast
            @classmethod
            def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # type: ignore[override]
                return _datetime.datetime.now(tz) + dt.timedelta(hours=2)

        fast = types.SimpleNamespace(**{**vars(_datetime), "datetime": Ahead})
        with monkeypatch.context() as mp:
            mp.setattr(context_module, "dt", fast)
            assert context_module.system_clock() - dt.datetime.now(dt.UTC) > dt.timedelta(hours=1)
            code, _, err = _run(capsys, "db", "restore", str(dump))
        assert code == 0, err
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                server_now = conn.execute(text("SELECT now()")).scalar_one()
                at = conn.execute(
                    text("SELECT at FROM audit_log WHERE action = 'db_restore'")
                ).scalar_one()
        finally:
            engine.dispose()
        assert abs(server_now - at) < dt.timedelta(minutes=10)
    finally:
        pg_server.drop(name)


# ---------------------------------------------------------------- 6: behind a terminal's lock


@pytest.mark.postgres
def test_a_postgresql_restore_gives_up_behind_a_terminals_lock(
    pg_server, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _need_pg_programs()
    name = pg_server.create()
    url = pg_server.url_for(name)
    monkeypatch.setenv("HALL_DB_URL", url)
    monkeypatch.setattr(pg_backup, "RESTORE_LOCK_TIMEOUT", "1s", raising=False)
    terminal = create_engine(url)
    try:
        hall = open_hall(Config(db_url=url, terminal="pytest"), clock=clock)
        _issue(hall, 2)
        hall.close()
        dump = pg_backup.backup_postgres(url, paths.data_dir() / "backups", "x")
        with terminal.connect() as conn:
            # a terminal stopped inside a transaction; released after 30 s at the latest, so
            # a restore without a lock timeout ends (and this test fails) instead of hanging
            conn.execute(text("SET idle_in_transaction_session_timeout = '30s'"))
            conn.execute(text("SELECT count(*) FROM ticket")).scalar_one()
            code, _, err = _run(capsys, "db", "restore", str(dump))
            with contextlib.suppress(DBAPIError):  # ended by its idle timeout (old code)
                conn.rollback()
        assert code == 1
        assert "请先关闭所有终端" in err and "lock" not in err
    finally:
        terminal.dispose()
        pg_server.drop(name)


# ---------------------------------------------------------------- 7: a dump of an older schema


@pytest.mark.postgres
def test_a_dump_of_an_older_revision_is_refused_unless_forced(
    pg_server, clock: FakeClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _need_pg_programs()
    name, old = pg_server.create(), f"old_{uuid.uuid4().hex[:8]}"
    url, old_url = pg_server.url_for(name), pg_server.url_for(old)
    pg_server.exec(f'CREATE DATABASE "{old}"')
    monkeypatch.setenv("HALL_DB_URL", url)
    try:
        from hall_app.store.db import Database

        older = Database(old_url)
        cfg = migrate.alembic_config(older.url)
        previous = ScriptDirectory.from_config(cfg).get_revision(migrate.head_revision())
        assert isinstance(previous.down_revision, str)
        with older.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, previous.down_revision)
        older.dispose()
        dump = pg_backup.backup_postgres(old_url, paths.data_dir() / "backups", "old")
        hall = open_hall(Config(db_url=url, terminal="pytest"), clock=clock)
        _issue(hall, 2)
        hall.close()
        code, _, err = _run(capsys, "db", "restore", str(dump))
        assert code == 1 and "--force" in err and "未做任何更改" in err
        assert pg_backup.dump_revision(dump) == previous.down_revision
        code, out, err = _run(capsys, "db", "restore", str(dump), "--force", "--json")
        assert code == 0, err
        assert json.loads(out)["revision"] == migrate.head_revision()
        hall = open_hall(Config(db_url=url, terminal="pytest"), clock=clock)
        try:
            with hall.db.read() as s:
                assert s.query(AuditEntry).filter_by(action="db_restore").count() == 1
                # A001, A002 of the replaced database still count
                assert s.query(TicketCounter).filter_by(prefix="A").one().value == 2
        finally:
            hall.close()
    finally:
        pg_server.drop(name)
        pg_server.drop(old)
