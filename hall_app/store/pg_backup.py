"""Backups of a PostgreSQL hall database with ``pg_dump -Fc`` and their restore with ``pg_restore``.

The client programs are taken from PATH, else from ``/usr/lib/postgresql/<version>/bin``
(Debian, UOS, Kylin) or ``C:\\Program Files\\PostgreSQL\\<version>\\bin`` (Windows), newest
version first. The password goes to them through ``PGPASSWORD``, never on the command line.

A dump is written to ``<name>.partial`` and renamed when complete, so the backups folder
never holds a half-written dump under a backup's name. A restore runs in one transaction
(``--single-transaction``): it is complete or nothing changed.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from hall_app.domain.errors import DatabaseCorrupt, DatabaseError
from hall_app.store.db_errors import short_reason

log = logging.getLogger("hall_app.store")

SUFFIX = ".pgdump"
_REVISION = re.compile(r"[0-9A-Za-z_]+")
_SEARCH = ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "C:/Program Files/PostgreSQL/*/bin")
#: a restore of a large hall takes minutes; a dump of a day's work seconds
TIMEOUT_S = 3600


def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path)) or (0,)


def find_program(name: str) -> Path | None:
    """``pg_dump`` / ``pg_restore``: PATH first, then the usual install folders (newest)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    for pattern in _SEARCH:
        for folder in sorted(glob.glob(pattern), key=_version_key, reverse=True):
            for candidate in (Path(folder) / name, Path(folder) / f"{name}.exe"):
                if candidate.is_file() and os.access(candidate, os.X_OK):
                    return candidate
    return None


def _program(name: str) -> Path:
    program = find_program(name)
    if program is None:
        raise DatabaseError(
            f"未找到 {name}：请安装 PostgreSQL 客户端（Debian/UOS/麒麟：apt-get install "
            "postgresql-client；Windows：PostgreSQL 安装包中的命令行工具），或把其 bin 文件夹加入 PATH"
        )
    return program


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The connection string for the client programs, and the environment with the password."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def database_name(url: str) -> str:
    return make_url(url).database or "postgres"


def _run(args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(
            args, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseError(f"{what}失败：{short_reason(exc)}") from None
    if done.returncode != 0:
        log.error("%s failed (%s): %s", args[0], done.returncode, done.stderr.strip()[-2000:])
        raise DatabaseError(
            f"{what}失败（{Path(args[0]).name} 返回 {done.returncode}）："
            f"{done.stderr.strip()[-300:]}"
        )
    return done


def backup_postgres(
    url: str, folder: Path, revision: str | None, now: dt.datetime | None = None
) -> Path:
    """``pg_dump -Fc`` of the hall database into ``folder``; returns the dump's path."""
    when = now or dt.datetime.now()
    rev = revision if revision and _REVISION.fullmatch(revision) else "empty"
    name = re.sub(r"[^0-9A-Za-z_.-]", "_", database_name(url))
    target = folder / f"{name}-{when:%Y%m%d-%H%M%S}-{rev}{SUFFIX}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{name}-{when:%Y%m%d-%H%M%S}-{n}-{rev}{SUFFIX}"
    partial = target.with_name(target.name + ".partial")
    conn, env = _libpq(url)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建备份文件夹 {folder}：{short_reason(exc)}") from None
    try:
        _run(
            [
                str(_program("pg_dump")),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={partial}",
                f"--dbname={conn}",
            ],
            env,
            "pg_dump 备份",
        )
        with open(partial, "rb") as f:
            os.fsync(f.fileno())
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    log.info("PostgreSQL database %s dumped to %s", database_name(url), target)
    return target


def check_dump(path: Path) -> None:
    """Refuse a missing or unreadable dump before anything is changed (``pg_restore --list``)."""
    if not path.is_file():
        raise DatabaseError(f"备份文件 {path} 不存在")
    try:
        done = subprocess.run(
            [str(_program("pg_restore")), "--list", str(path)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseError(f"无法检查备份文件 {path.name}：{short_reason(exc)}") from None
    if done.returncode != 0 or "TABLE DATA public ticket" not in done.stdout:
        raise DatabaseCorrupt(
            f"备份文件 {path.name} 已损坏或不是本系统的 PostgreSQL 备份（pg_dump -Fc），未做任何更改"
        )


def restore_postgres(url: str, dump: Path) -> None:
    """Replace the hall database's contents by ``dump``, in one transaction."""
    check_dump(dump)
    conn, env = _libpq(url)
    _run(
        [
            str(_program("pg_restore")),
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={conn}",
            str(dump),
        ],
        env,
        "pg_restore 恢复",
    )
    log.warning("PostgreSQL database %s restored from %s", database_name(url), dump)
