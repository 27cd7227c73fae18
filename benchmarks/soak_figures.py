"""The hall soak's figures (``benchmarks/hall_soak.py``): latencies outside and during the
restart, change-seen delays, errors by kind, and lost / duplicate / double-call checks
against the database."""

import bisect
import collections
from typing import Any

COMPRESS = 12
RESTART_SETTLE_S = 5.0  # after the server is back, operations still count as "during restart"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] if ordered else 0.0


def figures(
    url: str, results: list[dict[str, Any]], events: dict[str, float], frozen_window: int, t0: float
) -> dict[str, Any]:
    from sqlalchemy import func, select

    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from hall_app.store import models as m

    restart = (
        events.get("kill_at", float("inf")),
        events.get("resumed_at", 0.0) + RESTART_SETTLE_S,
    )
    freeze = (events["freeze_at"], events["thaw_at"])

    def overlaps(start: float, seconds: float, span: tuple[float, float]) -> bool:
        return start <= span[1] and start + seconds >= span[0]

    ops = []  # (role, index, kind, start, seconds, error, number, in_restart, frozen_own)
    for r in results:
        for kind, start, seconds, error, number in r["ops"]:
            own = (
                r["role"] == "window"
                and r["index"] == frozen_window
                and overlaps(start, seconds, freeze)
            )
            ops.append(
                (
                    r["role"],
                    r["index"],
                    kind,
                    start,
                    seconds,
                    error,
                    number,
                    overlaps(start, seconds, restart),
                    own,
                )
            )
    work = [o for o in ops if o[2] != "login"]
    normal = [o for o in work if not o[7] and not o[8]]
    during = [o for o in work if o[7]]
    # neither in the restart nor overlapping the freeze: what the hall sees on a quiet day
    quiet = [o for o in normal if not overlaps(o[3], o[4], freeze)]

    def lat(kind: str, rows: list[Any]) -> dict[str, Any]:
        ok = [o[4] for o in rows if o[2] == kind and o[5] is None]
        return {
            "n": len(ok),
            "p50_ms": 1000 * pct(ok, 0.5),
            "p99_ms": 1000 * pct(ok, 0.99),
            "max_ms": 1000 * max(ok, default=0.0),
            "failed": sum(1 for o in rows if o[2] == kind and o[5] is not None),
        }

    errors = collections.Counter(f"{o[2]}: {o[5]}" for o in ops if o[5] is not None)
    errors_normal = collections.Counter(f"{o[2]}: {o[5]}" for o in normal if o[5] is not None)
    longest = max(normal, key=lambda o: o[4], default=None)
    longest_any = max((o for o in work if not o[8]), key=lambda o: o[4], default=None)

    # change seen: from a write returning to the first change each other listener saw after it
    writes = [
        o
        for o in normal
        if o[2] in ("issue", "call", "start", "finish") and o[5] is None and o[6] is not None
    ]
    delays: dict[str, list[float]] = collections.defaultdict(list)
    unseen: dict[str, int] = collections.Counter()
    slow_at: collections.Counter[int] = collections.Counter()
    for r in results:
        group = r["role"] if r["role"] in ("board", "supervisor") else "terminals"
        seen = sorted(r["seen"])
        if not seen:
            continue
        frozen_listener = (r["role"], r["index"]) == ("window", frozen_window)
        for o in writes:
            if (o[0], o[1]) == (r["role"], r["index"]):
                continue
            end = o[3] + o[4]
            if end > seen[-1] - 2 and end > events["end_at"] - 5:
                continue  # the run ended before it could be seen
            if restart[0] - 10 <= end <= restart[1]:
                continue  # listeners cannot see while the server is down: the restart's
            if frozen_listener and freeze[0] - 10 <= end <= freeze[1] + 1:
                continue  # nor can a frozen terminal
            # a notification can arrive before the write's own call has returned (it is sent
            # at commit): look from the write's start, and count such a sighting as 0 s;
            # matching from the end would take the NEXT write's notification instead
            k = bisect.bisect_left(seen, o[3])
            delay = seen[k] - end if k < len(seen) else float("inf")
            if delay > 10:
                unseen[group] += 1
            else:
                delays[group].append(max(0.0, delay))
                if delay > 1.0:  # where in the run the slow ones fall
                    slow_at[int((end - t0) // 30) * 30] += 1
    # lost, duplicate, double calls: what terminals were told against the database
    issued = [o[6] for o in ops if o[2] == "issue" and o[5] is None]
    called = [o[6] for o in ops if o[2] == "call" and o[5] is None and o[6]]
    hall = open_hall(Config(db_url=url, terminal="soak-check"), upgrade=False)
    try:
        with hall.db.read() as s:
            rows = s.execute(select(m.Ticket.number, m.Ticket.state)).all()
            calls = collections.Counter(
                s.scalars(
                    select(m.AuditEntry.entity_id).where(
                        m.AuditEntry.action == "call", m.AuditEntry.entity == "ticket"
                    )
                )
            )
            active = s.execute(
                select(m.Window.number, func.count())
                .join(m.Ticket, m.Ticket.window_id == m.Window.id)
                .where(m.Ticket.state.in_(["called", "serving"]))
                .group_by(m.Window.number)
            ).all()
    finally:
        hall.close()
    state = dict(rows)
    lost = len(set(issued) - set(state)) + sum(1 for n in called if state.get(n) == "waiting")
    duplicates = (len(issued) - len(set(issued))) + (len(rows) - len(state))
    double_calls = sum(1 for c in calls.values() if c > 1) + (len(called) - len(set(called)))
    return {
        "slow_seen_by_30s": dict(sorted(slow_at.items())),
        "freeze_at_s": events["freeze_at"] - t0,
        "kill_at_s": events.get("kill_at", t0) - t0,
        "issue": lat("issue", normal),
        "call": lat("call", normal),
        "finish": lat("finish", normal),
        "quiet_issue": lat("issue", quiet),
        "quiet_call": lat("call", quiet),
        "restart_issue": lat("issue", during),
        "restart_call": lat("call", during),
        "restart_ops": len(during),
        "restart_failed": sum(1 for o in during if o[5]),
        "restart_seconds": (events["resumed_at"] - events["kill_at"])
        if "kill_at" in events
        else None,
        "seen": {
            g: {
                "n": len(v),
                "p50_ms": 1000 * pct(v, 0.5),
                "p99_ms": 1000 * pct(v, 0.99),
                "max_ms": 1000 * max(v, default=0.0),
            }
            for g, v in delays.items()
        },
        "unseen": dict(unseen),
        "errors": dict(errors),
        "errors_outside_restart": dict(errors_normal),
        "ops": len(work),
        "ops_outside_restart": len(normal),
        "failed_outside_restart": sum(1 for o in normal if o[5] is not None),
        "longest": _describe(longest, t0),
        "longest_any": _describe(longest_any, t0),
        "frozen_own": [_describe(o, t0) for o in ops if o[8]],
        "issued": len(issued),
        "called": len(called),
        "tickets_in_db": len(rows),
        "lost": lost,
        "duplicate_numbers": duplicates,
        "double_calls": double_calls,
        "windows_holding_two": sum(1 for _, c in active if c > 1),
    }


def _describe(o: Any, t0: float) -> dict[str, Any] | None:
    if o is None:
        return None
    return {
        "who": f"{o[0]}-{o[1]}",
        "op": o[2],
        "at_s": round(o[3] - t0, 1),
        "seconds": round(o[4], 3),
        "error": o[5],
    }


def report(r: dict[str, Any]) -> None:
    def line(name: str, x: dict[str, Any]) -> str:
        return (
            f"  {name:<15} n={x['n']:<5} p50 {x['p50_ms']:7.1f} ms  p99 {x['p99_ms']:8.1f} ms"
            f"  max {x['max_ms']:8.1f} ms  failed {x['failed']}"
        )

    print(
        f"hall soak: {r['terminals']} terminals ({r['windows']} windows) + board + supervisor "
        f"= {r['processes']} processes, PostgreSQL fsync={r['fsync']}, {r['minutes']:g} min "
        f"(x{COMPRESS} = {r['minutes'] * COMPRESS:g} min of a Monday from 08:30)"
    )
    where = "before the COMMIT of a call" if r["freeze_in_call"] else "between operations"
    print(
        f"  one window terminal frozen {where} for {r['freeze_seconds']:g} s; server "
        f"killed and back in {r['restart_seconds'] or 0:.1f} s"
    )
    print("  outside the restart window (p99 over these):")
    for k in ("issue", "call", "finish"):
        print(line(k, r[k]))
    print("  of these, not overlapping the freeze either:")
    for k in ("quiet_issue", "quiet_call"):
        print(line(k, r[k]))
    print(
        f"  during the restart (kill .. back + {RESTART_SETTLE_S:g} s): {r['restart_ops']} "
        f"operations, {r['restart_failed']} failed"
    )
    for k in ("restart_issue", "restart_call"):
        print(line(k, r[k]))
    for group, x in sorted(r["seen"].items()):
        print(
            f"  change seen by {group:<11} n={x['n']:<6} p50 {x['p50_ms']:6.0f} ms  "
            f"p99 {x['p99_ms']:6.0f} ms  max {x['max_ms']:6.0f} ms  "
            f"(not seen within 10 s: {r['unseen'].get(group, 0)})"
        )
    print(
        "  changes seen later than 1 s, by 30 s of the run (freeze at "
        f"{r.get('freeze_at_s', 0):.0f} s, kill at {r.get('kill_at_s', 0):.0f} s): "
        f"{r['slow_seen_by_30s']}"
    )
    print(f"  longest operation outside the restart: {r['longest']}")
    print(f"  longest operation including the restart: {r['longest_any']}")
    print(f"  frozen terminal's own operations: {r['frozen_own']}")
    print(
        f"  operations {r['ops']} ({r['ops_outside_restart']} outside the restart, "
        f"{r['failed_outside_restart']} of them failed)"
    )
    print("  errors by kind:" + ("" if r["errors"] else " none"))
    for kind, n in sorted(r["errors"].items(), key=lambda kv: -kv[1]):
        print(f"    {n:5}  {kind}")
    print(
        f"  issued {r['issued']}, called {r['called']}, tickets in db {r['tickets_in_db']}; "
        f"lost {r['lost']}, duplicate numbers {r['duplicate_numbers']}, double calls "
        f"{r['double_calls']}, windows holding two {r['windows_holding_two']}"
    )
