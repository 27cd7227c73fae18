"""Backups of the embedded SQLite database with SQLite's online backup API, never a file copy.

A file copy of a WAL database misses every commit still in the ``-wal`` file (after a crash,
all of them since the last checkpoint). :func:`backup_sqlite` reads through a connection, so
the backup holds everything committed, and writes a self-contained file in rollback-journal
mode to ``<folder of the database>/backups/`` under a name no SQLite side file can match:
``hall-20261125-093000-0014.sqlite3backup`` (stem of the database, time, schema revision).

:func:`restore_sqlite` checks a backup's integrity first, sets the current file aside
(renamed, never deleted) and copies the backup in through the same API.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from pathlib import Path

from hall_app.domain.errors import DatabaseCorrupt, DatabaseError, DatabaseLocked
from hall_app.store.db_errors import short_reason

log = logging.getLogger("hall_app.store")

SUFFIX = ".sqlite3backup"
FOLDER = "backups"
_COMPANIONS = ("", "-wal", "-shm", "-journal")
_REVISION = re.compile(r"[0-9A-Za-z_]+")


def backups_dir(database: Path) -> Path:
    return database.parent / FOLDER


def _pattern(database: Path) -> re.Pattern[str]:
    """``<stem>-YYYYMMDD-HHMMSS[-n]-<revision>.sqlite3backup``, nothing before or after."""
    stem = re.escape(database.stem)
    return re.compile(rf"^{stem}-\d{{8}}-\d{{6}}(?:-\d+)?-[0-9A-Za-z_]+{re.escape(SUFFIX)}$")


def _legacy_pattern(database: Path) -> re.Pattern[str]:
    """The copies older versions made before upgrades: ``hall.sqlite3.bak-0013`` exactly."""
    return re.compile(rf"^{re.escape(database.name)}\.bak-[0-9A-Za-z_]+$")


def list_backups(database: Path) -> list[Path]:
    """Every backup of ``database``, newest first: the backups folder, and the ``.bak-<rev>``
    files older versions left beside it. A ``-wal``, ``-shm`` or ``-journal`` file never
    matches (the names are checked whole, not globbed)."""
    found: list[Path] = []
    for folder, pattern in (
        (backups_dir(database), _pattern(database)),
        (database.parent, _legacy_pattern(database)),
    ):
        if folder.is_dir():
            found += [p for p in folder.iterdir() if pattern.match(p.name) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def backup_name(database: Path, when: dt.datetime, revision: str | None) -> str:
    rev = revision if revision and _REVISION.fullmatch(revision) else "empty"
    return f"{database.stem}-{when:%Y%m%d-%H%M%S}-{rev}{SUFFIX}"


def _connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    return sqlite3.connect(path, timeout=5.0)


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_sqlite(
    database: Path, revision: str | None, now: dt.datetime | None = None, folder: Path | None = None
) -> Path:
    """Copy everything committed in ``database`` (its WAL included) to a new backup file."""
    if not database.exists():
        raise DatabaseError(f"数据库文件 {database} 不存在，无法备份")
    folder = folder or backups_dir(database)
    when = now or dt.datetime.now()
    name = backup_name(database, when, revision)
    target, n = folder / name, 1
    while target.exists():
        n += 1
        target = folder / name.replace(f"{when:%H%M%S}-", f"{when:%H%M%S}-{n}-", 1)
    partial = target.with_name(target.name + ".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        source = _connect(database)
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
                # self-contained: one file, no WAL beside it
                copy.execute("PRAGMA journal_mode = DELETE").fetchone()
                result = copy.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise DatabaseCorrupt(
                        f"备份检查未通过（{result[:100]}），数据库可能已损坏，请联系管理员"
                    )
            finally:
                copy.close()
        finally:
            source.close()
        _fsync(partial)
        partial.replace(target)
        _fsync_folder(folder)
    except sqlite3.Error as exc:
        raise DatabaseError(f"无法备份数据库到 {folder}：{short_reason(exc)}") from None
    except OSError as exc:
        raise DatabaseError(f"无法写入备份文件夹 {folder}：{short_reason(exc)}") from None
    finally:
        partial.unlink(missing_ok=True)  # gone after the rename; a failed attempt leaves none
    log.info("database backed up to %s", target)
    return target


def check_backup(path: Path) -> str | None:
    """Refuse a file that is missing, damaged or not a hall database; return its schema revision."""
    if not path.is_file():
        raise DatabaseError(f"备份文件 {path} 不存在")
    try:
        conn = _connect(path, readonly=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                raise DatabaseCorrupt(
                    f"备份文件 {path.name} 已损坏（完整性检查未通过：{'; '.join(rows)[:120]}），"
                    "未做任何更改；请换一个备份"
                )
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables or "ticket" not in tables:
                raise DatabaseCorrupt(f"文件 {path.name} 不是本系统的数据库备份，未做任何更改")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(
            f"备份文件 {path.name} 已损坏或不是数据库（{short_reason(exc)}），未做任何更改；请换一个备份"
        ) from None


def ensure_not_in_use(database: Path) -> None:
    """Refuse while another program has the database open: a terminal still writing to the
    file set aside would lose its work. (In WAL mode any open connection keeps an exclusive
    lock from being taken.) A file too damaged to open is not in use."""
    if not database.exists():
        return
    try:
        conn = sqlite3.connect(database, timeout=0.5, isolation_level=None)
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise DatabaseLocked(
                f"数据库 {database.name} 正被其他程序使用：请先关闭本机所有大厅程序"
                "（窗口、导服台、叫号屏、评价器等）再恢复；未做任何更改"
            ) from None
    except sqlite3.DatabaseError:
        pass  # damaged: nobody can be using it


def set_aside(database: Path, label: str, now: dt.datetime | None = None) -> Path | None:
    """Rename ``database`` and its side files to ``<name>.<label>-<time>``; None if absent."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = database.with_name(f"{database.name}.{label}-{stamp}")
    n = 1
    while any(target.with_name(target.name + s).exists() for s in _COMPANIONS):
        n += 1
        target = database.with_name(f"{database.name}.{label}-{stamp}-{n}")
    if not any(database.with_name(database.name + s).exists() for s in _COMPANIONS):
        return None
    try:
        for suffix in _COMPANIONS:
            source = database.with_name(database.name + suffix)
            if source.exists():
                source.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise DatabaseError(f"无法移开数据库文件 {database}：{short_reason(exc)}") from None
    return target


