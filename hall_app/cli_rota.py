"""``hall-app rota …``: a day's rota (排班; docs/rota.md): show it, import a CSV file as the
day's rota, export it as a CSV file. Supervisors and admins (``manage_tidal``), logged in like
the tidal commands; ``--date`` defaults to the hall's today."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hall_app.cli_common import (
    EXIT_OK,
    AddCommand,
    Subcommands,
    _actor,
    _hall,
    _out,
    parse_date,
    staff_arg,
    subcommands,
)
from hall_app.domain.rota import Kind, Rota, clock

if TYPE_CHECKING:
    from hall_app.services.hall import Hall

KIND_LABELS = {Kind.WORK: "上岗", Kind.BREAK: "休息", Kind.BACK_OFFICE: "后台"}


def _date(hall: Hall, args: argparse.Namespace) -> dt.date:
    return parse_date(args.date) if args.date else hall.ctx.today()


def rota_data(date: dt.date, rota: Rota, names: dict[str, str]) -> dict[str, Any]:
    """The JSON of a day's rota: shifts, lane minimums, staff-minutes, the note."""
    return {
        "date": date.isoformat(),
        "default": bool(rota.note),
        "note": rota.note,
        "staff_minutes": rota.staff_minutes(),
        "shifts": [
            {
                "kind": s.kind.value,
                "staff_no": s.staff_no,
                "name": names.get(s.staff_no, ""),
                "window": s.window,
                "start": clock(s.start),
                "end": clock(s.end),
            }
            for s in rota.shifts
        ],
        "minimums": dict(sorted(rota.minimums.items())),
    }


def rota_text(date: dt.date, rota: Rota, names: dict[str, str]) -> str:
    minutes = rota.staff_minutes()
    lines = [f"{date} 排班{'（' + rota.note + '）' if rota.note else ''}"]
    lines.append(f"窗口在岗合计 {minutes // 60} 小时 {minutes % 60} 分钟")
    order = {Kind.WORK: 0, Kind.BREAK: 1, Kind.BACK_OFFICE: 2}
    for s in sorted(rota.shifts, key=lambda s: (order[s.kind], s.window or 0, s.start)):
        where = f"{s.window}号窗口" if s.window is not None else ""
        who = f"{s.staff_no} {names.get(s.staff_no, '')}".strip()
        lines.append(
            f"  {KIND_LABELS[s.kind]}  {who:<10} {where:<6} {clock(s.start)}–{clock(s.end)}"
        )
    if rota.minimums:
        lanes = "，".join(f"{lane} {n} 个" for lane, n in sorted(rota.minimums.items()))
        lines.append(f"各类业务最少窗口：{lanes}")
    return "\n".join(lines)


def cmd_rota(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        date = _date(hall, args)
        names = hall.rota.facts().names
        if args.rota_command == "show":
            rota = hall.rota.day(date)
            _out(args, rota_data(date, rota, names), rota_text(date, rota, names))
        elif args.rota_command == "import":
            rota = hall.rota.import_csv(_actor(hall, args), date, Path(args.file))
            minutes = rota.staff_minutes()
            _out(
                args,
                rota_data(date, rota, names),
                f"已导入 {date} 的排班：{len(rota.shifts)} 个时段，"
                f"窗口在岗合计 {minutes // 60} 小时 {minutes % 60} 分钟",
            )
        else:
            text = hall.rota.export_csv(date)
            if args.file:
                Path(args.file).write_text(text, encoding="utf-8")
                _out(args, {"date": date.isoformat(), "file": args.file}, f"已导出到 {args.file}")
            else:
                sys.stdout.write(text)
    return EXIT_OK


def add_rota_commands(add: AddCommand, sub: Subcommands) -> None:
    """Register ``hall-app rota …`` (``add`` is build_parser's helper)."""
    rota = subcommands(sub, "rota", "当天排班：上岗窗口、休息、后台人员和各类业务最少窗口数")
    show = add("show", cmd_rota, "显示某天的排班（未保存时为大厅默认排班）", rota)
    imp = add("import", cmd_rota, "导入排班文件（CSV，格式见 docs/rota.md）作为某天的排班", rota)
    imp.add_argument("file", help="排班文件（CSV，UTF-8）")
    exp = add("export", cmd_rota, "导出某天的排班为 CSV（不给文件时输出到屏幕）", rota)
    exp.add_argument("file", nargs="?", help="写出的 CSV 文件")
    for p in (show, imp, exp):
        p.add_argument("--date", help="日期，如 2026-12-07（默认今天）")
        staff_arg(p)
