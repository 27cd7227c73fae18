"""Issue 16, item 2: one permission model in the services, on SQLite and PostgreSQL.

(a) every public method of every service class checks a named permission on entry or is on
the documented list of methods that check none (docs/permissions.md); (b) every guarded
method driven as each role is allowed or refused exactly as the grants table says, and each
refusal leaves one ``denied`` audit entry and nothing else; (c) the defects of the issue: a
clerk importing bookings, booking and cancelling anyone's booking, pausing and extending
another window's case, calling a lane he is not qualified for; no missing actor; the hall's
``roles.grants`` adjustments, which cannot take anything from the administrator.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import json
import pkgutil
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select

import hall_app.services as services_package
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.followups import InquiryInput, Outcome
from hall_app.domain.materials import Check, Mark
from hall_app.domain.roles import Denied, Permission, Role, effective, grants, parse_grants
from hall_app.services.context import Actor
from hall_app.services.documents import Applicant
from hall_app.services.guard import MARK
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.actors import ROLES, actor_for
from tests.conftest import login

DOC = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"
FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可, lane F
DEED_TAX = "11500231MB1962514X4000123001000"  # 契税申报, lane E (税务)
APPLICANT = Applicant("垫江县好味道餐饮有限公司", "居民身份证", "11010519491231002X", "13912345678")


# ---------------------------------------------------------------- (a) enumeration


def _service_classes() -> Iterator[type]:
    """Every class of ``hall_app.services`` that works on a ServiceContext (services, desks,
    their mixins), but not the composition (``Hall``)."""
    for info in pkgutil.iter_modules(services_package.__path__):
        module = importlib.import_module(f"hall_app.services.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or cls is Hall:
                continue
            annotations: dict[str, Any] = {}
            for base in cls.__mro__:
                annotations.update(getattr(base, "__annotations__", {}))
            init = inspect.signature(cls.__init__).parameters
            if "ctx" in init or "ctx" in annotations:
                yield cls


def _public_methods() -> dict[str, Callable[..., Any]]:
    found = {}
    for cls in _service_classes():
        for name, fn in inspect.getmembers(cls, inspect.isfunction):
            if not name.startswith("_") and fn.__module__.startswith("hall_app.services"):
                found[fn.__qualname__] = fn
    return found


def _documented() -> set[str]:
    """The methods docs/permissions.md lists as checking no permission on entry."""
    text = DOC.read_text(encoding="utf-8")
    listed = text[text.index("`guarded()` with no permission") :]
    return set(re.findall(r"^- `(\w+\.\w+)`", listed, re.M))


def test_every_public_service_method_checks_a_permission_or_is_documented() -> None:
    methods = _public_methods()
    documented = _documented()
    assert len(methods) > 150  # the enumeration sees the services, not an empty module
    unchecked = sorted(
        q for q, fn in methods.items() if not getattr(fn, MARK, ()) and q not in documented
    )
    assert unchecked == [], "neither guarded nor on docs/permissions.md's lists"
    guarded_and_listed = sorted(q for q in documented if getattr(methods.get(q), MARK, ()))
    assert guarded_and_listed == [], "guarded: remove from the lists"
    assert sorted(documented - set(methods)) == [], "listed but not a service method"
    text = DOC.read_text(encoding="utf-8")
    inside = text[text.index("### Inside a guarded method's work") :]
    inside = inside.split("\n#", 1)[0]
    helpers = set(re.findall(r"^- `(\w+\.\w+)`", inside, re.M))
    acting = sorted(
        q
        for q, fn in methods.items()
        if "actor" in inspect.signature(fn).parameters
        and not hasattr(fn, MARK)
        and q not in helpers
    )
    assert acting == [], "a method that acts for someone declares its permission"


def test_the_documented_table_is_the_grants_table() -> None:
    rows = re.findall(r"^\| `(\w+)` \| [^|]+ \|(.*)\|$", DOC.read_text(encoding="utf-8"), re.M)
    table = {
        Permission(name): [c.strip() == "✓" for c in cells.split("|")]
        for name, cells in rows
        if name in Permission._value2member_map_
    }
    assert set(table) == set(Permission)
    for permission, marks in table.items():
        assert marks == [permission in grants(role) for role in ROLES], permission


# ---------------------------------------------------------------- (b) the matrix

SERVICES = (
    "tickets",
    "documents",
    "fallback",
    "desk",
    "terminals",
    "auth",
    "settings",
    "calendar",
    "catalog",
    "appointments",
    "followups",
    "tidal",
    "remedies",
    "rota",
    "closing",
    "board",
    "print_jobs",
    "bookings",
    "queues",
    "audit",
)


def _guarded(hall: Hall) -> Iterator[tuple[str, Callable[..., Any], tuple[Permission, ...], bool]]:
    for attribute in SERVICES:
        service = getattr(hall, attribute)
        for name, fn in inspect.getmembers(type(service), inspect.isfunction):
            permissions = getattr(fn, MARK, ())
            if permissions and not name.startswith("_"):
                yield (
                    f"{attribute}.{name}",
                    getattr(service, name),
                    permissions,
                    bool(getattr(fn, "__any_of__", False)),
                )


def _dummy(hall: Hall, actor: Actor, name: str, annotation: str, tmp: Path) -> Any:
    """A value of the right type (the gate is checked before the body looks at it)."""
    if name == "actor":
        return actor
    if "Journal" in annotation:
        return hall.journal
    if name.startswith("window") and "int" in annotation:
        return actor.window_number or 1
    for key, value in (
        ("dt.datetime", hall.ctx.now()),
        ("dt.date", hall.ctx.today()),
        ("Path", tmp / "missing.file"),
        ("bool", False),
        ("int", 1),
        ("list", []),
        ("Iterable", []),
        ("str", "X1"),
    ):
        if annotation.startswith(key):
            return value
    return None


def _call(hall: Hall, method: Callable[..., Any], actor: Actor, tmp: Path) -> BaseException | None:
    kwargs = {}
    for p in inspect.signature(method).parameters.values():
        if p.default is inspect.Parameter.empty or p.name == "actor":
            kwargs[p.name] = _dummy(hall, actor, p.name, str(p.annotation), tmp)
    try:
        method(**kwargs)
    except Exception as exc:  # the body refusing dummy values is fine: the gate was passed
        return exc
    return None


def _last_audit(hall: Hall) -> int:
    with hall.ctx.db.read() as s:
        return int(s.scalar(select(func.max(m.AuditEntry.id))) or 0)


def _actions_since(hall: Hall, last: int) -> list[str]:
    with hall.ctx.db.read() as s:
        return list(s.scalars(select(m.AuditEntry.action).where(m.AuditEntry.id > last)))


#: what a refusal may record beside its ``denied`` entry (the catalog file's hash)
REFUSAL_RECORDS = {"catalog_import_refused"}


def _last_denied(hall: Hall) -> tuple[int | None, dict[str, str]]:
    with hall.ctx.db.read() as s:
        row = s.execute(
            select(m.AuditEntry.staff_id, m.AuditEntry.detail)
            .where(m.AuditEntry.action == "denied")
            .order_by(m.AuditEntry.id.desc())
            .limit(1)
        ).one()
    return row.staff_id, json.loads(row.detail)


@pytest.mark.parametrize("role", ROLES, ids=[r.value for r in ROLES])
def test_each_guarded_method_as_each_role_follows_the_grants(
    hall: Hall, role: Role, tmp_path: Path
) -> None:
    actor = actor_for(hall, role)
    held = actor.permissions
    assert held == effective(role)
    checked = refused = 0
    for name, method, permissions, any_of in _guarded(hall):
        allowed = (
            any(p in held for p in permissions) if any_of else all(p in held for p in permissions)
        )
        before = _last_audit(hall)
        outcome = _call(hall, method, actor, tmp_path)
        gate = isinstance(outcome, Denied) and outcome.permission in permissions
        checked += 1
        if allowed:
            assert not gate, f"{name} refused {role.value}: {outcome}"
            continue
        refused += 1
        assert gate, f"{name} let {role.value} in: {outcome!r}"
        assert "无权执行" in str(outcome)
        if name.startswith("desk."):
            continue  # offline: the refusal goes to the log, the audit table is not there
        written = _actions_since(hall, before)
        assert written.count("denied") == 1, f"{name}: {written}"
        assert set(written) <= {"denied", *REFUSAL_RECORDS}, f"{name} wrote {written}"
        staff, detail = _last_denied(hall)
        assert staff == actor.staff_id
        assert detail["attempted"] == name.split(".")[1]
        assert Permission(detail["permission"]) in permissions
    assert checked > 80
    assert (refused == 0) == (role is Role.ADMIN)


def test_a_system_job_holds_exactly_the_permissions_it_is_given(hall: Hall) -> None:
    job = Actor.system("pytest", hall.ctx.terminal, Permission.EDIT_CALENDAR)
    hall.calendar.set_day(job, dt.date(2027, 1, 1), "holiday", "元旦")
    with pytest.raises(Denied, match="系统自动任务无权执行「导入预约」"):
        hall.appointments.import_file(job, Path("missing.csv"))
    with hall.ctx.db.read() as s:
        details = [
            json.loads(d)
            for d in s.scalars(
                select(m.AuditEntry.detail).where(
                    m.AuditEntry.action.in_(("calendar_set", "denied"))
                )
            )
        ]
    assert [d["system"] for d in details] == ["pytest", "pytest"]


# ---------------------------------------------------------------- (c) the defects


def _denied_count(hall: Hall) -> int:
    with hall.ctx.db.read() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(m.AuditEntry)
                .where(m.AuditEntry.action == "denied")
            )
            or 0
        )


def test_a_clerk_cannot_import_book_or_cancel_bookings(hall: Hall, tmp_path: Path) -> None:
    clerk, reception = actor_for(hall, Role.CLERK), actor_for(hall, Role.RECEPTION)
    path = tmp_path / "bookings.csv"
    path.write_text("code,name,id,phone,item,day,slot\n", encoding="utf-8")
    with pytest.raises(Denied, match="窗口人员无权执行「导入预约」"):
        hall.appointments.import_file(clerk, path)
    day = hall.appointments.bookable_days()[0]
    code = next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == "C")
    booking = dict(
        name="市民甲",
        id_number="11010519491231002X",
        phone="13912345678",
        code=code,
        day=day,
        slot="09:00",
    )
    with pytest.raises(Denied, match="代办预约"):
        hall.appointments.book(clerk, **booking)  # type: ignore[arg-type]
    view = hall.appointments.book(reception, **booking)  # type: ignore[arg-type]
    with pytest.raises(Denied, match="代办预约"):
        hall.appointments.cancel(clerk, view.code)
    with pytest.raises(Denied, match="代办预约"):
        hall.appointments.rebook(clerk, view.code, day, "10:00")
    assert [a.state for a in hall.appointments.day_list(day) if a.code == view.code] == ["booked"]
    assert _denied_count(hall) == 4


def _checks(hall: Hall, code: str) -> tuple[Any, list[Check]]:
    plan = hall.documents.plan(item_code=code)
    checks = []
    for r in plan.requirements:
        c = Check(r)
        c.applies = not r.conditional
        if c.mark is Mark.PENDING:
            c.mark = Mark.RECEIVED
        checks.append(c)
    return plan, checks


def test_a_clerk_cannot_pause_or_extend_another_windows_case(hall: Hall) -> None:
    owner = login(hall, "1005", 5)  # qualified for F (企业开办): 食品经营许可
    plan, checks = _checks(hall, FOOD)
    case_no = hall.documents.accept(owner, plan, APPLICANT, checks).case_no  # type: ignore[arg-type]
    other = login(hall, "1023", 23)  # another window, also qualified for F
    with pytest.raises(Denied, match="代其他窗口操作"):
        hall.documents.pause(other, case_no, "送检", "检验检测")
    with pytest.raises(Denied, match="窗口人员无权执行「延长办理时限」"):
        hall.documents.extend(other, case_no, 1, "王局长", "需现场核查")
    with pytest.raises(Denied, match="延长办理时限"):
        hall.documents.extend(owner, case_no, 1, "王局长", "需现场核查")  # not even the owner
    assert _denied_count(hall) == 3
    hall.documents.pause(owner, case_no, "送检", "检验检测")  # the owner may
    hall.documents.resume(actor_for(hall, Role.SUPERVISOR), case_no)  # and the supervisor
    hall.documents.extend(actor_for(hall, Role.SUPERVISOR), case_no, 1, "王局长", "需现场核查")
    with hall.ctx.db.read() as s:
        case = s.scalars(select(m.ServiceCase).where(m.ServiceCase.case_no == case_no)).one()
        assert case.extension_days == 1
        assert len(list(s.scalars(select(m.CasePause).where(m.CasePause.case_id == case.id)))) == 1


def test_a_clerk_calls_only_the_lanes_he_is_qualified_for(hall: Hall) -> None:
    reception = actor_for(hall, Role.RECEPTION)
    deed = hall.tickets.issue(reception, item_code=DEED_TAX).ticket.number  # lane E
    # 1018 is qualified for B and A; window 16 serves B and E
    clerk = login(hall, "1018", 16)
    assert hall.tickets.call_next(clerk, 16) is None  # the 契税 ticket is not his to call
    assert hall.tickets.find(deed).state.value == "waiting"
    with pytest.raises(NotAllowed, match="不具备「税务」业务资质"):
        hall.tickets.transfer(reception, number=deed, to_window=16, reason="窗口空闲")
    with pytest.raises(NotAllowed, match="资质"):
        login(hall, "1001", 19)  # L, A, C, D: nothing of window 19 (E only)
    qualified = login(hall, "1016", 16)  # B and E: takes the window over and calls it
    called = hall.tickets.call_next(qualified, 16)
    assert called is not None and called.number == deed


def test_a_qualification_withdrawn_after_login_stops_the_next_call(hall: Hall) -> None:
    clerk = login(hall, "1016", 16)  # B and E at window 16 (B, E)
    with hall.ctx.db.write() as s:
        lane_e = s.scalar(select(m.Category.id).where(m.Category.code == "E"))
        s.execute(
            delete(m.StaffQualification).where(
                m.StaffQualification.staff_id == clerk.staff_id,
                m.StaffQualification.category_id == lane_e,
            )
        )
    hall.tickets.issue(actor_for(hall, Role.RECEPTION), item_code=DEED_TAX)
    assert hall.tickets.call_next(clerk, 16) is None


def test_no_service_takes_a_missing_actor(hall: Hall) -> None:
    with pytest.raises(TypeError, match="needs an Actor"):
        hall.tidal.reassign(None, [1], ["A"], "调整")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="needs an Actor"):
        hall.appointments.book(
            None,
            name="市民甲",
            id_number="11010519491231002X",  # type: ignore[arg-type]
            phone="13912345678",
            code=FOOD,
            day=hall.appointments.bookable_days()[0],
            slot="09:00",
        )
    with pytest.raises(TypeError, match="needs an Actor"):
        hall.calendar.set_day(None, dt.date(2027, 1, 1), "holiday")  # type: ignore[arg-type]


# ---------------------------------------------------------------- the hall's adjustments


def test_a_hall_adjusts_the_grants_in_its_settings(hall: Hall) -> None:
    admin = actor_for(hall, Role.ADMIN)
    hall.settings.set(admin, "roles.grants", "clerk:+lift_ban,-requeue")
    clerk = actor_for(hall, Role.CLERK)
    assert clerk.may(Permission.LIFT_BAN) and not clerk.may(Permission.REQUEUE)
    hall.appointments.lift_ban(clerk, "11010519491231002X", "因病未能到场，已提供证明")
    with pytest.raises(Denied, match="过号重排"):
        hall.tickets.requeue(clerk, "A001")
    with pytest.raises(InvalidInput, match="系统管理员的权限不能减少"):
        hall.settings.set(admin, "roles.grants", "admin:-requeue")
    assert hall.settings.get().grants == "clerk:+lift_ban,-requeue"


def test_the_grants_setting_is_parsed_in_the_domain() -> None:
    parsed = parse_grants("clerk:+lift_ban,-requeue;\nreception: +extend_case")
    assert parsed[Role.CLERK] == (frozenset({Permission.LIFT_BAN}), frozenset({Permission.REQUEUE}))
    assert effective(Role.RECEPTION, parsed) == grants(Role.RECEPTION) | {Permission.EXTEND_CASE}
    assert effective(Role.ADMIN, {Role.ADMIN: (frozenset(), frozenset(Permission))}) == set(
        Permission
    )
    for text, message in (
        ("nobody:+requeue", "没有名为“nobody”的角色"),
        ("clerk:+fly", "没有名为“fly”的权限"),
        ("clerk:requeue", "应写 \\+ 或 -"),
        ("clerk", "角色:\\+权限"),
        ("system:+requeue", "不能在设置中调整"),
        ("admin:-requeue", "系统管理员的权限不能减少"),
    ):
        with pytest.raises(InvalidInput, match=message):
            parse_grants(text)


def test_another_clerk_cannot_work_on_someone_elses_inquiry(hall: Hall) -> None:
    owner, other = login(hall, "1001", 1), login(hall, "1002", 2)
    number = hall.followups.log_inquiry(
        owner,
        InquiryInput(
            question="二手房过户需要带哪些材料？",
            channel="现场",
            outcome=Outcome.FOLLOW_UP,
            visitor_name="张三丰",
            visitor_phone="13812345678",
        ),
    ).number
    with pytest.raises(Denied, match="首问责任人、当前经办人或值班长"):
        hall.followups.add_note(other, number, "我来答复")
    staff, detail = _last_denied(hall)
    assert (staff, detail["attempted"], detail["permission"]) == (
        other.staff_id,
        "add_note",
        "manage_followups",
    )
    hall.followups.add_note(actor_for(hall, Role.SUPERVISOR), number, "值班长已协调")
