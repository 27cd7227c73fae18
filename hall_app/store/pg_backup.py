"""Backups of a PostgreSQL hall database with ``pg_dump -Fc`` and their restore with ``pg_restore``.

The client programs are taken from PATH, else from ``/usr/lib/postgresql/<version>/bin``
(Debian, UOS, Kylin) or ``C:\\Program Files\\PostgreSQL\\<version>\\bin`` (Windows), newest
version first. The password goes to them through ``PGPASSWORD``, never on the command line.

A dump is written to ``<name>.partial`` and renamed when complete, so the backups folder
never holds a half-written dump under a backup's name. A restore runs in one transaction
(``--single-transaction``): it is complete or nothing changed. It waits at most
:data:`RESTORE_LOCK_TIMEOUT` for a lock (``PGOPTIONS``): a terminal still connected holds
locks on the tables, and a restore queued behind it would make every other terminal queue
behind the restore; it fails instead and says the terminals must be stopped first.

A dump whose schema revision differs from the database's is refused (``pg_restore --clean``
only drops what the dump holds: tables of the newer revision would stay and the upgrade
after the restore would fail) unless ``force``: then ``pg_restore`` writes SQL that ``psql``
runs in one transaction after dropping and recreating schema ``public``.

The client programs' messages (English, and possibly with host names) go to the log only;
the user is told the cause in Chinese (:func:`reason`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import logging
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url

from hall_app.domain.errors import DatabaseCorrupt, DatabaseError
from hall_app.store.db_errors import short_reason
from hall_app.store.standby import libpq_url

log = logging.getLogger("hall_app.store")

SUFFIX = ".pgdump"
_REVISION = re.compile(r"[0-9A-Za-z_]+")
_SEARCH = ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "C:/Program Files/PostgreSQL/*/bin")
#: a restore of a large hall takes minutes; a dump of a day's work seconds
TIMEOUT_S = 3600
#: how long a restore waits for a lock held by a terminal before giving up
RESTORE_LOCK_TIMEOUT = "10s"
_STOP_TERMINALS = "请先关闭所有终端的大厅程序（窗口、导服台、叫号屏、评价器等）再恢复"
#: (text in the client program's stderr, lower case) -> the cause told to the user
_CAUSES = (
    ("lock timeout", f"数据库正被其他终端使用，等待超时；{_STOP_TERMINALS}"),
    ("password authentication failed", "数据库用户名或密码错误"),
    ("authentication failed", "数据库用户名或密码错误"),
    ("no pg_hba.conf entry", "数据库服务器不允许本机连接（pg_hba.conf），请联系管理员"),
    ("connection refused", "无法连接数据库服务器，请检查服务器是否运行及网络"),
    ("could not connect", "无法连接数据库服务器，请检查服务器是否运行及网络"),
    ("could not translate host name", "数据库服务器地址无法解析，请检查配置中的主机名"),
    ("timeout expired", "连接数据库服务器超时，请检查网络"),
    ("permission denied", "数据库用户权限不足，请联系管理员"),
    ("must be owner", "数据库用户权限不足（需要是表的所有者），请联系管理员"),
    ("no space left", "磁盘已满"),
    ("read-only file system", "磁盘为只读"),
    ("does not exist", "数据库或其中的对象不存在，请检查配置中的数据库名"),
    (
        "server version mismatch",
        "PostgreSQL 客户端程序版本低于服务器，请安装与服务器相同或更新的版本",
    ),
)


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
    return libpq_url(parsed, password=False), env  # both hosts of a primary and standby


def database_name(url: str) -> str:
    return make_url(url).database or "postgres"


def reason(stderr: str) -> str:
    """The cause of a client program's failure in Chinese (its own text goes to the log)."""
    text = stderr.lower()
    for needle, cause in _CAUSES:
        if needle in text:
            return cause
    return "详细原因已写入日志，请联系管理员"


def _failed(what: str, program: str, code: int, stderr: str) -> DatabaseError:
    log.error("%s failed (%s): %s", program, code, stderr.strip()[-2000:])
    return DatabaseError(f"{what}失败（{Path(program).name} 返回 {code}）：{reason(stderr)}")


