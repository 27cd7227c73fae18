"""Issue 16, item 1: every ``hall-app`` command that changes data or shows personal data logs
its actor in (cli_auth.ACCESS), on SQLite and PostgreSQL. Commands run in this process
through ``cli.main``, exactly as the console script runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from hall_app import paths
from hall_app.cli import build_parser
from hall_app.cli_auth import (
    ACCESS,
    BOOTSTRAP,
    DEVICE,
    EXEMPT,
    EXEMPT_REASONS,
    SystemJob,
    leaf_parsers,
    needs_login,
)
from hall_app.config import Config
from hall_app.domain.roles import Permission, Role, allowed
from hall_app.services.hall import open_hall
from hall_app.store import models as m
from hall_app.store.base import Base
from tests.cli_login import ADMIN, CLERK, RECEPTION, SUPERVISOR, run_cli
from tests.conftest import DATA, login
from tests.test_appointments import person

# ---------------------------------------------------------------- the table


def test_every_command_has_exactly_one_row() -> None:
    """A new subcommand without a row in the access table fails here."""
    leaves = set(leaf_parsers(build_parser()))
    variants = {p for p in ACCESS if p[-1].startswith("--")}
    assert leaves == set(ACCESS) - variants
    assert {p[:-1] for p in variants} <= leaves
    assert set(EXEMPT_REASONS) == {p for p, rule in ACCESS.items() if rule is EXEMPT}
    # the issue's lists: exempt, device and bootstrap
    assert ACCESS[("db", "upgrade")] is EXEMPT and ACCESS[("demo", "seed")] is EXEMPT
    assert ACCESS[("catalog", "import")] is BOOTSTRAP
    for device in (("catalog", "check"), ("simulate",), ("queue", "status"), ("board",)):
        assert ACCESS[device] is DEVICE
    assert ACCESS[("hall", "close", "--if-due")] == SystemJob(
        "close_if_due", (Permission.CLOSE_HALL,)
    )


def test_the_operators_page_lists_every_row() -> None:
    text = (Path(__file__).parents[1] / "docs" / "cli-auth.md").read_text(encoding="utf-8")
    for path in ACCESS:
        assert f"| `hall-app {' '.join(path)}` |" in text, path


def test_every_command_that_logs_in_takes_staff() -> None:
    for path, leaf in leaf_parsers(build_parser()).items():
        assert ("--staff" in leaf._option_string_actions) == needs_login(ACCESS[path]), path


def test_the_rows_of_the_issue_and_who_holds_them() -> None:
    assert ACCESS[("cases", "list")] is Permission.VIEW_PERSONAL
    assert ACCESS[("appointments", "import")] is Permission.IMPORT_BOOKINGS
    for command in ("set", "unset", "complete"):
        assert ACCESS[("calendar", command)] is Permission.EDIT_CALENDAR
    assert allowed(Role.SERVICE, Permission.IMPORT_BOOKINGS)
    assert not allowed(Role.SERVICE, Permission.EDIT_CALENDAR)
    assert all(allowed(Role.ADMIN, p) for p in ACCESS.values() if isinstance(p, Permission))


# ---------------------------------------------------------------- helpers


def _snapshot(url: str) -> dict[str, list[str]]:
    """Every row of every table but the audit trail (and the failed-login counter a wrong
    password rightly moves)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            out = {}
            for table in Base.metadata.sorted_tables:
                if table.name.startswith("audit_"):  # the trail, its chain head and anchors
                    continue
                columns = [
                    c
                    for c in table.columns
                    if not (table.name == "staff" and c.name in ("failed_logins", "locked_until"))
                ]
                out[table.name] = sorted(repr(tuple(r)) for r in conn.execute(select(*columns)))
            return out
    finally:
        engine.dispose()


