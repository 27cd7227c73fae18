"""Who may run each ``hall-app`` command (issue 16): one access table, the login, the refusal.

Every command path (``("catalog", "import")``, ``("ticket", "call")`` …) has exactly one row:

* a :class:`Permission`: the command logs its actor in (HALL_STAFF + HALL_PASSWORD, or
  ``--staff`` and a password prompt on a terminal) and the actor's role must hold it;
* :data:`BOOTSTRAP`: ``catalog import`` on a database with no staff yet runs as the audited
  system actor ``catalog_bootstrap``; once there is staff it needs ``IMPORT_CATALOG``;
* :data:`DEVICE`: read-only, no personal data; runs as the anonymous device actor;
* :data:`EXEMPT`: no login, for the reason given in :data:`EXEMPT_REASONS`;
* a :class:`SystemJob`: an automatic job (cron, a supervisor terminal's timer) running as
  ``Actor.system(job, terminal, *permissions)``, audited under the job's name.

A refused command (no login, unknown staff, wrong password, a role without the permission)
prints a Chinese message, exits 1, changes nothing and leaves one ``command_refused`` audit
entry (command, the staff number if one was given, the reason; never the password).
docs/cli-auth.md is the operator's version of this table.
"""

from __future__ import annotations

import argparse
import enum
import getpass
import logging
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from hall_app.domain.errors import (
    DatabaseError,
    InvalidInput,
    KnownError,
    NotAllowed,
)
from hall_app.domain.roles import Permission, Role
from hall_app.services.context import Actor, audit

if TYPE_CHECKING:
    from hall_app.services.hall import Hall


class Access(enum.Enum):
    EXEMPT = "exempt"
    BOOTSTRAP = "bootstrap"
    DEVICE = "device"


EXEMPT, BOOTSTRAP, DEVICE = Access.EXEMPT, Access.BOOTSTRAP, Access.DEVICE


@dataclass(frozen=True)
class SystemJob:
    """An automatic job: runs without a login as ``Actor.system(job, …, *permissions)``."""

    job: str
    permissions: tuple[Permission, ...]


Rule = Permission | Access | SystemJob
CommandPath = tuple[str, ...]
_P = Permission

#: the one access table; a flag variant (``hall close --if-due``) has a row of its own
ACCESS: dict[CommandPath, Rule] = {
    ("gui",): EXEMPT,
    ("board",): DEVICE,
    ("config-path",): EXEMPT,
    ("simulate",): DEVICE,
    ("db", "upgrade"): EXEMPT,
    ("db", "info"): EXEMPT,
    ("db", "backup"): EXEMPT,
    ("db", "restore"): EXEMPT,
    ("db", "counters"): EXEMPT,
    ("db", "standby-status"): EXEMPT,
    ("db", "promote"): EXEMPT,
    ("db", "watch-standby"): EXEMPT,
    ("demo", "seed"): EXEMPT,
    ("catalog", "check"): DEVICE,
    ("catalog", "import"): BOOTSTRAP,
    ("catalog", "upgrade"): DEVICE,
    ("ask",): DEVICE,
    ("ticket", "issue"): _P.ISSUE_TICKET,
    ("ticket", "call"): _P.SERVE_AT_WINDOW,
    ("ticket", "recall"): _P.SERVE_AT_WINDOW,
    ("ticket", "start"): _P.SERVE_AT_WINDOW,
    ("ticket", "finish"): _P.SERVE_AT_WINDOW,
    ("ticket", "no-show"): _P.SERVE_AT_WINDOW,
    ("ticket", "undo-no-show"): _P.SERVE_AT_WINDOW,
    ("ticket", "transfer"): _P.SERVE_AT_WINDOW,
    ("ticket", "requeue"): _P.REQUEUE,
    ("ticket", "cancel"): _P.CANCEL_TICKET,
    ("queue", "status"): DEVICE,
    ("calendar", "show"): DEVICE,
    ("calendar", "set"): _P.EDIT_CALENDAR,
    ("calendar", "unset"): _P.EDIT_CALENDAR,
    ("calendar", "complete"): _P.EDIT_CALENDAR,
    ("calendar", "diff"): EXEMPT,
    ("calendar", "add-year"): EXEMPT,
    ("hall", "close"): _P.CLOSE_HALL,
    ("hall", "close", "--if-due"): SystemJob("close_if_due", (_P.CLOSE_HALL,)),
    ("appointments", "import"): _P.IMPORT_BOOKINGS,
    ("appointments", "list"): _P.VIEW_PERSONAL,
    ("appointments", "check-in"): _P.ISSUE_TICKET,
    ("appointments", "lift-ban"): _P.LIFT_BAN,
    ("appointments", "sweep"): SystemJob("no_show_sweep", ()),
    ("tidal", "tick"): SystemJob("tidal_tick", (_P.MANAGE_TIDAL,)),
    ("tidal", "plans"): _P.VIEW_QUEUES,
    ("tidal", "schedule"): _P.MANAGE_TIDAL,
    ("tidal", "rule"): _P.MANAGE_TIDAL,
    ("tidal", "remedy", "apply"): _P.MANAGE_TIDAL,
    ("tidal", "remedy", "list"): _P.VIEW_QUEUES,
    ("tidal", "staffing"): _P.MANAGE_TIDAL,
    ("tidal", "remedy", "lift"): _P.MANAGE_TIDAL,
    ("rota", "show"): _P.MANAGE_TIDAL,
    ("rota", "import"): _P.MANAGE_TIDAL,
    ("rota", "export"): _P.MANAGE_TIDAL,
    ("cases", "list"): _P.VIEW_PERSONAL,
    ("fallback", "status"): DEVICE,
    ("fallback", "prepare"): _P.VIEW_QUEUES,
    ("fallback", "reconcile"): _P.VIEW_QUEUES,
    ("fallback", "conflicts"): _P.DECLARE_INCIDENT,
    ("fallback", "resolve"): _P.DECLARE_INCIDENT,
    ("incident", "declare"): _P.DECLARE_INCIDENT,
    ("incident", "kit"): _P.DECLARE_INCIDENT,
    ("incident", "ledger"): _P.DECLARE_INCIDENT,
    ("incident", "close"): _P.DECLARE_INCIDENT,
    ("audit", "verify"): _P.VIEW_AUDIT,
    ("audit", "list"): _P.VIEW_AUDIT,
    ("audit", "export"): _P.EXPORT_AUDIT,
}

