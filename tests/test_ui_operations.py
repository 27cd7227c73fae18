"""The worker's public failure signal, the one UI operation helper, and background failures
that are shown or logged instead of dropped (issue 17). Real QThreadPool worker, real
widgets, real databases; the failures are real ones (a known error raised by the job, a
database that refuses a write)."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from hall_app.domain.errors import DatabaseLocked, KnownError, NotAllowed
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.ui.common import MessageBar, Operations, log_failure, run_reporting
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_tidal_service import _switchable


def _raise(error: BaseException) -> None:
    raise error


# ------------------------------------------------------------------ the Runner


def test_job_failed_is_public_and_comes_before_the_jobs_own_handler(
    qtbot: QtBot, runner: Runner
) -> None:
    seen: list[tuple[str, object]] = []
    runner.job_failed.connect(lambda error: seen.append(("signal", error)))
    refused = NotAllowed("不允许")
    with qtbot.waitSignal(runner.job_failed, timeout=10000) as blocker:
        runner.run(
            lambda: _raise(refused),
            None,
            lambda error: seen.append(("handler", error)),
            after=lambda: seen.append(("after", None)),
        )
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=10000)
    assert blocker.args == [refused]
    assert seen == [("signal", refused), ("handler", refused), ("after", None)]
    assert runner.pending == 0 and not runner.busy


def test_a_bug_in_a_job_is_signalled_reaches_the_excepthook_and_after_still_runs(
    qtbot: QtBot, runner: Runner
) -> None:
    failures: list[object] = []
    after: list[bool] = []
    runner.job_failed.connect(failures.append)
    with qtbot.captureExceptions() as exceptions:
        runner.run(lambda: _raise(ZeroDivisionError("bug")), after=lambda: after.append(True))
        qtbot.waitUntil(lambda: bool(after), timeout=10000)
    assert [type(e) for e in failures] == [ZeroDivisionError]
    assert [type(e[1]) for e in exceptions] == [ZeroDivisionError]


def test_pending_counts_the_jobs_not_yet_delivered(qtbot: QtBot, runner: Runner) -> None:
    done: list[int] = []
    for n in range(3):
        runner.run(lambda n=n: n, done.append)  # type: ignore[misc]  # default binds n
    assert 1 <= runner.pending <= 3
    qtbot.waitUntil(lambda: len(done) == 3, timeout=10000)
    assert runner.pending == 0
    assert done == [0, 1, 2]


# ------------------------------------------------------------------ the operation helper


def test_run_reporting_keeps_its_call_and_shows_the_outcome(qtbot: QtBot, runner: Runner) -> None:
    bar = MessageBar()
    qtbot.addWidget(bar)
    then: list[bool] = []
    run_reporting(runner, bar, lambda: 1, "已保存", lambda: then.append(True))
    qtbot.waitUntil(lambda: bool(then), timeout=10000)
    assert bar.text() == "已保存"
    run_reporting(runner, bar, lambda: _raise(DatabaseLocked("稍后再试")), "已保存", then.append)
    qtbot.waitUntil(lambda: "稍后再试" in bar.text(), timeout=10000)
    assert then == [True]  # then() only after a success


def test_operations_one_at_a_time_grey_the_buttons_and_free_them_after_any_outcome(
    qtbot: QtBot, runner: Runner
) -> None:
    """Fails on the old code: the clerk's own _run cleared its busy flag only on a result or
    a known error, so a bug in a ticket action left every button greyed out for the day."""
    bar = MessageBar()
    qtbot.addWidget(bar)
    busy: list[bool] = []
    refreshed: list[bool] = []
    results: list[int] = []
    ops = Operations(
        runner, bar, lambda: refreshed.append(True), one_at_a_time=True, busy_changed=busy.append
    )
    assert ops.run(lambda: 7, lambda n: f"第 {n} 号", results.append)
    assert not ops.run(lambda: 8, "重复按键")  # dropped while the first is on its way
    qtbot.waitUntil(lambda: not ops.busy, timeout=10000)
    assert (results, bar.text(), busy, refreshed) == ([7], "第 7 号", [True, False], [True])

    with qtbot.captureExceptions() as exceptions:
        assert ops.run(lambda: _raise(ZeroDivisionError("bug")), "不会显示")
        qtbot.waitUntil(lambda: not ops.busy, timeout=10000)
    assert len(exceptions) == 1
    assert busy == [True, False, True, False] and len(refreshed) == 2

    failed: list[KnownError] = []
    ops.run(lambda: _raise(NotAllowed("已办结的号票不能重呼")), "不会显示", failed=failed.append)
    qtbot.waitUntil(lambda: not ops.busy, timeout=10000)
    assert "已办结的号票不能重呼" in bar.text() and len(failed) == 1 and len(refreshed) == 3


def test_log_failure_keeps_the_reason(
    qtbot: QtBot, runner: Runner, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="hall_app.ui")
    done: list[bool] = []
    runner.run(
        lambda: _raise(DatabaseLocked("另一终端正在写入")),
        None,
        log_failure("terminal clocks check"),
        after=lambda: done.append(True),
    )
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    [record] = [r for r in caplog.records if "terminal clocks check" in r.getMessage()]
    assert "另一终端正在写入" in record.getMessage()
    assert "DatabaseLocked" in record.getMessage()


# ------------------------------------------------------------------ swallowed errors


def test_a_failed_tidal_auto_revert_is_shown_to_the_supervisor_and_logged(
    qtbot: QtBot,
    sqlite_hall: Hall,
    clock: FakeClock,
    runner: Runner,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Fails on the old code: the supervisor terminal ran the tidal tick with
    ``lambda _e: None``, so a time-boxed change that could not be reverted stayed in force
    with nothing on screen and nothing in the log."""
    from hall_app.ui.main_window import MainWindow

    hall = sqlite_hall
    window, staff_no, quals, cats = _switchable(hall)
    login(hall, staff_no, window)
    other = sorted(quals - {cats[0]})[0]
    until = clock.now + dt.timedelta(hours=2)
    hall.tidal.reassign(login(hall, "3001"), [window], [other], "高峰临时支援", until=until)
    clock.advance(hours=2, minutes=1)  # the time box is over: the tick must revert it
    with hall.db.write() as s:  # the database refuses the revert (a real write failure)
        s.execute(
            text(
                "CREATE TRIGGER refuse_revert BEFORE UPDATE ON window_change "
                "BEGIN SELECT RAISE(ABORT, 'revert refused'); END"
            )
        )
    caplog.set_level(logging.WARNING, logger="hall_app")
    main = MainWindow(hall, runner, login(hall, "3001"), settings)
    qtbot.addWidget(main)
    main.poll_timer.stop()
    assert main.tidal is not None
    main.poll()  # the first poll runs the tidal tick
    qtbot.waitUntil(lambda: "潮汐调度自动执行失败" in main.tidal.message.text(), timeout=10000)
    assert "数据库" in main.tidal.message.text()  # with its reason
    assert not main.tidal.message.isHidden()
    assert "潮汐调度自动执行失败" in main.statusBar().currentMessage()
    assert any("tidal tick" in r.getMessage() for r in caplog.records)
    assert hall.queues.status().window(window).categories == (other,)  # still not reverted
    qtbot.waitUntil(lambda: not runner.busy, timeout=20000)
    main.close()
