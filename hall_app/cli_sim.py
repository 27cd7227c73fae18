"""The day simulator's command: ``hall-app simulate``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import cast

from hall_app.cli_common import EXIT_OK, _out


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
