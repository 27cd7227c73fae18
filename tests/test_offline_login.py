"""Offline from cold, the service side: the login cache a terminal keeps (its file private to
the app's user), the offline login against it (password, lockout, the 30-day rule), and the
offline login merged into the audit trail exactly once (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import select, update

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.logins import MAX_FAILED
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.services.local_cache import LoginCache, cache_path, offline_login
from hall_app.services.passwords import hash_password
from hall_app.store import models as m
from tests.conftest import login


@pytest.fixture
def cache(hall: Hall) -> LoginCache:
    c = LoginCache.for_terminal(hall.ctx.terminal)
    hall.auth.keep_logins(c)
    return c


def _offline(
    hall: Hall,
    cache: LoginCache,
    staff_no: str,
    password: str | None = None,
    window: int | None = None,
):  # type: ignore[no-untyped-def]
    return offline_login(
        cache,
        hall.journal,
        hall.ctx.terminal,
        hall.ctx.now(),
        staff_no,
        f"demo{staff_no}" if password is None else password,
        window,
    )


def test_the_cache_is_private_and_holds_the_servers_verifier_not_the_password(
    hall: Hall, cache: LoginCache
) -> None:
    clerk = login(hall, "1001", 1)
    hall.fallback.prepare(clerk, hall.journal)  # the journal (snapshot, blocks) beside it
    hall.auth.refresh_cache()  # as the GUI does after each preparation
    login(hall, "9001")  # the admin does not work at the offline desk: not kept
    path = cache_path(hall.ctx.terminal)
    assert path == cache.path and path.parent == hall.journal.path.parent
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(hall.journal.path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "demo1001" not in text
    with hall.db.read() as s:
        stored = s.scalar(select(m.Staff.password_hash).where(m.Staff.staff_no == "1001"))
    data = json.loads(text)
    assert set(data["staff"]) == {"1001"}
    assert data["staff"]["1001"]["verifier"] == stored
    assert data["staff"]["1001"]["window"] == 1 and data["staff"]["1001"]["role"] == "clerk"


def test_a_headless_login_keeps_nothing(hall: Hall, cache: LoginCache) -> None:
    hall.auth.login("1001", "demo1001", 1, take_window=False)
    assert not cache.path.exists()


def test_offline_login_checks_the_cached_password(hall: Hall, cache: LoginCache) -> None:
    login(hall, "1001", 1)
    actor = _offline(hall, cache, "1001")
    assert (actor.staff_no, actor.role.value, actor.window_number) == ("1001", "clerk", 1)
    assert actor.terminal == hall.ctx.terminal
    with pytest.raises(InvalidInput, match="工号或密码不正确"):
        _offline(hall, cache, "1001", "wrong")
    with pytest.raises(NotAllowed, match="近 30 天未在本机联网登录过"):
        _offline(hall, cache, "1002")  # never logged in on this PC
    records = [(r.kind, r.staff_no, r.payload["window"]) for r in hall.journal.records()]
    assert records == [("offline_login", "1001", 1)]  # the refused ones are not journaled


def test_wrong_passwords_lock_the_account_offline_too(
    hall: Hall, cache: LoginCache, clock: FakeClock
) -> None:
    login(hall, "2001")
    for _ in range(MAX_FAILED):
        with pytest.raises(InvalidInput):
            _offline(hall, cache, "2001", "wrong")
    # counted in the file: a restart of the program does not reset the count
    again = LoginCache(cache.path)
    with pytest.raises(NotAllowed, match="账号已锁定"):
        _offline(hall, again, "2001")  # the right password, but locked
    clock.advance(minutes=10, seconds=1)
    assert _offline(hall, again, "2001").staff_no == "2001"


def test_staff_not_seen_for_30_days_are_refused_and_drop_out(
    hall: Hall, cache: LoginCache, clock: FakeClock
) -> None:
    login(hall, "1001", 1)
    clock.advance(days=20)
    login(hall, "3001")
    clock.advance(days=10, minutes=1)  # 1001: 30 days and a minute ago; 3001: 10 days
    with pytest.raises(NotAllowed, match="近 30 天未在本机联网登录过"):
        _offline(hall, cache, "1001")
    assert _offline(hall, cache, "3001").role.value == "supervisor"
    login(hall, "2001")  # the next write leaves the old entry out
    assert set(json.loads(cache.path.read_text())["staff"]) == {"3001", "2001"}


def test_the_refresh_drops_deactivated_staff_and_takes_new_passwords(
    hall: Hall, cache: LoginCache
) -> None:
    login(hall, "1001", 1)
    login(hall, "1002", 2)
    with hall.db.write() as s:
        s.execute(update(m.Staff).where(m.Staff.staff_no == "1001").values(active=False))
        s.execute(
            update(m.Staff)
            .where(m.Staff.staff_no == "1002")
            .values(password_hash=hash_password("new-secret"))
        )
    hall.auth.refresh_cache()
    data = cache.usable(hall.ctx.now())
    assert set(data.staff) == {"1002"}
    assert [w.number for w in data.windows][:2] == [1, 2]  # for the login screen at a cold start
    with pytest.raises(InvalidInput):
        _offline(hall, cache, "1002")  # the old password no longer opens the desk
    assert _offline(hall, cache, "1002", "new-secret").window_number == 2
    with pytest.raises(NotAllowed):
        _offline(hall, cache, "1001")


def test_nobody_cached_points_to_the_paper_kit(hall: Hall, cache: LoginCache) -> None:
    with pytest.raises(NotAllowed, match="请使用纸质应急包登记，并联系管理员"):
        _offline(hall, cache, "1001")


def test_the_offline_login_is_audited_once_when_merged(
    hall: Hall, cache: LoginCache, clock: FakeClock
) -> None:
    clerk = login(hall, "1005", 5)
    hall.fallback.prepare(clerk, hall.journal)
    clock.advance(minutes=5)
    offline_at = clock.now
    actor = _offline(hall, cache, "1005")
    hall.desk.enter(actor, "离线登录：数据库服务器无法连接")
    hall.desk.issue_ticket(actor, category_code="A")
    clock.advance(minutes=30)
    hall.desk.leave(actor)
    first = hall.fallback.reconcile(hall.journal, clerk)
    assert first.complete and first.merged == 4 and not first.conflicts
    # a second run over a record whose local mark was lost merges nothing again
    hall.journal.mark(hall.journal.records()[0].key, "pending")
    assert hall.fallback.reconcile(hall.journal, clerk).already == 1
    with hall.db.read() as s:
        rows = (
            s.execute(select(m.AuditEntry).where(m.AuditEntry.action == "offline_login"))
            .scalars()
            .all()
        )
        staff_id = s.scalar(select(m.Staff.id).where(m.Staff.staff_no == "1005"))
    assert len(rows) == 1
    row = rows[0]
    assert row.staff_id == staff_id and row.terminal == hall.ctx.terminal
    detail = json.loads(row.detail)
    assert detail["window"] == 5 and detail["terminal"] == hall.ctx.terminal
    assert dt.datetime.fromisoformat(detail["original_at"]) == offline_at


def test_a_new_journal_is_private_from_its_first_write(tmp_path: Path) -> None:
    """The journal (catalog snapshot, queue, reserved numbers, staff numbers) is readable only
    by the app's user as soon as it exists, not only once a login cache is written."""
    from hall_app.store.journal import Journal

    path = tmp_path / "journal" / "窗口01.sqlite3"
    journal = Journal(path)
    try:
        journal.set("terminal", "窗口01")
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}
        assert modes and all(mode == 0o600 for mode in modes.values()), modes
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        journal.close()
