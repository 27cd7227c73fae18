"""What every ``hall-app`` command shares: exit codes, the argument parser that explains
mistakes in Chinese, JSON or text output, the configured hall and the acting staff member."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from hall_app.domain.errors import InvalidInput

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
    """The configured hall for one command, closed whatever happens."""
    from hall_app.config import load_config
    from hall_app.services.hall import open_hall

    hall = open_hall(load_config())
    try:
        yield hall
    finally:
        hall.close()


def _actor(hall: Any, args: argparse.Namespace, window: int | None = None) -> Any:
    staff = args.staff or os.environ.get("HALL_STAFF")
    if not staff:
        raise InvalidInput("请用 --staff 工号（或环境变量 HALL_STAFF）指明操作人员")
    password = os.environ.get("HALL_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise InvalidInput("请在环境变量 HALL_PASSWORD 中提供密码（非交互方式运行时）")
        password = getpass.getpass(f"工号 {staff} 的密码：")
    return hall.auth.login(staff, password, window, take_window=False)
