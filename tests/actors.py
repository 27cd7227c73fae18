"""Actors for tests: one per role, logged in on the demo hall where the role has staff.

``actor_for(hall, role)`` returns a real login for the roles the demo catalog has people for
(clerk at window 1, reception, supervisor, admin) and a constructed actor for the accounts
that are not people at a desk (service account, public device) and for system jobs.
"""

from __future__ import annotations

from sqlalchemy import select

from hall_app.domain.roles import Permission, Role
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.store import models as m

ROLES = (Role.CLERK, Role.RECEPTION, Role.SUPERVISOR, Role.ADMIN, Role.SERVICE, Role.DEVICE)

#: the demo staff member of each desk role (password demo<no>) and the window a clerk takes
DEMO_STAFF = {
    Role.CLERK: ("1001", 1),
    Role.RECEPTION: ("2001", None),
    Role.SUPERVISOR: ("3001", None),
    Role.ADMIN: ("9001", None),
}


def actor_for(hall: Hall, role: Role, *, window: int | None = None) -> Actor:
    """An actor of ``role`` on ``hall`` (the demo catalog)."""
    if role in DEMO_STAFF:
        staff_no, default = DEMO_STAFF[role]
        return hall.auth.login(staff_no, f"demo{staff_no}", window or default)
    if role is Role.SYSTEM:
        return Actor.system("pytest", hall.ctx.terminal)
    # a service account or a device: a staff row of that role (as ``catalog import`` makes)
    with hall.ctx.db.write() as s:
        staff_no = f"{role.value}-1"
        row = s.scalar(select(m.Staff).where(m.Staff.staff_no == staff_no))
        if row is None:
            row = m.Staff(
                staff_no=staff_no, name=role.label, role=role.value, password_hash="-", active=True
            )
            s.add(row)
            s.flush()
        return Actor(row.id, staff_no, row.name, role, hall.ctx.terminal)


def system(hall: Hall, job: str, *permissions: Permission) -> Actor:
    """A system job's actor holding exactly ``permissions``."""
    return Actor.system(job, hall.ctx.terminal, *permissions)


def case_reader(hall: Hall) -> Actor:
    """Reads every case with applicants' names unmasked (the supervisor's view): for tests
    that look at a case's clock, not at who may read it."""
    return Actor.system(
        "pytest_reader", hall.ctx.terminal, Permission.VIEW_PERSONAL, Permission.SERVE_ANY_WINDOW
    )
