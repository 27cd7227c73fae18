"""The reception assistant's evaluation (issue 18 §4): top-1 and top-3 accuracy, refusals and
answer time over each question file, reported file by file.

    .venv/bin/python benchmarks/ask.py [--catalog FILE] [--questions FILE ...] [--misses]

By default the tuning set (benchmarks/ask_questions.tsv, the questions the weights and the
synonym table were tuned on) and the held-out set (benchmarks/ask_questions_heldout.tsv,
written before the tuning it judges; docs/ask.md), the second held-out set
(benchmarks/ask_questions_heldout2.tsv, written before round 3) and the third
(benchmarks/ask_questions_heldout3.tsv, written by another author before round 4) are run.

Each question goes through the code path of ``hall-app ask --json`` (``hall.ask.ask`` and the
CLI's ``answer_data``) on a throwaway SQLite database with the catalog imported (the demo
catalog by default). Expected codes are a basic code (items) or a bundle code, or two of
them as ``a|b`` where both serve the citizen equally (rare; docs/ask.md says when); ``-``
marks a question the hall cannot answer, which must get no result. Accuracy is given over every
answerable question and over those whose expected code exists in the loaded catalog.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hall_app import paths  # noqa: E402
from hall_app.cli_ask import answer_data  # noqa: E402
from hall_app.config import Config  # noqa: E402
from hall_app.services.catalog import bootstrap_actor  # noqa: E402
from hall_app.services.hall import open_hall  # noqa: E402

QUESTIONS = (
    ROOT / "benchmarks" / "ask_questions.tsv",
    ROOT / "benchmarks" / "ask_questions_heldout.tsv",
    ROOT / "benchmarks" / "ask_questions_heldout2.tsv",
    ROOT / "benchmarks" / "ask_questions_heldout3.tsv",
)


def read_questions(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line == "question\texpected":
            continue
        question, expected = line.split("\t")
        rows.append((question, expected))
    return rows


def hit(expected: str, got: list[str], top: int) -> bool:
    """Whether one of the expected codes (``a|b``) is among the first ``top`` results."""
    return bool(set(expected.split("|")) & set(got[:top]))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else "0/0"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path, default=paths.demo_catalog())
    parser.add_argument(
        "--questions",
        type=Path,
        action="append",
        help="a question file (may be given more than once; default: the tuning and held-out sets)",
    )
    parser.add_argument("--misses", action="store_true", help="list every question missed")
    args = parser.parse_args()
    files = args.questions or list(QUESTIONS)
    sets = [(path, read_questions(path)) for path in files]
    work = Path(tempfile.mkdtemp(prefix="hall-ask-bench-"))
    os.environ["HALL_CACHE_DIR"] = str(work / "cache")
    url = f"sqlite:///{work / 'hall.sqlite3'}"
    hall = open_hall(Config(db_url=url, terminal="bench-ask"), upgrade=True)
    results = []
    try:
        hall.catalog.import_file(bootstrap_actor(), args.catalog)
        start = time.perf_counter()
        hall.ask.index()  # the first question of a process builds the index: timed apart
        build = time.perf_counter() - start
        docs = [d.source for d in hall.ask.index().docs]
        codes = {d.basic_code for d in docs} | {d.code for d in docs}
        for path, rows in sets:
            times, outcomes = [], []
            for question, expected in rows:
                start = time.perf_counter()
                data = answer_data(hall.ask.ask(question))
                times.append(time.perf_counter() - start)
                got = [
                    r["basic_code"] if r["kind"] == "item" else r["code"] for r in data["results"]
                ]
                outcomes.append((question, expected, got))
            results.append((path, outcomes, times))
    finally:
        hall.close()

    print(f"== reception assistant, catalog {args.catalog.name}")
    print(f"  index built in {build * 1000:.0f} ms (once a process, not in the answer times)")
    for path, outcomes, times in results:
        report(path, outcomes, times, codes, args.misses)
    cli_env = dict(os.environ, HALL_DB_URL=url)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "hall_app", "ask", "上户口", "--json"],
        env=cli_env,
        check=True,
        capture_output=True,
    )
    print(
        f"  one `hall-app ask --json` process, start to exit: {time.perf_counter() - start:.2f} s"
    )
    return 0


def report(
    path: Path,
    outcomes: list[tuple[str, str, list[str]]],
    times: list[float],
    codes: set[str],
    misses: bool,
) -> None:
    answerable = [o for o in outcomes if o[1] != "-"]
    present = [o for o in answerable if set(o[1].split("|")) & codes]
    refusable = [o for o in outcomes if o[1] == "-"]
    print(f"-- {path.name}: {len(outcomes)} questions")
    for title, group in (("all answerable", answerable), ("expected in catalog", present)):
        top1 = sum(1 for _, e, got in group if hit(e, got, 1))
        top3 = sum(1 for _, e, got in group if hit(e, got, 3))
        print(
            f"  {title:20s} n={len(group):3d}  top-1 {share(top1, len(group))}"
            f"   top-3 {share(top3, len(group))}"
        )
    refused = sum(1 for *_, got in refusable if not got)
    wrongly = sum(1 for *_, got in present if not got)
    print(f"  unanswerable (-)     n={len(refusable):3d}  refused {share(refused, len(refusable))}")
    print(f"  answerable in catalog refused: {share(wrongly, len(present))}")
    ms = [t * 1000 for t in times]
    print(
        f"  answer time: median {statistics.median(ms):.1f} ms   p95 {pct(ms, 95):.1f} ms"
        f"   max {max(ms):.1f} ms"
    )
    if misses:
        for question, expected, got in outcomes:
            ok = (not got) if expected == "-" else hit(expected, got, 3)
            if not ok:
                known = expected == "-" or set(expected.split("|")) & codes
                mark = "" if known else "  (not in catalog)"
                print(f"  MISS {question}\texpected {expected}\tgot {' '.join(got) or '-'}{mark}")


if __name__ == "__main__":
    raise SystemExit(main())
