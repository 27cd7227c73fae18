"""hall_app benchmarks: one command, figures printed (they go into the README).

    scripts/bench            # starts a throwaway PostgreSQL and runs everything
    .venv/bin/python benchmarks/run.py [--pg URL] [--quick]

1. cold start to the login window shown (a separate process each time, offscreen)
2. issue / call / finish latency on SQLite: a day of 3,000 tickets over 200,000 old ones
3. the same with 20 concurrent terminal processes on PostgreSQL
4. ticket PDF render time
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
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
from hall_app.config import Config  # noqa: E402
from hall_app.services.catalog import bootstrap_actor  # noqa: E402
from hall_app.services.hall import Hall, open_hall  # noqa: E402


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def fmt(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"p50 {pct(ms, 50):6.2f} ms   p99 {pct(ms, 99):6.2f} ms   max {max(ms):6.2f} ms   (n={len(ms)})"


# ---------------------------------------------------------------- 1. start-up


def bench_startup(runs: int) -> None:
    print("== 1. cold start to the login window shown (offscreen, separate processes)")
    times = []
    for _ in range(runs):
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            HALL_BENCH_STARTUP="1",
            HALL_DATA_DIR=tempfile.mkdtemp(),
            HALL_LOG_DIR=tempfile.mkdtemp(),
        )
        env.pop("HALL_DB_URL", None)
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "hall_app", "gui"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("HALL_LOGIN_SHOWN"):
                times.append(time.perf_counter() - start)
                break
        proc.wait(timeout=60)
    print(
        f"   first run {times[0] * 1000:.0f} ms; median of {runs} {statistics.median(times) * 1000:.0f} ms"
        f"; max {max(times) * 1000:.0f} ms"
    )


# ---------------------------------------------------------------- 2. SQLite


def seed_history(hall: Hall, count: int) -> None:
    """``count`` finished tickets spread over the previous working days."""
    from sqlalchemy import insert, select

    from hall_app.store.models import Category, Ticket

    with hall.db.read() as s:
        lanes = [(c.id, c.prefix) for c in s.scalars(select(Category))]
    per_day = 3000
    rows = []
    base = dt.datetime(2025, 1, 2, 1, 0, tzinfo=dt.UTC)
    for i in range(count):
        day, seq = divmod(i, per_day)
        lane_id, prefix = lanes[seq % len(lanes)]
        issued = base + dt.timedelta(days=day, seconds=seq * 8)
        rows.append(
            dict(
                service_date=(base + dt.timedelta(days=day)).date(),
                number=f"{prefix}{seq:04d}",
                prefix=prefix,
                sequence=seq,
                category_id=lane_id,
                service_category_id=lane_id,
                priority=2,
                state="finished",
                issued_at=issued,
                queued_at=issued,
                called_at=issued + dt.timedelta(minutes=9),
                started_at=issued + dt.timedelta(minutes=10),
                finished_at=issued + dt.timedelta(minutes=20),
                call_count=1,
                terminal="history",
            )
        )
        if len(rows) == 20000:
            with hall.db.write() as s:
                s.execute(insert(Ticket), rows)
            rows = []
    if rows:
        with hall.db.write() as s:
            s.execute(insert(Ticket), rows)


def day_plan(hall: Hall) -> list[tuple[int, str, str]]:
    from sqlalchemy import select

    from hall_app.store.models import Staff

    status = hall.queues.status()
    with hall.db.read() as s:
        clerks = {
            w: n
            for w, n in s.execute(
                select(Staff.default_window, Staff.staff_no).where(
                    Staff.default_window.is_not(None)
                )
            )
        }
    plan = []
    for w in status.windows:
        if w.number in clerks and w.categories and w.categories[0] != "L":
            plan.append((w.number, clerks[w.number], w.categories[0]))
    return plan


def bench_sqlite(history: int, day: int) -> None:
    print(f"== 2. SQLite, one process: a day of {day:,} tickets over {history:,} historical ones")
    folder = Path(tempfile.mkdtemp())
    hall = open_hall(Config(db_url=f"sqlite:///{folder / 'bench.sqlite3'}", terminal="bench"))
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    t0 = time.perf_counter()
    seed_history(hall, history)
    print(f"   seeded {history:,} historical tickets in {time.perf_counter() - t0:.1f} s")
    plan = day_plan(hall)
    reception = hall.auth.login("2001", "demo2001")
    actors = {w: hall.auth.login(staff, f"demo{staff}", w) for w, staff, _ in plan}
    issue, call, finish, cycle = [], [], [], []
    for i in range(day):
        window, _staff, lane = plan[i % len(plan)]
        a = time.perf_counter()
        hall.tickets.issue(reception, category_code=lane)
        b = time.perf_counter()
        hall.tickets.call_next(actors[window], window)
        c = time.perf_counter()
        hall.tickets.start(actors[window], window)
        d = time.perf_counter()
        hall.tickets.finish(actors[window], window)
        e = time.perf_counter()
        issue.append(b - a)
        call.append(c - b)
        finish.append(e - d)
        cycle.append(e - a)
    print(f"   issue      {fmt(issue)}")
    print(f"   call-next  {fmt(call)}")
    print(f"   finish     {fmt(finish)}")
    print(f"   issue+call+start+finish  {fmt(cycle)}")
    hall.close()


# ---------------------------------------------------------------- 3. PostgreSQL


def _pg_terminal(args: tuple[str, int, str, str, int, float, float]) -> dict[str, list[float]]:
    import random

    url, window, staff, lane, rounds, start_at, think = args
    rng = random.Random(window)
    hall = open_hall(Config(db_url=url, terminal=f"bench-{window}"), upgrade=False)
    reception = hall.auth.login("2001", "demo2001")
    clerk = hall.auth.login(staff, f"demo{staff}", window)
    # one unmeasured cycle: a terminal's first call of the day compiles its statements
    hall.tickets.issue(reception, category_code=lane)
    if hall.tickets.call_next(clerk, window) is not None:
        hall.tickets.start(clerk, window)
        hall.tickets.finish(clerk, window)
    while time.time() < start_at:
        time.sleep(0.01)
    out: dict[str, list[float]] = {"issue": [], "call": [], "finish": []}
    for _ in range(rounds):
        if think:
            time.sleep(rng.uniform(0.5 * think, 1.5 * think))
        a = time.perf_counter()
        hall.tickets.issue(reception, category_code=lane)
        b = time.perf_counter()
        ticket = hall.tickets.call_next(clerk, window)
        c = time.perf_counter()
        out["issue"].append(b - a)
        out["call"].append(c - b)
        if ticket is not None:
            hall.tickets.start(clerk, window)
            d = time.perf_counter()
            hall.tickets.finish(clerk, window)
            out["finish"].append(time.perf_counter() - d)
    hall.close()
    return out


def bench_postgres(admin_url: str, terminals: int, rounds: int, think: float) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    pace = (
        f"each terminal pausing {think * 0.5:.2f}-{think * 1.5:.2f} s between tickets"
        if think
        else "no pause: saturating both cores"
    )
    print(f"== 3. PostgreSQL, {terminals} concurrent terminal processes x {rounds} tickets, {pace}")
    name = f"hall_bench_{os.getpid()}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        hall = open_hall(Config(db_url=url, terminal="bench"), upgrade=True)
        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        plan = day_plan(hall)[:terminals]
        hall.close()
        start_at = time.time() + 3 + terminals * 0.15
        jobs = [(url, w, staff, lane, rounds, start_at, think) for w, staff, lane in plan]
        with multiprocessing.get_context("spawn").Pool(len(jobs)) as pool:
            results = pool.map(_pg_terminal, jobs)
        for key in ("issue", "call", "finish"):
            values = [v for r in results for v in r[key]]
            print(f"   {key:<9}  {fmt(values)}")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# ---------------------------------------------------------------- 4. PDF


def bench_pdf(runs: int) -> None:
    from hall_app.printing.ticket import TicketSlip, render_ticket

    print("== 4. 80 mm ticket PDF (embedded CJK font, QR code)")
    slip = TicketSlip(
        hall_name="重庆市垫江县政务服务中心",
        hall_phone="023-74680000",
        number="A012",
        lane_name="综合受理",
        subject="社会保障卡申领",
        people_ahead=7,
        issued_at=dt.datetime.now(dt.UTC),
        ticket_id=123456,
        service_date="20261125",
    )
    first = time.perf_counter()
    size = len(render_ticket(slip))
    first = time.perf_counter() - first
    times = []
    for _ in range(runs):
        a = time.perf_counter()
        render_ticket(slip)
        times.append(time.perf_counter() - a)
    print(f"   first (font loading) {first * 1000:.0f} ms; then {fmt(times)}; {size / 1024:.0f} KB")


def bench_documents(runs: int) -> None:
    from hall_app.printing.documents import CORRECTION, MaterialLine, NoticeData, ReceiptData
    from hall_app.printing.notice import render_notice_80mm, render_notice_a4
    from hall_app.printing.receipt import render_receipt_a4

    print("== 5. one-time notification slip and acceptance receipt (reportlab)")
    now = dt.datetime(2026, 11, 25, 9, 30)
    received = tuple(
        MaterialLine(n, "原件", 1) for n in ("食品经营许可申请书", "营业执照", "法定代表人身份证")
    )
    missing = (
        MaterialLine(
            "经营场所使用证明",
            "复印件",
            1,
            "房产证或租赁合同，复印件须签名",
            "过期",
            "租赁合同有效期至2025-12-31",
            "出租方或县不动产登记中心",
        ),
        MaterialLine("食品安全规章制度", "原件", 1, "加盖公章", "缺失"),
        MaterialLine(
            "健康证明", "复印件", 2, "从业人员健康证明", "信息不一致", "姓名与身份证不一致"
        ),
    )
    common = dict(
        hall_name="重庆市垫江县政务服务中心",
        hall_phone="023-74680000",
        complaint_phone="12345",
        department="垫江县市场监督管理局",
        applicant_name="垫江县好味道餐饮有限公司",
        id_type="居民身份证",
        id_number_masked="110105********002X",
        phone_masked="139****5678",
        subject="食品经营许可",
        subject_code="11500231MB1918730K1000133006000",
        clerk_name="韩冬梅",
        clerk_no="1026",
        window_number=26,
        received=received,
    )
    notice = NoticeData(
        kind=CORRECTION,
        serial="BZ-500231-20261125-0007",
        received_at=now,
        issued_at=now,
        legal_basis="《中华人民共和国食品安全法》第三十五条",
        to_correct=missing,
        **common,
    )  # type: ignore[arg-type]
    receipt = ReceiptData(
        case_no="SL-500231-20261125-0003",
        accepted_at=now,
        promised_days=3,
        due_date=dt.date(2026, 11, 30),
        **common,
    )  # type: ignore[arg-type]
    for name, render, data in (
        ("A4 slip", render_notice_a4, notice),
        ("80 mm slip", render_notice_80mm, notice),
        ("A4 receipt", render_receipt_a4, receipt),
    ):
        render(data)  # warm: font registration
        times = []
        for _ in range(runs):
            a = time.perf_counter()
            size = len(render(data))
            times.append(time.perf_counter() - a)
        print(
            f"   {name:<11} median {statistics.median(times) * 1000:5.1f} ms   "
            f"{fmt(times)}; {size / 1024:.0f} KB"
        )


def bench_appointments(months: int, runs: int) -> None:
    """Slot availability with months of bookings on file; check-in to a printed ticket."""
    from sqlalchemy import insert

    from hall_app.domain.idnumber import check_char
    from hall_app.printing.ticket import TicketSlip, render_ticket
    from hall_app.services.context import FakeClock
    from hall_app.store.models import Appointment, Category, ServiceItem

    print(f"== 6. appointments: {months} months of bookings on file (SQLite)")
    folder = Path(tempfile.mkdtemp())
    shanghai = dt.timezone(dt.timedelta(hours=8))
    clock = FakeClock(dt.datetime(2026, 11, 25, 8, 0, tzinfo=shanghai))
    hall = open_hall(
        Config(db_url=f"sqlite:///{folder / 'appt.sqlite3'}", terminal="bench"), clock=clock
    )
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    from sqlalchemy import select

    with hall.db.read() as s:
        items = [(i.id, i.category_id, i.code) for i in s.scalars(select(ServiceItem))]
        s.scalars(select(Category)).all()
    rows, n = [], 0
    start = dt.date(2026, 11, 25) - dt.timedelta(days=30 * months)
    day = start
    while day < dt.date(2026, 11, 25) + dt.timedelta(days=7):
        if day.weekday() < 5:
            for slot_index in range(15):
                for k in range(6):
                    n += 1
                    item_id, category_id, _code = items[(n + k) % len(items)]
                    first17 = f"1101051980{(n % 12) + 1:02d}01{n % 1000:03d}"
                    minute = 8 * 60 + 30 + slot_index * 30 + (90 if slot_index >= 7 else 0)
                    rows.append(
                        dict(
                            code=f"B{n:07d}",
                            name="市民",
                            id_number=first17 + check_char(first17),
                            phone=f"139{n % 10**8:08d}",
                            item_id=item_id,
                            category_id=category_id,
                            day=day,
                            slot_start=f"{minute // 60:02d}:{minute % 60:02d}",
                            slot_end=f"{(minute + 30) // 60:02d}:{(minute + 30) % 60:02d}",
                            state="no_show" if day < dt.date(2026, 11, 25) else "booked",
                            source="online",
                            created_at=clock.now,
                        )
                    )
        day += dt.timedelta(days=1)
    with hall.db.write() as s:
        for i in range(0, len(rows), 20000):
            s.execute(insert(Appointment), rows[i : i + 20000])
    print(f"   {len(rows):,} bookings on file")
    code = items[0][2]
    times = []
    for _ in range(runs):
        a = time.perf_counter()
        hall.appointments.slots(code, dt.date(2026, 11, 26))
        times.append(time.perf_counter() - a)
    print(
        f"   slot availability for a date   median {statistics.median(times) * 1000:5.1f} ms   {fmt(times)}"
    )
    reception = hall.auth.login("2001", "demo2001")
    people = []
    for k in range(runs):
        first17 = f"1101051975{(k % 12) + 1:02d}15{k % 1000:03d}"
        person = first17 + check_char(first17)
        booking = hall.appointments.book(
            reception,
            name=f"签到{k}",
            id_number=person,
            phone=f"137{k:08d}",
            code=code,
            day=dt.date(2026, 11, 26),
            slot=("09:30", "10:00")[k % 2],
        )
        people.append(booking.code)
    clock.now = dt.datetime(2026, 11, 26, 9, 31, tzinfo=shanghai)
    times = []
    for booking_code in people:
        a = time.perf_counter()
        result = hall.appointments.check_in(reception, booking_code)
        render_ticket(TicketSlip.from_issued(result.issued))
        times.append(time.perf_counter() - a)
    print(
        f"   check-in to printed ticket PDF  median {statistics.median(times) * 1000:5.1f} ms   {fmt(times)}"
    )
    hall.close()


def bench_wait_accuracy(seed: int = 7) -> None:
    """Replay a morning of one lane through the real services on a simulated clock and compare
    each ticket's estimated wait with the wait it really had (mean absolute error): the figure
    printed on the ticket, and the figure the calling board showed for the lane just before
    the ticket was taken (both are the hall's one estimate, domain/waits.py)."""
    import random

    from sqlalchemy import select

    from hall_app.services.context import FakeClock
    from hall_app.store.models import Staff

    print("== 7. estimated wait: accuracy over a replayed morning (lane C, 3 windows)")
    rng = random.Random(seed)
    shanghai = dt.timezone(dt.timedelta(hours=8))
    clock = FakeClock(dt.datetime(2026, 11, 25, 8, 30, tzinfo=shanghai))
    folder = Path(tempfile.mkdtemp())
    hall = open_hall(
        Config(db_url=f"sqlite:///{folder / 'wait.sqlite3'}", terminal="bench"), clock=clock
    )
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    status = hall.queues.status()
    windows = [w.number for w in status.windows if w.categories and w.categories[0] == "C"][:3]
    with hall.db.read() as s:
        staff = {w: n for w, n in s.execute(select(Staff.default_window, Staff.staff_no))}
    clerks = {w: hall.auth.login(staff[w], f"demo{staff[w]}", w) for w in windows}
    reception = hall.auth.login("2001", "demo2001")
    item = next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == "C")
    avg = next(lane.avg_service_minutes for lane in status.lanes if lane.code == "C")
    end = clock.now + dt.timedelta(hours=3)
    next_arrival = clock.now
    issued: dict[str, tuple[dt.datetime, int]] = {}
    busy: dict[int, dt.datetime | None] = {w: None for w in windows}
    errors, waits, naive_errors, board_errors = [], [], [], []
    naive: dict[str, float] = {}
    board_said: dict[str, int | None] = {}
    agreed = 0
    while True:
        now = clock.now
        while now < end and next_arrival <= now:
            line = next((x for x in hall.board.snapshot(None).lanes if x.prefix == "C"), None)
            ticket = hall.tickets.issue(reception, item_code=item)
            issued[ticket.ticket.number] = (now, ticket.estimated_minutes or 0)
            board_said[ticket.ticket.number] = line.estimated_minutes if line else None
            naive[ticket.ticket.number] = ticket.people_ahead * avg / len(windows)
            next_arrival += dt.timedelta(minutes=rng.expovariate(1 / 3.2))
        for w in windows:
            if busy[w] is not None and busy[w] <= now:
                hall.tickets.finish(clerks[w], w)
                busy[w] = None
            if busy[w] is None:
                called = hall.tickets.call_next(clerks[w], w)
                if called is not None:
                    hall.tickets.start(clerks[w], w)
                    at, estimate = issued[called.number]
                    real = (now - at).total_seconds() / 60
                    waits.append(real)
                    errors.append(abs(estimate - real))
                    board_errors.append(abs((board_said[called.number] or 0) - real))
                    agreed += board_said[called.number] == estimate
                    naive_errors.append(abs(naive[called.number] - real))
                    service = min(30.0, max(2.0, rng.gauss(avg, avg / 3)))
                    busy[w] = now + dt.timedelta(minutes=service)
        if clock.now >= end and not any(busy.values()):
            break
        clock.advance(seconds=30)
    print(
        f"   {len(waits)} tickets, mean real wait {statistics.mean(waits):.1f} min, "
        f"max {max(waits):.1f} min"
    )
    print(
        f"   printed ticket's estimate MAE {statistics.mean(errors):.2f} min "
        f"(median {statistics.median(errors):.1f} min)"
    )
    print(
        f"   calling board's figure MAE {statistics.mean(board_errors):.2f} min; "
        f"same figure as the ticket for {agreed}/{len(errors)} tickets"
    )
    print(
        f"   (a naive people-ahead × catalog average ÷ windows: MAE "
        f"{statistics.mean(naive_errors):.2f} min)"
    )
    hall.close()


