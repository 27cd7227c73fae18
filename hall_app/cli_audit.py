"""``hall-app audit``: verify the audit trail's hash chain, list it, export it (issue 16).

The operator logs in like every command (cli_auth.py: --staff or HALL_STAFF, HALL_PASSWORD or
a prompt); reading needs VIEW_AUDIT, exporting EXPORT_AUDIT (supervisors, admins). The filters
are ``--by-staff`` and ``--at-window`` (``--staff`` names the operator).
``verify`` exits 0 when the chain is whole and EXIT_BROKEN (3) at the first broken link."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import zoneinfo
from pathlib import Path
from typing import TYPE_CHECKING

from hall_app.cli_auth import require_actor
from hall_app.cli_common import (
    EXIT_OK,
    EXIT_USAGE,
    AddCommand,
    Subcommands,
    _hall,
    _out,
    _Parser,
)
from hall_app.domain import audit_chain
from hall_app.domain.audit_actions import action_label

if TYPE_CHECKING:
    from hall_app.services.audit_trail import AuditFilter

EXIT_BROKEN = 3
_MAX_LIST = 100_000


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期「{text}」格式不正确，应如 2026-11-25") from None


def _moment(text: str) -> tuple[dt.date, dt.time | None]:
    """A day, or a day and a time (hall time): ``2026-11-25`` or ``2026-11-25 09:30``."""
    raw = text.strip().replace("T", " ")
    try:
        if " " in raw:
            at = dt.datetime.fromisoformat(raw)
            if at.tzinfo is not None:
                raise ValueError
            return at.date(), at.time()
        return dt.date.fromisoformat(raw), None
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"时间「{text}」格式不正确，应如 2026-11-25 或 2026-11-25 09:30"
        ) from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= _MAX_LIST:
        raise argparse.ArgumentTypeError(f"「{text}」应为 1 到 {_MAX_LIST} 之间的整数")
    return value


def _window(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 999:
        raise argparse.ArgumentTypeError(f"窗口号「{text}」应为 1 到 999 之间的整数")
    return value


def _filter(args: argparse.Namespace, tz: zoneinfo.ZoneInfo) -> AuditFilter:
    from hall_app.services.audit_trail import AuditFilter

    def at(value: tuple[dt.date, dt.time | None] | None, end: bool) -> dt.datetime | None:
        if value is None:
            return None
        day, time = value
        if time is None:  # a whole day: from its start, or up to its end
            return dt.datetime.combine(day + dt.timedelta(days=int(end)), dt.time(), tz)
        return dt.datetime.combine(day, time, tz)

    since, until = at(args.since, False), at(args.until, True)
    return AuditFilter(
        staff_no=args.by_staff,
        window=args.at_window,
        terminal=args.terminal,
        action=args.action,
        since=since,
        until=until,
        limit=getattr(args, "limit", None),
    )


def _usage(message: str) -> int:
    """An invalid argument found after parsing: exit 2 with a Chinese message, as argparse."""
    print(f"hall-app audit：命令行参数错误：{message}", file=sys.stderr)
    return EXIT_USAGE


def _invalid_range(args: argparse.Namespace) -> str:
    if args.since is not None and args.until is not None:
        since = (args.since[0], args.since[1] or dt.time())
        until = (args.until[0], args.until[1] or dt.time.max)
        if since >= until:
            return "--since 应早于 --until"
    return ""


def describe(broken: audit_chain.Break, tz: dt.tzinfo) -> str:
    """The first broken link in one Chinese sentence (never personal data: ids and hashes)."""
    where = []
    if broken.entry_id is not None:
        where.append(f"记录 #{broken.entry_id}")
    if broken.at is not None:
        where.append(f"时间 {broken.at.astimezone(tz):%Y-%m-%d %H:%M:%S}")
    if broken.day is not None:
        where.append(f"链日期 {broken.day.isoformat()}")
    text = f"第一处断链：{'，'.join(where) or '链头'}：{audit_chain.REASONS[broken.reason]}"
    if broken.expected or broken.found:
        text += f"（应为 {broken.expected or '空'}，实为 {broken.found or '空'}）"
    return text


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        verdict = hall.audit.verify(require_actor(args), args.day)
        tz = hall.ctx.tz
    scope = f"{args.day.isoformat()} 的 " if args.day else ""
    if verdict.ok:
        _out(
            args,
            {
                "ok": True,
                "checked": verdict.checked,
                "days": verdict.days,
                # each day's stored count and last hash: kept off the database server, they
                # show a chain rewritten later (docs/audit.md)
                "anchors": [
                    {"day": a.day.isoformat(), "entries": a.entries, "last_hash": a.last_hash}
                    for a in verdict.anchors
                ],
            },
            f"审计日志校验通过：{scope}{verdict.checked} 条记录（{verdict.days} 天），哈希链完整",
        )
        return EXIT_OK
    broken = verdict.broken
    assert broken is not None
    if args.json:
        _out(
            args,
            {
                "ok": False,
                "checked": verdict.checked,
                "broken": {
                    "entry_id": broken.entry_id,
                    "day": broken.day and broken.day.isoformat(),
                    "at": broken.at and broken.at.isoformat(),
                    "reason": broken.reason,
                    "message": audit_chain.REASONS[broken.reason],
                    "expected": broken.expected,
                    "found": broken.found,
                },
            },
            "",
        )
    print(
        f"审计日志校验失败{f'（{args.day.isoformat()}）' if args.day else ''}："
        f"前 {verdict.checked} 条完好；{describe(broken, tz)}",
        file=sys.stderr,
    )
    return EXIT_BROKEN


def _action(code: str) -> str:
    """The action for a reader: its Chinese label and, for ``--action``, its code."""
    text = action_label(code)
    return code if text == code else f"{text}（{code}）"


def cmd_audit_list(args: argparse.Namespace) -> int:
    if problem := _invalid_range(args):
        return _usage(problem)
    with _hall(args) as hall:
        actor = require_actor(args)
        rows = hall.audit.entries(actor, _filter(args, hall.ctx.tz))
        tz = hall.ctx.tz
    data = [
        {
            "id": r.id,
            "at": r.at.isoformat(),
            "staff_no": r.staff_no,
            "name": r.staff_name,
            "terminal": r.terminal,
            "action": r.action,
            "entity": r.entity,
            "entity_id": r.entity_id,
            "detail": r.detail,
        }
        for r in rows
    ]
    lines = [
        f"#{r.id}  {r.at.astimezone(tz):%Y-%m-%d %H:%M:%S}  {r.staff_no or '-'} "
        f"{r.staff_name}  {r.terminal}  {_action(r.action)}  {r.entity}"
        f"{'' if r.entity_id is None else ' ' + str(r.entity_id)}  {r.detail}".rstrip()
        for r in rows
    ]
    _out(args, data, "\n".join(lines) or "没有符合条件的审计记录")
    return EXIT_OK


def cmd_audit_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if problem := _invalid_range(args):
        return _usage(problem)
    if out.suffix.lower() != ".csv":
        return _usage("导出文件应以 .csv 结尾")
    if out.is_dir():
        return _usage(f"「{out}」是文件夹，请给出文件名")
    if not out.parent.is_dir():
        return _usage(f"文件夹「{out.parent}」不存在")
    with _hall(args) as hall:
        actor = require_actor(args)
        count = hall.audit.export(actor, out, _filter(args, hall.ctx.tz))
    _out(args, {"rows": count, "file": str(out)}, f"已导出 {count} 条审计记录到 {out}")
    return EXIT_OK


def add_audit_commands(add: AddCommand, sub: Subcommands) -> None:
    """Register ``hall-app audit …`` (``add`` is build_parser's helper)."""
    audit = sub.add_parser("audit", help="审计日志：校验哈希链、查看、导出（值班长、管理员）")
    commands = audit.add_subparsers(
        dest="audit_command", metavar="子命令", required=True, parser_class=_Parser
    )
    verify = add(
        "verify",
        cmd_audit_verify,
        "校验审计日志的哈希链与每日锚点，报告第一处断链（断链时退出码为 3）",
        commands,
    )
    verify.add_argument("--day", type=_day, help="只校验这一天（YYYY-MM-DD，大厅日期）")
    listing = add("list", cmd_audit_list, "列出审计记录（最新在前；个人信息已遮蔽）", commands)
    listing.add_argument("--limit", type=_positive, default=200, help="最多列出几条（默认 200）")
    export = add(
        "export", cmd_audit_export, "导出审计记录为 CSV（个人信息已遮蔽，公式字符已中和）", commands
    )
    export.add_argument("--out", required=True, help="导出的 CSV 文件")
    for p in (listing, export):
        p.add_argument("--by-staff", help="只看此工号的操作")
        p.add_argument("--at-window", type=_window, help="只看在此窗口登录的终端上的操作")
        p.add_argument("--terminal", help="只看此终端（计算机名）")
        p.add_argument("--action", help="只看此操作，如 login、call、audit_export")
        p.add_argument(
            "--since", type=_moment, help="起始时间（含），如 2026-11-25 或 2026-11-25 09:30"
        )
        p.add_argument("--until", type=_moment, help="截止时间（不含；只给日期时含当天）")
