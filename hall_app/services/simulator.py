"""The day simulator: a day of arrivals under a window policy, in memory (fast, the default)
or through the real services on a throwaway SQLite database (``through_services``, the
verification mode). Both run the same events (``domain/hallsim_run.py``) on the same people
(``domain/hallsim.draw_visits``); they differ only in who answers "whom does this window call".
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from hall_app import paths
from hall_app.config import Config
from hall_app.domain.arrivals import read_profile
from hall_app.domain.errors import InvalidInput
from hall_app.domain.hallsim import (
    MIDNIGHT,
    Floor,
    MemoryFloor,
    SlotRates,
    Visit,
    draw_visits,
)
from hall_app.domain.hallsim_policy import POLICIES, TidalPolicy
from hall_app.domain.hallsim_report import report
from hall_app.domain.hallsim_run import Outcome, Policy, Run
from hall_app.domain.roles import Permission
from hall_app.domain.tickets import GreenReason, Priority
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall_model import hall_setup

if TYPE_CHECKING:
    from hall_app.services.hall import Hall


class ServicesFloor:
    """The real services answer: tickets are issued, called, started, finished and marked
    过号 through them, on the simulated clock."""

    def __init__(self, hall: Hall, clock: FakeClock) -> None:
        self.hall, self.clock = hall, clock
        self.reception = hall.auth.login("2001", "demo2001")
        self.system = Actor.system("simulator_tidal", hall.ctx.terminal, Permission.MANAGE_TIDAL)
        self.seated: dict[int, Actor] = {}
        self.lanes: dict[int, tuple[str, ...]] = {}
        self.by_number: dict[str, Visit] = {}

    def _at(self, now: int) -> None:
        self.clock.now = MIDNIGHT + dt.timedelta(seconds=now)

    def arrive(self, visit: Visit, now: int) -> None:
        self._at(now)
        issued = self.hall.tickets.issue(
            self.reception,
            item_code=visit.item_code,
            appointment=visit.priority == int(Priority.APPOINTMENT),
            green_reason=GreenReason.ELDERLY if visit.priority == int(Priority.GREEN) else None,
        )
        self.by_number[issued.ticket.number] = visit

    def call(self, window: int, lanes: tuple[str, ...], now: int) -> Visit | None:
        self._at(now)
        actor = self.seated[window]
        ticket = self.hall.tickets.call_next(actor, window)
        if ticket is None:
            return None
        visit = self.by_number[ticket.number]
        if not visit.no_show:
            self.hall.tickets.start(actor, window)
        return visit

    def finish(self, window: int, visit: Visit, now: int) -> None:
        self._at(now)
        if visit.no_show:  # recalled once (the rule wants two calls), then 过号
            self.hall.tickets.recall(self.seated[window], window)
            self.hall.tickets.no_show(self.seated[window], window)
        else:
            self.hall.tickets.finish(self.seated[window], window)

    def seat(self, window: int, staff_no: str | None, lanes: tuple[str, ...], now: int) -> None:
        self._at(now)
        if self.lanes.setdefault(window, lanes) != lanes:
            self.hall.tidal.reassign(self.system, [window], list(lanes), "模拟调度", source="auto")
            self.lanes[window] = lanes
        current = self.seated.get(window)
        if staff_no is None:
            if current is not None:
                self.hall.auth.logout(self.seated.pop(window))
        elif current is None or current.staff_no != staff_no:
            self.seated[window] = self.hall.auth.login(staff_no, f"demo{staff_no}", window)


def _policy(name: str, visits: Sequence[Visit] = ()) -> Policy | None:
    if name not in POLICIES:
        raise InvalidInput("策略应为 " + "、".join(POLICIES))
    if name == "tidal":
        return TidalPolicy()
    if name == "tidal-staffing":
        from hall_app.domain.staffing import StaffingPolicy

        return StaffingPolicy(expected=SlotRates(visits))
    return None


def simulate(
    arrivals_file: Path, policy: str, seed: int, *, through_services: bool = False
) -> dict[str, object]:
    """One day of ``arrivals_file`` under ``policy``, the demo hall's catalog and default rota:
    the figures the simulator prints (see ``domain/hallsim_report.py``)."""
    outcome, start = run_day(arrivals_file, policy, seed, through_services=through_services)
    result = report(outcome, policy=policy, seed=seed, span_seconds=max(1, outcome.end - start))
    result["through_services"] = through_services
    return result


def run_day(
    arrivals_file: Path, policy: str, seed: int, *, through_services: bool = False
) -> tuple[Outcome, int]:
    """The day's outcome (every ticket's call time) and when the run started."""
    from hall_app.services.hall import open_hall  # the composition, inside the simulation

    _policy(policy)  # a bad name is refused before the hall is built
    clock = FakeClock(MIDNIGHT + dt.timedelta(hours=8))
    folder = Path(tempfile.mkdtemp(prefix="hall_sim_"))
    hall = open_hall(
        Config(db_url=f"sqlite:///{folder / 'sim.sqlite3'}", terminal="simulator"), clock=clock
    )
    try:
        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        setup = hall_setup(hall.db)
        visits = draw_visits(read_profile(arrivals_file, setup.lane_of), setup.model, seed)
        model = replace(setup.model, fairness=hall.tickets.fairness)
        floor: Floor = (
            ServicesFloor(hall, clock)
            if through_services
            else MemoryFloor(model.green_lane, model.fairness)
        )
        run = Run(model, visits, setup.rota, floor, _policy(policy, visits))
        return run.run(), run.start
    finally:
        hall.close()
