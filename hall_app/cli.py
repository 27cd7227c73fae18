"""``hall-app``: the GUI, and headless commands for operators and integrations.

Every command goes through the same services as the screens. ``--json`` prints JSON.
Known errors exit 1 with a Chinese message on stderr; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from hall_app.cli_ask import add_ask_command
from hall_app.cli_audit import add_audit_commands
from hall_app.cli_auth import add_login_options
from hall_app.cli_calendar import add_calendar_commands
from hall_app.cli_common import (
    EXIT_KNOWN,
    EXIT_OK,
    Command,
    Subcommands,
    _actor,
    _hall,
    _out,
    _Parser,
    staff_arg,
    subcommands,
)
from hall_app.cli_db import add_db_commands
from hall_app.cli_desk import add_desk_commands
from hall_app.cli_ops import (
    cmd_fallback_conflicts,
    cmd_fallback_prepare,
    cmd_fallback_reconcile,
    cmd_fallback_resolve,
    cmd_fallback_status,
    cmd_hall_close,
    cmd_incident,
    cmd_incident_kit,
    cmd_tidal,
)
from hall_app.cli_remedy import add_remedy_commands
from hall_app.cli_rota import add_rota_commands
from hall_app.cli_sim import cmd_simulate, cmd_staffing
from hall_app.domain.errors import KnownError

# ---------------------------------------------------------------- commands


def cmd_gui(args: argparse.Namespace) -> int:
    from hall_app.ui.app import run_gui

    return run_gui(demo=args.demo)


def cmd_board(args: argparse.Namespace) -> int:
    from hall_app.ui.app import run_board

    return run_board(screen=args.screen, windowed=args.windowed)


def cmd_catalog_check(args: argparse.Namespace) -> int:
    from hall_app.domain.catalog import errors
    from hall_app.domain.catalog_check import SHOWN_PROBLEMS
    from hall_app.services.catalog import check_file

    if args.db:  # also what the database holding the current catalog would refuse
        with _hall(args) as hall:
            problems = check_file(Path(args.file), minimum_sizes=args.full, ctx=hall.ctx)
    else:
        problems = check_file(Path(args.file), minimum_sizes=args.full)
    blocking = errors(problems)  # the rest are hints (a v2 material nothing references)
    if args.json:
        _out(
            args,
            {
                "ok": not blocking,
                "problems": [
                    {"line": p.line, "path": p.path, "message": p.message, "warning": p.warning}
                    for p in problems
                ],
            },
            "",
        )
        return EXIT_KNOWN if blocking else EXIT_OK
    hints = len(problems) - len(blocking)
    if blocking:
        print(f"{args.file}：发现 {len(blocking)} 处问题", file=sys.stderr)
    else:
        print(f"{args.file}：检查通过" + (f"（{hints} 条提示）" if hints else ""))
    for problem in problems[:SHOWN_PROBLEMS]:
        print(f"  {problem}", file=sys.stderr)
    if len(problems) > SHOWN_PROBLEMS:
        print(f"  ……其余 {len(problems) - SHOWN_PROBLEMS} 处问题未列出", file=sys.stderr)
    return EXIT_KNOWN if blocking else EXIT_OK


def cmd_catalog_upgrade(args: argparse.Namespace) -> int:
    """Convert a v1 catalog to v2 (pure converter: domain/catalog_upgrade.py)."""
    from hall_app.domain import catalog as cat
    from hall_app.domain.catalog_upgrade import dump_yaml, upgrade
    from hall_app.domain.errors import InvalidInput

    old, new = Path(args.old), Path(args.new)
    if new.exists() and not args.force:
        raise InvalidInput(f"目标文件 {new} 已存在；确需覆盖请加 --force")
    data = cat.load_catalog(old)
    if isinstance(data, dict) and data.get("schema_version") != 1:
        raise InvalidInput(f"{old} 不是 v1 目录（schema_version 应为 1），无需转换")
    problems = cat.errors(cat.check_catalog(data))
    if problems:
        raise InvalidInput(f"{old} 未通过检查，请先修正：\n" + cat.capped_problems(problems))
    result = upgrade(data)
    text = dump_yaml(result.data)
    after = cat.errors(cat.check_catalog(cat.load_yaml(text.encode(), str(new))))
    try:
        new.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"无法写入 {new}：{exc.strerror or exc}") from None
    lines = [f"已写入 {new}", *result.report.lines()]
    if after:
        lines.append(f"转换结果有 {len(after)} 处须人工修正（hall-app catalog check {new}）：")
        lines += [f"  {p}" for p in after[:20]]
    _out(args, {**result.report.__dict__, "problems": [str(p) for p in after]}, "\n".join(lines))
    return EXIT_KNOWN if after else EXIT_OK


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
        func: Command,
        help_text: str,
        parent: Subcommands = sub,
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

    db = subcommands(sub, "db", "数据库维护")
    add_db_commands(add, db)

    catalog = subcommands(sub, "catalog", "事项目录")
    check = add("check", cmd_catalog_check, "检查目录文件，列出全部问题及位置", catalog)
    check.add_argument("file", help="目录文件（YAML）")
    check.add_argument("--full", action="store_true", help="同时检查完整大厅的最低规模要求")
    check.add_argument("--db", action="store_true", help="同时对照数据库中的现有目录检查（导入前）")
    imp = add("import", cmd_catalog_import, "导入目录文件（可重复运行）", catalog)
    imp.add_argument("file", help="目录文件（YAML）")
    up = add(
        "upgrade",
        cmd_catalog_upgrade,
        "将 v1 目录文件转换为 v2 格式（标准材料、业务情形）",
        catalog,
    )
    up.add_argument("old", help="v1 目录文件（YAML）")
    up.add_argument("new", help="写出的 v2 目录文件（YAML）")
    up.add_argument("--force", action="store_true", help="覆盖已存在的目标文件")

    add_ask_command(add, sub)

    demo = subcommands(sub, "demo", "演示数据")
    add("seed", cmd_demo_seed, "空数据库时载入演示目录和今天的演示号票", demo)
    add_desk_commands(add, sub)
    add_calendar_commands(add, sub)

    hall_cmd = subcommands(sub, "hall", "大厅")
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

    tidal = subcommands(sub, "tidal", "潮汐窗口计划与规则")
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
    add_remedy_commands(add, tidal)
    staffing = add(
        "staffing", cmd_staffing, "人员调配：超限预警与措施、经前瞻校验的调配建议（只读）", tidal
    )
    staff_arg(staffing)

    add_rota_commands(add, sub)

    simulate = add("simulate", cmd_simulate, "一天的模拟：静态或潮汐窗口策略下的等待时间")
    simulate.add_argument("--arrivals", required=True, help="到达文件（CSV，见 docs/simulator.md）")
    simulate.add_argument(
        "--policy", choices=["static", "tidal", "tidal-staffing"], default="static"
    )
    simulate.add_argument(
        "--through-services",
        action="store_true",
        help="经真实服务层在临时数据库上模拟（校验用，较慢）",
    )
    simulate.add_argument("--seed", type=int, default=1)

    fallback = subcommands(sub, "fallback", "人工兜底：离线日志、核对合并、应急事件")
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
    incident = subcommands(sub, "incident", "应急事件（值班长）")
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
