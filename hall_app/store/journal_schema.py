"""The offline journal's file: its SQLite schema and the upgrades of older files, the rows it
returns (:class:`JournalRecord`, :class:`LocalTicket`), how the file is made private, and how
an ``sqlite3`` error becomes a Chinese message (``store.journal`` holds the operations)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hall_app.domain.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DiskFull,
    DiskReadOnly,
)
from hall_app.domain.journal_mac import SignedFields

log = logging.getLogger("hall_app.store")

SCHEMA_VERSION = 3
# version 2: a local ticket says where the desk learnt of it and when it was started
UPGRADE_2 = (
    "ALTER TABLE local_ticket ADD COLUMN source TEXT NOT NULL DEFAULT 'own'",
    "ALTER TABLE local_ticket ADD COLUMN started_at TEXT",
)
# version 3: a record carries its terminal, its number in this journal and its MAC
# (domain/journal_mac.py); records written before keep none and are refused on reconcile
UPGRADE_3 = (
    "ALTER TABLE record ADD COLUMN terminal TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE record ADD COLUMN number INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE record ADD COLUMN mac TEXT NOT NULL DEFAULT ''",
)
SCHEMA = """
CREATE TABLE IF NOT EXISTS block (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL,
    next INTEGER NOT NULL,
    server_id INTEGER
);
CREATE TABLE IF NOT EXISTS record (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    staff_no TEXT NOT NULL,
    reference TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    detail TEXT NOT NULL DEFAULT '',
    done_at TEXT,
    terminal TEXT NOT NULL DEFAULT '',
    number INTEGER NOT NULL DEFAULT 0,
    mac TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS ix_record_state ON record (state, seq);
CREATE TABLE IF NOT EXISTS local_ticket (
    number TEXT NOT NULL,
    day TEXT NOT NULL,
    category_code TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    priority INTEGER NOT NULL DEFAULT 2,
    state TEXT NOT NULL DEFAULT 'waiting',
    issued_at TEXT NOT NULL,
    called_at TEXT,
    finished_at TEXT,
    source TEXT NOT NULL DEFAULT 'own',
    started_at TEXT,
    PRIMARY KEY (day, number)
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class JournalRecord:
    seq: int
    key: str
    kind: str
    at: dt.datetime
    staff_no: str
    reference: str
    payload: dict[str, Any]
    state: str  # pending | merged | conflict | refused
    detail: str
    terminal: str = ""  # the terminal whose key signed it ("" before it had a key)
    number: int = 0  # its place in this journal's signed sequence (0: not signed)
    mac: str = ""  # domain.journal_mac.sign; "" when written without a key
    at_text: str = ""  # ``at`` exactly as stored (what the MAC covers)

    def signed_fields(self, journal_id: str) -> SignedFields:
        return SignedFields(
            self.terminal,
            journal_id,
            self.number,
            self.key,
            self.kind,
            self.at_text or self.at.isoformat(),
            self.staff_no,
            self.reference,
            self.payload,
        )


@dataclass(frozen=True)
class LocalTicket:
    number: str
    day: dt.date
    category_code: str
    label: str
    priority: int
    state: str
    issued_at: dt.datetime
    called_at: dt.datetime | None
    finished_at: dt.datetime | None
    source: str = "own"  # own | server | typed (domain.offline_queue)
    started_at: dt.datetime | None = None


def journal_error(exc: sqlite3.Error, path: Path) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLocked(
            f"离线日志 {path.name} 被另一个程序占用：同一台电脑只能运行一个本终端程序"
        )
    if "malformed" in text or "not a database" in text or "disk image" in text:
        return DatabaseCorrupt(
            f"离线日志 {path} 已损坏。请不要删除它，联系管理员用 sqlite3 的 .recover 导出；"
            "可改名后让程序新建一个空日志继续工作"
        )
    name = getattr(exc, "sqlite_errorname", "")
    if name == "SQLITE_FULL" or "full" in text:
        return DiskFull(
            f"离线日志 {path.name} 所在磁盘已满，无法记录：请立即清理磁盘或改用纸质登记"
        )
    if name.startswith("SQLITE_READONLY"):
        return DiskReadOnly(f"离线日志 {path} 所在磁盘或文件为只读，无法记录：请联系管理员")
    log.warning("offline journal error: %s", exc)
    return DatabaseError(f"离线日志无法写入（{path}，{name or '错误'}），详情已记入日志")


def make_private(path: Path) -> None:
    """The journal holds staff numbers, the queue and reserved numbers: readable only by the
    app's user (folder 0700, file 0600; SQLite gives its -wal and -shm files the file's mode)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.chmod(path.parent, 0o700)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)
    except OSError:
        pass  # a read-only or foreign file: opening it says what is wrong, in Chinese
