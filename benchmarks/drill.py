"""The fallback drill: terminals working against PostgreSQL lose their server, go on offline,
and reconcile when it is back. Figures: records lost, duplicate numbers, time to detect the
outage, reconciliation throughput.

    .venv/bin/python benchmarks/drill.py [--terminals 3] [--offline-ops 40] [--outage kill|halt|both]

It starts its own throwaway PostgreSQL (scripts/pg-server) with ``fsync=on``, as a hall's
server runs, and takes it down the hard way in the middle: ``kill`` is a crash (SIGKILL of
the postmaster and its backends, then crash recovery at restart), ``halt`` an immediate stop
(``pg_ctl -m immediate``). "0 lost" therefore covers a real crash: every record a terminal
was told was saved is in the database afterwards. ``tests/test_fallback_drill.py`` runs a
small drill and checks the same invariants.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hall_app.services.catalog import bootstrap_actor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG = str(ROOT / "scripts" / "pg-server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------- one terminal (a process)


def terminal(url: str, index: int, control: Path) -> None:
    """Work until told to stop: online through the services, offline through the desk."""
    from hall_app.config import Config
    from hall_app.domain.errors import DatabaseError, KnownError
    from hall_app.domain.fallback import OutageDetector
    from hall_app.domain.followups import InquiryInput, Outcome
    from hall_app.domain.materials import Check, Mark
    from hall_app.services.documents import Applicant
    from hall_app.services.hall import open_hall

    hall = open_hall(Config(db_url=url, terminal=f"drill-{index}"), upgrade=False)
    reception = hall.auth.login(f"200{index}", f"demo200{index}")
    clerk = hall.auth.login(f"10{index:02d}", f"demo10{index:02d}", index)
    hall.fallback.prepare(clerk, hall.journal)
    desk = hall.desk
    detector = OutageDetector(grace_seconds=2.0, failures=2)
    log_path = control / f"terminal-{index}.jsonl"
    out = log_path.open("a", encoding="utf-8")
    plan = desk.snapshot.plan(next(iter(desk.snapshot.subjects)))
    applicant = Applicant("演练", "居民身份证", "11010519491231002X", "13800138000")
    checks = [Check(r, Mark.RECEIVED, applies=True) for r in plan.requirements]
    step = 0
    summary: dict[str, Any] = {"reconciles": []}

    def done(mode: str, kind: str, number: str) -> None:
        out.write(json.dumps({"mode": mode, "kind": kind, "number": number}) + "\n")
        out.flush()

    def work_online() -> None:
        issued = hall.tickets.issue(reception, category_code="A").ticket.number
        done("online", "ticket", issued)
        called = hall.tickets.call_next(clerk, index)
        if called is not None:
            hall.tickets.start(clerk, index)
            hall.tickets.finish(clerk, index)
        if step % 3 == 0:
            view = hall.followups.log_inquiry(
                clerk,
                InquiryInput(
                    question="演练咨询", channel="现场", outcome=Outcome.ANSWERED, answer="已答复"
                ),
            )
            done("online", "inquiry", view.number)

    def work_offline() -> None:
        issued = desk.issue_ticket(clerk, category_code="A").number
        done("offline", "ticket", issued)
        called = desk.call_next(clerk)
        if called is not None:
            desk.start(clerk)  # the window keys offline are those online: start, then finish
            desk.finish(clerk, called.number)
            desk.rate(clerk, called.number, 5)
        if step % 3 == 0:
            done(
                "offline",
                "inquiry",
                desk.log_inquiry(
                    clerk,
                    InquiryInput(
                        question="演练咨询",
                        channel="现场",
                        outcome=Outcome.ANSWERED,
                        answer="已答复",
                    ),
                ),
            )
        if step % 4 == 0:
            done("offline", "case", desk.accept(clerk, plan, applicant, checks).case_no)

    try:
        while True:
            step += 1
            stop = (control / "stop").exists()
            if not detector.offline:
                if stop and desk.status().pending == 0:
                    break
                try:
                    if stop:
                        hall.fallback.probe()
                    else:
                        work_online()
                    detector.observe(True, time.monotonic())
                except DatabaseError:
                    if detector.observe(False, time.monotonic()) == "offline":
                        desk.enter(clerk, "drill: server unreachable")
                        summary["offline_at"] = time.time()
            else:
                try:
                    hall.fallback.probe()
                    back = detector.observe(True, time.monotonic()) == "online"
                except DatabaseError:
                    back = False
                    detector.observe(False, time.monotonic())
                if back:
                    summary["online_at"] = time.time()
                    desk.leave(clerk)
                    report = hall.fallback.reconcile(hall.journal, clerk)
                    summary["reconciles"].append(
                        {
                            "merged": report.merged,
                            "seconds": report.seconds,
                            "conflicts": report.conflicts,
                            "left": report.left,
                            "error": report.error,
                        }
                    )
                    if not report.complete:
                        detector.force_offline()
                    continue
                try:
                    work_offline()
                except KnownError as exc:
                    summary.setdefault("offline_refusals", []).append(exc.message)
            time.sleep(0.05)
        summary["journal"] = desk.status().__dict__ | {"offline_since": None, "prepared_at": None}
    finally:
        (control / f"terminal-{index}.json").write_text(json.dumps(summary, default=str))
        out.close()
        hall.close()


def watcher(url: str, control: Path) -> None:
    """An idle terminal: it only polls once a second, as the GUI's main window does."""
    from hall_app.config import Config
    from hall_app.domain.errors import DatabaseError
    from hall_app.domain.fallback import OutageDetector
    from hall_app.services.hall import open_hall

    hall = open_hall(Config(db_url=url, terminal="drill-idle"), upgrade=False)
    detector = OutageDetector(grace_seconds=2.0, failures=2)
    result: dict[str, float] = {}
    try:
        while not (control / "stop").exists():
            try:
                hall.fallback.probe()
                ok = True
            except DatabaseError:
                ok = False
            if detector.observe(ok, time.monotonic()) == "offline":
                result["offline_at"] = time.time()
            time.sleep(1.0)
    finally:
        (control / "watcher.json").write_text(json.dumps(result))
        hall.close()


