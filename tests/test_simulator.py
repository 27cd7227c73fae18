"""The day simulator: deterministic for a seed, the tidal policy helps a lopsided day, and the
fast in-memory floor calls exactly whom the real services call."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hall_app import paths
from hall_app.domain.errors import InvalidInput
from hall_app.services.simulator import run_day, simulate


def _small_profile(tmp_path: Path, until: str = "10:00:00") -> Path:
    """The Monday profile's first hour and a half: the 社保 surge without the rest."""
    source = paths.resources_dir() / "arrivals" / "monday_peak.csv"
    rows = list(csv.reader(source.open(encoding="utf-8")))
    kept = [rows[0]] + [r for r in rows[1:] if r[0] < until]
    path = tmp_path / "morning.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(kept)
    return path


def test_the_simulator_is_deterministic_and_tidal_beats_static(tmp_path: Path) -> None:
    profile = _small_profile(tmp_path)
    first = simulate(profile, "tidal", seed=5)
    again = simulate(profile, "tidal", seed=5)
    assert first == again
    static = simulate(profile, "static", seed=5)
    assert static["switches"] == 0 and first["switches"] > 0
    assert first["overall"]["p95"] < static["overall"]["p95"]
    assert first["arrivals"] == static["arrivals"] == first["overall"]["n"]
    assert static["staff_hours"] == pytest.approx(32 * 7, abs=2)  # every window, both periods


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["static", "tidal", "tidal-staffing"])
def test_the_fast_floor_gives_every_ticket_the_wait_the_services_give(
    tmp_path: Path, policy: str
) -> None:
    profile = _small_profile(tmp_path, "09:30:00")
    fast, _ = run_day(profile, policy, seed=3)
    real, _ = run_day(profile, policy, seed=3, through_services=True)
    assert len(fast.visits) > 60
    assert fast.waits() == real.waits()
    assert fast.actions == real.actions
    assert any(v.no_show for v in fast.visits)  # a 过号 on the way, in both
    assert any(w > 5 for w in fast.waits().values())  # and a queue, not an empty hall
    if policy == "tidal-staffing":  # people closed and called: logins and logouts as well
        kinds = {type(action).__name__ for _at, action in fast.actions}
        assert {"Close", "CallIn"} <= kinds, kinds
        assert fast.staff_seconds == real.staff_seconds


def test_a_bad_arrivals_file_is_refused_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("time,item_code,source,priority\n25:00:00,X,walk-in,normal\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="第 2 行"):
        simulate(path, "static", seed=1)
    path.write_text(
        "time,item_code,source,priority\n09:00:00,NOPE,walk-in,normal\n", encoding="utf-8"
    )
    with pytest.raises(InvalidInput, match="NOPE"):
        simulate(path, "static", seed=1)
    with pytest.raises(InvalidInput, match="策略"):
        simulate(path, "greedy", seed=1)
