"""Where things are: resources and migrations in the source tree or a frozen bundle, and the
per-user data, config and log folders (platformdirs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from hall_app.domain.errors import DatabaseUnavailable, os_error_text

APP_NAME = "hall_app"
APP_AUTHOR = "hall_app"


def bundle_root() -> Path:
    """The folder holding ``resources/`` and ``db/``: the source checkout or PyInstaller's."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def migrations_dir() -> Path:
    return bundle_root() / "db"


def demo_catalog() -> Path:
    return resources_dir() / "catalog" / "demo_hall.yaml"


def _override(var: str) -> Path | None:
    value = os.environ.get(var)
    return Path(value) if value else None


def data_dir() -> Path:
    """Per-user data folder (the SQLite file, archives); HALL_DATA_DIR overrides it."""
    path = _override("HALL_DATA_DIR") or Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailable(
            f"无法建立数据文件夹 {path}（{os_error_text(exc)}）：请检查磁盘，"
            "或用环境变量 HALL_DATA_DIR 指定其他文件夹"
        ) from None
    return path


def config_dir() -> Path:
    path = _override("HALL_CONFIG_DIR") or Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    return path


def cache_dir() -> Path:
    """Per-user cache (rebuilt when missing: the word segmenter's dictionary index);
    HALL_CACHE_DIR overrides it. Created by whoever writes there."""
    return _override("HALL_CACHE_DIR") or Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    path = _override("HALL_LOG_DIR") or Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def journal_path(terminal: str) -> Path:
    """The terminal's offline journal (one per terminal name, in the data folder)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in terminal) or "terminal"
    return data_dir() / "journal" / f"{safe}.sqlite3"
