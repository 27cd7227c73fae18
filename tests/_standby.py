"""A primary PostgreSQL and its synchronous hot standby on loopback, for the failover tests
(scripts/pg-server start + replica). Skipped with a reason when the PostgreSQL server programs
are absent; HALL_TEST_PG_REQUIRED=1 (CI) fails instead."""

from __future__ import annotations

import glob
import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hall_app.services.catalog import bootstrap_actor

ROOT = Path(__file__).resolve().parent.parent
PG = str(ROOT / "scripts" / "pg-server")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Pair:
    work: Path
    primary_port: int
    standby_port: int

    @property
    def primary_dir(self) -> Path:
        return self.work / "primary"

    @property
    def standby_dir(self) -> Path:
        return self.work / "standby"

    @property
    def standby_data(self) -> Path:
        return self.standby_dir / "data"

    def url(self, *, standby_first: bool = False, attrs: bool = True) -> str:
        hosts = [f"127.0.0.1:{self.primary_port}", f"127.0.0.1:{self.standby_port}"]
        if standby_first:
            hosts.reverse()
        tail = "&target_session_attrs=read-write" if attrs else ""
        return f"postgresql+psycopg://app@/postgres?host={','.join(hosts)}{tail}"

    def single(self, port: int) -> str:
        return f"postgresql+psycopg://app@127.0.0.1:{port}/postgres"

    def pg(self, *args: str) -> None:
        subprocess.run([PG, *args], check=True, capture_output=True, text=True)


def schema_and_catalog(url: str) -> None:
    """The hall's schema and the demo catalog, on the primary before it is copied."""
    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.hall import open_hall

    hall = open_hall(Config(db_url=url, terminal="failover-setup"), upgrade=True)
    try:
        hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    finally:
        hall.close()


def start_pair(prepare: object = None) -> Iterator[Pair]:
    """Start both servers (``prepare(url)`` runs on the primary before the standby is copied
    from it); stop and remove them afterwards."""
    if not glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup"):
        if os.environ.get("HALL_TEST_PG_REQUIRED") == "1":
            pytest.fail("HALL_TEST_PG_REQUIRED=1 but the PostgreSQL server programs are absent")
        pytest.skip("PostgreSQL server programs (initdb, pg_basebackup) not installed")
    work = Path(tempfile.mkdtemp(prefix="hall-standby-"))
    work.chmod(0o755)  # the servers run as the postgres user when we are root
    pair = Pair(work, _free_port(), _free_port())
    try:
        pair.pg("start", str(pair.primary_dir), str(pair.primary_port))
        if callable(prepare):
            prepare(pair.single(pair.primary_port))
        pair.pg("replica", str(pair.primary_dir), str(pair.standby_dir), str(pair.standby_port))
        yield pair
    finally:
        for folder in (pair.standby_dir, pair.primary_dir):
            subprocess.run([PG, "stop", str(folder)], check=False, capture_output=True)
        subprocess.run(["rm", "-rf", str(work)], check=False)


def hall_cli(args: list[str], url: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hall_app", *args],
        cwd=ROOT,
        env={**os.environ, "HALL_DB_URL": url, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
