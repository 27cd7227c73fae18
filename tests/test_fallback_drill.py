"""Drills as tests: real processes, a real PostgreSQL (fsync=on) that crashes or is stopped
the hard way, a terminal killed while it writes its journal."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hall_app.store.journal import Journal

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.postgres
@pytest.mark.parametrize("outage", ["kill", "halt"])
def test_three_terminals_lose_the_server_work_offline_and_nothing_is_lost(
    pg_server: object, outage: str
) -> None:
    """``kill`` is a crash of the server (SIGKILL, crash recovery at restart) on fsync=on:
    every acknowledged record is still there afterwards."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.drill import run_drill

    r = run_drill(terminals=3, online_ops=4, offline_ops=10, outage=outage)
    assert r["fsync"] == "on" and r["outage"] == outage
    assert r["exit_codes"] == [0, 0, 0, 0]  # three terminals and an idle one
    assert (
        len(r["detect_seconds"]) == 3 and r["idle_detect_seconds"] is not None
    )  # all went offline …
    assert r["pending_left"] == [0, 0, 0]  # … and merged everything when the server was back
    assert r["records_lost"] == 0
    assert r["duplicate_numbers"] == 0
    assert r["conflicts"] == []
    assert r["offline_tickets_in_db"] == r["offline_reported"]["ticket"]
    assert r["reported"]["ticket"] >= 3 * 4 and r["offline_reported"]["ticket"] >= 3


_WRITER = textwrap.dedent("""
    import datetime as dt, sys
    from pathlib import Path
    from hall_app.store.journal import Journal
    j = Journal(Path(sys.argv[1]))
    day = dt.date(2026, 11, 25)
    with j.transaction() as conn:
        j.add_block(conn, "S", day, 1, 100000, None)
    while True:
        with j.transaction() as conn:
            n = j.take(conn, "S", day)
            j.append(conn, "ticket_issue", dt.datetime.now(dt.UTC), "1001",
                     {"number": n, "pad": "x" * 500}, reference=f"S{n:03d}")
        print(n, flush=True)
""")


def test_a_terminal_killed_while_writing_keeps_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert proc.stdout is not None
    acknowledged = [int(proc.stdout.readline()) for _ in range(300)]
    os.kill(proc.pid, signal.SIGKILL)  # mid-write: it was appending as fast as it could
    proc.wait()

    journal = Journal(path)  # opens (quick_check included) without repair
    records = journal.records()
    numbers = [r.payload["number"] for r in records]
    assert set(acknowledged) <= set(numbers)  # every acknowledged record is there
    assert len(numbers) == len(set(numbers)) == numbers[-1]  # no gap, no repeat, no torn record
    with journal.transaction() as conn:  # and work goes on after the last number used
        assert journal.take(conn, "S", dt.date(2026, 11, 25)) == numbers[-1] + 1
    journal.close()


def test_a_corrupt_journal_gets_a_clear_message(tmp_path: Path) -> None:
    from hall_app.domain.errors import DatabaseCorrupt

    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseCorrupt, match=r"离线日志.*已损坏"):
        Journal(path)
