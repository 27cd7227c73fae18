"""Operators' commands: closing the hall, tidal windows, the manual fallback
(journal status, number blocks, reconciliation, conflicts) and incidents."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hall_app.cli_common import (
    EXIT_KNOWN,
    EXIT_OK,
    _actor,
    _hall,
    _out,
)
from hall_app.domain.errors import InvalidInput, KnownError
from hall_app.domain.incident_rules import BALANCED, NO_KIT, OUTSTANDING, ledger_state

if TYPE_CHECKING:
    from hall_app.config import Config
    from hall_app.printing.kit import KitData


def _numbers(text: str) -> list[int]:
    try:
        return [int(x) for x in text.replace("，", ",").split(",") if x.strip()]
    except ValueError:
        raise InvalidInput(f"窗口号「{text}」格式不正确，应如 5,6,7") from None


def cmd_hall_close(args: argparse.Namespace) -> int:
    """闭厅: today's waiting and called tickets become 未办结（闭厅）, with a booking offer."""
    with _hall(args) as hall:
        if args.if_due and not hall.closing.due():
            _out(args, {"closed": []}, "未到闭厅时间或没有未办结的号票")
            return EXIT_OK
        report = hall.closing.close(_actor(hall, args), auto=args.if_due)
        hall_name = hall.settings.get().name
        phone = hall.settings.get().phone
    if args.pdf and report.closed:
        from hall_app.printing.closing_slip import ClosingSlip, render_closing_slips

        Path(args.pdf).write_bytes(
            render_closing_slips(
                [ClosingSlip.from_offer(o, hall_name, phone, report.at) for o in report.closed]
            )
        )
    rows = [{"number": o.number, "subject": o.subject, "offer": o.text} for o in report.closed]
    _out(
        args,
        {"closed": rows},
        "\n".join(f"{r['number']}  未办结（闭厅）  预约：{r['offer']}" for r in rows)
        or "没有需要闭厅处理的号票",
    )
    return EXIT_OK


