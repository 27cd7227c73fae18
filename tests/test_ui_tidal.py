"""The supervisor's tidal console with pytest-qt, following another process's calls."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from hall_app.services.hall import Hall
from hall_app.ui.tidal import TidalView
from hall_app.ui.tidal_apply import ApplyChangeDialog
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_tidal_service import _staffed


def test_console_follows_calls_and_applies_a_proposal(
    qtbot: QtBot, live_hall: Hall, runner: Runner, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    confirmed = []

    def confirm(cls, parent, preview, default_until):  # type: ignore[no-untyped-def]
        confirmed.append(preview)
        return default_until, ""

    monkeypatch.setattr(ApplyChangeDialog, "ask", classmethod(confirm))
    for window, staff_no, _quals, _cats in _staffed(live_hall):
        login(live_hall, staff_no, window)
    reception = login(live_hall, "2001")
    for _ in range(70):
        live_hall.tickets.issue(reception, category_code="C")
    view = TidalView(live_hall, runner, login(live_hall, "3001"))
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    with qtbot.waitSignal(view.refreshed, timeout=10000):
        view.refresh()
    row = next(
        r
        for r in range(view.lanes.rowCount())
        if view.lanes.data(view.lanes.index(r, 0)).startswith("C ")
    )
    assert view.lanes.data(view.lanes.index(row, 1)) == "70"
    assert any("每个开放窗口等候" in view.alerts.item(i).text() for i in range(view.alerts.count()))
    assert view.proposals.count() >= 1
    assert "社保医保 等候70人" in view.proposals.item(0).text()

    # another process (a clerk's terminal) calls a C ticket; the console sees it
    c_window, c_staff, _q, _c = next(x for x in _staffed(live_hall) if x[3][:1] == ("C",))
    env = dict(
        os.environ, HALL_DB_URL=sqlite_url, HALL_STAFF=c_staff, HALL_PASSWORD=f"demo{c_staff}"
    )
    for step in ("call", "start", "finish"):
        subprocess.run(
            [sys.executable, "-m", "hall_app", "ticket", step, "--window", str(c_window)],
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
    with qtbot.waitSignal(view.refreshed, timeout=10000):
        view.refresh()
    assert view.lanes.data(view.lanes.index(row, 1)) == "69"
    assert view.lanes.data(view.lanes.index(row, 4)) == "1"  # served today

    proposal = view.console.proposals[0]
    view.proposals.setCurrentRow(0)
    with qtbot.waitSignal(view.refreshed, timeout=10000):
        view.findChild(QPushButton, "acceptProposal").click()
    qtbot.waitUntil(lambda: view.log.count() >= 1)
    assert f"{proposal.window}号窗口" in view.log.item(0).text()
    window = live_hall.queues.status().window(proposal.window)
    assert window.categories == proposal.to_categories and "C" in window.categories
    assert [w for w, _old, _new in confirmed[0].windows] == [proposal.window]
    assert live_hall.tidal.changes()[0].until is not None  # time-boxed by default
    assert view.arrival_chart.chart().title().startswith("今日每小时取号与办结")
    assert len(view.arrival_chart.chart().series()[0].barSets()) == 2
    assert view.wait_chart.chart().series()[0].barSets()[0].count() == 8
