"""The staffing part of the tidal console (人员调配, issue 19 §2–§5) with pytest-qt on a real
SQLite database: a lane surges (``_surge``: 60 people for 公安户政 with window 4's clerk away),
the console lists the proposals checked forward, Enter accepts one after a confirmation that
repeats its figures, the dropped ones appear only on request with why; the overflow warning
is shown in red with its remedies, one is applied and lifted; a clerk can do none of it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from hall_app.domain.forward import Band
from hall_app.domain.hallsim_run import CallIn
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.ui.settings import Settings
from hall_app.ui.staffing import StaffingPanel
from hall_app.ui.staffing_confirm import Answer, StaffingConfirm
from hall_app.ui.staffing_model import band_text, hours_text
from hall_app.ui.tidal import TidalView
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_staffing_console import _surge

WAIT = 30000  # ms: the forward check takes 0.3–2 s here, more on a busy machine


@pytest.fixture
def confirmed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[str], dt.datetime | None]]:
    """Every confirmation asked (title, lines, cut-off offered), each answered yes."""
    asked: list[tuple[str, list[str], dt.datetime | None]] = []

    def ask(cls, parent, title, lines, confirm, starts_at=None):  # type: ignore[no-untyped-def]
        asked.append((title, lines, starts_at))
        return Answer(starts_at)

    monkeypatch.setattr(StaffingConfirm, "ask", classmethod(ask))
    return asked


def _panel(qtbot: QtBot, hall: Hall, runner: Runner, staff_no: str) -> StaffingPanel:
    panel = StaffingPanel(hall, runner, login(hall, staff_no))
    qtbot.addWidget(panel)
    panel.resize(1366, 700)
    panel.show()
    with qtbot.waitSignal(panel.computed, timeout=WAIT):
        panel.recompute()
    return panel


def _texts(panel: StaffingPanel, column: int) -> list[str]:
    model = panel.proposals
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_a_call_proposal_is_shown_checked_and_accepted_with_enter(
    qtbot: QtBot, sqlite_hall: Hall, clock: FakeClock, runner: Runner, confirmed: list
) -> None:
    hall = sqlite_hall
    _surge(hall, clock, "D", 60)
    panel = _panel(qtbot, hall, runner, "3001")
    view = panel.view
    assert view is not None
    assert "内置到达曲线" in panel.note.text()  # where the expected arrivals come from
    assert "20 次模拟 × 2 小时" in panel.timing.text()
    kinds = _texts(panel, 0)
    row = kinds.index("召回人员")
    call = view.proposals[row]
    assert isinstance(call.advice.action, CallIn) and call.advice.lane == "D"
    without, with_ = call.check.without["D"], call.check.with_["D"]
    assert _texts(panel, 2)[row] == f"D {without.mean:.0f} → {band_text(with_)}"
    assert with_.mean < without.mean
    assert _texts(panel, 4)[row] == f"+{call.staff_hours:.1f}"  # it costs staff time
    assert _texts(panel, 5)[row] == call.check.why
    # a close saves staff time: shown with a minus
    closes = [r for r, k in enumerate(kinds) if k == "关闭窗口"]
    assert closes and all(_texts(panel, 4)[r].startswith("−") for r in closes)

    # the dropped proposal (a switch that does not help) only with the toggle, with why
    assert view.dropped and len(kinds) == len(view.proposals)
    panel.show_dropped.setChecked(True)
    assert panel.proposals.rowCount() == len(view.proposals) + len(view.dropped)
    last = panel.proposals.rowCount() - 1
    assert _texts(panel, 0)[last].endswith("（未通过）")
    assert _texts(panel, 5)[last] == view.dropped[-1].check.why
    panel.table.selectRow(last)
    assert not panel.accept_action.isEnabled()  # a dropped proposal is never accepted
    panel.show_dropped.setChecked(False)
    assert panel.proposals.rowCount() == len(view.proposals)

    # the selected proposal's bands for every lane, the green channel's too
    panel.table.selectRow(row)
    lanes = panel.lanes
    shown = {lanes.row(r).lane: lanes.row(r) for r in range(lanes.rowCount())}
    assert set(shown) == set(call.check.without) and "L" in shown
    assert lanes.data(lanes.index(list(shown).index("D"), 2)) == band_text(with_)

    # Enter on the table: the confirmation repeats the figures, then the call is made
    panel.table.setFocus()
    with qtbot.waitSignal(panel.computed, timeout=WAIT):
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
        assert not panel.accept_action.isEnabled()  # on its way: a second Enter does nothing
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    ((_title, lines, _),) = confirmed
    assert "请后台 1033 到 4号窗口" in lines[0]
    assert f"{band_text(without)} → {band_text(with_)}" in lines[1]
    assert f"+{call.staff_hours:.1f} 小时" in lines[3]
    changes = hall.rota.changes(hall.ctx.today())
    assert [(c.kind, c.window) for c in changes] == [("close", 4), ("call_in", 4)]
    assert changes[-1].figures["p95_with"] == with_.mean
    assert hall.queues.status().window(4).categories[0] == "D"
    qtbot.waitUntil(lambda: "召回人员 1033 4号窗口" in panel.changes.item(0).text())
    assert f"D p95 {without.mean:.0f} → {with_.mean:.0f} 分钟" in panel.changes.item(0).text()
    assert "已采纳" in panel.message.text()


def test_the_overflow_warning_a_remedy_applied_and_lifted_and_a_clerk_refused(
    qtbot: QtBot, sqlite_hall: Hall, clock: FakeClock, runner: Runner, confirmed: list
) -> None:
    hall = sqlite_hall
    _surge(hall, clock, "D", 60)
    clerk = _panel(qtbot, hall, runner, "1012")
    # a clerk sees the proposals and the warning, and can act on none of them
    assert clerk.proposals.rowCount() > 0 and clerk.table.currentIndex().isValid()
    assert not clerk.accept_action.isEnabled() and not clerk.read_only.isHidden()
    assert not clerk.findChild(QPushButton, "remedy_D_booking_first").isEnabled()
    clerk.accept_selected()  # were it reached anyway: the service's refusal, in Chinese
    qtbot.waitUntil(lambda: "无权执行「潮汐窗口调配」" in clerk.message.text())
    assert confirmed == [] and hall.rota.changes(hall.ctx.today()) == []

    panel = _panel(qtbot, hall, runner, "3001")
    view = panel.view
    assert view is not None and [w.lane for w in view.warnings] == ["D"]
    warning = view.warnings[0]
    head = panel.findChild(QLabel, "warning_D")
    assert warning.text(view.limit) in head.text() and "c62828" in head.styleSheet()
    assert "等待上限 60 分钟" in panel.warnings.title()
    option = next(o for o in view.remedies if o.kind == "booking_first")
    (label,) = [
        w
        for w in panel.warnings.inner.findChildren(QLabel)
        if option.text.removeprefix(f"{warning.name}：") in w.text()
    ]
    low, high = option.without, option.with_
    assert f"{low.low:.0f}–{low.high:.0f} → {high.low:.0f}–{high.high:.0f}" in label.text()
    assert f"{band_text(option.without)} → {band_text(option.with_)}" in label.toolTip()
    calls = panel.findChild(QPushButton, "calls_D")
    assert calls.isEnabled()
    panel.table.selectRow(panel.proposals.rowCount() - 1)  # not a call for 户政
    calls.click()  # the pointer: the first call proposal for 户政, selected
    selected = panel.selected()
    assert selected is not None and isinstance(selected.checked.advice.action, CallIn)
    assert selected.checked.advice.lane == "D"
    panel.show_dropped.setChecked(True)
    calls.click()  # the dropped ones are put away: the call is among those that help
    assert not panel.show_dropped.isChecked() and panel.selected() == selected

    clock.advance(minutes=1)
    with qtbot.waitSignal(panel.listed, timeout=WAIT):
        panel.findChild(QPushButton, "remedy_D_booking_first").click()
    ((title, lines, starts_at),) = confirmed
    assert "先行引导预约" in title and warning.text(view.limit) in lines
    assert starts_at == hall.ctx.local(hall.ctx.now())  # the cut-off offered: now
    (remedy,) = hall.remedies.active(lane="D")
    assert remedy.kind.value == "booking_first" and remedy.starts_at == starts_at
    assert remedy.figures["p95_with"] == option.with_.mean
    assert remedy.figures["limit_minutes"] == 60
    qtbot.waitUntil(lambda: panel.remedies.count() == 1)
    assert "先行引导预约" in panel.remedies.item(0).text()

    panel.remedies.setFocus()
    panel.remedies.setCurrentRow(0)
    with qtbot.waitSignal(panel.listed, timeout=WAIT):
        qtbot.keyClick(panel.remedies, Qt.Key.Key_Delete)
    assert hall.remedies.active(lane="D") == []
    assert [r.lifted_at is not None for r in hall.remedies.today()] == [True]
    qtbot.waitUntil(lambda: panel.remedies.count() == 0)


def test_the_staffing_tab_in_the_tidal_console_warns_and_refreshes_while_shown(
    qtbot: QtBot, sqlite_hall: Hall, clock: FakeClock, runner: Runner
) -> None:
    """The banner above the lanes page, the tab's title; the timer only while visible."""
    hall = sqlite_hall
    _surge(hall, clock, "D", 60)
    view = TidalView(hall, runner, login(hall, "3001"))
    qtbot.addWidget(view)
    view.resize(1366, 700)
    with qtbot.waitSignal(view.staffing.computed, timeout=WAIT):
        view.show()  # first shown: computed
    assert view.banner.isVisible() and "公安户政/出入境" in view.banner.text()
    assert "预警 1 条" in view.pages.tabText(1)
    view.banner.click()
    assert view.pages.currentWidget() is view.staffing and not view.banner.isVisible()
    view.hide()
    view.staffing._tick()
    assert not view.staffing.computing  # hidden: the timer leaves it
    view.show()
    view.staffing._tick()
    assert view.staffing.computing
    qtbot.waitUntil(lambda: not view.staffing.computing, timeout=WAIT)


