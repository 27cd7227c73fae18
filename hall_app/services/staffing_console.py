"""The supervisor's staffing view (服务资源动态调配): the hall as it stands, the staffing
recommender's proposals each checked forward over the next two hours, and the overflow
warnings. Reads only; applying a proposal is the rota's and the tidal service's business.

The snapshot: today's waiting tickets (their lane, their item's lane, priority, queue time),
the tickets at the counters (expected to take their lane's average from the call), the open
windows with their lanes and the person logged in, the back office from today's rota, the last
hour's arrivals and services, and the expected arrivals of the next two hours
(``services/forecast.py``: the hall's history, or the shipped profile — the note says which).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import select

from hall_app.domain import forward as fw
from hall_app.domain.hallsim import Visit, instant
from hall_app.domain.hallsim_run import Close, Run
from hall_app.domain.overflow import RemedyOption, Warning, remedy_options, warnings
from hall_app.domain.rota import Kind, Rota, Shift
from hall_app.domain.staffing import Advice, StaffingRules, advise
from hall_app.services.context import ServiceContext
from hall_app.services.forecast import ArrivalForecast
from hall_app.services.hall_model import hall_setup
from hall_app.services.settings import load_settings
from hall_app.services.staffing_apply import StaffingApply
from hall_app.store import models as m

if TYPE_CHECKING:
    from hall_app.services.remedies import RemedyService
    from hall_app.services.rota import RotaService
    from hall_app.services.tidal import TidalService


@dataclass(frozen=True)
class Checked:
    """A proposal with its forward check."""

    advice: Advice
    check: fw.Check

    @property
    def staff_hours(self) -> float:
        return self.advice.staff_hours


@dataclass(frozen=True)
class StaffingView:
    at: dt.datetime
    note: str  # where the expected arrivals come from
    limit: int  # the hall's limit on waiting, minutes
    baseline: dict[str, fw.Band]  # each lane's p95 over the next two hours as things stand
    proposals: tuple[Checked, ...]  # those that help, best first
    dropped: tuple[Checked, ...]  # checked and not shown as advice (with why)
    warnings: tuple[Warning, ...]
    remedies: tuple[RemedyOption, ...]  # for the warned lanes, with their expected effect
    names: dict[str, str]
    seconds: float  # how long the whole view took
    planned_hours: float = 0.0  # today's rota: people at windows, breaks out, changes in


def _seconds(local: dt.datetime) -> int:
    return local.hour * 3600 + local.minute * 60 + local.second


class StaffingConsole(StaffingApply):
    def __init__(
        self,
        ctx: ServiceContext,
        forecast: ArrivalForecast,
        rota: RotaService,
        tidal: TidalService,
        remedies: RemedyService,
    ) -> None:
        self.ctx, self.forecast = ctx, forecast
        self.rota, self.tidal, self.remedies = rota, tidal, remedies

    def _state(self) -> tuple[fw.Snapshot, Run, str]:
        ctx = self.ctx
        now, day = ctx.now(), ctx.today()
        at = _seconds(ctx.local(now))
        setup = hall_setup(ctx.db)
        planned = self.rota.day(day)
        since = now - dt.timedelta(hours=1)
        with ctx.db.read() as s:
            code = dict(s.execute(select(m.Category.id, m.Category.code)).all())
            number_of = dict(s.execute(select(m.Window.id, m.Window.number)).all())
            staff_no = dict(s.execute(select(m.Staff.id, m.Staff.staff_no)).all())
            windows = dict(setup.model.windows)
            seated: dict[int, str] = {}
            for w in s.scalars(select(m.Window).where(m.Window.active)):
                lanes = tuple(
                    s.scalars(
                        select(m.Category.code)
                        .join(m.WindowCategory, m.WindowCategory.category_id == m.Category.id)
                        .where(m.WindowCategory.window_id == w.id)
                        .order_by(m.WindowCategory.position)
                    )
                )
                windows[w.number] = lanes or windows.get(w.number, ())
                if w.status == "open" and w.staff_id is not None:
                    seated[w.number] = staff_no[w.staff_id]
            tickets = list(
                s.scalars(
                    select(m.Ticket).where(
                        m.Ticket.service_date == day,
                        m.Ticket.state.in_(("waiting", "called", "serving")),
                    )
                )
            )
            recent = s.execute(
                select(m.Ticket.category_id, m.Ticket.issued_at).where(
                    m.Ticket.service_date == day, m.Ticket.issued_at >= since
                )
            ).all()
            done = s.execute(
                select(m.Ticket.category_id, m.Ticket.started_at, m.Ticket.finished_at).where(
                    m.Ticket.service_date == day,
                    m.Ticket.finished_at >= since,
                    m.Ticket.started_at.is_not(None),
                )
            ).all()
        model = replace(setup.model, windows=windows)
        waiting, in_hand = [], {}
        for t in sorted(tickets, key=lambda t: t.id):
            queued = _seconds(ctx.local(t.queued_at))
            visit = Visit(
                lane=code[t.category_id],
                service_lane=code[t.service_category_id],
                priority=t.priority,
                queued_at=instant(queued),
                issue_order=t.id,
                at=queued,
                service=round(model.service_minutes.get(code[t.service_category_id], 10.0) * 60),
            )
            if t.state == "waiting":
                waiting.append(visit)
            elif t.window_id is not None and t.called_at is not None:
                called = _seconds(ctx.local(t.called_at))
                in_hand[number_of[t.window_id]] = (visit, max(at + 60, called + visit.service))
        forecast = self.forecast.expected(now)
        snapshot = fw.Snapshot(
            model=model,
            now=at,
            rota=_as_it_stands(planned, seated, at // 60, model.periods),
            waiting=tuple(waiting),
            in_hand={w: v for w, v in in_hand.items() if w in seated},
            rates=forecast.rates,
            items_by_lane=forecast.items_by_lane,
            green_share=forecast.green_share,
            appointment_share=forecast.appointment_share,
        )
        arrived: dict[str, list[int]] = {}
        for cid, issued in recent:
            arrived.setdefault(code[cid], []).append(_seconds(ctx.local(issued)))
        served: dict[str, list[tuple[int, int]]] = {}
        for cid, started, finished in done:
            if started is not None and finished is not None:
                served.setdefault(code[cid], []).append(
                    (_seconds(ctx.local(finished)), int((finished - started).total_seconds()))
                )
        return snapshot, fw.run_at(snapshot, arrived, served), forecast.note

    def view(self, rules: StaffingRules | None = None) -> StaffingView:
        """The proposals, each checked forward (20 seeds, with and without), and the
        warnings; proposals that do not help under the objective are dropped."""
        started = time.perf_counter()
        snapshot, run, note = self._state()
        with self.ctx.db.read() as s:
            limit = load_settings(s).tidal_wait_limit
        baseline = fw.bands(snapshot)
        kept: list[Checked] = []
        dropped: list[Checked] = []
        for advice in advise(run, rules or StaffingRules(), snapshot.rates):
            checked = Checked(advice, fw.check(snapshot, advice.action, baseline))
            (kept if checked.check.helps else dropped).append(checked)
        kept.sort(key=lambda c: (fw.worst(c.check.with_), not isinstance(c.advice.action, Close)))
        warned = warnings(snapshot, float(limit))
        shares = self._bundle_shares()
        options = [
            option
            for w in warned
            for option in remedy_options(snapshot, w, bundle_share=shares.get(w.lane, 0.0))
        ]
        return StaffingView(
            self.ctx.now(),
            note,
            limit,
            baseline,
            tuple(kept),
            tuple(dropped),
            tuple(warned),
            tuple(options),
            dict(snapshot.model.names),
            time.perf_counter() - started,
            round(self.rota.day(self.ctx.today()).staff_minutes() / 60, 1),
        )

    def _bundle_shares(self) -> dict[str, float]:
        """Per lane, the share of its active items that belong to an active 一件事 (what
        sending bundle items to 综合受理 would take off it)."""
        with self.ctx.db.read() as s:
            bundled = set(
                s.scalars(
                    select(m.BundleItem.item_id)
                    .join(m.Bundle, m.Bundle.id == m.BundleItem.bundle_id)
                    .where(m.Bundle.active)
                )
            )
            items = s.execute(
                select(m.ServiceItem.id, m.Category.code)
                .join(m.Category, m.Category.id == m.ServiceItem.category_id)
                .where(m.ServiceItem.active)
            ).all()
        total: dict[str, int] = {}
        inside: dict[str, int] = {}
        for item_id, lane in items:
            total[lane] = total.get(lane, 0) + 1
            inside[lane] = inside.get(lane, 0) + (item_id in bundled)
        return {lane: inside[lane] / count for lane, count in total.items() if count}


def _as_it_stands(
    planned: Rota, seated: dict[int, str], minute: int, periods: tuple[tuple[int, int], ...]
) -> Rota:
    """Who is at which window now (the logins), kept to the end of the current opening
    period, with the rota's back office, breaks and later shifts for the rest. Someone the
    rota puts at a window who is not logged in is not counted on (absent until the next
    period); only the rota's back office is called from."""
    end = next((b for a, b in periods if a <= minute < b), minute + 120)
    shifts = [Shift(Kind.WORK, no, minute, end, w) for w, no in sorted(seated.items())]
    at_front = set(seated.values())
    for s in planned.shifts:
        if s.end <= minute:
            continue
        if s.kind is Kind.WORK and s.start < end:
            continue  # the logins say who sits where until the period ends
        if s.kind is Kind.BREAK and s.staff_no not in at_front:
            continue
        shifts.append(s)
    return Rota(tuple(shifts), planned.minimums)
