"""A window terminal through a real failover: the primary is killed under a running main
window, the clerk's next action finds it gone and the window goes offline; once the standby is
promoted the window comes back online by itself (its polls reach the new primary through the
multi-host URL), merges its journal, and calls the next ticket there. No restart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from hall_app.config import Config
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall, open_hall
from hall_app.ui.main_window import MainWindow
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests._standby import Pair, hall_cli, schema_and_catalog, start_pair
from tests.conftest import WAIT_FLOOR_MS, login


@pytest.fixture
def pair() -> Iterator[Pair]:
    yield from start_pair(schema_and_catalog)


@pytest.fixture
def pair_hall(pair: Pair, clock: FakeClock) -> Iterator[Hall]:
    hall = open_hall(Config(db_url=pair.url(), terminal="窗口01-PC"), upgrade=False, clock=clock)
    yield hall
    hall.close()


def test_a_window_goes_offline_and_back_to_the_promoted_standby(
    qtbot: QtBot, runner: Runner, settings: Settings, pair: Pair, pair_hall: Hall
) -> None:
    hall = pair_hall
    reception = login(hall, "2001")
    issued = [hall.tickets.issue(reception, category_code="A").ticket for _ in range(2)]
    main = MainWindow(hall, runner, login(hall, "1001", 1), settings)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.prepared, timeout=WAIT_FLOOR_MS):
        main.show()
    assert main.clerk is not None

    pair.pg("kill", str(pair.primary_dir))
    with qtbot.waitSignal(main.offline_changed, timeout=WAIT_FLOOR_MS):
        main.clerk.actions["call"].trigger()
    assert main.detector.offline and "服务器连接中断" in main.banner.text()

    done = hall_cli(["db", "promote", "--data-dir", str(pair.standby_data)], pair.url())
    assert done.returncode == 0, done.stderr
    with qtbot.waitSignal(main.reconciled, timeout=WAIT_FLOOR_MS) as merged:
        pass  # the window's own polls find the new primary
    assert merged.args[0].complete and not merged.args[0].conflicts
    qtbot.waitUntil(lambda: not main.detector.offline, timeout=WAIT_FLOOR_MS)
    assert main.stack.currentWidget() is main.normal

    main.clerk.actions["call"].trigger()
    qtbot.waitUntil(
        lambda: main.clerk.number_label.text() == issued[0].number, timeout=WAIT_FLOOR_MS
    )
    assert hall.db.server() == f"127.0.0.1:{pair.standby_port}"
    main.close()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_FLOOR_MS)
