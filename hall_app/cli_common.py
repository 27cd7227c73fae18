"""What every ``hall-app`` command shares: exit codes, the argument parser that explains
mistakes in Chinese, JSON or text output, the configured hall and the acting staff member."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

EXIT_OK, EXIT_KNOWN, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：命令行参数错误：{message}\n（用 --help 查看用法）\n")


def _out(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text)


@contextmanager
def _hall(args: argparse.Namespace) -> Iterator[Any]:
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


def _actor(hall: Any, args: argparse.Namespace, window: int | None = None) -> Any:
    """The authenticated actor of a command that acts (``hall`` and ``window``: as before;
    the login took ``args.window``)."""
    from hall_app.cli_auth import require_actor

    return require_actor(args)
