"""Bookings not checked in by the end of their slot become no-shows (爽约), as the system job
``no_show_sweep``: audited with the booking codes, and a plain read when none is due, so the
lists and check-ins that run it first do not open a write transaction each time."""

from __future__ import annotations

from sqlalchemy import or_, select, update

from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.store import models as m


def sweep_no_shows(ctx: ServiceContext) -> int:
    """How many bookings became no-shows."""
    now = ctx.local(ctx.now())
    today, clock = now.date(), now.strftime("%H:%M")
    due = (m.Appointment.state == "booked") & or_(
        m.Appointment.day < today,
        (m.Appointment.day == today) & (m.Appointment.slot_end < clock),
    )
    with ctx.db.read() as s:
        if s.scalar(select(m.Appointment.id).where(due).limit(1)) is None:
            return 0
    with ctx.db.write() as s:
        missed = list(s.scalars(select(m.Appointment.code).where(due).with_for_update()))
        if not missed:
            return 0  # another terminal swept them meanwhile
        s.execute(update(m.Appointment).where(due).values(state="no_show"))
        sweep = Actor.system("no_show_sweep", ctx.terminal)
        audit(
            s,
            ctx,
            sweep,
            "appointment_no_show",
            "appointment",
            None,
            count=len(missed),
            codes=sorted(missed)[:50],
        )
        return len(missed)