def _audit(url: str, after: int = 0) -> list[Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(
                conn.execute(
                    select(m.AuditEntry).where(m.AuditEntry.id > after).order_by(m.AuditEntry.id)
                )
            )
    finally:
        engine.dispose()


def _last_audit_id(url: str) -> int:
    rows = _audit(url)
    return rows[-1].id if rows else 0


def _staff_id(url: str, staff_no: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(select(m.Staff.id).where(m.Staff.staff_no == staff_no))
    finally:
        engine.dispose()


def _bookings_file(url: str, folder: Path, item: str | None = None) -> Path:
    hall = open_hall(Config(db_url=url, terminal="pytest"), upgrade=False)  # the real clock
    try:
        code = item or next(e.code for e in hall.catalog.entries() if e.kind == "item")
        day = hall.appointments.bookable_days()[0]
    finally:
        hall.close()
    path = folder / "bookings.csv"
    path.write_text(
        "code,name,id_number,phone,item_code,date,slot\n"
        f"WX0001,张三,{person(11)},13900000011,{code},{day},09:00\n",
        encoding="utf-8",
    )
    return path


#: the issue's defects: commands that ran with no login, as a clerk, with a wrong password
DEFECTS = {
    "catalog import": ("catalog", "import", str(DATA / "mini_hall.yaml")),
    "calendar set": ("calendar", "set", "2027-01-01", "holiday", "--name", "元旦"),
    "calendar unset": ("calendar", "unset", "2027-01-01"),
    "calendar complete": ("calendar", "complete", "2027"),
    "appointments import": ("appointments", "import", "{bookings}"),
}
LOGINS = {  # how: (staff, password, the reason audited)
    "no login": ("", None, "missing_login"),
    "as a clerk": (CLERK, None, "permission"),
    "wrong password": (ADMIN, "demo9002", "login_refused"),
    "unknown staff": ("7777", "demo7777", "login_refused"),
}


# ---------------------------------------------------------------- refused


@pytest.mark.parametrize("how", LOGINS)
def test_the_issues_commands_are_refused_audited_and_change_nothing(
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    how: str,
) -> None:
    staff, password, reason = LOGINS[how]
    bookings = str(_bookings_file(db_url, tmp_path))
    for name, argv in DEFECTS.items():
        argv = tuple(bookings if a == "{bookings}" else a for a in argv)
        before, last = _snapshot(db_url), _last_audit_id(db_url)
        result = run_cli(monkeypatch, capsys, *argv, url=db_url, staff=staff, password=password)
        assert result.code == 1, (name, result.err)
        assert result.err.startswith("错误：") and "Traceback" not in result.err
        assert _snapshot(db_url) == before, name  # nothing changed
        refused = [r for r in _audit(db_url, last) if r.action == "command_refused"]
        assert len(refused) == 1, name
        detail = json.loads(refused[0].detail)
        assert detail["command"] == name and detail["reason"] == reason
        assert detail.get("staff_no", "") == staff
        if password:
            assert password not in refused[0].detail
        if how == "as a clerk":  # a known person: the entry carries who
            assert refused[0].staff_id == _staff_id(db_url, CLERK)
            rule = ACCESS[tuple(name.split())]
            needed = Permission.IMPORT_CATALOG if rule is BOOTSTRAP else rule
            assert detail["permission"] == needed
            assert "窗口人员无权执行" in result.err
        elif how == "no login":
            assert "--staff" in result.err and "HALL_STAFF" in result.err
        else:  # the same words for an unknown number and a wrong password
            assert "工号或密码不正确" in result.err


def test_cases_list_without_a_login_shows_nobody(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    last = _last_audit_id(db_url)
    result = run_cli(monkeypatch, capsys, "cases", "list", "--json", url=db_url)
    assert result.code == 1 and "--staff" in result.err
    assert json.loads(result.out)["kind"] == "Refused"
    [entry] = [r for r in _audit(db_url, last) if r.action == "command_refused"]
    assert json.loads(entry.detail)["command"] == "cases list"
    allowed_run = run_cli(monkeypatch, capsys, "cases", "list", "--json", url=db_url, staff=CLERK)
    assert allowed_run.code == 0, allowed_run.err
    assert json.loads(allowed_run.out) == []


#: an invocation of each command that logs in (valid arguments; the login fails first)
SAMPLES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("catalog", "import"): (str(DATA / "mini_hall.yaml"),),
    ("ticket", "issue"): ("--category", "A"),
    **{
        ("ticket", a): ("--window", "1")
        for a in ("call", "recall", "start", "finish", "no-show", "undo-no-show")
    },
    ("ticket", "transfer"): ("--window", "1", "--to-category", "A"),
    ("ticket", "requeue"): ("A001",),
    ("ticket", "cancel"): ("A001",),
    ("calendar", "set"): ("2027-01-01", "holiday"),
    ("calendar", "unset"): ("2027-01-01",),
    ("calendar", "complete"): ("2027",),
    ("hall", "close"): (),
    ("appointments", "import"): (str(DATA / "mini_hall.yaml"),),
    ("appointments", "list"): (),
    ("appointments", "check-in"): ("WX0001",),
    ("appointments", "lift-ban"): (person(11), "--reason", "误判"),
    ("tidal", "plans"): (),
    ("tidal", "schedule"): (
        "--weekday",
        "0",
        "--start",
        "08:30",
        "--end",
        "11:30",
        "--windows",
        "5",
        "--categories",
        "C",
        "--reason",
        "早高峰",
    ),
    ("tidal", "rule"): ("--category", "A", "--minutes", "30", "--windows", "5"),
    ("tidal", "remedy", "apply"): (
        *("--lane", "B", "--kind", "booking_first", "--from", "10:30"),
        *("--figures", '{"limit_minutes": 60}', "--reason", "限号"),
    ),
    ("tidal", "remedy", "list"): (),
    ("tidal", "staffing"): (),
    ("tidal", "remedy", "lift"): ("1",),
    ("rota", "show"): (),
    ("rota", "import"): ("rota.csv",),
    ("rota", "export"): ("rota.csv",),
    ("cases", "list"): (),
    ("fallback", "prepare"): (),
    ("fallback", "reconcile"): (),
    ("fallback", "conflicts"): (),
    ("fallback", "resolve"): ("K1", "--outcome", "online", "--reason", "核对"),
    ("incident", "declare"): ("--cause", "网络中断"),
    ("incident", "kit"): ("--pdf", "kit.pdf"),
    ("incident", "ledger"): (),
    ("incident", "close"): ("--review", "已恢复"),
    ("audit", "verify"): (),
    ("audit", "list"): (),
    ("audit", "export"): ("--out", "audit.csv"),
}


def test_every_command_that_logs_in_refuses_without_a_login(
    sqlite_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Enumerated from the table: a row that needs a login and has no sample fails here."""
    assert set(SAMPLES) == {p for p, rule in ACCESS.items() if needs_login(rule)}
    monkeypatch.chdir(tmp_path)
    before = _snapshot(sqlite_url)
    for path, extra in SAMPLES.items():
        last = _last_audit_id(sqlite_url)
        result = run_cli(monkeypatch, capsys, *path, *extra, url=sqlite_url)
        assert result.code == 1, (path, result.err)
        [entry] = [r for r in _audit(sqlite_url, last) if r.action == "command_refused"]
        assert json.loads(entry.detail) == {
            "system": "command_guard",
            "command": " ".join(path),
            "reason": "missing_login",
        }
    assert _snapshot(sqlite_url) == before
    assert not (tmp_path / "kit.pdf").exists()


# ---------------------------------------------------------------- allowed


def test_with_the_right_role_they_run_and_the_audit_names_the_staff(
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    last = _last_audit_id(db_url)
    for argv in (
        DEFECTS["calendar set"],
        DEFECTS["calendar complete"],
        DEFECTS["calendar unset"],
        ("catalog", "import", str(paths.demo_catalog())),
    ):
        result = run_cli(monkeypatch, capsys, *argv, url=db_url, staff=ADMIN)
        assert result.code == 0, (argv, result.err)
    entries = [r for r in _audit(db_url, last) if r.action != "login"]
    assert [r.action for r in entries] == [
        "calendar_set",
        "calendar_year",
        "calendar_unset",
        "catalog_import",
    ]
    assert {r.staff_id for r in entries} == {_staff_id(db_url, ADMIN)}
    # the cron job's --if-due runs without a login as the system actor close_if_due
    hall = open_hall(Config(db_url=db_url, terminal="pytest"), upgrade=False)  # the real clock
    try:
        hall.settings.set(login(hall, ADMIN), "hall.closing_time", "00:00")  # due from now on
    finally:
        hall.close()
    for _ in range(2):
        assert (
            run_cli(
                monkeypatch,
                capsys,
                "ticket",
                "issue",
                "--category",
                "A",
                url=db_url,
                staff=RECEPTION,
            ).code
            == 0
        )
    last = _last_audit_id(db_url)
    due = run_cli(monkeypatch, capsys, "hall", "close", "--if-due", "--json", url=db_url)
    assert due.code == 0, due.err
    assert len(json.loads(due.out)["closed"]) == 2
    closed = [r for r in _audit(db_url, last) if r.action == "close"]
    assert len(closed) == 2 and {r.staff_id for r in closed} == {None}
    assert {json.loads(r.detail)["system"] for r in closed} == {"close_if_due"}
    # without --if-due it is a supervisor's command
    assert run_cli(monkeypatch, capsys, "hall", "close", url=db_url, staff=CLERK).code == 1
    assert run_cli(monkeypatch, capsys, "hall", "close", url=db_url, staff=SUPERVISOR).code == 0


def _with_service_account(folder: Path) -> Path:
    text = (DATA / "mini_hall.yaml").read_text(encoding="utf-8")
    service = '  - {staff_no: "8001", name: 预约导入, role: service, password: demo8001}\n'
    text = text.replace("staff:\n", "staff:\n" + service, 1)
    path = folder / "hall.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bootstrap_then_a_login_and_the_scheduled_import_as_a_service_account(
    empty_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    catalog = _with_service_account(tmp_path)
    assert run_cli(monkeypatch, capsys, "catalog", "check", str(catalog), url=empty_url).code == 0
    assert run_cli(monkeypatch, capsys, "db", "upgrade", url=empty_url).code == 0
    # no staff yet: the first import needs no login and is audited as the bootstrap
    first = run_cli(monkeypatch, capsys, "catalog", "import", str(catalog), url=empty_url)
    assert first.code == 0, first.err
    [entry] = [r for r in _audit(empty_url) if r.action == "catalog_import"]
    assert entry.staff_id is None
    assert json.loads(entry.detail)["system"] == "catalog_bootstrap"
    # now there is staff: a login is needed
    again = run_cli(monkeypatch, capsys, "catalog", "import", str(catalog), url=empty_url)
    assert again.code == 1 and "--staff" in again.err
    assert (
        run_cli(
            monkeypatch, capsys, "catalog", "import", str(catalog), url=empty_url, staff="8001"
        ).code
        == 1
    )  # the service account imports bookings only
    # the scheduled bookings import, as the service account
    last = _last_audit_id(empty_url)
    bookings = _bookings_file(empty_url, tmp_path, item="A-1")
    done = run_cli(
        monkeypatch,
        capsys,
        "appointments",
        "import",
        str(bookings),
        "--json",
        url=empty_url,
        staff="8001",
    )
    assert done.code == 0, done.err + done.out
    assert json.loads(done.out)["imported"] == 1
    [booked] = [r for r in _audit(empty_url, last) if r.action == "appointment_book"]
    assert booked.staff_id == _staff_id(empty_url, "8001")
    # the list shows who booked (masked): a clerk may, the service account may not
    day = next(line.split(",")[5] for line in bookings.read_text(encoding="utf-8").splitlines()[1:])
    listed = run_cli(
        monkeypatch, capsys, "appointments", "list", day, "--json", url=empty_url, staff=CLERK
    )
    assert listed.code == 0, listed.err
    assert [a["name"] for a in json.loads(listed.out)] == ["张*"] and "张三" not in listed.out
    assert (
        run_cli(monkeypatch, capsys, "appointments", "list", day, url=empty_url, staff="8001").code
        == 1
    )


# ---------------------------------------------------------------- the password prompt


def _on_a_terminal(argv: list[str], env: dict[str, str], answer: bytes) -> tuple[int, str]:
    """Run ``hall-app argv`` with a pseudo-terminal as its terminal; type ``answer`` once the
    password prompt shows. Returns the exit code and everything the terminal showed."""
    import os
    import pty
    import select
    import sys

    pid, fd = pty.fork()
    if pid == 0:  # the child: exec at once (nothing else runs after a fork)
        os.execvpe(sys.executable, [sys.executable, "-m", "hall_app", *argv], env)
    shown, answered = b"", False
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 120)  # a hang guard, not a measurement
            assert ready, shown.decode(errors="replace")
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal (Linux: EIO)
                break
            if not chunk:
                break
            shown += chunk
            if not answered and "密码：".encode() in shown:
                os.write(fd, answer)
                answered = True
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


def test_staff_and_a_password_typed_at_the_prompt(sqlite_url: str) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("HALL_STAFF", "HALL_PASSWORD")}
    env["HALL_DB_URL"] = sqlite_url
    argv = ["calendar", "set", "2027-01-01", "holiday", "--staff", ADMIN]
    code, shown = _on_a_terminal(argv, env, b"demo9001\n")
    assert code == 0, shown
    assert f"工号 {ADMIN} 的密码：" in shown and "已登记 2027-01-01" in shown
    assert "demo9001" not in shown  # not echoed
    code, shown = _on_a_terminal(argv, env, b"demo9002\n")
    assert code == 1 and "工号或密码不正确" in shown
    assert "demo9002" not in shown
    entries = [r for r in _audit(sqlite_url) if r.action in ("calendar_set", "command_refused")]
    assert [(r.action, r.staff_id) for r in entries] == [
        ("calendar_set", _staff_id(sqlite_url, ADMIN)),
        ("command_refused", None),
    ]


def test_without_a_terminal_the_password_must_be_in_the_environment(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ("calendar", "unset", "2027-01-01", "--staff", ADMIN)
    last = _last_audit_id(sqlite_url)
    result = run_cli(monkeypatch, capsys, *argv, url=sqlite_url)
    assert result.code == 1 and "HALL_PASSWORD" in result.err
    [entry] = _audit(sqlite_url, last)
    assert json.loads(entry.detail)["reason"] == "missing_password"


def test_an_id_number_typed_as_the_staff_number_is_not_kept_in_the_audit(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = person(11)
    last = _last_audit_id(sqlite_url)
    result = run_cli(monkeypatch, capsys, "cases", "list", url=sqlite_url, staff=typed)
    assert result.code == 1 and typed not in result.err
    entries = _audit(sqlite_url, last)
    assert entries and all(typed not in r.detail for r in entries)
    [refused] = [r for r in entries if r.action == "command_refused"]
    assert json.loads(refused.detail)["staff_no"] == typed[:6] + "*" * 8 + typed[-4:]


def test_a_command_without_a_row_is_refused_even_to_an_admin(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Default deny: a subcommand added without a row (merged from another branch, say)
    does not run; the enumeration test above names it."""
    import hall_app.cli_auth as cli_auth

    monkeypatch.delitem(cli_auth.ACCESS, ("cases", "list"))
    last = _last_audit_id(sqlite_url)
    result = run_cli(monkeypatch, capsys, "cases", "list", url=sqlite_url, staff=ADMIN)
    assert result.code == 1 and "未登记访问权限" in result.err
    [entry] = _audit(sqlite_url, last)
    assert json.loads(entry.detail)["reason"] == "no_rule"