def bench_recommendation(runs: int = 50) -> None:
    """A tidal recommendation for 40 windows and 10 categories (pure domain)."""
    import random

    from hall_app.domain.tidal import LaneLoad, WindowState, recommend

    print("== 8. tidal recommendation: 40 windows, 10 categories")
    rng = random.Random(3)
    codes = [chr(ord("A") + i) for i in range(10)]
    lanes = [
        LaneLoad(c, f"类别{c}", rng.randint(0, 40), rng.uniform(0.05, 0.8), rng.uniform(6, 20))
        for c in codes
    ]
    windows = [
        WindowState(
            n,
            (codes[n % 10], codes[(n + 3) % 10]),
            frozenset(rng.sample(codes, 3)) | {codes[n % 10]},
        )
        for n in range(1, 41)
    ]
    times = []
    for _ in range(runs):
        a = time.perf_counter()
        proposals = recommend(lanes, windows)
        times.append(time.perf_counter() - a)
    print(
        f"   median {statistics.median(times) * 1000:5.1f} ms   {fmt(times)}; "
        f"{len(proposals)} proposals"
    )


def bench_simulator() -> None:
    from hall_app.services.simulator import simulate

    print("== 9. day simulator, Monday profile (seed 1): static, tidal, tidal-staffing")
    print("   (more in benchmarks/simulator.py: speed, seeds 1-5, the pre-holiday day, warnings)")
    profile = paths.resources_dir() / "arrivals" / "monday_peak.csv"
    results = {p: simulate(profile, p, seed=1) for p in ("static", "tidal", "tidal-staffing")}
    for policy, r in results.items():
        o = r["overall"]
        print(
            f"   {policy:<14} mean {o['mean']:5.1f}  p95 {o['p95']:5.1f}  max {o['max']:5.1f} min;"
            f"  switches {r['switches']}; staff-hours {r['staff_hours']}"
        )
    for policy in ("tidal", "tidal-staffing"):
        cut = 1 - results[policy]["overall"]["p95"] / results["static"]["overall"]["p95"]
        print(f"   {policy}: overall p95 cut by {cut:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--pg",
        default=os.environ.get("HALL_BENCH_PG_URL", ""),
        help="admin URL of a PostgreSQL server (skip the PostgreSQL part if empty)",
    )
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    args = parser.parse_args()
    print(f"hall_app benchmarks on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    bench_startup(3 if args.quick else 7)
    bench_sqlite(20_000 if args.quick else 200_000, 300 if args.quick else 3000)
    if args.pg:
        bench_postgres(args.pg, 20, 20 if args.quick else 100, think=0.5)
        bench_postgres(args.pg, 20, 20 if args.quick else 50, think=0.0)
    else:
        print("== 3. PostgreSQL skipped (no --pg URL)")
    bench_pdf(20 if args.quick else 100)
    bench_documents(20 if args.quick else 50)
    bench_appointments(1 if args.quick else 6, 10 if args.quick else 24)
    bench_wait_accuracy()
    bench_recommendation()
    bench_simulator()
    from propagation import bench_propagation  # benchmarks/propagation.py

    bench_propagation()
    from takeover import bench_takeover  # benchmarks/takeover.py: the GUI's own poll

    bench_takeover(5 if args.quick else 10)


if __name__ == "__main__":
    main()
