"""``hall-app db …``: database maintenance for operators (upgrade, and more below)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from hall_app.cli_common import EXIT_OK, _out


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from hall_app.config import load_config
    from hall_app.store import migrate
    from hall_app.store.db import Database

    config = load_config()
    db = Database(config.db_url)
    try:
        changed = migrate.upgrade(db)
        revision = migrate.current_revision(db)
    finally:
        db.dispose()
    _out(args, {"changed": changed, "revision": revision},
         f"数据库已升级到 {revision}" if changed else f"数据库已是最新版本 {revision}")
    return EXIT_OK


def cmd_db_info(args: argparse.Namespace) -> int:
    """The schema revision, the backend and the settings sessions really run with."""
    from hall_app.config import load_config
    from hall_app.store import migrate
    from hall_app.store.db import Database, SessionLimits

    config = load_config()
    db = Database(config.db_url, limits=SessionLimits(
        config.lock_timeout, config.statement_timeout, config.idle_in_transaction_timeout))
    try:
        revision = migrate.current_revision(db)
        settings = db.effective_settings()
    finally:
        db.dispose()
    head = migrate.head_revision()
    data = {"backend": db.dialect, "database": db.describe(), "revision": revision,
            "head": head, "up_to_date": revision == head, "settings": settings}
    lines = [f"数据库：{db.describe()}", f"结构版本：{revision or '空'}（程序需要 {head}）"]
    lines += [f"{name} = {value}" for name, value in settings.items()]
    _out(args, data, "\n".join(lines))
    return EXIT_OK


AddCommand = Callable[..., argparse.ArgumentParser]


def add_db_commands(add: AddCommand, db: Any) -> None:
    """Register the ``db`` subcommands (``add`` is build_parser's helper)."""
    add("upgrade", cmd_db_upgrade, "把数据库升级到最新结构（PostgreSQL 部署时由管理员运行）", db)
    add("info", cmd_db_info, "显示数据库结构版本、类型和实际生效的会话设置（超时、同步方式）", db)