#: why each exempt command needs no login (docs/cli-auth.md says the same)
EXEMPT_REASONS: dict[CommandPath, str] = {
    ("gui",): "the screens have their own login",
    ("config-path",): "prints this PC's file locations; opens no database",
    ("db", "upgrade"): "creates or migrates the schema: runs before any staff can exist",
    ("db", "info"): "schema revision and session settings: no rows of any table",
    ("db", "backup"): "copies the database file / pg_dump: needs the database's own credentials",
    ("db", "restore"): "replaces the database from a file: the database may hold no staff",
    ("db", "counters"): "the last step of a restore by hand; only moves counters forward",
    ("db", "standby-status"): "asks each server whether it is primary or standby",
    ("db", "promote"): "pg_ctl promote on this PC's data folder, when the primary is gone",
    ("db", "watch-standby"): "a daemon on the standby PC, promotes it when the primary is gone",
    ("demo", "seed"): "demo data for a first look (services.hall.seed_demo)",
    ("calendar", "diff"): "compares the shipped holiday file with the package; opens no database",
    (
        "calendar",
        "add-year",
    ): "edits the holiday file for review before a release; opens no database",
}

#: the anonymous actor of DEVICE commands (the calling board, ``queue status`` …)
DEVICE_NAME = "device"


def command_path(args: argparse.Namespace) -> CommandPath:
    """The row of the parsed command line: ``("ticket", "call")``, ``("hall", "close",
    "--if-due")`` …; no command at all is the GUI."""
    command = getattr(args, "command", None) or "gui"
    path: tuple[str, ...] = (command,)
    while sub := getattr(args, f"{path[-1].replace('-', '_')}_command", None):
        path += (sub,)  # a group within a group: ``tidal remedy apply``
    if path == ("hall", "close") and getattr(args, "if_due", False):
        path += ("--if-due",)
    return path


def needs_login(rule: Rule) -> bool:
    return isinstance(rule, Permission) or rule is BOOTSTRAP


def device_actor(terminal: str) -> Actor:
    """The explicit anonymous actor of a read-only public device."""
    return Actor(None, DEVICE_NAME, "公共设备", Role.DEVICE, terminal)


# ---------------------------------------------------------------- the parser


def leaf_parsers(
    parser: argparse.ArgumentParser, prefix: CommandPath = ()
) -> dict[CommandPath, argparse.ArgumentParser]:
    """Every runnable command of ``parser`` by its path (the subparsers' leaves)."""
    found: dict[CommandPath, argparse.ArgumentParser] = {}
    for action in parser._actions:  # argparse keeps its subcommands nowhere public
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.update(leaf_parsers(sub, (*prefix, name)))
    if not found and prefix:
        found[prefix] = parser
    return found


