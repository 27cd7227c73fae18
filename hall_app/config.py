"""Which database and which terminal: HALL_DB_URL, then the config file, then the default.

The config file is ``hall_app.toml`` in the user's config folder (``hall-app config-path``
prints it)::

    [database]
    url = "postgresql+psycopg://hall:secret@192.168.10.5/hall"
    # PostgreSQL: how long one session may wait, in seconds (the defaults shown)
    lock_timeout = 3
    statement_timeout = 15
    idle_in_transaction_timeout = 30

    [terminal]
    name = "窗口05-PC"

    # only on the PC that runs the hot standby (docs/postgresql.md)
    [standby]
    data_dir = "/var/lib/postgresql/15/main"
    # promote it when the primary has not answered for this many seconds (0 = never by itself)
    auto_promote_seconds = 0
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
    # PostgreSQL session limits, seconds (store.db.SessionLimits)
    lock_timeout: float = 3.0
    statement_timeout: float = 15.0
    idle_in_transaction_timeout: float = 30.0
    # [standby]: the hot standby's data folder on this PC ("" = this PC holds none)
    standby_data_dir: str = ""
    auto_promote_seconds: float = 0.0

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
    limits = _limits(path, data.get("database", {}))
    data_dir, auto_promote = _standby(path, data.get("standby", {}))
    return Config(
        db_url=url or default_sqlite_url(),
        terminal=terminal[:64],
        timezone=tz,
        standby_data_dir=data_dir,
        auto_promote_seconds=auto_promote,
        **limits,
    )


def _standby(path: Path, section: object) -> tuple[str, float]:
    """The ``[standby]`` section: the standby's data folder and the automatic promotion delay."""
    if not isinstance(section, dict):
        section = {}
    data_dir = section.get("data_dir", "")
    if not isinstance(data_dir, str):
        raise InvalidInput(f"配置文件 {path} 中 [standby] data_dir（备用服务器数据文件夹）应为路径")
    seconds = section.get("auto_promote_seconds", 0)
    if (
        isinstance(seconds, bool)
        or not isinstance(seconds, int | float)
        or not (seconds == 0 or 5 <= seconds <= 3600)
    ):
        raise InvalidInput(
            f"配置文件 {path} 中 [standby] auto_promote_seconds（自动提升备用服务器的等待秒数）"
            f"应为 0（不自动提升）或 5 到 3600 之间的秒数，实际为 {seconds!r}"
        )
    return data_dir, float(seconds)


#: key -> (Chinese name, default, smallest, largest), seconds
LIMITS = {
    "lock_timeout": ("锁等待时限", 3.0, 0.1, 60.0),
    "statement_timeout": ("单条语句时限", 15.0, 1.0, 3600.0),
    "idle_in_transaction_timeout": ("事务闲置时限", 30.0, 1.0, 3600.0),
}


def _limits(path: Path, section: object) -> dict[str, float]:
    """The ``[database]`` waits, checked: a number of seconds within a sane range, and the
    lock timeout shorter than the statement timeout (or it would never be reached)."""
    found: dict[str, float] = {}
    for key, (name, default, low, high) in LIMITS.items():
        value = section.get(key, default) if isinstance(section, dict) else default
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidInput(
                f"配置文件 {path} 中 [database] {key}（{name}）应为秒数，例如 {default:g}，"
                f"实际为 {value!r}"
            )
        if not low <= value <= high:
            raise InvalidInput(
                f"配置文件 {path} 中 [database] {key}（{name}）应在 {low:g} 到 {high:g} 秒之间，"
                f"实际为 {value:g}"
            )
        found[key] = float(value)
    if found["lock_timeout"] >= found["statement_timeout"]:
        raise InvalidInput(
            f"配置文件 {path} 中 [database] lock_timeout（{found['lock_timeout']:g} 秒）"
            f"应小于 statement_timeout（{found['statement_timeout']:g} 秒）"
        )
    return found
