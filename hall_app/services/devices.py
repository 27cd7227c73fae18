"""Devices that report their own health: today the calling board's audio.

The board needs no login, so it writes under the system actor (audited with its terminal).
A row per terminal and part holds the current state; only a change of state is written and
audited (a failure, or the recovery), so a board that keeps failing does not flood the audit
trail. The supervisor console reads the rows as alerts: an unheard call becomes a 过号.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from hall_app.domain.tidal import Alert
from hall_app.services.context import ServiceContext, audit
from hall_app.store.changes import announce_change
from hall_app.store.models import DeviceStatus

AUDIO = "audio"


@dataclass(frozen=True)
class DeviceProblem:
    terminal: str
    device: str
    part: str
    problem: str
    since: dt.datetime


def report(ctx: ServiceContext, part: str, problem: str | None, *, device: str = "board") -> bool:
    """Record this terminal's ``part`` as failing (``problem``) or working (None), by the
    system actor. Returns True when the state changed (and was audited)."""
    text = (problem or "").strip()[:200]
    with ctx.db.write() as s:
        row = s.get(DeviceStatus, (ctx.terminal, part))
        if row is None:
            if not text:
                return False  # working, and never reported otherwise
            row = DeviceStatus(
                terminal=ctx.terminal, part=part, device=device, problem=text, since=ctx.now()
            )
            s.add(row)
        elif row.problem == text:
            return False
        else:
            row.problem, row.device, row.since = text, device, ctx.now()
        audit(
            s,
            ctx,
            None,
            "device_fault" if text else "device_recovered",
            "device_status",
            None,
            terminal=ctx.terminal,
            device=device,
            part=part,
            problem=text,
        )
        announce_change(s, "devices")
        return True


def problems(ctx: ServiceContext) -> list[DeviceProblem]:
    with ctx.db.read() as s:
        rows = s.scalars(
            select(DeviceStatus).where(DeviceStatus.problem != "").order_by(DeviceStatus.since)
        ).all()
        return [DeviceProblem(r.terminal, r.device, r.part, r.problem, r.since) for r in rows]


def device_alerts(ctx: ServiceContext) -> list[Alert]:
    """Alarms for the supervisor console, one per failing device part."""
    out = []
    for p in problems(ctx):
        since = ctx.local(p.since)
        what = "叫号屏" if p.device == "board" else p.device
        part = "语音播报" if p.part == AUDIO else p.part
        out.append(
            Alert(
                "alarm",
                f"{what}（{p.terminal}）{part}故障：{p.problem}"
                f"（自 {since:%H:%M} 起）。叫号可能听不到，请人工喊号并检查音箱",
            )
        )
    return out