# ---------------------------------------------------------------- the drill


def _show(url: str, setting: str) -> str:
    """A server setting as the server reports it (``SHOW``)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return str(conn.execute(text(f"SHOW {setting}")).scalar())
    finally:
        engine.dispose()


def _count(path: Path, mode: str) -> int:
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text().splitlines() if json.loads(line)["mode"] == mode)


def _wait(predicate: Any, timeout: float, what: str, procs: list[Any]) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        failed = [p.returncode for p in procs if p.poll() not in (None, 0)]
        if failed:
            raise RuntimeError(f"drill: a terminal failed (exit {failed}) while waiting for {what}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"drill: timed out waiting for {what}")
        time.sleep(0.05)


def run_drill(
    terminals: int = 3,
    online_ops: int = 5,
    offline_ops: int = 15,
    min_outage: float = 4.0,
    keep: bool = False,
    outage: str = "kill",
) -> dict[str, Any]:
    """Run the drill; returns the figures and the checks' raw material. ``outage`` is how the
    server goes down: "kill" (a crash) or "halt" (an immediate stop)."""
    if outage not in ("kill", "halt"):
        raise ValueError(outage)
    from sqlalchemy import func, select

    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from hall_app.store import models as m

    work = Path(tempfile.mkdtemp(prefix="hall-drill-"))
    work.chmod(0o755)  # the server runs as the postgres user when we are root
    pg_dir, port = work / "pg", _free_port()
    control = work / "control"
    control.mkdir()
    pg_env = dict(os.environ, PG_FSYNC="on")
    url = subprocess.run(
        [PG, "start", str(pg_dir), str(port)],
        check=True,
        capture_output=True,
        text=True,
        env=pg_env,
    ).stdout.strip()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        hall = open_hall(Config(db_url=url, terminal="drill-setup"), upgrade=True)
        from hall_app import paths

        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        hall.close()
        for i in range(1, terminals + 1):
            env = dict(
                os.environ,
                HALL_DATA_DIR=str(work / f"data-{i}"),
                HALL_LOG_DIR=str(work / f"log-{i}"),
            )
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        __file__,
                        "--terminal",
                        str(i),
                        "--url",
                        url,
                        "--control",
                        str(control),
                    ],
                    env=env,
                )
            )
        procs.append(
            subprocess.Popen(
                [sys.executable, __file__, "--watcher", "--url", url, "--control", str(control)],
                env=dict(
                    os.environ,
                    HALL_DATA_DIR=str(work / "data-idle"),
                    HALL_LOG_DIR=str(work / "log-idle"),
                ),
            )
        )
        logs = [control / f"terminal-{i}.jsonl" for i in range(1, terminals + 1)]
        _wait(
            lambda: all(_count(p, "online") >= online_ops for p in logs), 60, "online work", procs
        )
        stopped_at = time.time()
        subprocess.run([PG, outage, str(pg_dir)], check=True, env=pg_env)
        _wait(
            lambda: (
                all(_count(p, "offline") >= offline_ops for p in logs)
                and time.time() - stopped_at >= min_outage
            ),
            60,
            "offline work",
            procs,
        )
        subprocess.run([PG, "resume", str(pg_dir), str(port)], check=True, env=pg_env)
        resumed_at = time.time()
        (control / "resumed").touch()
        (control / "stop").touch()
        for proc in procs:
            proc.wait(timeout=120)
        results = [
            json.loads((control / f"terminal-{i}.json").read_text())
            for i in range(1, terminals + 1)
        ]
        idle = json.loads((control / "watcher.json").read_text())
        reported: dict[str, list[str]] = collections.defaultdict(list)
        offline_reported: dict[str, int] = collections.Counter()
        for p in logs:
            for line in p.read_text().splitlines():
                rec = json.loads(line)
                reported[rec["kind"]].append(rec["number"])
                if rec["mode"] == "offline":
                    offline_reported[rec["kind"]] += 1
        hall = open_hall(Config(db_url=url, terminal="drill-check"), upgrade=False)
        fsync = _show(url, "fsync")
        with hall.db.read() as s:
            found = {
                "ticket": list(s.scalars(select(m.Ticket.number))),
                "inquiry": list(s.scalars(select(m.Inquiry.number))),
                "case": list(s.scalars(select(m.ServiceCase.case_no))),
            }
            offline_tickets = s.scalar(
                select(func.count()).select_from(m.Ticket).where(m.Ticket.prefix == "S")
            )
            ratings = s.scalar(select(func.count()).select_from(m.Rating))
        hall.close()
        lost = sum(len(set(numbers) - set(found[kind])) for kind, numbers in reported.items())
        duplicates = sum(len(numbers) - len(set(numbers)) for numbers in reported.values()) + sum(
            len(numbers) - len(set(numbers)) for numbers in found.values()
        )
        detect = [r["offline_at"] - stopped_at for r in results if "offline_at" in r]
        merged = sum(x["merged"] for r in results for x in r["reconciles"])
        seconds = sum(x["seconds"] for r in results for x in r["reconciles"])
        return {
            "terminals": terminals,
            "outage": outage,
            "fsync": fsync,
            "records_lost": lost,
            "duplicate_numbers": duplicates,
            "detect_seconds": detect,
            "idle_detect_seconds": idle["offline_at"] - stopped_at
            if "offline_at" in idle
            else None,
            "back_online_seconds": [
                r["online_at"] - resumed_at for r in results if "online_at" in r
            ],
            "merged": merged,
            "reconcile_seconds": seconds,
            "throughput_per_s": merged / seconds if seconds else 0.0,
            "conflicts": [c for r in results for x in r["reconciles"] for c in x["conflicts"]],
            "pending_left": [r.get("journal", {}).get("pending") for r in results],
            "offline_reported": dict(offline_reported),
            "offline_tickets_in_db": offline_tickets,
            "ratings_in_db": ratings,
            "reported": {k: len(v) for k, v in reported.items()},
            "exit_codes": [p.returncode for p in procs],
            "refusals": [x for r in results for x in r.get("offline_refusals", [])],
        }
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        subprocess.run([PG, "stop", str(pg_dir)], check=False)
        if not keep:
            import shutil

            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, default=3)
    parser.add_argument("--online-ops", type=int, default=10)
    parser.add_argument("--offline-ops", type=int, default=40)
    parser.add_argument(
        "--outage",
        choices=("kill", "halt", "both"),
        default="both",
        help="kill: a crash of the server (default with halt: both, one drill each)",
    )
    parser.add_argument("--terminal", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--watcher", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--control", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.watcher:
        watcher(args.url, Path(args.control))
        return
    if args.terminal:
        terminal(args.url, args.terminal, Path(args.control))
        return
    for outage in ("kill", "halt") if args.outage == "both" else (args.outage,):
        _print(run_drill(args.terminals, args.online_ops, args.offline_ops, outage=outage))


def _print(r: dict[str, Any]) -> None:
    detect = r["detect_seconds"]
    how = {"kill": "killed (SIGKILL, crash recovery at restart)", "halt": "stopped (immediate)"}[
        r["outage"]
    ]
    print(
        f"fallback drill, {r['terminals']} terminals on PostgreSQL (fsync={r['fsync']}), "
        f"server {how} mid-work"
    )
    print(f"  records lost           {r['records_lost']}")
    print(f"  duplicate numbers      {r['duplicate_numbers']}")
    print(
        f"  time to detect outage  busy terminals max {max(detect):.2f} s "
        f"(each: {', '.join(f'{d:.2f}' for d in detect)}); "
        f"idle terminal polling once a second {r['idle_detect_seconds']:.2f} s"
    )
    print(
        f"  reconciliation         {r['merged']} records in {r['reconcile_seconds']:.2f} s "
        f"= {r['throughput_per_s']:.0f} records/s"
    )
    print(f"  conflicts              {len(r['conflicts'])}; pending left {r['pending_left']}")
    print(f"  reported               {r['reported']} (offline {r['offline_reported']})")


if __name__ == "__main__":
    main()