def add_login_options(parser: argparse.ArgumentParser) -> None:
    """``--staff`` on every command that logs in (those that have it already keep theirs)."""
    for path, leaf in leaf_parsers(parser).items():
        rule = ACCESS.get(path, Permission.CHANGE_SETTINGS)  # no row: refused, see authenticate
        if needs_login(rule) and "--staff" not in leaf._option_string_actions:
            leaf.add_argument(
                "--staff", help="操作人员工号（或环境变量 HALL_STAFF；密码取自 HALL_PASSWORD）"
            )


# ---------------------------------------------------------------- login and refusal


class Refused(NotAllowed):
    """The command was refused before it changed anything (exit 1, audited)."""


def authenticate(hall: Hall, args: argparse.Namespace) -> Actor | None:
    """The actor the command runs as, by its row; refuses (audited) when it may not run.
    ``None`` only for an exempt command (which passes a system actor to what it audits)."""
    path = command_path(args)
    rule = ACCESS.get(path)
    terminal = hall.ctx.terminal
    if rule is None:  # a command nobody gave a row: refused (tests/test_cli_auth.py fails too)
        _refuse(hall, path, "", "no_rule", f"命令「{' '.join(path)}」未登记访问权限，已拒绝执行")
    if rule is EXEMPT:
        return None
    if rule is DEVICE:
        return device_actor(terminal)
    if isinstance(rule, SystemJob):
        return Actor.system(rule.job, terminal, *rule.permissions)
    if rule is BOOTSTRAP:
        if not _any_staff(hall):
            return Actor.system("catalog_bootstrap", terminal, Permission.IMPORT_CATALOG)
        rule = Permission.IMPORT_CATALOG
    assert isinstance(rule, Permission)
    staff = (getattr(args, "staff", None) or os.environ.get("HALL_STAFF") or "").strip()
    if not staff:
        _refuse(
            hall,
            path,
            "",
            "missing_login",
            "此命令须登录：请用 --staff 工号（或环境变量 HALL_STAFF）指明操作人员，"
            "密码取自环境变量 HALL_PASSWORD",
        )
    password = os.environ.get("HALL_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            _refuse(
                hall,
                path,
                staff,
                "missing_password",
                "请在环境变量 HALL_PASSWORD 中提供密码（非交互方式运行时）",
            )
        password = getpass.getpass(f"工号 {staff} 的密码：")
    try:
        actor: Actor = hall.auth.login(
            staff, password, getattr(args, "window", None), take_window=False
        )
    except DatabaseError:
        raise  # the server is gone: nothing to audit into, the command's own handling
    except KnownError as error:
        _refuse(hall, path, staff, "login_refused", error.message)
    try:
        actor.require(rule)
    except NotAllowed as error:
        _refuse(hall, path, staff, "permission", error.message, actor=actor, permission=rule)
    return actor


def _any_staff(hall: Hall) -> bool:
    from sqlalchemy import select

    from hall_app.store.models import Staff

    with hall.ctx.db.read() as s:
        return s.scalar(select(Staff.id).limit(1)) is not None


def _refuse(
    hall: Hall,
    path: CommandPath,
    staff: str,
    reason: str,
    message: str,
    *,
    actor: Actor | None = None,
    permission: Permission | None = None,
) -> NoReturn:
    """Audit the refusal (in its own transaction), then raise it."""
    detail: dict[str, Any] = {"command": " ".join(path), "reason": reason}
    if staff:
        detail["staff_no"] = audited_staff_no(staff)
    if permission is not None:
        detail["permission"] = permission.value
    who = actor if actor is not None else Actor.system("command_guard", hall.ctx.terminal)
    try:
        with hall.ctx.db.write() as s:
            audit(s, hall.ctx, who, "command_refused", "command", None, **detail)
    except DatabaseError as error:  # the refusal stands even when it cannot be written down
        logging.getLogger("hall_app.cli").warning(
            "command refusal not audited: %s", error.headline()
        )
    raise Refused(message)


def audited_staff_no(typed: str) -> str:
    """What was typed as the staff number, for the audit trail: a staff number as typed;
    anything else (an ID or phone number typed by mistake, a hostile string) scrubbed of
    personal data and cut short."""
    from hall_app.domain.masking import scrub
    from hall_app.domain.text import strip_invisible

    if typed.isascii() and typed.isdigit() and len(typed) <= 8:
        return typed
    return scrub(strip_invisible(typed))[:32]


def require_actor(args: argparse.Namespace) -> Actor:
    """The actor :func:`authenticate` found for this command (a command that acts)."""
    actor = getattr(args, "actor", None)
    if actor is None:
        raise InvalidInput("请用 --staff 工号（或环境变量 HALL_STAFF）指明操作人员")
    return actor
