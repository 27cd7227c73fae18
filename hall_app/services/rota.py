"""A day's rota (排班) stored, imported and exported, and the staffing changes applied during
the day (issue 19 §2). The rules are ``domain/rota.py`` and ``domain/rota_csv.py``.

A day without a saved rota has the hall's default: each clerk with a default window at it
through the opening periods, with two staggered 15-minute breaks, the other clerks in the back
office, and every non-green lane that has windows keeping ``rota.min_windows`` of them (or the
hall's own default for that lane). Reading is for anyone who may see the hall (no personal
data beyond staff numbers); saving and the staffing changes need ``manage_tidal``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput, NotFound
from hall_app.domain.qualifications import unrestricted
from hall_app.domain.roles import Permission, Role
from hall_app.domain.rota import (
    DEFAULT_PERIODS,
    Kind,
    Rota,
    Shift,
    clock,
    default_rota,
    problems,
    with_staggered_breaks,
)
from hall_app.domain.rota_csv import MAX_BYTES, parse_rota_csv, to_csv
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.qualifications import hall_permissions
from hall_app.services.settings import load_settings
from hall_app.store import models as m
from hall_app.store.changes import announce_change

DEFAULT_NOTE = "当天未保存排班，使用大厅默认排班"
CHANGE_KINDS = ("call_in", "close", "move_break", "reopen")


@dataclass(frozen=True)
class HallFacts:
    """What a rota is checked against: windows and their lanes (calling order), staff and
    the lanes each may serve, names for the screens, green lanes."""

    window_lanes: dict[int, tuple[str, ...]]
    qualified: dict[str, frozenset[str]]
    names: dict[str, str]
    green: frozenset[str]

    def problems(self, rota: Rota) -> list[str]:
        return problems(rota, self.window_lanes, self.qualified, self.window_lanes)


@dataclass(frozen=True)
class StaffingChangeView:
    id: int
    at: dt.datetime
    kind: str  # call_in | close | move_break | reopen
    staff_no: str
    window: int | None
    from_minute: int | None
    to_minute: int | None
    figures: dict[str, Any]
    reason: str
    by: str  # staff number of who applied it


def _facts(s: Session) -> HallFacts:
    lanes: dict[int, list[str]] = {}
    rows = s.execute(
        select(m.Window.number, m.Category.code)
        .join(m.WindowCategory, m.WindowCategory.window_id == m.Window.id)
        .join(m.Category, m.Category.id == m.WindowCategory.category_id)
        .where(m.Window.active, m.Category.active)
        .order_by(m.Window.number, m.WindowCategory.position)
    )
    for number, code in rows:
        lanes.setdefault(number, []).append(code)
    for number in s.scalars(select(m.Window.number).where(m.Window.active)):
        lanes.setdefault(number, [])
    codes = frozenset(s.scalars(select(m.Category.code).where(m.Category.active)))
    green = frozenset(
        s.scalars(select(m.Category.code).where(m.Category.active, m.Category.green_channel))
    )
    qualified: dict[str, frozenset[str]] = {}
    names: dict[str, str] = {}
    own: dict[int, set[str]] = {}
    for staff_id, code in s.execute(
        select(m.StaffQualification.staff_id, m.Category.code).join(
            m.Category, m.Category.id == m.StaffQualification.category_id
        )
    ):
        own.setdefault(staff_id, set()).add(code)
    anything: dict[Role, bool] = {}  # may the role serve any lane (roles.grants applied)
    for staff in s.scalars(select(m.Staff).where(m.Staff.active)):
        role = Role(staff.role)
        if role in (Role.SERVICE, Role.DEVICE, Role.SYSTEM):
            continue
        if role not in anything:
            anything[role] = unrestricted(hall_permissions(s, role))
        names[staff.staff_no] = staff.name
        qualified[staff.staff_no] = codes if anything[role] else frozenset(own.get(staff.id, ()))
    return HallFacts({w: tuple(ls) for w, ls in lanes.items()}, qualified, names, green)


def _default_minimums(s: Session, facts: HallFacts) -> dict[str, int]:
    """Every non-green lane with windows: the hall's own default for it, else the setting."""
    count = load_settings(s).rota_min_windows
    served = {lane for ls in facts.window_lanes.values() for lane in ls} - facts.green
    minimums = dict.fromkeys(sorted(served), count)
    for row in s.scalars(select(m.RotaMinimum).where(m.RotaMinimum.service_date.is_(None))):
        minimums[row.lane] = row.count
    return minimums


