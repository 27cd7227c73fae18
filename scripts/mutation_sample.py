"""scripts/mutation's helper: draw a random sample of mutants, count the verdicts.

    mutation_sample.py draw TARGET N            print N mutant names of hall_app/TARGET,
                                                uniformly at random (HALL_MUTATION_SEED)
    mutation_sample.py count TARGET SECONDS [SAMPLE_FILE]
                                                the kill rate of the whole target, or of
                                                the names in SAMPLE_FILE when it exists,
                                                with its 95 % Wilson interval for a sample

Verdicts are read from mutmut's per-file records (mutants/hall_app/TARGET/*.py.meta).
"""

from __future__ import annotations

import json
import math
import os
import pathlib
import random
import sys

# mutmut's exit codes: 1 and 3 a test failed, 0 survived, 5 and 33 no test reaches it,
# 36 and the SIGXCPU codes a timeout (the mutant looped: caught), 34 skipped, None not run
KILLED, SURVIVED, NO_TESTS, TIMEOUT = {1, 3}, {0}, {5, 33}, {36, 24, -24, 152, 255}


def verdicts(target: str) -> dict[str, int | None]:
    found: dict[str, int | None] = {}
    for meta in sorted(pathlib.Path("mutants/hall_app", target).rglob("*.py.meta")):
        found.update(json.loads(meta.read_text())["exit_code_by_key"])
    return found


def draw(target: str, size: int) -> None:
    names = sorted(verdicts(target))
    rng = random.Random(int(os.environ.get("HALL_MUTATION_SEED", "2026")))
    for name in sorted(rng.sample(names, min(size, len(names)))):
        print(name)


def wilson(caught: int, judged: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a proportion."""
    if not judged:
        return 0.0, 0.0
    p = caught / judged
    centre = (p + z * z / (2 * judged)) / (1 + z * z / judged)
    half = z * math.sqrt(p * (1 - p) / judged + z * z / (4 * judged * judged))
    half /= 1 + z * z / judged
    return centre - half, centre + half


def count(target: str, seconds: int, sample_file: str | None) -> None:
    found = verdicts(target)
    sample: list[str] = []
    if sample_file and pathlib.Path(sample_file).exists():
        sample = pathlib.Path(sample_file).read_text().split()
    keys = sample or list(found)
    counts = {"killed": 0, "survived": 0, "no tests": 0, "timeout": 0, "other": 0}
    for key in keys:
        code = found.get(key)
        if code in KILLED:
            counts["killed"] += 1
        elif code in SURVIVED:
            counts["survived"] += 1
        elif code in NO_TESTS:
            counts["no tests"] += 1
        elif code in TIMEOUT:
            counts["timeout"] += 1
        else:
            counts["other"] += 1
    caught = counts["killed"] + counts["timeout"]
    judged = caught + counts["survived"] + counts["no tests"]
    rate = 100 * caught // judged if judged else 0
    what = f"a sample of {len(keys)} of {len(found)}" if sample else str(len(found))
    print(
        f"{what} mutants in {seconds // 60} min {seconds % 60} s: "
        + ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    )
    line = (
        f"mutation kill rate ({target}/): {rate}% ({caught} of {judged} caught; "
        f"{counts['survived']} survived, {counts['no tests']} without tests)"
    )
    if sample:
        low, high = wilson(caught, judged)
        line += f"; 95% interval {100 * low:.1f}–{100 * high:.1f}%"
    print(line)


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "draw":
        draw(argv[1], int(argv[2]))
        return 0
    if len(argv) >= 3 and argv[0] == "count":
        count(argv[1], int(argv[2]), argv[3] if len(argv) > 3 else None)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
