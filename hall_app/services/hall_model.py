"""The hall as the simulator and the staffing console see it: windows and their lanes, staff
and their qualifications, lane service times, the default rota (every window's own clerk
through each opening period, clerks without a window in the back office)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from hall_app.domain.hallsim import HallModel
from hall_app.domain.rota import Rota, default_rota
from hall_app.store import models as m
from hall_app.store.db import Database


@dataclass(frozen=True)
class Hallsetup:
    model: HallModel
    rota: Rota
    lane_of: dict[str, str]


def hall_setup(db: Database) -> Hallsetup:
    """The simulator's view of a hall's catalog: windows, staff, lanes, the default rota."""
    with db.read() as s:
        cats = list(s.scalars(select(m.Category).where(m.Category.active)))
        windows: dict[int, tuple[str, ...]] = {}
        for w in s.scalars(select(m.Window).where(m.Window.active).order_by(m.Window.number)):
            windows[w.number] = tuple(
                s.scalars(
                    select(m.Category.code)
                    .join(m.WindowCategory, m.WindowCategory.category_id == m.Category.id)
                    .where(m.WindowCategory.window_id == w.id)
                    .order_by(m.WindowCategory.position)
                )
            )
        qualified: dict[str, set[str]] = {}
        for no, code in s.execute(
            select(m.Staff.staff_no, m.Category.code)
            .join(m.StaffQualification, m.StaffQualification.staff_id == m.Staff.id)
            .join(m.Category, m.Category.id == m.StaffQualification.category_id)
        ):
            qualified.setdefault(no, set()).add(code)
        clerks = {
            w: no
            for w, no in s.execute(
                select(m.Staff.default_window, m.Staff.staff_no).where(
                    m.Staff.default_window.is_not(None), m.Staff.role == "clerk"
                )
            )
            if w is not None
        }
        back = sorted(
            no
            for (no,) in s.execute(
                select(m.Staff.staff_no).where(
                    m.Staff.default_window.is_(None), m.Staff.role == "clerk", m.Staff.active
                )
            )
        )
        lane_of = dict(
            s.execute(
                select(m.ServiceItem.code, m.Category.code).join(
                    m.Category, m.Category.id == m.ServiceItem.category_id
                )
            ).all()
        )
    green = next((c.code for c in cats if c.green_channel), None)
    model = HallModel(
        windows=windows,
        qualified={no: frozenset(q) for no, q in qualified.items()},
        service_minutes={c.code: float(c.avg_service_minutes) for c in cats},
        green_lane=green,
        names={c.code: c.name for c in cats},
    )
    minimums = {lane: 1 for lane in model.lanes if any(lane in ws for ws in windows.values())}
    return Hallsetup(model, default_rota(clerks, back, model.periods, minimums), lane_of)
