"""``hall-app calendar …``: the working-day calendar in the database (show, set, unset,
complete) and the holiday file the app ships (diff, add-year; docs/holidays.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from hall_app.cli_common import (
    EXIT_KNOWN,
    EXIT_OK,
    AddCommand,
    Subcommands,
    _actor,
    _hall,
    _out,
    parse_date,
    subcommands,
)

KINDS = {"holiday": "放假", "workday": "调休上班"}


def cmd_calendar_show(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        known, days = hall.calendar.year(args.year)
    lines = [f"{args.year} 年：{'已完整录入' if known else '未完整录入（按周一至周五推算）'}"]
    lines += [f"  {d.day}  {KINDS[d.kind]}  {d.name}  （{d.source}）" for d in days]
    _out(
        args,
        {
            "year": args.year,
            "complete": known,
            "days": [
                {"day": d.day.isoformat(), "kind": d.kind, "name": d.name, "source": d.source}
                for d in days
            ],
        },
        "\n".join(lines),
    )
    return EXIT_OK


def cmd_calendar_set(args: argparse.Namespace) -> int:
    day = parse_date(args.date)
    with _hall(args) as hall:
        hall.calendar.set_day(_actor(hall, args), day, args.kind, args.name or "")
    _out(args, {"day": day.isoformat(), "kind": args.kind}, f"已登记 {day} 为 {args.kind}")
    return EXIT_OK


def cmd_calendar_unset(args: argparse.Namespace) -> int:
    day = parse_date(args.date)
    with _hall(args) as hall:
        hall.calendar.unset_day(_actor(hall, args), day)
    _out(args, {"day": day.isoformat()}, f"已删除 {day} 的登记")
    return EXIT_OK


def cmd_calendar_complete(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        hall.calendar.mark_year_complete(_actor(hall, args), args.year)
    _out(args, {"year": args.year}, f"{args.year} 年节假日安排已标记为完整录入")
    return EXIT_OK


def _side(value: tuple[str, str] | None) -> str:
    return f"{KINDS[value[0]]} {value[1]}" if value else "（无）"


def cmd_calendar_diff(args: argparse.Namespace) -> int:
    """The shipped holiday file against the installed chinesecalendar: exit 0 when they agree,
    1 when a day differs (each listed), for review after upgrading the package."""
    from hall_app.services.calendar import compare_holidays, package_holidays
    from hall_app.store.holidays import read_holidays, shipped_file

    path = Path(args.file) if args.file else shipped_file()
    version, package = package_holidays()
    differences = compare_holidays(read_holidays(path), package, args.year)
    scope = f"{args.year} 年" if args.year else "全部年份"
    lines = [f"{path} 与 chinesecalendar {version}（{scope}）："]
    if differences:
        lines.append(f"{'日期':<12}{'文件':<14}{'软件包'}")
        lines += [f"{d.day}  {_side(d.file):<12}{_side(d.package)}" for d in differences]
        lines.append(f"共 {len(differences)} 天不一致：请对照国务院办公厅的放假通知核对文件")
    else:
        lines.append("一致")
    _out(
        args,
        {
            "file": str(path),
            "package": version,
            "differences": [
                {
                    "day": d.day.isoformat(),
                    "file": list(d.file) if d.file else None,
                    "package": list(d.package) if d.package else None,
                }
                for d in differences
            ],
        },
        "\n".join(lines),
    )
    return EXIT_KNOWN if differences else EXIT_OK


def cmd_calendar_add_year(args: argparse.Namespace) -> int:
    from hall_app.services.calendar import add_package_year
    from hall_app.store.holidays import shipped_file

    path = Path(args.file) if args.file else shipped_file()
    added = add_package_year(args.year, path)
    lines = [f"已把 chinesecalendar 的 {args.year} 年安排（{len(added)} 天）加入 {path}："]
    lines += [f"  {r.day}  {KINDS[r.kind]}  {r.name}" for r in added]
    lines.append("提交前请逐日对照国务院办公厅的放假通知核对，并新增迁移载入（docs/holidays.md）")
    _out(
        args,
        {"file": str(path), "year": args.year, "added": len(added)},
        "\n".join(lines),
    )
    return EXIT_OK


def add_calendar_commands(add: AddCommand, sub: Subcommands) -> None:
    """Register ``hall-app calendar …`` (``add`` is build_parser's helper)."""
    calendar = subcommands(sub, "calendar", "工作日历（法定节假日与调休）")
    show = add("show", cmd_calendar_show, "显示某年的放假和调休登记", calendar)
    show.add_argument("year", type=int)
    cset = add("set", cmd_calendar_set, "登记放假日（holiday）或调休上班日（workday）", calendar)
    cset.add_argument("date", help="日期，如 2027-01-01")
    cset.add_argument("kind", choices=["holiday", "workday"])
    cset.add_argument("--name", help="节日名称，如 元旦")
    unset = add("unset", cmd_calendar_unset, "删除某日的登记", calendar)
    unset.add_argument("date")
    complete = add(
        "complete",
        cmd_calendar_complete,
        "标记某年已完整录入（不再提示按周一至周五推算）",
        calendar,
    )
    complete.add_argument("year", type=int)
    diff = add(
        "diff",
        cmd_calendar_diff,
        "对比随程序发布的节假日文件与已安装的 chinesecalendar（升级后核对；有差异时退出码为 1）",
        calendar,
    )
    diff.add_argument("--year", type=int, help="只对比这一年")
    diff.add_argument("--file", help="节假日文件（默认 resources/holidays/cn_holidays.csv）")
    add_year = add(
        "add-year",
        cmd_calendar_add_year,
        "把 chinesecalendar 中某年的安排加入节假日文件，供对照放假通知审核",
        calendar,
    )
    add_year.add_argument("year", type=int)
    add_year.add_argument("--file", help="节假日文件（默认 resources/holidays/cn_holidays.csv）")
