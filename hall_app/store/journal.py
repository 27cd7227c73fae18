"""The terminal's offline journal: a small SQLite file next to the terminal's settings.

Everything a terminal does while its server is unreachable is appended here, one record per
action, each with an idempotency key; the numbers it hands out come from blocks reserved on
the server beforehand. Writes are synchronous (WAL with ``synchronous=FULL``): a record whose
transaction returned is on disk and survives a crash or a power cut; one that was cut off is
not there at all.

The standard library's ``sqlite3`` is used directly: one file, one process, no schema
migrations beyond ``user_version``, and exact control over transactions and fsync.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hall_app.domain import journal_mac
from hall_app.domain.errors import DiskReadOnly, NotAllowed
from hall_app.domain.fallback import Block
from hall_app.domain.journal_mac import SignedFields
from hall_app.store.journal_schema import (
    SCHEMA,
    SCHEMA_VERSION,
    UPGRADE_2,
    UPGRADE_3,
    JournalRecord,
    LocalTicket,
    make_private,
)
from hall_app.store.journal_schema import journal_error as _error

__all__ = ["SCHEMA_VERSION", "Journal", "JournalRecord", "LocalTicket"]

log = logging.getLogger("hall_app.store")


class Journal:
    """One terminal's journal. Thread-safe: one connection, a lock around each use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            make_private(path)
            self._conn = sqlite3.connect(
                path, timeout=5.0, isolation_level=None, check_same_thread=False
            )
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = FULL")
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NotAllowed(f"离线日志 {path} 由更新版本的程序创建，请升级本程序")
            if version == 1:  # before the schema script: it names the new columns
                for statement in UPGRADE_2:
                    self._conn.execute(statement)
            columns = {row[1] for row in self._conn.execute("PRAGMA table_info(record)")}
            if columns and "mac" not in columns:  # a record table of version 1 or 2
                for statement in UPGRADE_3:
                    self._conn.execute(statement)
            self._conn.executescript(SCHEMA)
            # this journal file's own id, signed into every record: a record copied from
            # another journal file (even of the same terminal) does not verify here
            self._conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('journal_id', ?)",
                (uuid.uuid4().hex,),
            )
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._conn.execute("PRAGMA quick_check").fetchone()
        except sqlite3.Error as exc:
            raise _error(exc, path) from exc

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable transaction: on return it is on disk; on an error nothing of it is."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise _error(exc, self.path) from exc

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise _error(exc, self.path) from exc

    # ------------------------------------------------------------ meta

    def get(self, key: str, default: str = "") -> str:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def put(self, conn: sqlite3.Connection, key: str, value: str | None) -> None:
        if value is None:
            conn.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                "DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def set(self, key: str, value: str | None) -> None:
        with self.transaction() as conn:
            self.put(conn, key, value)

    # ------------------------------------------------------------ blocks

    def blocks(self) -> list[Block]:
        return [
            Block(kind, dt.date.fromisoformat(day), first, last, nxt)
            for kind, day, first, last, nxt in self._query(
                "SELECT kind, day, first, last, next FROM block ORDER BY id"
            )
        ]

    def add_block(
        self,
        conn: sqlite3.Connection,
        kind: str,
        day: dt.date,
        first: int,
        last: int,
        server_id: int | None,
    ) -> None:
        conn.execute(
            "INSERT INTO block (kind, day, first, last, next, server_id) VALUES (?, ?, ?, ?, ?, ?)",
            (kind, day.isoformat(), first, last, first, server_id),
        )

    def take(self, conn: sqlite3.Connection, kind: str, day: dt.date) -> int:
        """The next reserved number of ``kind`` for ``day``, in the caller's transaction."""
        row = conn.execute(
            "SELECT id, next FROM block WHERE kind = ? AND day = ? AND next <= last "
            "ORDER BY id LIMIT 1",
            (kind, day.isoformat()),
        ).fetchone()
        if row is None:
            raise NotAllowed("本终端预留的离线号码已用完：请改用应急包中的纸质号票，并报告值班长")
        conn.execute("UPDATE block SET next = next + 1 WHERE id = ?", (row[0],))
        return int(row[1])

    def drop_old_blocks(self, conn: sqlite3.Connection, today: dt.date) -> None:
        conn.execute("DELETE FROM block WHERE day < ?", (today.isoformat(),))

    # ------------------------------------------------------------ records

    @property
    def key_path(self) -> Path:
        """The terminal's MAC key, beside the journal (0600): ``<journal>.key``."""
        return self.path.with_name(self.path.stem + ".key")

    @property
    def journal_id(self) -> str:
        return self.get("journal_id")

    def signing_key(self) -> tuple[str, bytes] | None:
        """(terminal, key) from the key file, or None when this terminal has none yet (it
        gets one when it prepares for offline) or the file is unreadable."""
        try:
            data = json.loads(self.key_path.read_text(encoding="utf-8"))
            return str(data["terminal"]), bytes.fromhex(data["key"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def ensure_key(self, terminal: str) -> bytes:
        """This terminal's key, made (and written 0600 beside the journal) when there is none
        or the file is for another terminal name."""
        held = self.signing_key()
        if held is not None and held[0] == terminal and len(held[1]) == journal_mac.KEY_BYTES:
            return held[1]
        key = journal_mac.new_key()
        text = json.dumps({"terminal": terminal, "key": key.hex()}, ensure_ascii=False)
        temp = self.key_path.with_name(self.key_path.name + ".new")
        try:
            fd = os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, self.key_path)
        except OSError as exc:
            raise DiskReadOnly(
                f"无法写入本终端的离线日志密钥文件 {self.key_path}：{exc.strerror}"
            ) from None
        log.info("new offline journal key %s for %s", journal_mac.fingerprint(key), terminal)
        return key

    def append(
        self,
        conn: sqlite3.Connection,
        kind: str,
        at: dt.datetime,
        staff_no: str,
        payload: dict[str, Any],
        reference: str = "",
        key: str | None = None,
    ) -> str:
        """One record in the caller's transaction, signed with the terminal's key when it has
        one (the next number of this journal's sequence, and the MAC over the record)."""
        key = key or uuid.uuid4().hex
        text = json.dumps(payload, ensure_ascii=False, default=str)
        at_text = at.isoformat()
        terminal, number, mac = "", 0, ""
        signer = self.signing_key()
        if signer is not None:
            terminal, secret = signer
            row = conn.execute("SELECT value FROM meta WHERE key = 'mac_counter'").fetchone()
            number = int(row[0]) + 1 if row else 1
            self.put(conn, "mac_counter", str(number))
            journal_id = conn.execute("SELECT value FROM meta WHERE key = 'journal_id'").fetchone()[
                0
            ]
            mac = journal_mac.sign(
                secret,
                SignedFields(
                    terminal,
                    journal_id,
                    number,
                    key,
                    kind,
                    at_text,
                    staff_no,
                    reference,
                    json.loads(text),
                ),
            )
        conn.execute(
            "INSERT INTO record (key, kind, at, staff_no, reference, payload, terminal, number, mac) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, kind, at_text, staff_no, reference, text, terminal, number, mac),
        )
        return key

    def records(self, state: str | None = None, limit: int = 100_000) -> list[JournalRecord]:
        sql = (
            "SELECT seq, key, kind, at, staff_no, reference, payload, state, detail, terminal, "
            "number, mac FROM record"
        )
        params: tuple[Any, ...] = ()
        if state is not None:
            sql += " WHERE state = ?"
            params = (state,)
        rows = self._query(sql + " ORDER BY seq LIMIT ?", (*params, limit))
        return [
            JournalRecord(
                seq,
                key,
                kind,
                dt.datetime.fromisoformat(at),
                staff,
                ref,
                json.loads(payload),
                st,
                detail,
                term,
                number,
                mac,
                at,
            )
            for seq, key, kind, at, staff, ref, payload, st, detail, term, number, mac in rows
        ]

    def numbers(self) -> list[int]:
        """The signed sequence numbers present in this journal, whatever their state."""
        return [int(n) for (n,) in self._query("SELECT number FROM record WHERE number > 0")]

    def pending_count(self) -> int:
        return int(self._query("SELECT count(*) FROM record WHERE state = 'pending'")[0][0])

    def counts(self) -> dict[str, int]:
        rows = self._query("SELECT state, count(*) FROM record GROUP BY state")
        return {str(state): int(count) for state, count in rows}

    def mark(self, key: str, state: str, detail: str = "") -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE record SET state = ?, detail = ?, done_at = ? WHERE key = ?",
                (state, detail, dt.datetime.now(dt.UTC).isoformat(), key),
            )

    # ------------------------------------------------------------ tickets issued offline

    def add_ticket(self, conn: sqlite3.Connection, t: LocalTicket) -> None:
        conn.execute(
            "INSERT INTO local_ticket (number, day, category_code, label, priority, state, issued_at, "
            "called_at, started_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                t.number,
                t.day.isoformat(),
                t.category_code,
                t.label,
                t.priority,
                t.state,
                t.issued_at.isoformat(),
                t.called_at.isoformat() if t.called_at else None,
                t.started_at.isoformat() if t.started_at else None,
                t.source,
            ),
        )

    def set_ticket(
        self,
        conn: sqlite3.Connection,
        day: dt.date,
        number: str,
        state: str,
        column: str | None,
        at: dt.datetime,
    ) -> None:
        if column is None:  # a recall: the state stays, nothing is stamped
            return
        assert column in ("called_at", "started_at", "finished_at")
        conn.execute(
            f"UPDATE local_ticket SET state = ?, {column} = ? WHERE day = ? AND number = ?",
            (state, at.isoformat(), day.isoformat(), number),
        )

    def tickets(self, day: dt.date) -> list[LocalTicket]:
        rows = self._query(
            "SELECT number, day, category_code, label, priority, state, issued_at, called_at, "
            "finished_at, source, started_at FROM local_ticket WHERE day = ? ORDER BY issued_at",
            (day.isoformat(),),
        )
        return [
            LocalTicket(
                n,
                dt.date.fromisoformat(d),
                c,
                lab,
                p,
                st,
                dt.datetime.fromisoformat(i),
                _when(ca),
                _when(f),
                src,
                _when(sa),
            )
            for n, d, c, lab, p, st, i, ca, f, src, sa in rows
        ]

    # ------------------------------------------------------------ the server's queue

    def put_queue_snapshot(self, snapshot: dict[str, Any]) -> None:
        """The last picture of the server's queue (waiting tickets, windows and their lanes,
        the offline number blocks of the other terminals), kept for an outage."""
        self.set("queue_snapshot", json.dumps(snapshot, ensure_ascii=False, default=str))

    def queue_snapshot(self) -> dict[str, Any]:
        text = self.get("queue_snapshot")
        return json.loads(text) if text else {}


def _when(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None
