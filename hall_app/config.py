"""Which database and which terminal: HALL_DB_URL, then the config file, then the default.

The config file is ``hall_app.toml`` in the user's config folder (``hall-app config-path``
prints it)::

    [database]
    url = "postgresql+psycopg://hall:secret@192.168.10.5/hall"

    [terminal]
    name = "窗口05-PC"
"""

from __future__ import annotations

import os
import socket
import tomllib
from dataclasses import dataclass
from pathlib import Path

from hall_app import paths
from hall_app.domain.errors import InvalidInput


@dataclass(frozen=True)
class Config:
    db_url: str
    terminal: str
    timezone: str = "Asia/Shanghai"

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")


def config_file() -> Path:
    return paths.config_dir() / "hall_app.toml"


def default_sqlite_url() -> str:
    return f"sqlite:///{paths.data_dir() / 'hall.sqlite3'}"


def load_config(path: Path | None = None) -> Config:
    path = path or config_file()
    data: dict = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInput(f"配置文件 {path} 格式错误：{exc}") from None
    url = os.environ.get("HALL_DB_URL") or data.get("database", {}).get("url")
    if url and url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    terminal = (
        os.environ.get("HALL_TERMINAL")
        or data.get("terminal", {}).get("name")
        or socket.gethostname()
    )
    tz = data.get("hall", {}).get("timezone", "Asia/Shanghai")
    return Config(db_url=url or default_sqlite_url(), terminal=terminal[:64], timezone=tz)
