"""``hall-app ticket|queue|appointments|cases …``: the desk's commands, the same services as
the reception, window and supervisor screens."""

from __future__ import annotations

import argparse
from collections.abc import Callable
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
    staff_arg,
    subcommands,
)
from hall_app.cli_jobs import cmd_appointments_sweep


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
        day = parse_date(args.date) if args.date else hall.ctx.today()
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


def add_desk_commands(add: AddCommand, sub: Subcommands) -> None:
    """Register ``ticket``, ``queue``, ``appointments`` and ``cases`` (``add`` is
    build_parser's helper)."""
    ticket = subcommands(sub, "ticket", "号票操作")

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

    queue = subcommands(sub, "queue", "队列")
    add("status", cmd_queue_status, "各业务类别等候情况与窗口状态", queue)
    appointments = subcommands(sub, "appointments", "预约")
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

    cases = subcommands(sub, "cases", "办件")
    clist = add(
        "list", cmd_cases_list, "办件及其承诺、法定办结日期和预警状态（超承诺期、容缺逾期）", cases
    )
    clist.add_argument("--all", action="store_true", help="包括已办结的")
