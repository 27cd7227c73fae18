"""What every ``hall-app`` command shares: exit codes, the argument parser that explains
mistakes in Chinese, JSON or text output, the configured hall and the acting staff member,
and the types of the parser-building helpers the command modules are registered with."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TypeAlias

from hall_app.domain.errors import InvalidInput

if TYPE_CHECKING:
    from hall_app.services.context import Actor
    from hall_app.services.hall import Hall

EXIT_OK, EXIT_KNOWN, EXIT_USAGE = 0, 1, 2

Command: TypeAlias = Callable[[argparse.Namespace], int]
#: what ``add_subparsers()`` returns: the group a command's parser is added to
Subcommands: TypeAlias = "argparse._SubParsersAction[_Parser]"


class AddCommand(Protocol):
    """build_parser's helper: a subcommand ``name`` of ``parent`` running ``func``, with
    ``--json`` unless ``json_flag`` is false."""

    def __call__(
        self,
        name: str,
        func: Command,
        help_text: str,
        parent: Subcommands = ...,
        json_flag: bool = ...,
    ) -> argparse.ArgumentParser: ...


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：命令行参数错误：{message}\n（用 --help 查看用法）\n")


def subcommands(sub: Subcommands, name: str, help_text: str) -> Subcommands:
    """A command group (``hall-app calendar …``) whose subcommand is required."""
    return sub.add_parser(name, help=help_text).add_subparsers(
        dest=f"{name}_command", metavar="子命令", required=True, parser_class=_Parser
    )


def staff_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--staff", help="操作人员工号（或环境变量 HALL_STAFF；密码取自 HALL_PASSWORD）")


def _out(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"日期「{text}」格式不正确，应为 2027-01-01") from None


@contextmanager
def _hall(args: argparse.Namespace) -> Iterator[Hall]:
    """The configured hall for one command, closed whatever happens. The command's actor is
    authenticated here, by its row of the access table (cli_auth.py), before the command
    reads or changes anything: ``args.actor``."""
    from hall_app.cli_auth import authenticate
    from hall_app.config import load_config
    from hall_app.services.hall import open_hall

    hall = open_hall(load_config())
    try:
        args.actor = authenticate(hall, args)
        yield hall
    finally:
        hall.close()


def _actor(hall: Hall, args: argparse.Namespace, window: int | None = None) -> Actor:
    """The authenticated actor of a command that acts (``hall`` and ``window``: as before;
    the login took ``args.window``)."""
    from hall_app.cli_auth import require_actor

    return require_actor(args)
