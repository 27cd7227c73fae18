"""Promoting the hot standby: by hand (``hall-app db promote``, the supervisor's action) or by
the watcher after the primary has been silent for ``[standby] auto_promote_seconds``.

Promotion runs ``pg_ctl promote`` on the PC that holds the standby's data folder. It is
refused while any server of the terminal's URL still answers as the primary: two primaries
would each take tickets and the data would fork (split brain). ``--force`` overrides that for
the case the operator has made sure the old primary is off for good (docs/postgresql.md: it
must come back only as the new standby, rebuilt with pg_basebackup or pg_rewind).
"""

from __future__ import annotations

import logging
import os
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hall_app.domain.errors import DatabaseError, KnownError, NotAllowed
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.store.db import Database
from hall_app.store.pg_backup import find_program
from hall_app.store.standby import PRIMARY, HostState, probe_all

__all__ = [
    "PRIMARY",
    "AutoPromoter",
    "HostState",
    "Promotion",
    "audit_promotion",
    "live_primaries",
    "probe_all",
    "promote",
    "standby_folder",
]

log = logging.getLogger("hall_app.standby")

PROMOTE_TIMEOUT_S = 60

NO_STANDBY = (
    "本机没有备用数据库服务器（配置文件 [standby] data_dir 未设置），不能在本机提升。"
    "请到存放备用服务器的电脑（通常是值班长的电脑）上操作"
)


@dataclass(frozen=True)
class Promotion:
    data_dir: Path
    forced: bool
    primaries_seen: tuple[str, ...] = ()
    audited: bool = False
    seconds: float = 0.0


def standby_folder(data_dir: str | Path) -> Path:
    """The standby's data folder on this PC, checked: it exists and holds a standby."""
    if not str(data_dir).strip():
        raise NotAllowed(NO_STANDBY)
    folder = Path(data_dir)
    try:
        if not (folder / "PG_VERSION").is_file():
            raise NotAllowed(
                f"{folder} 不是 PostgreSQL 数据文件夹，本机没有可提升的备用服务器：请检查配置文件"
                " [standby] data_dir"
            )
        if not (folder / "standby.signal").exists():
            raise NotAllowed(f"{folder} 的数据库服务器已经是主服务器（不是备用服务器），无需提升")
    except PermissionError:
        raise NotAllowed(
            f"无权读取 {folder}：请以 PostgreSQL 服务账户（或管理员）运行 hall-app db promote"
        ) from None
    return folder


def live_primaries(url: str, timeout: float = 2.0) -> list[HostState]:
    """The servers of the URL that answer as a primary now."""
    return [state for state in probe_all(url, timeout) if state.role == PRIMARY]


def _as_owner(folder: Path, args: list[str]) -> list[str]:
    """pg_ctl must run as the data folder's owner (root may not run it at all)."""
    if os.name == "posix" and os.geteuid() == 0:
        owner = folder.stat().st_uid
        if owner != 0:
            import pwd

            return ["runuser", "-u", pwd.getpwuid(owner).pw_name, "--", *args]
    return args


