"""Make the day profiles the simulator ships with (resources/arrivals/*.csv), seeded.

    .venv/bin/python scripts/make_arrival_profiles.py [--out FOLDER]

monday_peak.csv: a Monday morning, 社保医保 (C) surging from 9:00 to 10:30, others ordinary.
midweek_quiet.csv: a Wednesday with every lane at about 40% of its windows' capacity.
preholiday_surge.csv: the working day before 国庆 or 春节 (see PREHOLIDAY).
Rates are arrivals per hour per category for each half hour from 08:30 to 12:00 and 13:30 to
17:00; the arrivals are drawn by hall_app.domain.arrivals.generate. Format:
time,item_code,source,priority (see docs/simulator.md).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hall_app.domain.arrivals import Rates, generate  # noqa: E402

CATALOG = yaml.safe_load((ROOT / "resources/catalog/demo_hall.yaml").read_text(encoding="utf-8"))
ITEMS: dict[str, list[str]] = {}
for item in CATALOG["items"]:
    ITEMS.setdefault(item["category"], []).append(str(item["code"]))

OPEN = 8 * 60 + 30  # the first half hour; the lunch break 12:00-13:30 has no arrivals
LUNCH_SLOTS = 3

MONDAY = {  # per hour, for the 14 half hours
    "C": [20, 55, 60, 55, 30, 25, 20, 18, 16, 16, 14, 12, 10, 8],
    "A": [12, 14, 14, 12, 10, 10, 8, 8, 8, 8, 6, 6, 6, 4],
    "B": [6, 8, 8, 8, 6, 6, 4, 6, 6, 6, 4, 4, 4, 2],
    "D": [14, 16, 16, 14, 12, 10, 8, 10, 10, 10, 8, 8, 6, 4],
    "E": [8, 10, 10, 10, 8, 6, 6, 8, 8, 6, 6, 6, 4, 4],
    "F": [3, 4, 4, 4, 3, 3, 2, 3, 3, 3, 2, 2, 2, 1],
    "G": [4, 5, 5, 4, 4, 3, 3, 4, 4, 3, 3, 2, 2, 2],
    "H": [3, 4, 4, 4, 3, 3, 2, 3, 3, 3, 2, 2, 2, 1],
}
QUIET = {code: [max(1, round(r * 0.45)) for r in rates] for code, rates in MONDAY.items()}
QUIET["C"] = [10] * 14

# The working day before 国庆 or 春节, decided once from what such a day looks like and not
# tuned to any policy. Halls see about 1.7 times an ordinary Monday (491 here), about 840
# arrivals. The surge is 公安户政/出入境 (D): passports, 港澳台 permits and endorsements for
# the trip, ID cards renewed before travelling home; its 4 windows serve 24 an hour (10 min),
# and it gets 2.5 times that at the opening, 3 times from 9:00 to 10:30, 2 to 2.5 times
# until noon, then 1.75 times falling to 0.75 times by the last half hour. The other lanes
# are 1.5 times an ordinary Monday (people finishing errands before the break), each at or
# below its own windows' capacity: 综合受理 A 21/h at most of 25, 不动产 B 12 of 12, 税务 E 15
# of 20, 企业开办 F 6 of 10, 公积金 G 7.5 of 15, 民政 H 6 of 8. 社保医保 (C) has no Monday
# surge on that day but is busy, 26-30/h in the morning against its 30/h. The two small lanes
# the first catalog had not (涉企经营许可 K, 1 window of 3/h; 工程建设 P, 4.8/h) get 2/h.
# Expected 834.5 arrivals. Seed 23 is the first from 3 whose day has 830-850 (848); it was
# picked on that count alone, no policy was run to choose it.
PREHOLIDAY = {
    "A": [18, 21, 21, 18, 15, 15, 12, 12, 12, 12, 9, 9, 9, 6],
    "B": [9, 12, 12, 12, 9, 9, 6, 9, 9, 9, 6, 6, 6, 3],
    "C": [26, 30, 30, 28, 26, 24, 20, 22, 22, 20, 18, 16, 14, 12],
    "D": [60, 72, 72, 72, 60, 48, 48, 42, 42, 36, 36, 30, 24, 18],
    "E": [12, 15, 15, 15, 12, 9, 9, 12, 12, 9, 9, 9, 6, 6],
    "F": [4.5, 6, 6, 6, 4.5, 4.5, 3, 4.5, 4.5, 4.5, 3, 3, 3, 1.5],
    "G": [6, 7.5, 7.5, 6, 6, 4.5, 4.5, 6, 6, 4.5, 4.5, 3, 3, 3],
    "H": [4.5, 6, 6, 6, 4.5, 4.5, 3, 4.5, 4.5, 4.5, 3, 3, 3, 1.5],
    "K": [2] * 14,
    "P": [2] * 14,
}

PROFILES = (
    ("monday_peak", MONDAY, 1),
    ("midweek_quiet", QUIET, 2),
    ("preholiday_surge", PREHOLIDAY, 23),
)


def day_rates(half_hours: dict[str, list[float]]) -> Rates:
    """The 14 half hours' rates as a day from 08:30, the lunch break's slots empty."""
    return Rates(
        OPEN,
        30,
        {
            code: (*rates[:7], *[0.0] * LUNCH_SLOTS, *rates[7:])
            for code, rates in half_hours.items()
        },
    )


def profile(half_hours: dict[str, list[float]], seed: int) -> list[tuple[str, str, str, str]]:
    return sorted(a.row() for a in generate(day_rates(half_hours), seed, ITEMS))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources/arrivals")
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for name, rates, seed in PROFILES:
        rows = profile(rates, seed)
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["time", "item_code", "source", "priority"])
            writer.writerows(rows)
        print(f"{name}: {len(rows)} arrivals")


if __name__ == "__main__":
    main()