def _hall_default(s: Session, facts: HallFacts) -> Rota:
    clerks: dict[int, str] = {}
    back: list[str] = []
    staff = s.scalars(
        select(m.Staff)
        .where(m.Staff.active, m.Staff.role == Role.CLERK.value)
        .order_by(m.Staff.staff_no)
    )
    for person in staff:
        window = person.default_window
        if window is not None and window in facts.window_lanes and window not in clerks:
            clerks[window] = person.staff_no
        else:
            back.append(person.staff_no)
    rota = default_rota(clerks, back, DEFAULT_PERIODS, _default_minimums(s, facts))
    return replace(with_staggered_breaks(rota, facts.window_lanes), note=DEFAULT_NOTE)


def _stored(s: Session, date: dt.date, facts: HallFacts) -> Rota | None:
    if s.get(m.RotaDay, date) is None:
        return None
    numbers = {i: n for i, n in s.execute(select(m.Staff.id, m.Staff.staff_no))}
    shifts = tuple(
        Shift(Kind(r.kind), numbers[r.staff_id], r.start_minute, r.end_minute, r.window_number)
        for r in s.scalars(
            select(m.RotaShift).where(m.RotaShift.service_date == date).order_by(m.RotaShift.id)
        )
    )
    minimums = _default_minimums(s, facts)
    for row in s.scalars(select(m.RotaMinimum).where(m.RotaMinimum.service_date == date)):
        minimums[row.lane] = row.count
    return Rota(shifts, minimums)


def _day(s: Session, date: dt.date, facts: HallFacts) -> Rota:
    stored = _stored(s, date, facts)
    return _hall_default(s, facts) if stored is None else stored


def _write(s: Session, ctx: ServiceContext, actor: Actor, date: dt.date, rota: Rota) -> None:
    """Replace the day's stored rota with ``rota`` (checked by the caller)."""
    ids = {n: i for n, i in s.execute(select(m.Staff.staff_no, m.Staff.id))}
    s.execute(delete(m.RotaShift).where(m.RotaShift.service_date == date))
    s.execute(delete(m.RotaMinimum).where(m.RotaMinimum.service_date == date))
    for shift in rota.shifts:
        s.add(
            m.RotaShift(
                service_date=date,
                kind=shift.kind.value,
                staff_id=ids[shift.staff_no],
                window_number=shift.window,
                start_minute=shift.start,
                end_minute=shift.end,
            )
        )
    for lane, count in sorted(rota.minimums.items()):
        s.add(m.RotaMinimum(service_date=date, lane=lane, count=count))
    day = s.get(m.RotaDay, date)
    if day is None:
        s.add(m.RotaDay(service_date=date, saved_at=ctx.now(), saved_by=actor.staff_id))
    else:
        day.saved_at, day.saved_by = ctx.now(), actor.staff_id
    announce_change(s, "rota")


def _checked(facts: HallFacts, rota: Rota) -> None:
    found = facts.problems(rota)
    if found:
        shown = found[:20]
        more = f"\n……另有 {len(found) - len(shown)} 处问题" if len(found) > len(shown) else ""
        raise InvalidInput("排班有误，未保存：\n" + "\n".join(shown) + more)