def pg_ctl_promote(folder: Path) -> None:
    program = find_program("pg_ctl")
    if program is None:
        raise DatabaseError(
            "未找到 pg_ctl：请在备用服务器所在电脑上安装 PostgreSQL 服务器程序，或把其 bin 文件夹加入 PATH"
        )
    args = _as_owner(
        folder, [str(program), "promote", "-w", "-t", str(PROMOTE_TIMEOUT_S), "-D", str(folder)]
    )
    try:
        done = subprocess.run(
            args, capture_output=True, text=True, timeout=PROMOTE_TIMEOUT_S + 5, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        log.error("pg_ctl promote: %s", error)
        raise DatabaseError("提升备用服务器失败：pg_ctl 未能运行或超时，详情已记入日志") from None
    if done.returncode != 0:
        log.error("pg_ctl promote failed (%s): %s", done.returncode, done.stderr.strip()[-2000:])
        if "not running" in done.stderr or "is not running" in done.stderr:
            raise DatabaseError(f"{folder} 的备用服务器没有在运行，无法提升：请先启动它")
        raise DatabaseError(
            f"提升备用服务器失败（pg_ctl 返回 {done.returncode}），详情已记入日志，请联系管理员"
        )


def promote(
    url: str,
    data_dir: str | Path,
    *,
    force: bool = False,
    probe_timeout: float = 2.0,
) -> Promotion:
    """Make this PC's standby the primary. Refused when no standby lives here, or (unless
    ``force``) while a server of ``url`` still answers as the primary."""
    folder = standby_folder(data_dir)
    alive = live_primaries(url, probe_timeout) if url.startswith("postgresql") else []
    if alive and not force:
        hosts = "、".join(str(state.host) for state in alive)
        raise NotAllowed(
            f"主服务器 {hosts} 仍在应答，不能提升备用服务器：否则会出现两个主服务器，两边各自"
            "收号办件，数据分叉。请先确认主服务器已停机（或确实不能再用、且不会再次启动），"
            "必要时强制提升（命令行加 --force，或在程序中勾选“强制提升”）"
        )
    started = time.monotonic()
    pg_ctl_promote(folder)
    log.warning(
        "standby %s promoted (forced=%s, primaries seen: %s)",
        folder,
        force,
        [str(s.host) for s in alive],
    )
    return Promotion(
        folder, force, tuple(str(s.host) for s in alive), seconds=time.monotonic() - started
    )


def audit_promotion(
    db: Database,
    ctx: ServiceContext,
    actor: Actor,
    done: Promotion,
    how: str,
    *,
    wait_s: float = 15.0,
) -> bool:
    """Record the promotion once the (new) primary takes writes; False when it did not
    within ``wait_s`` (the log has it then)."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            with db.write() as s:
                audit(
                    s,
                    ctx,
                    actor,
                    "standby_promote",
                    "database",
                    None,
                    how=how,
                    forced=done.forced,
                    data_dir=str(done.data_dir),
                    primaries_seen=list(done.primaries_seen),
                )
            return True
        except KnownError as error:
            if time.monotonic() >= deadline:
                log.warning("promotion not audited: %s", error.message)
                return False
            time.sleep(0.5)


@dataclass
class AutoPromoter:
    """Promotes the local standby once no server of ``url`` has answered as the primary for
    ``delay`` seconds. :meth:`step` is one look (the CLI and the app call it every second)."""

    url: str
    data_dir: str
    delay: float
    ticks: Callable[[], float] = time.monotonic
    on_promoted: Callable[[Promotion], None] | None = None
    probe_timeout: float = 1.0
    last_primary: float = field(init=False)
    promoted: Promotion | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.delay <= 0:
            raise NotAllowed("自动提升未开启（[standby] auto_promote_seconds = 0）")
        standby_folder(self.data_dir)
        self.last_primary = self.ticks()

    def silent_for(self) -> float:
        return self.ticks() - self.last_primary

    def step(self) -> Promotion | None:
        if self.promoted is not None:
            return None
        if live_primaries(self.url, self.probe_timeout):
            self.last_primary = self.ticks()
            return None
        if self.silent_for() < self.delay:
            return None
        # silent long enough; promote() looks once more, so a primary that is just back wins
        self.promoted = promote(self.url, self.data_dir, probe_timeout=self.probe_timeout)
        if self.on_promoted is not None:
            self.on_promoted(self.promoted)
        return self.promoted

    def run(self, stop: threading.Event, interval: float = 1.0) -> Promotion | None:
        while not stop.is_set():
            try:
                done = self.step()
            except KnownError as error:
                log.warning("auto promotion: %s", error.message)
                done = None
            if done is not None:
                return done
            stop.wait(interval)
        return None
