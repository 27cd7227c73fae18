"""``hall-app db …``: database maintenance for operators (upgrade, and more below)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from hall_app.cli_common import EXIT_OK, AddCommand, Subcommands, _out

if TYPE_CHECKING:
    from hall_app.config import Config


#: an upgrade waits for the tables every open terminal is reading: they are closed first
UPGRADE_BLOCKED = (
    "数据库升级受阻：仍有终端连接着数据库并在使用要修改的表，等待超时，本次升级未完成"
    "（数据库未改动）。请先关闭所有终端（窗口、取号、值班长、叫号屏）上的本系统程序，"
    "再运行 hall-app db upgrade"
)


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from hall_app.config import load_config
    from hall_app.domain.errors import DatabaseBlocked
    from hall_app.store import migrate
    from hall_app.store.db import database_for

    config = load_config()
    db = database_for(config)
    try:
        changed = migrate.upgrade(db)
        revision = migrate.current_revision(db)
    except DatabaseBlocked as error:  # not "another terminal holds the data, retry"
        raise DatabaseBlocked(UPGRADE_BLOCKED) from error
    finally:
        db.dispose()
    _out(
        args,
        {"changed": changed, "revision": revision},
        f"数据库已升级到 {revision}" if changed else f"数据库已是最新版本 {revision}",
    )
    return EXIT_OK


# ---------------------------------------------------------------- backup and restore


def _revision(config: Config) -> str | None:
    from hall_app.store import migrate
    from hall_app.store.db import database_for

    db = database_for(config)
    try:
        return migrate.current_revision(db)
    finally:
        db.dispose()


def cmd_db_backup(args: argparse.Namespace) -> int:
    from hall_app import paths
    from hall_app.config import load_config
    from hall_app.domain.errors import DatabaseError
    from hall_app.store import backup, pg_backup, recovery

    config = load_config()
    path = recovery.sqlite_file(config.db_url)
    if path is not None and not path.exists():
        raise DatabaseError(f"数据库文件 {path} 不存在，没有可备份的内容")
    revision = _revision(config)
    folder = Path(args.dir) if args.dir else None
    if path is not None:
        target = backup.backup_sqlite(path, revision, folder=folder)
        kind = "sqlite"
    else:
        target = pg_backup.backup_postgres(
            config.db_url, folder or paths.data_dir() / "backups", revision
        )
        kind = "postgresql"
    _out(
        args,
        {
            "database": kind,
            "file": str(target),
            "revision": revision,
            "bytes": target.stat().st_size,
        },
        f"已备份到 {target}",
    )
    return EXIT_OK


def cmd_db_restore(args: argparse.Namespace) -> int:
    import zoneinfo

    from hall_app import paths
    from hall_app.config import load_config
    from hall_app.domain.errors import InvalidInput
    from hall_app.services.restore import finish_restore
    from hall_app.store import backup, migrate, number_sources, pg_backup, recovery
    from hall_app.store.db import database_for

    config = load_config()
    tz = zoneinfo.ZoneInfo(config.timezone)
    source = Path(args.file)
    path = recovery.sqlite_file(config.db_url)
    if path is not None:
        if source.resolve() == path.resolve():
            raise InvalidInput("不能用数据库文件本身恢复自己，请指定一个备份文件")
        aside = backup.restore_sqlite(path, source)
        kept = str(aside) if aside else None
        # the numbers issued after the backup are in the file set aside
        replaced = number_sources.in_sqlite_file(aside, tz) if aside else []
    else:
        pg_backup.check_dump(source)
        live = database_for(config)
        try:
            revision = migrate.current_revision(live)
            replace_schema = pg_backup.check_revision(source, revision, force=args.force)
            # the numbers issued after the backup are in the database being replaced (an
            # empty one has none)
            replaced = number_sources.in_live_database(live, tz) if revision else []
        finally:
            live.dispose()
        # the current contents are set aside as a dump first, never just dropped
        kept = str(pg_backup.backup_postgres(config.db_url, paths.data_dir() / "backups", revision))
        pg_backup.restore_postgres(config.db_url, source, replace_schema=replace_schema)
    report = finish_restore(config, source.name, replaced)
    revision = _revision(config)
    _out(
        args,
        {
            "restored_from": str(source),
            "previous_kept_as": kept,
            "revision": revision,
            "counters_lifted": report.lifted,
            "replaced_unread": report.replaced_unread,
        },
        f"已从 {source} 恢复；原数据保留为 {kept or '（无）'}\n{report.summary()}",
    )
    return EXIT_OK


def cmd_db_counters(args: argparse.Namespace) -> int:
    from hall_app.config import load_config
    from hall_app.services.context import Actor, Clock, ServiceContext, system_clock
    from hall_app.services.restore import continue_counters
    from hall_app.services.server_clock import ServerClock
    from hall_app.store.db import database_for

    config = load_config()
    db = database_for(config)
    try:
        clock: Clock = system_clock
        if not db.is_sqlite:  # the audit entry's time from the server, as open_hall does
            clock = ServerClock(db)
            clock.sync()
        ctx = ServiceContext(db=db, terminal=config.terminal, clock=clock, timezone=config.timezone)
        report = continue_counters(ctx, "manual", Actor.system("db_counters", config.terminal))
    finally:
        db.dispose()
    _out(args, {"counters_lifted": report.lifted}, report.summary())
    return EXIT_OK


def cmd_db_info(args: argparse.Namespace) -> int:
    """The schema revision, the backend and the settings sessions really run with."""
    from hall_app.config import load_config
    from hall_app.store import migrate
    from hall_app.store.db import database_for

    config = load_config()
    db = database_for(config)
    try:
        revision = migrate.current_revision(db)
        settings = db.effective_settings()
        server = db.server()
    finally:
        db.dispose()
    head = migrate.head_revision()
    data = {
        "backend": db.dialect,
        "database": db.describe(),
        "server": server,
        "revision": revision,
        "head": head,
        "up_to_date": revision == head,
        "settings": settings,
    }
    lines = [f"数据库：{db.describe()}"]
    if not db.is_sqlite:
        lines.append(f"当前主服务器：{server}")
    lines.append(f"结构版本：{revision or '空'}（程序需要 {head}）")
    lines += [f"{name} = {value}" for name, value in settings.items()]
    _out(args, data, "\n".join(lines))
    return EXIT_OK


# ---------------------------------------------------------------- standby (issue 15)


def _data_dir(args: argparse.Namespace, config: Config) -> str:
    return str(args.data_dir or config.standby_data_dir or "")


def cmd_db_standby_status(args: argparse.Namespace) -> int:
    """Each server of the URL: primary, standby or unreachable."""
    from hall_app.config import load_config
    from hall_app.domain.errors import InvalidInput
    from hall_app.store.standby import probe_all

    config = load_config()
    if config.is_sqlite:
        raise InvalidInput("本机使用 SQLite 本地库，没有主备服务器")
    states = probe_all(config.db_url)
    primaries = [str(s.host) for s in states if s.role == "primary"]
    lines = [f"{s.host}：{s.role_name}" for s in states]
    if len(primaries) > 1:
        lines.append("警告：两台服务器都是主服务器（数据分叉）！请立即停用旧主服务器并联系管理员")
    elif not primaries:
        lines.append(
            "没有可写的主服务器：终端无法办理业务。值班长可在备用服务器所在电脑上"
            "运行 hall-app db promote"
        )
    _out(
        args,
        {"hosts": [{"host": str(s.host), "role": s.role} for s in states], "primaries": primaries},
        "\n".join(lines),
    )
    return EXIT_OK


def cmd_db_promote(args: argparse.Namespace) -> int:
    from hall_app.config import load_config
    from hall_app.services.context import Actor, ServiceContext
    from hall_app.services.standby import audit_promotion, promote
    from hall_app.store.db import database_for

    config = load_config()
    done = promote(config.db_url, _data_dir(args, config), force=args.force)
    db = database_for(config)
    try:
        ctx = ServiceContext(db=db, terminal=config.terminal, timezone=config.timezone)
        audited = audit_promotion(
            db, ctx, Actor.system("standby_promote", ctx.terminal), done, "cli"
        )
    finally:
        db.dispose()
    text = f"备用服务器 {done.data_dir} 已提升为主服务器，终端将自动改连到它"
    if not audited:
        text += "（操作记录暂未写入数据库，详情见日志）"
    _out(args, {"data_dir": str(done.data_dir), "forced": done.forced, "audited": audited}, text)
    return EXIT_OK


def cmd_db_watch_standby(args: argparse.Namespace) -> int:
    """Promote this PC's standby once the primary has been silent for the configured delay."""
    import threading

    from hall_app.config import load_config
    from hall_app.services.context import Actor, ServiceContext
    from hall_app.services.standby import AutoPromoter, audit_promotion
    from hall_app.store.db import database_for

    config = load_config()
    delay = args.seconds if args.seconds is not None else config.auto_promote_seconds
    watcher = AutoPromoter(config.db_url, _data_dir(args, config), delay)
    print(
        f"正在监视主服务器：连续 {delay:g} 秒无应答时自动提升本机备用服务器（Ctrl+C 退出）",
        flush=True,
    )
    try:
        done = watcher.run(threading.Event(), interval=args.interval)
    except KeyboardInterrupt:
        return EXIT_OK
    assert done is not None
    db = database_for(config)
    try:
        ctx = ServiceContext(db=db, terminal=config.terminal, timezone=config.timezone)
        audited = audit_promotion(
            db, ctx, Actor.system("standby_auto_promote", ctx.terminal), done, "auto"
        )
    finally:
        db.dispose()
    _out(
        args,
        {"data_dir": str(done.data_dir), "audited": audited, "promoted": True},
        f"主服务器 {delay:g} 秒无应答，已自动提升本机备用服务器 {done.data_dir}",
    )
    return EXIT_OK


