"""The hall soak, small: terminal processes on a PostgreSQL with fsync=on, one terminal frozen
(SIGSTOP) just before a COMMIT, the server crashed (SIGKILL) and restarted in the middle.
Nothing acknowledged is lost, no number or call is doubled, and every operation outside the
restart succeeds. No latency assertions: the figures belong to ``benchmarks/hall_soak.py``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def test_six_terminals_through_a_freeze_and_a_server_crash(pg_server: object) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.hall_soak import run_soak
    from benchmarks.soak_figures import report

    r = run_soak(terminals=6, minutes=0.75, freeze=8, restart=True, log=lambda _text: None)
    report(r)  # shown when an assertion fails
    assert r["fsync"] == "on"
    assert r["missing_results"] == 0 and r["exit_codes"] == [0]
    assert r["lost"] == 0
    assert r["duplicate_numbers"] == 0
    assert r["double_calls"] == 0 and r["windows_holding_two"] == 0
    assert r["issued"] >= 3 and r["called"] >= 1  # work was done before and after
    assert r["tickets_in_db"] >= r["issued"]
    assert r["failed_outside_restart"] == 0, r["errors_outside_restart"]
    assert r["restart_seconds"] is not None
    for group in ("board", "supervisor", "terminals"):  # everyone kept seeing changes
        assert r["seen"].get(group, {}).get("n", 0) > 0, group
        assert r["unseen"].get(group, 0) == 0, group
