"""Bookings not checked in by the end of their slot become no-shows (爽约): the system job
``no_show_sweep``, one audit entry per booking.

It runs outside every read path: from each terminal's timer (``AppointmentService.sweep_no_shows``,
every few minutes) and from ``hall-app appointments sweep`` (cron). At most one terminal runs
it per hall in each sweep slot (:data:`~hall_app.domain.appointments.SWEEP_MINUTES`): the one
whose ``system_job_run`` row for the slot goes in first, in the sweep's own transaction; the
others skip the slot. A sweep with nothing due is a plain read and claims nothing.

Between sweeps, lists, check-ins and the ban check treat a booking whose slot has ended as
missed already (:func:`~hall_app.domain.appointments.missed`, :func:`missed_clause`), so
nothing a reader sees depends on when the last sweep ran, and no reader writes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hall_app.domain.appointments import sweep_slot
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.store import models as m

JOB = "no_show_sweep"
KEEP_RUNS = dt.timedelta(days=30)  # claims older than this are deleted by the next sweep


def missed_clause(now: dt.datetime) -> ColumnElement[bool]:
    """Bookings still ``booked`` whose slot has ended at ``now`` (hall-local): the SQL form of
    :func:`hall_app.domain.appointments.missed`."""
    today, clock = now.date(), now.strftime("%H:%M")
    return (m.Appointment.state == "booked") & or_(
        m.Appointment.day < today,
        (m.Appointment.day == today) & (m.Appointment.slot_end < clock),
    )


def _claim(s: Session, ctx: ServiceContext, slot: str) -> bool:
    """Insert the slot's run row; False when another terminal has it (on PostgreSQL this waits
    for a concurrent claimer's transaction to end, then sees its row)."""
    insert = postgresql.insert if ctx.db.dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(m.SystemJobRun)
        .values(job=JOB, slot=slot, terminal=ctx.terminal, claimed_at=ctx.now(), done=0)
        .on_conflict_do_nothing(index_elements=[m.SystemJobRun.job, m.SystemJobRun.slot])
        .returning(m.SystemJobRun.slot)
    )
    return s.execute(stmt).scalar() is not None


def sweep_no_shows(ctx: ServiceContext) -> int | None:
    """Run the sweep of the current slot: how many bookings became no-shows; 0 when none was
    due (nothing written); None when another terminal has run this slot's sweep."""
    now = ctx.local(ctx.now())
    due, slot = missed_clause(now), sweep_slot(now)
    with ctx.db.read() as s:
        if s.scalar(select(m.Appointment.id).where(due).limit(1)) is None:
            return 0
        if s.get(m.SystemJobRun, (JOB, slot)) is not None:
            return None
    with ctx.db.write() as s:
        if not _claim(s, ctx, slot):
            return None
        missed = s.execute(
            select(m.Appointment.id, m.Appointment.code)
            .where(due)
            .order_by(m.Appointment.id)
            .with_for_update()
        ).all()
        if missed:
            ids = [appointment_id for appointment_id, _code in missed]
            s.execute(
                update(m.Appointment).where(m.Appointment.id.in_(ids)).values(state="no_show")
            )
        sweep = Actor.system(JOB, ctx.terminal)
        for appointment_id, code in missed:  # one state change, one audit entry
            audit(
                s,
                ctx,
                sweep,
                "appointment_no_show",
                "appointment",
                appointment_id,
                code=code,
                slot=slot,
            )
        s.execute(
            update(m.SystemJobRun)
            .where(m.SystemJobRun.job == JOB, m.SystemJobRun.slot == slot)
            .values(done=len(missed))
        )
        s.execute(
            delete(m.SystemJobRun).where(
                m.SystemJobRun.job == JOB, m.SystemJobRun.claimed_at < ctx.now() - KEEP_RUNS
            )
        )
        return len(missed)