def cmd_tidal(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        if args.tidal_command == "tick":
            done = hall.tidal.tick_all()
            _out(args, {"applied": done}, f"已处理 {done} 项到期恢复、计划或规则")
        elif args.tidal_command == "plans":
            plans = hall.tidal.plans()
            rows = [
                {
                    "id": p.id,
                    "kind": p.kind,
                    "weekday": p.weekday,
                    "start": p.start,
                    "end": p.end,
                    "windows": p.windows,
                    "categories": p.categories,
                    "threshold_minutes": p.threshold_minutes,
                    "reason": p.reason,
                }
                for p in plans
            ]
            _out(
                args,
                rows,
                "\n".join(
                    f"#{r['id']} {r['kind']} 窗口{r['windows']} {r['categories']} "
                    f"{r['start']}-{r['end']} {r['threshold_minutes'] or ''} {r['reason']}"
                    for r in rows
                )
                or "没有潮汐计划或规则",
            )
        elif args.tidal_command == "schedule":
            actor = _actor(hall, args)
            plan = hall.tidal.add_schedule(
                actor,
                args.weekday,
                args.start,
                args.end,
                _numbers(args.windows),
                args.categories.split(","),
                args.reason,
            )
            _out(args, {"id": plan}, f"已添加潮汐计划 #{plan}")
        else:
            actor = _actor(hall, args)
            plan = hall.tidal.add_rule(
                actor, args.category, args.minutes, _numbers(args.windows), args.reason or ""
            )
            _out(args, {"id": plan}, f"已添加等待超时规则 #{plan}")
    return EXIT_OK


def _hall_time(text: str | None, tz: str) -> str | None:
    """A stored ISO time as the hall reads it (``2026-12-01 09:42:05``, hall time zone)."""
    import datetime as dt
    import zoneinfo

    if not text:
        return None
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return f"{moment.astimezone(zoneinfo.ZoneInfo(tz)):%Y-%m-%d %H:%M:%S}"


def _probe_server(config: Config) -> tuple[bool, str, int | None]:
    """One round trip to the configured server: (answered, why not, its open conflicts for
    this terminal). Never raises: a status must be shown also when the server is gone."""
    from sqlalchemy import func, select, text

    from hall_app.store import models as m
    from hall_app.store.db import database_for

    try:
        db = database_for(config)
    except Exception as exc:  # a URL that cannot even be parsed
        return False, f"数据库地址无效：{type(exc).__name__}", None
    try:
        with db.read() as s:
            s.execute(text("SELECT 1"))
        try:
            with db.read() as s:
                conflicts = (
                    s.scalar(
                        select(func.count()).where(
                            m.FallbackRecord.terminal == config.terminal,
                            m.FallbackRecord.outcome == "conflict",
                        )
                    )
                    or 0
                )
        except KnownError:
            conflicts = None  # answered, but an older schema: the local marks stand
        return True, "", conflicts
    except KnownError as exc:
        return False, exc.message, None
    finally:
        db.dispose()


def _journal_status(args: argparse.Namespace) -> dict[str, Any]:
    from hall_app import paths
    from hall_app.config import load_config
    from hall_app.store.journal import Journal

    config = load_config()
    online, why, server_conflicts = _probe_server(config)
    journal = Journal(paths.journal_path(config.terminal))
    try:
        day = None
        blocks = journal.blocks()
        if blocks:
            day = max(b.day for b in blocks)
        left: dict[str, int] = {}
        for b in blocks:
            if b.day == day:
                left[b.kind] = left.get(b.kind, 0) + b.remaining
        records = journal.counts()
        return {
            "terminal": config.terminal,
            "journal": str(journal.path),
            "server": "online" if online else "unreachable",
            "server_error": why,
            "offline_since": _hall_time(journal.get("offline_since") or None, config.timezone),
            "prepared_at": _hall_time(journal.get("prepared_at") or None, config.timezone),
            "timezone": config.timezone,
            "day": day.isoformat() if day else None,
            "numbers_left": left,
            "records": records,
            # the server's open conflicts when it answered; else what this journal marked
            "conflicts": records.get("conflict", 0)
            if server_conflicts is None
            else server_conflicts,
        }
    finally:
        journal.close()


def cmd_fallback_status(args: argparse.Namespace) -> int:
    data = _journal_status(args)
    records = data["records"]
    if data["server"] == "online":
        state = "联网（服务器已应答）"
        if data["offline_since"]:
            state += f"；本终端自 {data['offline_since']} 起的离线记录尚未全部合并"
    else:
        state = "离线：服务器无法连接" + (
            f"（{data['server_error']}）" if data["server_error"] else ""
        )
        if data["offline_since"]:
            state += f"，自 {data['offline_since']} 起离线工作"
    text = "\n".join(
        [
            f"终端 {data['terminal']}，离线日志 {data['journal']}",
            f"连接状态：{state}",
            f"上次准备：{data['prepared_at'] or '从未'}；预留号码（{data['day'] or '无'}）："
            + ("，".join(f"{k} {n} 个" for k, n in data["numbers_left"].items()) or "无"),
            f"离线记录：待合并 {records.get('pending', 0)}，已合并 {records.get('merged', 0)}，"
            f"冲突 {data['conflicts']}"
            + ("" if data["server"] == "online" else "（本机记录）")
            + (f"，已拒绝 {records['refused']}（见审计日志）" if records.get("refused") else ""),
            f"（时间为大厅时间 {data['timezone']}）",
        ]
    )
    _out(args, data, text)
    return EXIT_OK


def cmd_fallback_prepare(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        actor = _actor(hall, args)
        report = hall.fallback.prepare(actor, hall.journal)
    _out(
        args,
        {"reserved": {k: list(v) for k, v in report.reserved.items()}, "in_hand": report.in_hand},
        f"离线准备完成：{report.summary()}",
    )
    return EXIT_OK


def cmd_fallback_reconcile(args: argparse.Namespace) -> int:
    from hall_app.services.fallback import ReconcileReport

    with _hall(args) as hall:
        actor = _actor(hall, args)
        report = hall.fallback.reconcile(hall.journal, actor)
        if report.complete and hall.desk.status().offline_since and actor is not None:
            hall.desk.leave(actor)
            # the whole run is reported: both passes summed, not only the last
            report = ReconcileReport.total(report, hall.fallback.reconcile(hall.journal, actor))
        topped, top_error = None, ""
        if report.complete and actor is not None:  # the server is back: top the blocks up
            try:
                topped = hall.fallback.prepare(actor, hall.journal)
            except KnownError as exc:  # the merge stands; the top-up is retried later
                top_error = exc.message
    data = {
        "merged": report.merged,
        "already": report.already,
        "left": report.left,
        "conflicts": [{"reference": r, "message": msg} for r, msg in report.conflicts],
        "refused": [{"reference": r, "message": msg} for r, msg in report.refused],
        "seconds": round(report.seconds, 3),
        "error": report.error,
        "in_hand": topped.in_hand if topped is not None else None,
        "top_up_error": top_error,
    }
    lines = [f"核对完成：{report.summary()}（{report.seconds:.2f} 秒）"]
    lines += [f"  冲突 {r}：{msg}" for r, msg in report.conflicts]
    lines += [f"  {msg}" for _, msg in report.refused]
    if topped is not None:
        lines.append(f"离线号码已补足：{topped.summary()}")
    elif top_error:
        lines.append(f"离线号码未能补足（GUI 每 10 分钟自动重试）：{top_error}")
    _out(args, data, "\n".join(lines))
    return (
        EXIT_OK if report.complete and not report.conflicts and not report.refused else EXIT_KNOWN
    )


def cmd_fallback_conflicts(args: argparse.Namespace) -> int:
    from hall_app.services.conflict_settle import SETTLE_KINDS

    with _hall(args) as hall:
        rows = hall.fallback.conflicts()
        tz = hall.ctx.tz
    _out(
        args,
        [
            {
                "key": c.key,
                "kind": c.kind,
                "reference": c.reference,
                "terminal": c.terminal,
                "at": c.original_at.isoformat(),
                "detail": c.detail,
                "settleable": c.settleable,
            }
            for c in rows
        ],
        "\n".join(
            f"{c.key}  {c.reference}  {c.terminal}  "
            f"{c.original_at.astimezone(tz):%m-%d %H:%M}  {c.detail}"
            + ("" if c.kind in SETTLE_KINDS else "（只能保留联网结果）")
            for c in rows
        )
        or "没有待处理的冲突",
    )
    return EXIT_OK


def cmd_fallback_resolve(args: argparse.Namespace) -> int:
    """Settle one conflict: the offline outcome, the online one, or a state set by hand."""
    if args.outcome == "state" and not args.state:
        raise InvalidInput(
            "--outcome state 需要用 --state 指明状态（waiting、finished、no_show、cancelled）"
        )
    with _hall(args) as hall:
        actor = _actor(hall, args)
        key = args.key
        conflicts = hall.fallback.conflicts()
        if not any(c.key == key for c in conflicts):
            # a ticket number is accepted too when exactly one open conflict carries it
            found = [c for c in conflicts if c.reference.upper() == key.upper()]
            if len(found) == 1:
                key = found[0].key
            elif found:
                from hall_app.domain.fallback import RECORD_KINDS

                raise InvalidInput(
                    f"号票 {key.upper()} 有 {len(found)} 条待处理的冲突，请用冲突编号指明："
                    + "；".join(f"{c.key}（{RECORD_KINDS.get(c.kind, c.kind)}）" for c in found)
                )
        state = hall.fallback.resolve(actor, key, args.reason, args.outcome, args.state)
    _out(
        args,
        {"key": key, "outcome": args.outcome, "state": state},
        f"冲突已处理（{args.outcome}）" + (f"：号票现为 {state}" if state else ""),
    )
    return EXIT_OK


def cmd_incident_kit(args: argparse.Namespace) -> int:
    """Print a kit: for the open incident (again with the same numbers), or for the drawer
    when no incident is open; with the server unreachable, the terminal's standing kit from
    its journal (``fallback prepare`` once while online). ``--use K`` takes a kit printed in
    advance for the open incident."""
    from hall_app.domain.errors import DatabaseUnavailable
    from hall_app.printing.kit import render_kit

    offline = False
    try:
        with _hall(args) as hall:
            actor = _actor(hall, args)
            fb = hall.fallback
            current = fb.incident(args.number) if args.number else fb.current_incident()
            if args.use is not None:
                if current is None:
                    raise InvalidInput("当前没有未结束的应急事件")
                fb.use_kit(actor, current.number, args.use)
                if not args.pdf:
                    _out(
                        args,
                        {"kit": args.use, "incident": current.number},
                        f"应急包 K{args.use:02d} 已用于应急事件 {current.number}",
                    )
                    return EXIT_OK
            if not args.pdf:
                raise InvalidInput("请用 --pdf 指明保存的 PDF 文件")
            data = fb.kit(actor, current.number if current else None)
    except DatabaseUnavailable:
        if not args.pdf or args.use is not None:
            raise
        data, offline = _offline_kit(args), True
    Path(args.pdf).write_bytes(render_kit(data))
    numbers = data.ticket_numbers
    _out(
        args,
        {
            "pdf": args.pdf,
            "kit": data.kit_no,
            "incident": data.incident_no or None,
            "offline": offline,
            "tickets": len(numbers),
        },
        f"应急包 K{data.kit_no:02d} 已保存到 {args.pdf}"
        + ("（服务器无法连接，按本终端预留的应急包打印）" if offline else "")
        + (f"：纸质号票 {numbers[0]}–{numbers[-1]}" if numbers else ""),
    )
    return EXIT_OK


def _offline_kit(args: argparse.Namespace) -> KitData:
    import datetime as dt
    import zoneinfo

    from hall_app import paths
    from hall_app.config import load_config
    from hall_app.services.kit import offline_kit
    from hall_app.store.journal import Journal

    staff = args.staff or os.environ.get("HALL_STAFF")
    if not staff:
        raise InvalidInput("请用 --staff 工号（或环境变量 HALL_STAFF）指明操作人员")
    config = load_config()
    journal = Journal(paths.journal_path(config.terminal))
    try:
        now = dt.datetime.now(zoneinfo.ZoneInfo(config.timezone))
        return offline_kit(journal, f"工号 {staff}（离线打印）", now)
    finally:
        journal.close()


def cmd_incident(args: argparse.Namespace) -> int:
    with _hall(args) as hall:
        actor = _actor(hall, args)
        fb = hall.fallback
        action = args.incident_command
        if action == "declare":
            view = fb.declare(actor, args.cause, scope=args.scope or "全厅")
            _out(args, {"number": view.number}, f"已宣布应急事件 {view.number}：{view.cause}")
            return EXIT_OK
        current = fb.incident(args.number) if args.number else fb.current_incident()
        if current is None:
            raise InvalidInput("当前没有未结束的应急事件")
        if action == "ledger":
            ledger = fb.ledger(current.number)
            rows = [
                {
                    "kind": x.kind,
                    "reserved": x.reserved,
                    "entered": x.entered,
                    "voided": x.voided,
                    "outstanding": x.outstanding,
                }
                for x in ledger.lines
            ]
            text = "\n".join(
                f"{x['kind']:8} 预留 {x['reserved']:3}  已补录 {x['entered']:3}  "
                f"作废 {x['voided']:3}  未核 {x['outstanding']:3}"
                for x in rows
            )
            state = ledger_state(ledger, current.kit_printed)
            said = {NO_KIT: "尚未打印应急包：没有可核对的纸质号码", BALANCED: "台账已平"}
            _out(
                args,
                {
                    "lines": rows,
                    "balanced": state == BALANCED,
                    "kit_printed": current.kit_printed,
                    "state": state,
                },
                text + "\n" + said.get(state, "台账未平"),
            )
            return EXIT_KNOWN if state == OUTSTANDING else EXIT_OK
        view = fb.close(
            actor,
            current.number,
            args.review,
            override=args.override or "",
            skipped=_skipped(args.skip),
        )
        _out(
            args,
            {"number": view.number, "summary": view.summary},
            f"应急事件 {view.number} 已结束，历时 {view.summary.get('minutes')} 分钟",
        )
        return EXIT_OK


def _skipped(pairs: list[str]) -> dict[str, str]:
    """``--skip escalate=10分钟内已恢复`` → {"escalate": "10分钟内已恢复"}."""
    out = {}
    for pair in pairs:
        step, sep, reason = pair.partition("=")
        if not sep or not step.strip():
            raise InvalidInput(
                f"--skip {pair} 格式不对，应写成 步骤编号=原因（如 escalate=10分钟内已恢复）"
            )
        out[step.strip()] = reason.strip()
    return out
