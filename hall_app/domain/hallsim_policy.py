"""The simulator's window policies. Pure rules.

* ``static``: nothing changes; every window keeps its catalog lanes and the rota's people.
* ``tidal``: every five minutes the tidal recommender (``domain/tidal.recommend``) proposes lane
  switches and they are applied: a clerk only gets lanes they are qualified for, a window
  switches at most once an hour, and no lane with people waiting loses its last window.
* ``tidal-staffing``: the staffing recommender (``domain/staffing.py``) also calls people from
  the back office, closes quiet windows and moves breaks, under the documented objective.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from hall_app.domain.hallsim_run import Action, Run, Switch
from hall_app.domain.tidal import LaneLoad, WindowState, recommend

SWITCH_GAP_MINUTES = 60


def lane_loads(run: Run) -> list[LaneLoad]:
    """The lanes as the tidal console sees them: people waiting, the last hour's arrival rate
    and service time (the catalog's average until three services are known)."""
    model = run.model
    return [
        LaneLoad(
            lane,
            model.names.get(lane, lane),
            run.waiting.get(lane, 0),
            run.arrivals_per_min(lane),
            run.service_minutes(lane),
        )
        for lane in model.lanes
    ]


def window_states(run: Run) -> list[WindowState]:
    """The open windows as the tidal console sees them."""
    return [
        WindowState(
            d.number,
            d.lanes,
            run.model.qualified.get(d.staff or "", frozenset()),
            (run.now - d.last_switch) / 60 if d.last_switch > -(10**8) else math.inf,
            d.visit is not None,
        )
        for d in run.open_desks()
    ]


class TidalPolicy:
    """Today's automatic mode: the recommender's lane switches, applied."""

    def decide(self, run: Run, now: int) -> Sequence[Action]:
        proposals = recommend(
            lane_loads(run), window_states(run), min_gap=SWITCH_GAP_MINUTES, names=run.model.names
        )
        return [Switch(p.window, p.to_categories, p.reason) for p in proposals]


POLICIES = ("static", "tidal", "tidal-staffing")
