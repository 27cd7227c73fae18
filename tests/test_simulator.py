"""The day simulator: deterministic for a seed, and the tidal policy helps a lopsided day."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hall_app import paths
from hall_app.domain.errors import InvalidInput
from hall_app.services.simulator import simulate

pytestmark = pytest.mark.slow


def _small_profile(tmp_path: Path) -> Path:
    """The Monday profile's first hour and a half: the 社保 surge without the rest."""
    source = paths.resources_dir() / "arrivals" / "monday_peak.csv"
    rows = list(csv.reader(source.open(encoding="utf-8")))
    kept = [rows[0]] + [r for r in rows[1:] if r[0] < "10:00:00"]
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


def test_a_bad_arrivals_file_is_refused_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("time,item_code,source,priority\n25:00:00,X,walk-in,normal\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="第 2 行"):
        simulate(path, "static", seed=1)
    with pytest.raises(InvalidInput, match="策略"):
        simulate(path, "greedy", seed=1)