def add_db_commands(add: AddCommand, db: Subcommands) -> None:
    """Register the ``db`` subcommands (``add`` is build_parser's helper)."""
    add("upgrade", cmd_db_upgrade, "把数据库升级到最新结构（PostgreSQL 部署时由管理员运行）", db)
    add("info", cmd_db_info, "显示数据库结构版本、类型和实际生效的会话设置（超时、同步方式）", db)
    # backup and restore (issue 14)
    backup = add(
        "backup",
        cmd_db_backup,
        "备份数据库：SQLite 用在线备份接口（含 WAL 中已提交的数据），PostgreSQL 用 pg_dump",
        db,
    )
    backup.add_argument("--dir", help="备份文件夹（默认：数据库所在文件夹下的 backups）")
    restore = add(
        "restore",
        cmd_db_restore,
        "从备份恢复：先检查备份完整性，原数据保留（改名或转储），计数器继续在已发出号码之后",
        db,
    )
    restore.add_argument("file", help="备份文件（.sqlite3backup 或 .pgdump）")
    restore.add_argument(
        "--force",
        action="store_true",
        help="PostgreSQL：备份的结构版本与数据库不同时仍然恢复（先清空 public 模式）",
    )
    add(
        "counters",
        cmd_db_counters,
        "把计数器移到已发出的号码之后（手工恢复数据库后运行；db restore 已自动完成）",
        db,
    )
    # standby server (issue 15)
    add(
        "standby-status",
        cmd_db_standby_status,
        "列出连接地址中的各台数据库服务器：主、备或无法连接",
        db,
    )
    promote = add(
        "promote",
        cmd_db_promote,
        "把本机的备用数据库服务器提升为主服务器（pg_ctl promote）；主服务器仍应答时拒绝",
        db,
    )
    promote.add_argument(
        "--data-dir", help="备用服务器的数据文件夹（默认：配置文件 [standby] data_dir）"
    )
    promote.add_argument(
        "--force",
        action="store_true",
        help="主服务器仍应答时也提升（确认旧主服务器已停用且不会再启动）",
    )
    watch = add(
        "watch-standby",
        cmd_db_watch_standby,
        "监视主服务器，连续无应答达到设定秒数时自动提升本机备用服务器",
        db,
    )
    watch.add_argument(
        "--data-dir", help="备用服务器的数据文件夹（默认：配置文件 [standby] data_dir）"
    )
    watch.add_argument(
        "--seconds",
        type=float,
        help="无应答多少秒后提升（默认：配置文件 [standby] auto_promote_seconds）",
    )
    watch.add_argument("--interval", type=float, default=1.0, help="探测间隔秒数（默认 1）")