def restore_sqlite(
    database: Path, backup: Path, label: str = "before-restore", now: dt.datetime | None = None
) -> Path | None:
    """Check ``backup``, set the current file aside, copy the backup in. Returns the new name
    of the file set aside (None when there was none)."""
    check_backup(backup)
    ensure_not_in_use(database)
    aside = set_aside(database, label, now)
    try:
        source = _connect(backup, readonly=True)
        try:
            target = sqlite3.connect(database)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = WAL").fetchone()
            finally:
                target.close()
        finally:
            source.close()
    except (sqlite3.Error, OSError) as exc:
        _put_back(database, aside)
        raise DatabaseError(
            f"无法从备份 {backup.name} 恢复：{short_reason(exc)}；数据库未作更改"
        ) from None
    log.warning("database %s restored from %s (previous file kept as %s)", database, backup, aside)
    return aside


def _put_back(database: Path, aside: Path | None) -> None:
    """Undo a restore cut short: drop the partial copy, give the set-aside file its name back."""
    try:
        for suffix in _COMPANIONS:
            database.with_name(database.name + suffix).unlink(missing_ok=True)
            if aside is not None:
                kept = aside.with_name(aside.name + suffix)
                if kept.exists():
                    kept.rename(database.with_name(database.name + suffix))
    except OSError:
        log.exception("could not put %s back after a failed restore", aside)
