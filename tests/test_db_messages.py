"""Database failures reach the user in Chinese, named for what they are (issue 14, defect 6):
a full disk at start-up is a full disk, not "check the network"; a read-only disk or server is
read-only; a driver's English text goes to the log only; ``hall-app … | head`` ends quietly.

The full and read-only disks are real: a small tmpfs mounted for the test (root only; the
test is skipped where mounting is not allowed)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from hall_app.config import Config
from hall_app.domain.errors import DatabaseError, DatabaseUnavailable, DiskFull, DiskReadOnly
from hall_app.services.hall import Hall, open_hall
from hall_app.store import migrate
from hall_app.store.db import Database
from tests.conftest import login

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """An 8 MB file system of its own (tmpfs), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a small file system needs root")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> None:
    # unbuffered: a buffered file keeps what did not fit and fails again when it closes
    with open(disk / "filler", "wb", buffering=0) as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
        except OSError:
            pass


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hall_app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _prepared(disk: Path) -> str:
    url = f"sqlite:///{disk / 'hall.sqlite3'}"
    db = Database(url)
    migrate.upgrade(db)
    db.dispose()
    return url


def test_a_full_disk_at_start_up_is_named_as_such(small_disk: Path) -> None:
    url = _prepared(small_disk)
    _fill(small_disk)
    with pytest.raises(DiskFull) as raised:
        open_hall(Config(db_url=url, terminal="t"), upgrade=False).close()
    assert "磁盘已满" in raised.value.message and "网络" not in raised.value.message
    # and the same at the command line, with nothing English on the console
    done = _run(["demo", "seed"], {**os.environ, "HALL_DB_URL": url})
    assert done.returncode == 1
    assert "磁盘已满" in done.stderr and "网络" not in done.stderr
    assert "Traceback" not in done.stderr and "disk I/O" not in done.stderr


def test_a_read_only_disk_is_named_as_such(small_disk: Path) -> None:
    url = _prepared(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(DiskReadOnly) as raised:
        open_hall(Config(db_url=url, terminal="t"), upgrade=False).close()
    assert "只读" in raised.value.message


def test_a_data_folder_that_cannot_be_made_is_a_message_not_a_traceback(
    small_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    env = {**os.environ, "HALL_DATA_DIR": str(small_disk / "data")}
    env.pop("HALL_DB_URL", None)
    done = _run(["queue", "status"], env)
    assert done.returncode == 1
    assert "无法建立数据文件夹" in done.stderr and "磁盘为只读" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_driver_error_shows_chinese_and_logs_the_driver_text(
    hall: Hall, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="hall_app.store")
    with pytest.raises(DatabaseError) as raised, hall.db.write() as s:
        s.execute(text("SELECT * FROM no_such_table"))
    message = raised.value.message
    assert "no_such_table" not in message and "relation" not in message
    assert "详情已记入日志" in message
    assert "no_such_table" in caplog.text  # the administrator still finds the cause


@pytest.mark.postgres
def test_a_read_only_server_is_named_as_such(hall: Hall) -> None:
    if hall.db.is_sqlite:
        pytest.skip("the server part")
    reception = login(hall, "2001")
    name = hall.db.engine.url.database
    with hall.db.engine.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
        conn.commit()
    hall.db.engine.dispose()  # new sessions pick the setting up
    with pytest.raises(DiskReadOnly) as raised:
        hall.tickets.issue(reception, category_code="A")
    assert "只读" in raised.value.message and "read-only" not in raised.value.message


def test_a_closed_pipe_ends_a_command_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "HALL_DB_URL": f"sqlite:///{tmp_path / 'hall.sqlite3'}"}
    assert _run(["demo", "seed"], env).returncode == 0
    read, write = os.pipe()
    os.close(read)  # nobody will read: the first write fails with EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "hall_app", "queue", "status", "--json"],
            cwd=ROOT,
            env=env,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write)
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert done.returncode == 0


def test_an_unreachable_server_is_still_a_network_problem() -> None:
    db = Database("postgresql+psycopg://app@127.0.0.1:9/none")
    with pytest.raises(DatabaseUnavailable) as raised, db.read() as s:
        s.execute(text("SELECT 1"))
    db.dispose()
    assert "网络" in raised.value.message


def test_a_banner_says_the_title_once() -> None:
    from hall_app.domain.errors import DatabaseBlocked

    blocked = DatabaseBlocked("数据库写入受阻：所需数据被另一台终端占用")
    assert blocked.headline() == "数据库写入受阻：所需数据被另一台终端占用"
    assert DiskFull("请清理磁盘").headline() == "磁盘已满：请清理磁盘"
