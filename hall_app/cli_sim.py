"""The day simulator's command (``hall-app simulate``) and the staffing view
(``hall-app tidal staffing``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import cast

from hall_app.cli_common import EXIT_OK, _hall, _out


def cmd_simulate(args: argparse.Namespace) -> int:
    from hall_app.services.simulator import simulate

    result = simulate(
        Path(args.arrivals), args.policy, args.seed, through_services=args.through_services
    )
    # the simulator's result is JSON-shaped: these entries are mappings
    overall = cast("dict[str, object]", result["overall"])
    categories = cast("dict[str, dict[str, object]]", result["categories"])
    actions = cast("dict[str, int]", result["actions"])
    lines = [
        f"策略 {result['policy']}，到达 {result['arrivals']} 人，窗口切换 {result['switches']} 次，"
        f"召回人员 {actions['call_in']} 次，关闭窗口 {actions['close']} 次，调整休息 "
        f"{actions['move_break']} 次",
        f"总体等待：平均 {overall['mean']} 分钟，p95 {overall['p95']} 分钟，最长 {overall['max']} 分钟",
        f"窗口人时 {result['staff_hours']} 小时，窗口平均利用率 {result['mean_utilization']:.0%}",
    ]
    if result["not_called"]:
        lines.append(f"未叫到 {result['not_called']} 人（模拟结束时仍在等候）")
    for lane, f in categories.items():
        lines.append(
            f"  {lane}: {f['n']} 人，平均 {f['mean']}，p95 {f['p95']}，最长 {f['max']} 分钟"
        )
    _out(args, result, "\n".join(lines))
    return EXIT_OK


def _band(band: object) -> str:
    mean, low, high = (getattr(band, k) for k in ("mean", "low", "high"))
    return f"{mean:.0f}（{low:.0f}–{high:.0f}）"


def cmd_staffing(args: argparse.Namespace) -> int:
    """人员调配: the overflow warnings with their remedies, and the staffing proposals each
    checked forward (what the supervisor console shows), read-only."""
    from dataclasses import asdict

    with _hall(args) as hall:
        view = hall.staffing.view()
    names = view.names
    lines = [
        f"人员调配（{view.at:%H:%M}，等待上限 {view.limit} 分钟，今日排班 "
        f"{view.planned_hours} 人时）：{view.note}"
    ]
    for w in view.warnings:
        lines.append(f"预警  {w.text(view.limit)}")
        for option in (o for o in view.remedies if o.lane == w.lane):
            lines.append(f"      可选措施：{option.text}")
    if not view.warnings:
        lines.append("预警  无：各类业务预计等待均在上限内")
    for label, rows in (("建议", view.proposals), ("未采纳", view.dropped)):
        for c in rows:
            lane = c.advice.lane
            lines.append(
                f"{label}  {c.advice.text}；{names.get(lane, lane)} p95 "
                f"{_band(c.check.without[lane]) if lane in c.check.without else '—'} → "
                f"{_band(c.check.with_[lane]) if lane in c.check.with_ else '—'} 分钟，"
                f"人时 {c.advice.staff_hours:+.1f}；{c.check.why}"
            )
    lines.append(f"（前瞻校验：20 次模拟 × 2 小时，用时 {view.seconds:.1f} 秒）")
    data = {
        "at": view.at.isoformat(),
        "note": view.note,
        "limit_minutes": view.limit,
        "planned_staff_hours": view.planned_hours,
        "baseline": {lane: asdict(b) for lane, b in view.baseline.items()},
        "warnings": [asdict(w) | {"text": w.text(view.limit)} for w in view.warnings],
        "remedies": [asdict(o) for o in view.remedies],
        "proposals": [_checked(c, kept=True) for c in view.proposals],
        "dropped": [_checked(c, kept=False) for c in view.dropped],
        "seconds": round(view.seconds, 2),
    }
    _out(args, data, "\n".join(lines))
    return EXIT_OK


def _checked(c: object, *, kept: bool) -> dict[str, object]:
    from dataclasses import asdict

    advice, check = getattr(c, "advice"), getattr(c, "check")  # noqa: B009  (Checked)
    return {
        "kind": type(advice.action).__name__,
        "action": asdict(advice.action),
        "lane": advice.lane,
        "text": advice.text,
        "staff_hours": round(advice.staff_hours, 2),
        "p95_without": {lane: asdict(b) for lane, b in check.without.items()},
        "p95_with": {lane: asdict(b) for lane, b in check.with_.items()},
        "kept": kept,
        "why": check.why,
    }