def test_staff_hours_and_bands_as_shown() -> None:
    assert hours_text(2.5) == "+2.5"
    assert hours_text(-2.5) == "−2.5"
    assert hours_text(0.04) == "0.0"
    assert band_text(Band(116.4, 104.2, 121.2)) == "116 [104–121]"
    assert band_text(None) == "—"


def test_the_cut_off_defaults_to_now_and_may_be_put_later(qtbot: QtBot) -> None:
    now = dt.datetime(2026, 11, 25, 9, 32, 40, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    dialog = StaffingConfirm("确认采取措施", ["a", "b"], "确认采取", now)
    qtbot.addWidget(dialog)
    assert dialog.values() == Answer(now)
    assert dialog.time is not None
    dialog.time.setTime(dialog.time.time().addSecs(-3600))  # not before now
    assert dialog.values() == Answer(now)
    dialog.time.setTime(dialog.time.time().addSecs(30 * 60))
    assert dialog.values() == Answer(now.replace(hour=10, minute=2))
    plain = StaffingConfirm("确认采纳调配建议", ["a"], "确认采纳")
    qtbot.addWidget(plain)
    assert plain.time is None and plain.values() == Answer(None)


def test_f5_in_the_main_window_checks_the_staffing_again_when_the_console_is_shown(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings
) -> None:
    from hall_app.ui.main_window import MainWindow

    window = MainWindow(sqlite_hall, runner, login(sqlite_hall, "3001"), settings)
    qtbot.addWidget(window)
    window.poll_timer.stop()
    tidal = window.tidal
    assert tidal is not None
    window.show()
    window.normal.setCurrentWidget(window.overview)
    qtbot.waitUntil(lambda: not tidal.staffing.computing, timeout=WAIT)
    window.refresh_action.trigger()
    assert not tidal.staffing.computing  # the console is not on screen: left alone
    window.normal.setCurrentWidget(tidal)
    qtbot.waitUntil(lambda: not tidal.staffing.computing, timeout=WAIT)
    with qtbot.waitSignal(tidal.staffing.computed, timeout=WAIT):
        window.refresh_action.trigger()
    runner.wait(20000)


def test_the_staffing_models_pass_the_model_tester(qtmodeltester, sqlite_hall: Hall, clock) -> None:  # type: ignore[no-untyped-def]
    from hall_app.ui.staffing_model import LaneBandModel, ProposalModel
    from tests.test_staffing_console import _surge

    _surge(sqlite_hall, clock, "D", 60)
    view = sqlite_hall.staffing.view()
    proposals = ProposalModel()
    proposals.show(view.proposals, view.dropped, True)
    assert proposals.rowCount() == len(view.proposals) + len(view.dropped) > 0
    qtmodeltester.check(proposals, force_py=True)
    bands = LaneBandModel()
    first = (view.proposals or view.dropped)[0]
    bands.show(view.names, first.check.without, first.check.with_)
    assert bands.rowCount() >= len(first.check.without)
    qtmodeltester.check(bands, force_py=True)
