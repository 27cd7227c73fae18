"""The offline drill, reduced (issue 15): the server is killed, reception and two windows
start cold (离线登录 from each PC's cache), reception's S-tickets and the citizens who were
waiting before the outage are served at the windows, and the journals are merged in a
shuffled order. The drill starts its own PostgreSQL (fsync=on) like the fallback drill."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.parametrize("seed", [1, 2])
def test_cold_started_terminals_serve_receptions_tickets_and_merge_once(
    pg_server: object, seed: int
) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.offline_drill import run_drill

    r = run_drill(tickets=6, waiting=3, windows=2, seed=seed)
    assert r["tickets"] == 9 and r["served"] == 9  # every citizen served while offline
    assert r["served_twice"] == 0
    assert r["lost"] == 0 and r["duplicates"] == 0  # each ticket exists once on the server
    assert r["not_finished"] == [] and r["finished_twice"] == []  # … and was finished once
    assert r["conflicts"] == []
    assert r["offline_logins_audited"] == 3  # each cold login, once
    assert r["already"] == 0 and r["merged"] > 0
