"""A way out when the embedded SQLite file is damaged: set it aside (never delete it) and
start from the newest backup or from an empty database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.engine import make_url

from hall_app.domain.errors import DatabaseError, KnownError
from hall_app.store import backup as backup_files


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def backups(path: Path) -> list[Path]:
    """The backups of ``path``, newest first (``backups/`` and the old ``.bak-<revision>``
    copies; never a ``-wal``/``-shm``/``-journal`` side file)."""
    return backup_files.list_backups(path)


def newest_sound_backup(path: Path) -> Path:
    """The newest backup that passes the integrity check."""
    problems = []
    for copy in backups(path):
        try:
            backup_files.check_backup(copy)
        except KnownError as error:
            problems.append(error.message)
            continue
        return copy
    raise DatabaseError("没有可用的备份" + (f"（{problems[0]}）" if problems else ""))


def set_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the damaged file (and its WAL) to ``….damaged-<time>``; returns the new name."""
    aside = backup_files.set_aside(path, "damaged", now)
    if aside is None:
        raise DatabaseError(f"数据库文件 {path} 不存在")
    return aside


def restore(path: Path, backup: Path) -> Path | None:
    """Set the damaged file aside and copy ``backup`` in (online backup API, checked first)."""
    return backup_files.restore_sqlite(path, backup, label="damaged")
