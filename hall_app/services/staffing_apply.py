"""Carrying out what the staffing view proposes (a part of :class:`StaffingConsole`): a lane
switch through the tidal service, a call from the back office, a close and a moved break
through today's rota, a remedy through the remedy service — each logged with the figures that
justified it (the forward check's p95 bands, the staff-hours, the warning)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from hall_app.domain.errors import InvalidInput
from hall_app.domain.forward import Band, worst
from hall_app.domain.hallsim_run import CallIn, Close, MoveBreak, Switch
from hall_app.domain.overflow import RemedyOption, Warning
from hall_app.domain.roles import Permission
from hall_app.domain.rota import clock
from hall_app.services.context import Actor
from hall_app.services.guard import guarded

if TYPE_CHECKING:
    from hall_app.services.context import ServiceContext
    from hall_app.services.remedies import RemedyService, RemedyView
    from hall_app.services.rota import RotaService
    from hall_app.services.staffing_console import Checked
    from hall_app.services.tidal import TidalService


def _bands(prefix: str, bands: dict[str, Band]) -> dict[str, float]:
    out: dict[str, float] = {}
    for lane, band in sorted(bands.items()):
        out[f"{prefix}_{lane}"] = band.mean
        out[f"{prefix}_{lane}_low"] = band.low
        out[f"{prefix}_{lane}_high"] = band.high
    return out


def figures_of(checked: Checked) -> dict[str, Any]:
    """What justified a proposal: each lane's p95 band without and with it, the largest lane
    p95 both ways, the staff-hours, the recommender's own estimate."""
    check, advice = checked.check, checked.advice
    return {
        "lane": advice.lane,
        "expected_wait_minutes": round(advice.wait_before, 1),
        "expected_wait_after_minutes": round(advice.wait_after, 1),
        "staff_hours": round(advice.staff_hours, 2),
        "p95_without": check.without.get(advice.lane, Band(0, 0, 0)).mean,
        "p95_with": check.with_.get(advice.lane, Band(0, 0, 0)).mean,
        "worst_p95_without": worst(check.without),
        "worst_p95_with": worst(check.with_),
        "seeds": 20,
        **_bands("p95_without", check.without),
        **_bands("p95_with", check.with_),
        "basis": check.why,
    }


class StaffingApply:
    ctx: ServiceContext
    rota: RotaService
    tidal: TidalService
    remedies: RemedyService

    @guarded(Permission.MANAGE_TIDAL)
    def apply(self, actor: Actor, checked: Checked) -> None:
        """Carry out one checked proposal now, logged with its figures."""
        action = checked.advice.action
        figures = figures_of(checked)
        reason = f"调配建议：{checked.advice.text}（前瞻校验：{checked.check.why}）"
        minute = self.ctx.local(self.ctx.now())
        at = minute.hour * 60 + minute.minute
        if isinstance(action, Switch):
            self.tidal.reassign(actor, [action.window], list(action.lanes), reason[:500])
        elif isinstance(action, CallIn):
            planned = self.rota.day(self.ctx.today()).at_windows(at).get(action.window)
            if planned is not None and planned != action.staff_no:
                # the rota's person for that window is not at the counter: off it from now
                self.rota.close_window(
                    actor, action.window, at, figures, f"{planned} 未在岗，{reason}"[:500]
                )
            self.rota.call_in(actor, action.staff_no, action.window, at, figures, reason)
            self.tidal.reassign(actor, [action.window], list(action.lanes), reason[:500])
        elif isinstance(action, Close):
            self.rota.close_window(actor, action.window, at, figures, reason)
        elif isinstance(action, MoveBreak):
            self.rota.move_break(
                actor, action.staff_no, action.old_start, action.new_start, figures, reason
            )
        else:  # pragma: no cover  (every action kind is above)
            raise InvalidInput("未知的调配建议")

    @guarded(Permission.MANAGE_TIDAL)
    def apply_remedy(
        self,
        actor: Actor,
        option: RemedyOption,
        warning: Warning,
        limit: int,
        starts_at: dt.datetime | None = None,
    ) -> RemedyView:
        """Apply a remedy for a warned lane from ``starts_at`` (default: now), logged with the
        warning's figures and the remedy's expected effect."""
        now = self.ctx.now()
        figures: dict[str, Any] = {
            "expected_wait_minutes": float(warning.longest),
            "limit_minutes": float(limit),
            "passes_at": clock(warning.from_minute),
            "p95_without": option.without.mean,
            "p95_with": option.with_.mean,
            "p95_without_low": option.without.low,
            "p95_without_high": option.without.high,
            "p95_with_low": option.with_.low,
            "p95_with_high": option.with_.high,
            "past_closing_minutes": float(warning.past_closing),
            "seeds": 20,
            "basis": option.text,
        }
        return self.remedies.apply(
            actor,
            option.lane,
            option.kind,
            starts_at or now,
            figures,
            f"{warning.text(limit)}；{option.text}",
        )
