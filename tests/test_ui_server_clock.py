"""One clock on screen (issue 14, defect 5): a PC whose clock is more than 5 s off the
PostgreSQL server's shows a warning; the supervisor console lists such PCs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from hall_app.config import Config
from hall_app.services.context import system_clock
from hall_app.services.hall import Hall, open_hall
from hall_app.ui.main_window import MainWindow
from hall_app.ui.server_clock import OffClockModel
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login

WARNING = "本机时钟比服务器快 12 秒：系统按服务器时间记录，请联系管理员校准时间"


@pytest.fixture
def pg_url(pg_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    name = pg_server.create()
    yield pg_server.url_for(name)
    pg_server.drop(name)


def _fast_by(seconds: int):  # type: ignore[no-untyped-def]
    return lambda: system_clock() + dt.timedelta(seconds=seconds)


@pytest.mark.postgres
def test_a_pc_12_s_fast_is_warned_and_listed_on_the_supervisors_console(
    qtbot: QtBot,
    qtmodeltester,
    pg_url: str,
    runner: Runner,
    settings: Settings,
) -> None:
    fast = open_hall(
        Config(db_url=pg_url, terminal="pc-fast"), upgrade=False, local_clock=_fast_by(12)
    )
    right = open_hall(Config(db_url=pg_url, terminal="pc-right"), upgrade=False)
    try:
        clerk_screen = MainWindow(fast, runner, login(fast, "1002", 2), settings)
        qtbot.addWidget(clerk_screen)
        clerk_screen.show()
        banner = clerk_screen.clock_banner
        assert banner.isVisible() and banner.text() == WARNING

        boss = MainWindow(right, runner, login(right, "3001"), settings)
        qtbot.addWidget(boss)
        boss.show()
        assert boss.clock_banner.isHidden()  # this PC's clock agrees with the server's
        overview = boss.overview
        assert overview is not None
        box = overview.off_clocks
        qtbot.waitUntil(lambda: box.model.rowCount() == 1 and box.isVisible())
        model = box.model
        qtmodeltester.check(model)
        row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
        assert row[:4] == ["pc-fast", "李静（1002）", "2号", "快 12 秒"]
        assert row[4].count(":") == 2  # last seen, hh:mm:ss
        assert "5 秒" in box.title()
        boss.close()
        clerk_screen.close()
        qtbot.waitUntil(lambda: not runner.busy)
    finally:
        right.close()
        fast.close()


def test_on_sqlite_this_pcs_clock_is_the_halls_and_no_warning_shows(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings
) -> None:
    main = MainWindow(sqlite_hall, runner, login(sqlite_hall, "3001"), settings)
    qtbot.addWidget(main)
    main.show()
    assert main.clock_banner.isHidden()
    main.clock_banner.show_skew(-7_600)  # what a PostgreSQL terminal 8 s slow would see
    assert main.clock_banner.isVisible()
    assert main.clock_banner.text().startswith("本机时钟比服务器慢 8 秒")
    main.clock_banner.show_skew(4_999)
    assert main.clock_banner.isHidden()
    assert OffClockModel(sqlite_hall.ctx.tz).rowCount() == 0
    qtbot.waitUntil(lambda: not runner.busy)
