"""A way out when the embedded SQLite file is damaged: set it aside (never delete it) and
start from the newest backup or from an empty database."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy.engine import make_url

from hall_app.domain.errors import DatabaseError, os_error_text

_COMPANIONS = ("", "-wal", "-shm", "-journal")


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def backups(path: Path) -> list[Path]:
    """The copies made before schema upgrades, newest first."""
    return sorted(path.parent.glob(f"{path.name}.bak-*"), key=lambda p: p.stat().st_mtime, reverse=True)


def set_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the damaged file (and its WAL) to ``….damaged-<time>``; returns the new name."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        for suffix in _COMPANIONS:
            source = path.with_name(path.name + suffix)
            if source.exists():
                source.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise DatabaseError(f"无法移开损坏的数据库文件 {path}：{os_error_text(exc)}") from None
    return target


def restore(path: Path, backup: Path) -> Path:
    """Set the damaged file aside and put a copy of ``backup`` in its place."""
    aside = set_aside(path)
    try:
        shutil.copy2(backup, path)
    except OSError as exc:
        raise DatabaseError(f"无法从备份 {backup} 恢复：{os_error_text(exc)}") from None
    return aside
