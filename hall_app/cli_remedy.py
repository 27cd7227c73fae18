"""``hall-app tidal remedy apply|list|lift``: a lane's overflow remedies (issue 19 §5) from
the command line, as the tidal console applies them; JSON with ``--json``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from hall_app.cli_common import (
    EXIT_OK,
    AddCommand,
    Subcommands,
    _actor,
    _hall,
    _out,
    staff_arg,
    subcommands,
)
from hall_app.domain.errors import InvalidInput
from hall_app.domain.overflow_remedy import RemedyKind


def _moment(text: str | None, today: dt.date, tz: dt.tzinfo) -> dt.datetime | None:
    """``10:30`` (today, hall time) or an ISO date-time (hall time when it has no zone)."""
    if not text:
        return None
    try:
        if len(text) <= 5 and ":" in text:
            return dt.datetime.combine(today, dt.time.fromisoformat(text.zfill(5)), tz)
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"时间「{text}」格式不正确，应如 10:30 或 2026-12-02T10:30") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=tz)


def _figures(text: str) -> dict[str, Any]:
    """A JSON object, or ``@file`` holding one."""
    try:
        raw = Path(text[1:]).read_text(encoding="utf-8") if text.startswith("@") else text
        figures = json.loads(raw)
    except OSError as error:
        raise InvalidInput(f"无法读取测算数据文件：{error.strerror}") from None
    except ValueError:
        figures = None
    if not isinstance(figures, dict):
        raise InvalidInput("--figures 应为 JSON 对象，如 '{\"limit_minutes\": 60}'")
    return figures


def _line(r: dict[str, object]) -> str:
    offers = r["offers"]
    lifted = f" 已解除 {r['lifted_at']}" if r["lifted_at"] else ""
    return (
        f"#{r['id']} {r['lane']} {r['kind']} 自 {r['starts_at']} 至 {r['ends_at'] or '当日结束'}"
        f"{lifted}  {r['reason']}  引导预约 {offers}  依据 {json.dumps(r['figures'], ensure_ascii=False)}"
    )


def cmd_remedy(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        command = args.remedy_command
        if command == "list":
            views = hall.remedies.today() if args.all else hall.remedies.active(args.lane)
            rows = [v.as_json() for v in views if not args.lane or v.lane == args.lane]
            _out(args, rows, "\n".join(_line(r) for r in rows) or "没有生效的超限应对措施")
            return EXIT_OK
        actor = _actor(hall, args)
        if command == "lift":
            row = hall.remedies.lift(actor, args.id).as_json()
            _out(args, row, f"已解除措施 #{row['id']}")
            return EXIT_OK
        tz, today = hall.ctx.tz, hall.ctx.today()
        starts = _moment(args.starts, today, tz) or hall.ctx.now()
        view = hall.remedies.apply(
            actor,
            args.lane,
            args.kind,
            starts,
            _figures(args.figures),
            args.reason,
            _moment(args.until, today, tz),
        )
        row = view.as_json()
        _out(args, row, f"已采取措施 #{row['id']}：{_line(row)}")
    return EXIT_OK


def add_remedy_commands(add: AddCommand, tidal: Subcommands) -> None:
    group = subcommands(tidal, "remedy", "超限应对措施：引导预约、一件事分流、调派人员")
    apply = add("apply", cmd_remedy, "对某业务类别采取措施（附测算数据，写入审计）", group)
    apply.add_argument("--lane", required=True, help="业务类别编码，如 B")
    apply.add_argument("--kind", required=True, choices=[k.value for k in RemedyKind])
    apply.add_argument("--from", dest="starts", help="开始时间（截止点），如 10:30；默认现在")
    apply.add_argument("--until", help="结束时间，默认当日结束")
    apply.add_argument(
        "--figures", required=True, help="测算数据 JSON（或 @文件），见 docs/overflow-remedies.md"
    )
    apply.add_argument("--reason", required=True)
    staff_arg(apply)
    listing = add("list", cmd_remedy, "列出现在生效的措施（--all：今天全部）", group)
    listing.add_argument("--lane", help="只看该业务类别")
    listing.add_argument("--all", action="store_true", help="包括已解除和未开始的")
    lift = add("lift", cmd_remedy, "解除措施", group)
    lift.add_argument("id", type=int, help="措施编号")
    staff_arg(lift)