class RotaService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ reading

    def day(self, date: dt.date) -> Rota:
        """The stored rota of ``date``, else the hall's default (its ``note`` says so)."""
        with self.ctx.db.read() as s:
            return _day(s, date, _facts(s))

    def facts(self) -> HallFacts:
        """Windows with their lanes, staff with their lanes and names (the editor's lists)."""
        with self.ctx.db.read() as s:
            return _facts(s)

    def check(self, rota: Rota) -> list[str]:
        """What is wrong with ``rota`` in this hall, in Chinese (empty when nothing)."""
        with self.ctx.db.read() as s:
            return _facts(s).problems(rota)

    def export_csv(self, date: dt.date) -> str:
        """The day's rota as a CSV file's text (docs/rota.md)."""
        return to_csv(self.day(date))

    def changes(self, date: dt.date) -> list[StaffingChangeView]:
        """The staffing changes applied on ``date``, oldest first."""
        with self.ctx.db.read() as s:
            numbers = {i: n for i, n in s.execute(select(m.Staff.id, m.Staff.staff_no))}
            rows = s.scalars(
                select(m.StaffingChange)
                .where(m.StaffingChange.service_date == date)
                .order_by(m.StaffingChange.id)
            )
            return [
                StaffingChangeView(
                    r.id,
                    r.at,
                    r.kind,
                    numbers.get(r.staff_id or 0, ""),
                    r.window_number,
                    r.from_minute,
                    r.to_minute,
                    json.loads(r.figures or "{}"),
                    r.reason,
                    numbers.get(r.by_id or 0, ""),
                )
                for r in rows
            ]

    # ------------------------------------------------------------------ planning

    @guarded(Permission.MANAGE_TIDAL)
    def save(self, actor: Actor, date: dt.date, rota: Rota) -> Rota:
        """Store ``rota`` as the day's, after checking it against the hall (refused with
        every problem listed); audited. Returns the day as stored (lanes the rota gives no
        minimum keep the hall's default)."""
        with self.ctx.db.write() as s:
            facts = _facts(s)
            _checked(facts, rota)
            _write(s, self.ctx, actor, date, rota)
            audit(s, self.ctx, actor, "rota_save", "rota_day", None, date=date.isoformat(),
                  shifts=len(rota.shifts), staff_minutes=rota.staff_minutes())  # fmt: skip
            return _day(s, date, facts)

    @guarded(Permission.MANAGE_TIDAL)
    def import_csv(self, actor: Actor, date: dt.date, path: Path) -> Rota:
        """Read a rota file (docs/rota.md) and store it as the day's; nothing is stored when
        a line or the rota is wrong (every bad line named)."""
        try:
            if path.stat().st_size > MAX_BYTES:
                raise InvalidInput(f"排班文件过大，不能超过 {MAX_BYTES:,} 字节")
            data = path.read_bytes()
        except OSError:
            raise InvalidInput(f"无法读取排班文件 {path.name}") from None
        rota = parse_rota_csv(data)
        with self.ctx.db.write() as s:
            facts = _facts(s)
            _checked(facts, rota)
            _write(s, self.ctx, actor, date, rota)
            audit(s, self.ctx, actor, "rota_import", "rota_day", None, date=date.isoformat(),
                  file=path.name, shifts=len(rota.shifts))  # fmt: skip
            return _day(s, date, facts)

    @guarded(Permission.MANAGE_TIDAL)
    def set_default_minimums(self, actor: Actor, minimums: Mapping[str, int]) -> None:
        """The hall's own default minimum of windows for some lanes (the others keep the
        setting ``rota.min_windows``); audited."""
        with self.ctx.db.write() as s:
            codes = set(s.scalars(select(m.Category.code)))
            for lane, count in minimums.items():
                if lane not in codes:
                    raise NotFound(f"业务类别 {lane} 不存在")
                if not 0 <= count <= 99:
                    raise InvalidInput(f"业务类别 {lane} 的最少窗口数应为 0–99")
            s.execute(delete(m.RotaMinimum).where(m.RotaMinimum.service_date.is_(None)))
            for lane, count in sorted(minimums.items()):
                s.add(m.RotaMinimum(service_date=None, lane=lane, count=count))
            audit(s, self.ctx, actor, "rota_minimums", "rota_minimum", None, **dict(minimums))

    # ------------------------------------------------------------------ during the day

    @guarded(Permission.MANAGE_TIDAL)
    def call_in(
        self,
        actor: Actor,
        staff_no: str,
        window: int,
        at_minute: int,
        figures: Mapping[str, Any],
        reason: str,
    ) -> Rota:
        """Today: ``staff_no`` leaves the back office at ``at_minute`` and works at
        ``window`` until their back-office time ends (or the window's next shift starts)."""

        def change(rota: Rota) -> tuple[Rota, int]:
            if staff_no not in rota.back_office(at_minute):
                raise InvalidInput(f"工号 {staff_no} 在 {clock(at_minute)} 不在后台，不能调用")
            if _work_at(rota, window, at_minute) is not None:
                raise InvalidInput(f"{window}号窗口在 {clock(at_minute)} 已有人上岗")
            office = next(
                s
                for s in rota.shifts
                if s.kind is Kind.BACK_OFFICE and s.staff_no == staff_no and s.covers(at_minute)
            )
            end = min(
                [office.end]
                + [
                    s.start
                    for s in rota.shifts
                    if s.kind is Kind.WORK and s.window == window and s.start > at_minute
                ]
            )
            shifts = [s for s in rota.shifts if s is not office]
            if office.start < at_minute:
                shifts.append(replace(office, end=at_minute))
            shifts.append(Shift(Kind.WORK, staff_no, at_minute, end, window))
            if end < office.end:
                shifts.append(replace(office, start=end))
            return replace(rota, shifts=tuple(shifts)), end

        return self._apply(actor, "call_in", staff_no, window, at_minute, change, figures, reason)

    @guarded(Permission.MANAGE_TIDAL)
    def close_window(
        self,
        actor: Actor,
        window: int,
        at_minute: int,
        figures: Mapping[str, Any],
        reason: str,
    ) -> Rota:
        """Today: ``window`` closes at ``at_minute``; its person goes to the back office for
        the rest of that shift (their breaks after it are dropped, one under way ends)."""
        staff_no = ""

        def change(rota: Rota) -> tuple[Rota, int]:
            nonlocal staff_no
            work = _work_at(rota, window, at_minute)
            if work is None:
                raise InvalidInput(f"{window}号窗口在 {clock(at_minute)} 无人上岗")
            staff_no = work.staff_no
            shifts: list[Shift] = []
            for s in rota.shifts:
                if s is work:
                    if s.start < at_minute:
                        shifts.append(replace(s, end=at_minute))
                    shifts.append(Shift(Kind.BACK_OFFICE, s.staff_no, at_minute, s.end))
                elif s.kind is Kind.BREAK and s.staff_no == staff_no and work.covers(s.start):
                    if s.start < at_minute:
                        shifts.append(replace(s, end=min(s.end, at_minute)))
                else:
                    shifts.append(s)
            return replace(rota, shifts=tuple(shifts)), work.end

        return self._apply(
            actor, "close", lambda: staff_no, window, at_minute, change, figures, reason
        )

    @guarded(Permission.MANAGE_TIDAL)
    def move_break(
        self,
        actor: Actor,
        staff_no: str,
        old_start: int,
        new_start: int,
        figures: Mapping[str, Any],
        reason: str,
    ) -> Rota:
        """Today: ``staff_no``'s break that starts at ``old_start`` starts at ``new_start``."""

        def change(rota: Rota) -> tuple[Rota, int]:
            if not any(b.start == old_start for b in rota.breaks(staff_no)):
                raise NotFound(f"工号 {staff_no} 没有 {clock(old_start)} 开始的休息")
            return rota.with_break_moved(staff_no, old_start, new_start), new_start

        return self._apply(actor, "move_break", staff_no, None, old_start, change, figures, reason)

    def _apply(
        self,
        actor: Actor,
        kind: str,
        staff: str | Any,
        window: int | None,
        from_minute: int,
        change: Any,
        figures: Mapping[str, Any],
        reason: str,
    ) -> Rota:
        """Change today's rota with ``change`` (rota -> new rota, the change's to-minute),
        check and store it, log the change with its figures; audited."""
        if not reason.strip():
            raise InvalidInput("请填写调整原因")
        today = self.ctx.today()
        text = json.dumps(dict(figures), ensure_ascii=False, default=str)
        with self.ctx.db.write() as s:
            facts = _facts(s)
            rota, to_minute = change(_day(s, today, facts))
            _checked(facts, rota)
            _write(s, self.ctx, actor, today, rota)
            staff_no = staff() if callable(staff) else staff
            row = m.StaffingChange(
                at=self.ctx.now(),
                service_date=today,
                kind=kind,
                staff_id=s.scalar(select(m.Staff.id).where(m.Staff.staff_no == staff_no)),
                window_number=window,
                from_minute=from_minute,
                to_minute=to_minute,
                figures=text,
                reason=reason.strip(),
                by_id=actor.staff_id,
            )
            s.add(row)
            s.flush()
            audit(s, self.ctx, actor, f"staffing_{kind}", "staffing_change", row.id,
                  staff_no=staff_no, window=window, start=clock(from_minute),
                  end=clock(to_minute), figures=json.loads(text), reason=reason.strip())  # fmt: skip
            return _day(s, today, facts)  # as stored (no longer the default)


def _work_at(rota: Rota, window: int, minute: int) -> Shift | None:
    """The work shift at ``window`` covering ``minute`` (its person may be on a break)."""
    return next(
        (s for s in rota.shifts if s.kind is Kind.WORK and s.window == window and s.covers(minute)),
        None,
    )
