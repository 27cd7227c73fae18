"""A primary and its hot standby behind one URL (libpq multi-host), and what each host is now.

A terminal's URL lists both servers::

    postgresql+psycopg://hall:secret@/hall?host=10.0.0.5:5432,10.0.0.6:5432&target_session_attrs=read-write

libpq tries the hosts in turn and, with ``target_session_attrs=read-write``, keeps only a server
that accepts writes: the primary, whichever PC that is now. SQLAlchemy passes on only two of
the ways to spell several hosts (``host=h1:p1&host=h2:p2`` or ``host=h1,h2&port=p1,p2``);
:func:`normalize_url` turns the third one people write (``host=h1:p1,h2:p2``, which would
reach libpq as a host named "h1:p1") into the first, and adds ``target_session_attrs`` when a
URL lists several hosts without it (or a terminal could settle on the standby and fail every
write).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy.engine import URL, make_url

log = logging.getLogger("hall_app.store")

DEFAULT_PORT = 5432

#: what a host answered to :func:`probe`
PRIMARY = "primary"
STANDBY = "standby"
UNREACHABLE = "unreachable"

ROLE_NAMES = {PRIMARY: "主服务器（可写）", STANDBY: "备用服务器（只读）", UNREACHABLE: "无法连接"}


@dataclass(frozen=True)
class Host:
    host: str
    port: int

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class HostState:
    host: Host
    role: str  # PRIMARY, STANDBY or UNREACHABLE

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]


def _split(token: str) -> Host:
    host, _, port = token.strip().partition(":")
    return Host(host, int(port) if port else DEFAULT_PORT)


def hosts_of(url: str | URL) -> list[Host]:
    """The servers a PostgreSQL URL names, in the order libpq tries them."""
    parsed = make_url(url) if isinstance(url, str) else url
    query = parsed.query
    if "host" not in query:
        return [Host(parsed.host or "localhost", parsed.port or DEFAULT_PORT)]
    raw = query["host"]
    tokens = [raw] if isinstance(raw, str) else list(raw)
    names = [name for token in tokens for name in token.split(",") if name.strip()]
    ports_raw = query.get("port")
    if ports_raw is not None:
        ports = (ports_raw if isinstance(ports_raw, str) else ",".join(ports_raw)).split(",")
        if len(ports) == 1:
            ports = ports * len(names)
        return [
            Host(name.strip(), int(port) if port else DEFAULT_PORT)
            for name, port in zip(names, ports, strict=False)
        ]
    return [_split(name) for name in names]


def is_multi_host(url: str | URL) -> bool:
    parsed = make_url(url) if isinstance(url, str) else url
    return parsed.get_backend_name() == "postgresql" and len(hosts_of(parsed)) > 1


def normalize_url(url: str) -> str:
    """The URL in the multi-host form SQLAlchemy hands to libpq intact, with
    ``target_session_attrs=read-write`` when it lists several hosts; other URLs unchanged."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or "host" not in parsed.query:
        return url
    hosts = hosts_of(parsed)
    query: dict[str, Any] = {k: v for k, v in parsed.query.items() if k not in ("host", "port")}
    query["host"] = tuple(str(host) for host in hosts) if len(hosts) > 1 else str(hosts[0])
    if len(hosts) > 1:
        query.setdefault("target_session_attrs", "read-write")
    return parsed.set(query=query).render_as_string(hide_password=False)


def single_host_url(url: str | URL, host: Host) -> URL:
    """The same database and role on one server only (no target_session_attrs)."""
    parsed = make_url(url) if isinstance(url, str) else url
    query = {
        k: v for k, v in parsed.query.items() if k not in ("host", "port", "target_session_attrs")
    }
    return parsed.set(host=host.host, port=host.port, query=query)


def probe(url: str | URL, host: Host, timeout: float = 2.0) -> HostState:
    """Ask one server whether it is the primary, a standby, or not answering."""
    parsed = make_url(url) if isinstance(url, str) else url
    params: dict[str, Any] = {
        "host": host.host,
        "port": host.port,
        "dbname": parsed.database or "postgres",
        "user": parsed.username or "",
        "connect_timeout": max(1, round(timeout)),
        "application_name": "hall_app_probe",
    }
    if parsed.password is not None:
        params["password"] = str(parsed.password)
    for key in ("sslmode", "sslrootcert", "passfile"):
        if key in parsed.query:
            params[key] = parsed.query[key]
    try:
        with psycopg.connect(**params, autocommit=True) as conn:
            row = conn.execute("SELECT pg_is_in_recovery()").fetchone()
    except psycopg.Error as error:
        log.info("probe %s: %s", host, str(error).strip()[:200])
        return HostState(host, UNREACHABLE)
    return HostState(host, STANDBY if row and row[0] else PRIMARY)


def probe_all(url: str | URL, timeout: float = 2.0) -> list[HostState]:
    return [probe(url, host, timeout) for host in hosts_of(url)]


def libpq_url(url: str | URL, *, password: bool = True) -> str:
    """The URL as libpq reads it (``postgresql://…``), for the programs and connections that
    go past SQLAlchemy (the change feed's LISTEN, pg_dump): several hosts in libpq's own form
    ``postgresql://user@h1:p1,h2:p2/db?target_session_attrs=read-write``, which libpq's
    ``host=`` query parameter cannot express."""
    parsed = make_url(url) if isinstance(url, str) else url
    parsed = parsed.set(drivername="postgresql")
    if not password:
        parsed = parsed.set(password=None)
    if "host" not in parsed.query:
        return parsed.render_as_string(hide_password=False)
    hosts = hosts_of(parsed)
    query = {k: v for k, v in parsed.query.items() if k not in ("host", "port")}
    if len(hosts) > 1:
        query.setdefault("target_session_attrs", "read-write")
    marker = "hall-hosts.invalid"
    plain = parsed.set(host=marker, port=None, query=query).render_as_string(hide_password=False)
    return plain.replace(marker, ",".join(str(host) for host in hosts), 1)


#: how often a terminal on a multi-host URL looks for a second primary
SENTINEL_SECONDS = 10.0


class Sentinel:
    """Watches the servers of a multi-host URL for split brain: two of them answering as the
    primary (an old primary started again after its standby was promoted). While that lasts,
    :attr:`split` names them and the terminal's :class:`~hall_app.store.db.Database` refuses
    every unit of work, so the terminal goes offline instead of writing to either side; it is
    cleared by the next look after one of them was stopped."""

    def __init__(self, url: str | URL, interval: float | None = None) -> None:
        import threading

        self.url = url
        self.interval = SENTINEL_SECONDS if interval is None else interval
        self.split: tuple[str, ...] = ()
        self.looks = 0
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hall-sentinel", daemon=True)
        self._thread.start()

    def look(self) -> tuple[str, ...]:
        primaries = tuple(str(s.host) for s in probe_all(self.url, 2.0) if s.role == PRIMARY)
        split = primaries if len(primaries) > 1 else ()
        if split and not self.split:
            log.error("split brain: %s all answer as the primary", ", ".join(split))
        elif self.split and not split:
            log.warning("split brain over: one primary again")
        self.split = split
        self.looks += 1
        return split

    def _run(self) -> None:
        while not self._closed.is_set():
            try:
                self.look()
            except Exception:  # a sentinel that dies silently would be worse
                log.exception("sentinel look failed")
            self._closed.wait(self.interval)

    def close(self) -> None:
        self._closed.set()