def _run(args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(
            args, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseError(f"{what}失败：{short_reason(exc)}") from None
    if done.returncode != 0:
        raise _failed(what, args[0], done.returncode, done.stderr)
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
    _program("psql")  # the restore needs it too: say so before anything is changed
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


def dump_revision(path: Path) -> str | None:
    """The schema revision a dump holds (its ``alembic_version`` row), None if none."""
    done = _run(
        [
            str(_program("pg_restore")),
            "--data-only",
            "--table=alembic_version",
            "--file=-",
            str(path),
        ],
        dict(os.environ),
        "读取备份的结构版本",
    )
    lines = done.stdout.splitlines()
    for n, line in enumerate(lines[:-1]):
        if line.startswith("COPY ") and "alembic_version" in line:
            value = lines[n + 1].strip()
            return None if value == "\\." else value
    return None


def check_revision(dump: Path, current: str | None, *, force: bool) -> bool:
    """Refuse a dump of another schema revision unless ``force``; True when the restore must
    replace schema ``public`` as a whole (forced, and the revisions differ)."""
    if current is None:  # an empty database: nothing of a newer revision can stay behind
        return False
    held = dump_revision(dump)
    if held == current:
        return False
    if not force:
        raise DatabaseError(
            f"备份 {dump.name} 的数据库结构版本为 {held or '未知'}，当前数据库为 {current}："
            "直接恢复会留下新版本的表，恢复后无法升级。确认要恢复时请加 --force"
            "（在同一事务中先清空 public 模式再恢复），未做任何更改"
        )
    return True


def _restore_env(url: str) -> tuple[str, dict[str, str]]:
    conn, env = _libpq(url)
    # the session's lock timeout, before the dump's own header runs
    options = env.get("PGOPTIONS", "")
    env["PGOPTIONS"] = f"{options} -c lock_timeout={RESTORE_LOCK_TIMEOUT}".strip()
    return conn, env


#: a dump's header sets ``lock_timeout = 0`` (wait for ever): replaced by ours
_HEADER_LINES = 100
_NO_LOCK_TIMEOUT = "SET lock_timeout = 0;"


def restore_postgres(url: str, dump: Path, *, replace_schema: bool = False) -> None:
    """Replace the hall database's contents by ``dump``, in one transaction, giving up after
    :data:`RESTORE_LOCK_TIMEOUT` behind a lock. ``pg_restore`` writes the dump as SQL (with
    ``DROP … IF EXISTS`` first, or, when ``replace_schema``, after ``DROP SCHEMA public
    CASCADE``), ``psql`` runs it in one transaction that stops at the first error."""
    check_dump(dump)
    conn, env = _restore_env(url)
    produce = [str(_program("pg_restore")), "--no-owner", "--no-privileges", "--file=-"]
    run = [
        str(_program("psql")),
        "--no-psqlrc",
        "--quiet",
        "--single-transaction",
        "--set=ON_ERROR_STOP=1",
    ]
    if replace_schema:
        run += ["--command=DROP SCHEMA IF EXISTS public CASCADE", "--command=CREATE SCHEMA public"]
    else:
        produce += ["--clean", "--if-exists"]
    produce.append(str(dump))
    run += ["--file=-", f"--dbname={conn}"]
    _pipe(produce, run, env, "pg_restore 恢复")
    log.warning("PostgreSQL database %s restored from %s", database_name(url), dump)


def _drain(stream: IO[bytes], into: list[bytes]) -> None:
    into.append(stream.read())


def _pipe(produce: list[str], run: list[str], env: dict[str, str], what: str) -> None:
    """``produce | run``, the lock timeout of the SQL's header replaced by the session's."""
    errors: dict[str, list[bytes]] = {"producer": [], "runner": []}
    try:
        with (
            subprocess.Popen(
                produce, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            ) as producer,
            subprocess.Popen(
                run,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            ) as runner,
        ):
            assert producer.stdout and producer.stderr and runner.stdin and runner.stderr
            drains = [
                threading.Thread(target=_drain, args=(producer.stderr, errors["producer"])),
                threading.Thread(target=_drain, args=(runner.stderr, errors["runner"])),
            ]
            for drain in drains:
                drain.start()
            try:
                for n, line in enumerate(producer.stdout):
                    if n < _HEADER_LINES and line.strip() == _NO_LOCK_TIMEOUT.encode():
                        line = f"SET lock_timeout = '{RESTORE_LOCK_TIMEOUT}';\n".encode()
                    runner.stdin.write(line)
            except BrokenPipeError:
                pass  # psql stopped at an error: told below
            finally:
                with contextlib.suppress(BrokenPipeError):
                    runner.stdin.close()
            producer.stdout.close()
            producer.wait(timeout=TIMEOUT_S)
            runner.wait(timeout=TIMEOUT_S)
            for drain in drains:
                drain.join(timeout=TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DatabaseError(f"{what}失败：{short_reason(exc)}") from None
    runner_err = b"".join(errors["runner"]).decode(errors="replace")
    if runner.returncode != 0:
        raise _failed(what, run[0], runner.returncode, runner_err)
    if producer.returncode not in (0, -13):  # -13: SIGPIPE after psql stopped
        raise _failed(
            what,
            produce[0],
            producer.returncode,
            b"".join(errors["producer"]).decode(errors="replace"),
        )
