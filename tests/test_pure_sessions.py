"""Pure tests of logins, sessions, qualifications and transfer rules: boundaries and messages."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain import logins, transfer
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.logins import CachedStaff, after_failure, locked_message, locked_minutes, prune
from hall_app.domain.qualifications import (
    check_login,
    check_serve,
    may_serve,
    servable,
    unrestricted,
)
from hall_app.domain.roles import Permission
from hall_app.domain.sessions import (
    Stranded,
    WindowFacts,
    is_silent,
    is_takeover,
    needs_heartbeat,
    returned_state,
    stranded_reason,
)
from hall_app.domain.ticket_states import TicketFacts, TicketState
from hall_app.domain.transfer import TargetWindow, clean_reason, note, refusal

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
MIN = dt.timedelta(minutes=1)
SEC = dt.timedelta(seconds=1)


# ------------------------------------------------------------------ logins


def test_login_constants() -> None:
    assert (logins.MAX_FAILED, logins.LOCK_MINUTES, logins.OFFLINE_DAYS) == (5, 10, 30)


def test_after_failure_locks_on_the_fifth() -> None:
    assert after_failure(0, NOW) == (1, None)
    assert after_failure(3, NOW) == (4, None)
    assert after_failure(4, NOW) == (0, NOW + 10 * MIN)
    assert after_failure(7, NOW) == (0, NOW + 10 * MIN)


def test_locked_minutes() -> None:
    assert locked_minutes(None, NOW) is None
    assert locked_minutes(NOW, NOW) is None
    assert locked_minutes(NOW - SEC, NOW) is None
    assert locked_minutes(NOW + SEC, NOW) == 1
    assert locked_minutes(NOW + 59 * SEC, NOW) == 1
    assert locked_minutes(NOW + 60 * SEC, NOW) == 2
    assert locked_minutes(NOW + 10 * MIN, NOW) == 11
    assert locked_message(3) == "密码错误次数过多，账号已锁定，请 3 分钟后再试或联系管理员"


def cached(seen: dt.datetime, failed: int = 0, locked: dt.datetime | None = None) -> CachedStaff:
    return CachedStaff(1, "1001", "张三", "clerk", "v", seen, failed=failed, locked_until=locked)


def test_trust_and_prune() -> None:
    days30 = dt.timedelta(days=30)
    assert cached(NOW - days30).trusted(NOW)
    assert not cached(NOW - days30 - SEC).trusted(NOW)
    old, new = cached(NOW - days30 - SEC), cached(NOW)
    assert prune({"a": old, "b": new}, NOW) == {"b": new}


def test_failed_once() -> None:
    e = cached(NOW, failed=3).failed_once(NOW)
    assert (e.failed, e.locked_until) == (4, None)
    e = e.failed_once(NOW)
    assert (e.failed, e.locked_until) == (0, NOW + 10 * MIN)
    earlier = NOW - MIN
    e = cached(NOW, failed=1, locked=earlier).failed_once(NOW)
    assert (e.failed, e.locked_until) == (2, earlier)


def test_offline_messages() -> None:
    assert logins.not_cached_message("1001") == (
        "工号 1001 近 30 天未在本机联网登录过，不能离线登录：请使用纸质应急包登记，并联系管理员"
    )
    assert logins.NO_CACHE == (
        "服务器无法连接，本机没有可离线登录的人员（需近 30 天内在本机联网登录过）："
        "请使用纸质应急包登记，并联系管理员"
    )
    assert [r.value for r in logins.OFFLINE_ROLES] == ["clerk", "reception", "supervisor"]


# ------------------------------------------------------------------ sessions


def test_silence_and_heartbeat_boundaries() -> None:
    assert is_silent(NOW - 2 * MIN, NOW, 2)
    assert not is_silent(NOW - 2 * MIN + SEC, NOW, 2)
    assert needs_heartbeat(NOW - 30 * SEC, NOW)
    assert not needs_heartbeat(NOW - 29 * SEC, NOW)


def test_stranded_reason() -> None:
    assert stranded_reason(WindowFacts("closed", 1, NOW), NOW, 2) is Stranded.CLOSED
    assert stranded_reason(WindowFacts("open", None, NOW), NOW, 2) is Stranded.UNHELD
    assert stranded_reason(WindowFacts("paused", 1, None), NOW, 2) is Stranded.UNHELD
    assert stranded_reason(WindowFacts("open", 1, NOW - 2 * MIN), NOW, 2) is Stranded.SILENT
    assert stranded_reason(WindowFacts("open", 1, NOW - MIN), NOW, 2) is None
    assert [s.label for s in Stranded] == ["窗口已关闭", "窗口终端无响应", "窗口无人登录"]


def test_is_takeover() -> None:
    assert not is_takeover(None, None, 1, "pc1")
    assert not is_takeover(1, "pc1", 1, "pc1")
    assert is_takeover(1, "pc1", 2, "pc1")
    assert is_takeover(1, "pc1", 1, "pc2")


def test_returned_state() -> None:
    for state in (TicketState.CALLED, TicketState.SERVING):
        assert returned_state(TicketFacts("A001", state, call_count=3)) is TicketState.WAITING
    with pytest.raises(NotAllowed) as exc:
        returned_state(TicketFacts("A001", TicketState.WAITING))
    assert exc.value.message == "号票 A001 当前为「等候中」，不在窗口办理中，无需退回"


# ------------------------------------------------------------------ qualifications

ANY = {Permission.SERVE_ANY_CATEGORY}


def test_may_serve() -> None:
    assert unrestricted(ANY) and not unrestricted(set())
    assert may_serve(set(), {"A"}, "A")
    assert not may_serve(set(), {"A"}, "B")
    assert may_serve(ANY, set(), "B")
    assert servable(set(), {"A", "C"}, ["C", "B", "A"]) == ["C", "A"]
    assert servable(ANY, set(), ["C", "B"]) == ["C", "B"]


def test_check_serve_and_login() -> None:
    check_serve(set(), {"A"}, "A", "张三", "综合")
    with pytest.raises(NotAllowed) as exc:
        check_serve(set(), {"A"}, "B", "张三", "不动产")
    assert exc.value.message == "张三不具备「不动产」业务资质，不能办理该类号票"
    check_login(set(), {"A"}, ["B", "A"], 3)
    check_login(set(), set(), [], 3)
    check_login(ANY, set(), ["B"], 3)
    with pytest.raises(NotAllowed) as exc2:
        check_login(set(), {"A"}, iter(["B"]), 3)
    assert exc2.value.message == "您不具备3号窗口任何业务类别的资质，请选择其他窗口或联系值班长"


# ------------------------------------------------------------------ transfer


def target(status: str = "open", holder: str = "李四") -> TargetWindow:
    return TargetWindow(5, status, holder, ("A", "B"))


def test_transfer_refusals() -> None:
    assert refusal(target(), "A") is None
    assert refusal(target(), "A", from_window=4) is None
    assert refusal(target(), "A", from_window=5) == "不能转移到本窗口"
    assert refusal(target("closed"), "A") == "5号窗口未开放（无人登录），转过去无人叫号"
    assert refusal(target(holder=""), "A") == "5号窗口未开放（无人登录），转过去无人叫号"
    assert refusal(target("paused"), "A") is None
    wrong = "5号窗口不办理该号票的业务类别（V），请选择办理该类别的窗口"
    assert refusal(target(), "V") == wrong
    assert refusal(target(), "V", "C") == wrong
    assert refusal(target(), "V", "B") is None
    transfer.check(target(), "V", "B")
    with pytest.raises(NotAllowed) as exc:
        transfer.check(target(), "A", from_window=5)
    assert exc.value.message == "不能转移到本窗口"


def test_transfer_reason_and_note() -> None:
    assert clean_reason("  需要\n 补材料 ") == "需要 补材料"
    assert clean_reason("理" * 201) == "理" * 200
    with pytest.raises(InvalidInput) as exc:
        clean_reason(" \n ")
    assert exc.value.message == "请填写转移原因（接收窗口会看到）"
    assert note(3, "补材料") == "转自3号窗口：补材料"
    assert note(None, "补材料") == "转自导服台：补材料"
    assert note(0, "补材料") == "转自导服台：补材料"
    assert note(3, "") == ""
