"""Make the day profiles the simulator ships with (resources/arrivals/*.csv), seeded.

    .venv/bin/python scripts/make_arrival_profiles.py

monday_peak.csv: a Monday morning, 社保医保 (C) surging from 9:00 to 10:30, others ordinary.
midweek_quiet.csv: a Wednesday with every lane at about 40% of its windows' capacity.
Rates are arrivals per hour per category for each half hour from 08:30 to 12:00 and 13:30 to
17:00. Format: time,item_code,source,priority (see docs/simulator.md).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CATALOG = yaml.safe_load((ROOT / "resources/catalog/demo_hall.yaml").read_text(encoding="utf-8"))
ITEMS: dict[str, list[str]] = {}
for item in CATALOG["items"]:
    ITEMS.setdefault(item["category"], []).append(str(item["code"]))

HALF_HOURS = [(8 * 60 + 30) + 30 * i for i in range(7)] + [
    (13 * 60 + 30) + 30 * i for i in range(7)
]

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

# How many items each lane had in the first demo catalog. The time stream draws one number
# below this per arrival, as it always has, so the shipped days keep their arrival times
# (491 on Monday, 200 midweek) whatever the catalog's item lists become; the item itself
# comes from a stream of its own.
TIME_STREAM_DRAWS = {"A": 3, "B": 7, "C": 12, "D": 6, "E": 6, "F": 6, "G": 4, "H": 7}


def profile(rates: dict[str, list[float]], seed: int) -> list[tuple[str, str, str, str]]:
    rng = random.Random(seed)
    pick = random.Random(seed + 1000)  # the items' own stream
    rows = []
    for code, per_hour in rates.items():
        for start, rate in zip(HALF_HOURS, per_hour, strict=True):
            t = float(start)
            while True:
                t += rng.expovariate(rate / 60)
                if t >= start + 30:
                    break
                seconds = int(t * 60)
                green = rng.random() < 0.03
                source = "appointment" if rng.random() < 0.15 else "walk-in"
                rng.randrange(TIME_STREAM_DRAWS[code])  # keeps the time stream (see above)
                rows.append(
                    (
                        f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}",
                        pick.choice(ITEMS[code]),
                        source,
                        "green" if green else "normal",
                    )
                )
    return sorted(rows)


def main() -> None:
    out = ROOT / "resources/arrivals"
    out.mkdir(parents=True, exist_ok=True)
    for name, rates, seed in (("monday_peak", MONDAY, 1), ("midweek_quiet", QUIET, 2)):
        rows = profile(rates, seed)
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["time", "item_code", "source", "priority"])
            writer.writerows(rows)
        print(f"{name}: {len(rows)} arrivals")


if __name__ == "__main__":
    main()
