"""Window qualifications read from the database; the rule is ``domain/qualifications.py``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain import qualifications as rule
from hall_app.domain.roles import Permission, Role, effective
from hall_app.services.settings import load_settings
from hall_app.store import models as m


def hall_permissions(s: Session, role: Role) -> frozenset[Permission]:
    """What ``role`` may do in this hall: the grants table with ``roles.grants``."""
    return effective(role, load_settings(s).grant_adjustments())


def qualified_ids(s: Session, staff_id: int) -> frozenset[int]:
    """The ids of the categories (lanes) the member of staff is qualified for."""
    return frozenset(
        s.scalars(
            select(m.StaffQualification.category_id).where(
                m.StaffQualification.staff_id == staff_id
            )
        )
    )


def servable_ids(
    s: Session, staff_id: int | None, permissions: frozenset[Permission], lanes: list[int]
) -> list[int]:
    """The lanes (category ids, in calling order) this person may call from."""
    if staff_id is None or rule.unrestricted(permissions):
        return list(lanes)
    return rule.servable(permissions, qualified_ids(s, staff_id), lanes)


def check_receive(s: Session, window: m.Window, category_id: int) -> None:
    """A ticket of lane ``category_id`` may go to ``window`` only if the person logged in
    there is qualified for the lane (or may serve any lane)."""
    if window.staff_id is None:
        return
    staff = s.get_one(m.Staff, window.staff_id)
    permissions = hall_permissions(s, Role(staff.role))
    lane = s.get_one(m.Category, category_id)
    rule.check_serve(
        permissions,
        qualified_ids(s, staff.id),
        category_id,
        f"{window.number}号窗口的{staff.name}",
        lane.name,
    )


def check_login(
    s: Session, staff_id: int, permissions: frozenset[Permission], window: m.Window
) -> None:
    """Refuse a login at a window none of whose lanes the person is qualified for."""
    lanes = list(
        s.scalars(
            select(m.WindowCategory.category_id).where(m.WindowCategory.window_id == window.id)
        )
    )
    rule.check_login(permissions, qualified_ids(s, staff_id), lanes, window.number)
