"""``hall-app``: the GUI, and headless commands for operators and integrations.

Every command goes through the same services as the screens. ``--json`` prints JSON.
Known errors exit 1 with a Chinese message on stderr; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hall_app.cli_audit import add_audit_commands
from hall_app.cli_auth import add_login_options
from hall_app.cli_common import (
    EXIT_KNOWN,
    EXIT_OK,
    _actor,
    _hall,
    _out,
    _Parser,
)
from hall_app.cli_db import add_db_commands
from hall_app.cli_jobs import cmd_appointments_sweep
from hall_app.cli_ops import (
    cmd_fallback_conflicts,
    cmd_fallback_prepare,
    cmd_fallback_reconcile,
    cmd_fallback_resolve,
    cmd_fallback_status,
    cmd_hall_close,
    cmd_incident,
    cmd_incident_kit,
    cmd_simulate,
    cmd_tidal,
)
from hall_app.domain.errors import InvalidInput, KnownError

# ---------------------------------------------------------------- commands


def cmd_gui(args: argparse.Namespace) -> int:
    from hall_app.ui.app import run_gui

    return run_gui(demo=args.demo)


def cmd_board(args: argparse.Namespace) -> int:
    from hall_app.ui.app import run_board

    return run_board(screen=args.screen, windowed=args.windowed)


def cmd_catalog_check(args: argparse.Namespace) -> int:
    from hall_app.domain.catalog_check import SHOWN_PROBLEMS
    from hall_app.services.catalog import check_file

    if args.db:  # also what the database holding the current catalog would refuse
        with _hall(args) as hall:
            problems = check_file(Path(args.file), minimum_sizes=args.full, ctx=hall.ctx)
    else:
        problems = check_file(Path(args.file), minimum_sizes=args.full)
    if args.json:
        _out(
            args,
            {
                "ok": not problems,
                "problems": [
                    {"line": p.line, "path": p.path, "message": p.message} for p in problems
                ],
            },
            "",
        )
    elif problems:
        print(f"{args.file}：发现 {len(problems)} 处问题", file=sys.stderr)
        for problem in problems[:SHOWN_PROBLEMS]:
            print(f"  {problem}", file=sys.stderr)
        if len(problems) > SHOWN_PROBLEMS:
            print(f"  ……其余 {len(problems) - SHOWN_PROBLEMS} 处问题未列出", file=sys.stderr)
    else:
        print(f"{args.file}：检查通过")
    return EXIT_KNOWN if problems else EXIT_OK


def cmd_catalog_import(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        report = hall.catalog.import_file(_actor(hall, args), Path(args.file))
    _out(args, report.__dict__, report.summary())
    return EXIT_OK


def cmd_demo_seed(args: argparse.Namespace) -> int:
    from hall_app.services.hall import seed_demo

    with _hall(args) as hall:
        done = seed_demo(hall)
    _out(args, {"done": done}, done or "演示数据已存在，无需重复生成")
    return EXIT_OK


def cmd_ticket_issue(args: argparse.Namespace) -> int:
    from hall_app.domain.tickets import GreenReason

    with _hall(args) as hall:
        actor = _actor(hall, args)
        issued = hall.tickets.issue(
            actor,
            item_code=args.item,
            bundle_code=args.bundle,
            category_code=args.category,
            green_reason=GreenReason(args.green) if args.green else None,
            green_note=args.green_note or "",
        )
        t = issued.ticket
        hint = hall.appointments.off_peak_hint(t.item_code or t.bundle_code) if args.pdf else ""
    pdf = None
    if args.pdf:
        from hall_app.printing.ticket import TicketSlip, render_ticket

        pdf = Path(args.pdf)
        pdf.write_bytes(render_ticket(TicketSlip.from_issued(issued, off_peak=hint)))
    t = issued.ticket
    data = t.as_json() | {"people_ahead": issued.people_ahead, "pdf": str(pdf) if pdf else None}
    _out(args, data, f"{t.number}  {t.subject}  前面还有 {issued.people_ahead} 人")
    return EXIT_OK


def _window_action(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with _hall(args) as hall:
            actor = _actor(hall, args, args.window)
            if name == "call":
                ticket = hall.tickets.call_next(actor, args.window)
                if ticket is None:
                    _out(args, {"ticket": None}, f"{args.window}号窗口暂无等候的号票")
                    return EXIT_OK
            elif name == "transfer":
                ticket = hall.tickets.transfer(
                    actor,
                    window_number=args.window,
                    to_category=args.to_category,
                    to_window=args.to_window,
                    reason=args.reason or "",
                )
            else:
                ticket = getattr(hall.tickets, name.replace("-", "_"))(actor, args.window)
        _out(
            args,
            {"ticket": ticket.as_json()},
            f"{ticket.number}  {ticket.state.label}  {args.window}号窗口  {ticket.subject}",
        )
        return EXIT_OK

    return run


def _number_action(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with _hall(args) as hall:
            actor = _actor(hall, args)
            ticket = getattr(hall.tickets, name)(actor, args.number)
        _out(args, {"ticket": ticket.as_json()}, f"{ticket.number}  {ticket.state.label}")
        return EXIT_OK

    return run


def cmd_queue_status(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        status = hall.queues.status()
    lines = [f"{'类别':<8}{'等候':>6}{'最长等待(分)':>14}{'开放窗口':>10}"]
    for lane in status.lanes:
        lines.append(
            f"{lane.prefix} {lane.name:<8}{lane.waiting:>6}"
            f"{lane.longest_wait_seconds(status.at) // 60:>14}{lane.open_windows:>10}"
        )
    if status.closed:
        lines.append(f"未办结（闭厅）：{status.closed}")
    _out(args, status.as_json(), "\n".join(lines))
    return EXIT_OK


def _date(text: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"日期「{text}」格式不正确，应为 2027-01-01") from None


def cmd_calendar_show(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        known, days = hall.calendar.year(args.year)
    kinds = {"holiday": "放假", "workday": "调休上班"}
    lines = [f"{args.year} 年：{'已完整录入' if known else '未完整录入（按周一至周五推算）'}"]
    lines += [f"  {d.day}  {kinds[d.kind]}  {d.name}  （{d.source}）" for d in days]
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
    day = _date(args.date)
    with _hall(args) as hall:
        hall.calendar.set_day(_actor(hall, args), day, args.kind, args.name or "")
    _out(args, {"day": day.isoformat(), "kind": args.kind}, f"已登记 {day} 为 {args.kind}")
    return EXIT_OK


def cmd_calendar_unset(args: argparse.Namespace) -> int:
    day = _date(args.date)
    with _hall(args) as hall:
        hall.calendar.unset_day(_actor(hall, args), day)
    _out(args, {"day": day.isoformat()}, f"已删除 {day} 的登记")
    return EXIT_OK


def cmd_calendar_complete(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        hall.calendar.mark_year_complete(_actor(hall, args), args.year)
    _out(args, {"year": args.year}, f"{args.year} 年节假日安排已标记为完整录入")
    return EXIT_OK


def cmd_cases_list(args: argparse.Namespace) -> int:
    from hall_app.cli_cases import case_list

    with _hall(args) as hall:
        rows, text = case_list(hall.documents.cases(args.actor, open_only=not args.all))
    _out(args, rows, text)
    return EXIT_OK


def cmd_appointments_import(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        report = hall.appointments.import_file(_actor(hall, args), Path(args.file))
    _out(
        args,
        {
            "imported": report.imported,
            "existing": report.existing,
            "problems": list(report.problems),
            "encoding": report.encoding,
        },
        report.summary(),
    )
    return EXIT_KNOWN if report.problems else EXIT_OK


def cmd_appointments_list(args: argparse.Namespace) -> int:
    from hall_app.domain.masking import mask_name

    with _hall(args) as hall:
        day = _date(args.date) if args.date else hall.ctx.today()
        rows = hall.appointments.day_list(day)
    _out(
        args,
        [
            {
                "code": a.code,
                "name": mask_name(a.name),
                "id": a.id_masked,
                "phone": a.phone_masked,
                "subject": a.subject,
                "day": a.day.isoformat(),
                "slot": a.slot,
                "state": a.state,
                "source": a.source,
            }
            for a in rows
        ],
        "\n".join(
            f"{a.code}  {a.slot}  {a.state_label}  {mask_name(a.name)}  {a.subject}" for a in rows
        )
        or f"{day} 没有预约",
    )
    return EXIT_OK


def cmd_appointments_checkin(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        actor = _actor(hall, args)
        result = hall.appointments.check_in(actor, args.query)
    _out(
        args,
        {
            "arrival": result.arrival.value,
            "message": result.message,
            "ticket": result.issued.ticket.as_json(),
        },
        result.message,
    )
    return EXIT_OK


def cmd_appointments_lift(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        actor = _actor(hall, args)
        hall.appointments.lift_ban(actor, args.id_number, args.reason)
    _out(args, {"lifted": True}, "已解除预约限制（已记录原因）")
    return EXIT_OK


def cmd_config_path(args: argparse.Namespace) -> int:
    from hall_app import paths
    from hall_app.config import config_file, load_config

    config = load_config()
    data = {
        "config_file": str(config_file()),
        "data_dir": str(paths.data_dir()),
        "log_dir": str(paths.log_dir()),
        "database": config.db_url.split("@")[-1],
    }
    _out(args, data, "\n".join(f"{k}: {v}" for k, v in data.items()))
    return EXIT_OK


# ---------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="hall-app",
        description="县级政务服务大厅窗口系统。不带子命令时启动图形界面。",
    )
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    def add(
        name: str,
        func: Callable[[argparse.Namespace], int],
        help_text: str,
        parent: Any = sub,
        json_flag: bool = True,
    ) -> argparse.ArgumentParser:
        p = parent.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if json_flag:
            p.add_argument("--json", action="store_true", help="以 JSON 输出")
        return p

    gui = add("gui", cmd_gui, "启动图形界面（默认）", json_flag=False)
    gui.add_argument("--demo", action="store_true", help="空数据库时载入演示目录和演示号票")

    board = add(
        "board", cmd_board, "叫号屏：在指定显示器上全屏显示并语音播报（F2 设置）", json_flag=False
    )
    board.add_argument("--screen", type=int, default=0, help="显示器编号，从 0 开始（默认 0）")
    board.add_argument("--windowed", action="store_true", help="以普通窗口显示（调试用）")

    db = sub.add_parser("db", help="数据库维护").add_subparsers(
        dest="db_command", metavar="子命令", required=True, parser_class=_Parser
    )
    add_db_commands(add, db)

    catalog = sub.add_parser("catalog", help="事项目录").add_subparsers(
        dest="catalog_command", metavar="子命令", required=True, parser_class=_Parser
    )
    check = add("check", cmd_catalog_check, "检查目录文件，列出全部问题及位置", catalog)
    check.add_argument("file", help="目录文件（YAML）")
    check.add_argument("--full", action="store_true", help="同时检查完整大厅的最低规模要求")
    check.add_argument("--db", action="store_true", help="同时对照数据库中的现有目录检查（导入前）")
    imp = add("import", cmd_catalog_import, "导入目录文件（可重复运行）", catalog)
    imp.add_argument("file", help="目录文件（YAML）")

    demo = sub.add_parser("demo", help="演示数据").add_subparsers(
        dest="demo_command", metavar="子命令", required=True, parser_class=_Parser
    )
    add("seed", cmd_demo_seed, "空数据库时载入演示目录和今天的演示号票", demo)

    ticket = sub.add_parser("ticket", help="号票操作").add_subparsers(
        dest="ticket_command", metavar="子命令", required=True, parser_class=_Parser
    )

    def staff_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--staff", help="操作人员工号（或环境变量 HALL_STAFF；密码取自 HALL_PASSWORD）"
        )

    issue = add("issue", cmd_ticket_issue, "取号：按事项、一件事或业务类别", ticket)
    what = issue.add_mutually_exclusive_group(required=True)
    what.add_argument("--item", help="事项编码")
    what.add_argument("--bundle", help="一件事编码")
    what.add_argument("--category", help="业务类别编码")
    issue.add_argument(
        "--green",
        choices=["elderly", "disabled", "pregnant", "military", "illness", "other"],
        help="绿色通道原因",
    )
    issue.add_argument("--green-note", help="绿色通道说明")
    issue.add_argument("--pdf", help="同时把 80mm 号票保存为 PDF 文件")
    staff_arg(issue)
    for name, help_text in (
        ("call", "叫下一位"),
        ("recall", "重呼当前号票"),
        ("start", "开始办理当前号票"),
        ("finish", "办结当前号票"),
        ("no-show", "当前号票过号"),
        ("undo-no-show", "撤销本窗口刚才的过号（2 分钟内）"),
        ("transfer", "转移当前号票"),
    ):
        p = add(name, _window_action(name), help_text, ticket)
        p.add_argument("--window", type=int, required=True, help="窗口号")
        staff_arg(p)
        if name == "transfer":
            p.add_argument("--to-category", help="转到业务类别编码")
            p.add_argument("--to-window", type=int, help="转到窗口号")
            p.add_argument("--reason", help="转移原因（接收窗口会看到）")
    for name, help_text in (("requeue", "过号重排（市民返回时）"), ("cancel", "取消号票")):
        p = add(name, _number_action(name), help_text, ticket)
        p.add_argument("number", help="号票号码，如 A012")
        staff_arg(p)

    queue = sub.add_parser("queue", help="队列").add_subparsers(
        dest="queue_command", metavar="子命令", required=True, parser_class=_Parser
    )
    add("status", cmd_queue_status, "各业务类别等候情况与窗口状态", queue)
    calendar = sub.add_parser("calendar", help="工作日历（法定节假日与调休）").add_subparsers(
        dest="calendar_command", metavar="子命令", required=True, parser_class=_Parser
    )
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

    hall_cmd = sub.add_parser("hall", help="大厅").add_subparsers(
        dest="hall_command", metavar="子命令", required=True, parser_class=_Parser
    )
    close = add(
        "close",
        cmd_hall_close,
        "闭厅：等候和已叫号的号票记为未办结（闭厅）并提供次日预约",
        hall_cmd,
    )
    close.add_argument(
        "--if-due", action="store_true", help="仅在闭厅时间（hall.closing_time）之后执行"
    )
    close.add_argument("--pdf", help="把 80mm 预约告知单保存为 PDF 文件")
    staff_arg(close)

    appointments = sub.add_parser("appointments", help="预约").add_subparsers(
        dest="appointments_command", metavar="子命令", required=True, parser_class=_Parser
    )
    aimp = add(
        "import",
        cmd_appointments_import,
        "导入网上预约（CSV/JSON，格式见 docs/appointments-import.md；可重复运行）",
        appointments,
    )
    aimp.add_argument("file")
    alist = add("list", cmd_appointments_list, "某日的预约（默认今天）", appointments)
    alist.add_argument("date", nargs="?", help="日期，如 2026-11-26")
    acheck = add(
        "check-in", cmd_appointments_checkin, "签到：预约码、身份证号或手机号", appointments
    )
    acheck.add_argument("query")
    staff_arg(acheck)
    alift = add(
        "lift-ban", cmd_appointments_lift, "值班长解除爽约预约限制（须写明原因）", appointments
    )
    add(
        "sweep",
        cmd_appointments_sweep,
        "把时段已过仍未签到的预约记为爽约（各终端每两分钟自动执行；每时段只执行一次）",
        appointments,
    )
    alift.add_argument("id_number", help="身份证号")
    alift.add_argument("--reason", required=True, help="解除原因")
    staff_arg(alift)

    tidal = sub.add_parser("tidal", help="潮汐窗口计划与规则").add_subparsers(
        dest="tidal_command", metavar="子命令", required=True, parser_class=_Parser
    )
    add("tick", cmd_tidal, "执行到期恢复、潮汐计划和规则（值班长终端每半分钟自动执行）", tidal)
    add("plans", cmd_tidal, "列出潮汐计划和规则", tidal)
    sched = add("schedule", cmd_tidal, "添加潮汐计划：某星期某时段若干窗口按指定类别叫号", tidal)
    sched.add_argument("--weekday", type=int, required=True, help="0=周一 … 6=周日")
    sched.add_argument("--start", required=True, help="开始时间，如 08:30")
    sched.add_argument("--end", required=True, help="结束时间，如 11:30")
    sched.add_argument("--windows", required=True, help="窗口号，如 5,6,7,8")
    sched.add_argument("--categories", required=True, help="类别编码按叫号顺序，如 C,A")
    sched.add_argument("--reason", required=True)
    staff_arg(sched)
    rule = add("rule", cmd_tidal, "添加规则：某类别最长等待超过阈值时，指定窗口同时叫号", tidal)
    rule.add_argument("--category", required=True)
    rule.add_argument("--minutes", type=int, required=True, help="最长等待阈值（分钟）")
    rule.add_argument("--windows", required=True)
    rule.add_argument("--reason")
    staff_arg(rule)

    simulate = add("simulate", cmd_simulate, "一天的模拟：静态或潮汐窗口策略下的等待时间")
    simulate.add_argument("--arrivals", required=True, help="到达文件（CSV，见 docs/simulator.md）")
    simulate.add_argument("--policy", choices=["static", "tidal"], default="static")
    simulate.add_argument("--seed", type=int, default=1)

    cases = sub.add_parser("cases", help="办件").add_subparsers(
        dest="cases_command", metavar="子命令", required=True, parser_class=_Parser
    )
    clist = add(
        "list", cmd_cases_list, "办件及其承诺、法定办结日期和预警状态（超承诺期、容缺逾期）", cases
    )
    clist.add_argument("--all", action="store_true", help="包括已办结的")
    fallback = sub.add_parser(
        "fallback", help="人工兜底：离线日志、核对合并、应急事件"
    ).add_subparsers(dest="fallback_command", metavar="子命令", required=True, parser_class=_Parser)
    add(
        "status",
        cmd_fallback_status,
        "本终端的连接状态（探测服务器）、预留号码和待合并记录（服务器不通时也可用）",
        fallback,
    )
    staff_arg(
        add("prepare", cmd_fallback_prepare, "联网时为本终端预留离线号码并缓存事项目录", fallback)
    )
    staff_arg(
        add(
            "reconcile",
            cmd_fallback_reconcile,
            "把本终端的离线记录合并到服务器（可重复运行，中断后可继续）",
            fallback,
        )
    )
    add("conflicts", cmd_fallback_conflicts, "列出待人工处理的离线记录冲突", fallback)
    settle = add(
        "resolve",
        cmd_fallback_resolve,
        "处理一条离线冲突：采用离线结果、保留联网结果或手工指定状态",
        fallback,
    )
    staff_arg(settle)
    settle.add_argument("key", help="冲突编号（fallback conflicts 所列；或号票号码）")
    settle.add_argument(
        "--outcome",
        required=True,
        choices=["offline", "online", "state"],
        help="offline 采用离线结果；online 保留服务器上的结果；state 手工指定状态",
    )
    settle.add_argument(
        "--state", help="--outcome state 时的状态：waiting、finished、no_show、cancelled"
    )
    settle.add_argument("--reason", required=True, help="处理原因（写入审计）")
    incident = sub.add_parser("incident", help="应急事件（值班长）").add_subparsers(
        dest="incident_command", metavar="子命令", required=True, parser_class=_Parser
    )
    declare = add("declare", cmd_incident, "宣布应急事件，全厅转入人工兜底", incident)
    declare.add_argument("--cause", required=True, help="原因，如 网络中断")
    declare.add_argument("--scope", help="范围（默认 全厅）")
    kit = add(
        "kit",
        cmd_incident_kit,
        "打印应急包为 PDF：有未结束事件时为该事件（重印编号不变），"
        "否则预先打印备用；服务器无法连接时按本终端预留的应急包打印",
        incident,
    )
    kit.add_argument("--pdf", help="保存的 PDF 文件")
    kit.add_argument("--use", type=int, metavar="K", help="把预先打印的应急包 K 用于当前事件")
    add("ledger", cmd_incident, "纸质台账与补录核对", incident)
    close = add("close", cmd_incident, "结束应急事件（台账须已平，或写明原因）", incident)
    close.add_argument("--review", required=True, help="复盘：原因、影响、处理经过")
    close.add_argument("--override", help="台账未平时的原因")
    close.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="步骤=原因",
        help="未勾选的预案步骤及未做的原因，每个步骤一次，如 --skip escalate=10分钟内已恢复",
    )
    for p in (declare, kit, close):
        staff_arg(p)
    for p in (kit, close, incident.choices["ledger"]):
        p.add_argument("--number", help="事件编号（默认当前未结束的事件）")
    incident.choices["ledger"].add_argument("--staff", help="操作人员工号")
    add("config-path", cmd_config_path, "显示配置文件、数据与日志位置")
    add_audit_commands(add, sub)
    add_login_options(parser)  # --staff on every command that logs in (cli_auth.ACCESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        args = parser.parse_args(["gui", *(argv or [])])
    import logging

    from hall_app.logs import setup_logging

    # the log file gets the details (a driver's English text); the console only the
    # Chinese message of a known error
    setup_logging(logging.INFO)
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
        return code
    except KnownError as error:
        if getattr(args, "json", False):
            print(
                json.dumps(
                    {"error": error.message, "kind": type(error).__name__}, ensure_ascii=False
                )
            )
        print(f"错误：{error.message}", file=sys.stderr)
        return EXIT_KNOWN
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _closed_pipe()


def _closed_pipe() -> int:
    """The reader of our output went away (``hall-app … | head``): end quietly. Python would
    otherwise complain again when it flushes stdout at exit, so stdout points at devnull."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
