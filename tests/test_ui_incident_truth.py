"""Issue 15, defect 6 on screen: the console says 尚未打印应急包 until a kit exists; closing
with unticked steps asks for a reason per step; the back-entry form's Enter and Tab go down
the screen in the order it shows the fields; a case records its received materials."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.store import models as m
from hall_app.ui.back_entry import BackEntryView
from hall_app.ui.back_entry_parts import FIRST, KIND_FIELDS, KINDS, LAST, ItemBox
from hall_app.ui.incident import IncidentView
from hall_app.ui.incident_dialogs import CloseDialog
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_incident_truth import ALWAYS, ELDERLY
from tests.test_ui_incident import _enter, _refresh, _show

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_the_ledger_says_no_kit_until_one_is_printed(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    hall = sqlite_hall
    boss = login(hall, "3001")
    number = hall.fallback.declare(boss, "服务器故障").number
    view = IncidentView(hall, runner, boss, Settings())
    _show(qtbot, view)
    _refresh(qtbot, view)
    state = view.ledger_state.text()
    assert "尚未打印应急包" in state and "台账已平" not in state  # was green 台账已平
    assert "#2e7d32" not in view.ledger_state.styleSheet()  # not green
    hall.fallback.kit(boss, number)
    _refresh(qtbot, view)
    assert "未处理" in view.ledger_state.text()


def test_the_close_dialog_asks_why_for_each_unticked_step(qtbot: QtBot) -> None:
    from hall_app.services.fallback import load_plan

    steps = list(load_plan().steps)
    dialog = CloseDialog((), 0, steps[-3:], True)
    qtbot.addWidget(dialog)
    box = dialog.findChild(QWidget, "uncheckedSteps")
    assert box is not None and "3 个预案步骤未勾选" in box.title()  # type: ignore[attr-defined]
    assert list(dialog.reasons) == [step.id for step in steps[-3:]]
    dialog.review.setPlainText("网络 20 分钟后恢复")
    assert not dialog.ok.isEnabled()
    for step in steps[-3:-1]:
        dialog.reasons[step.id].setText("未用上")
    assert not dialog.ok.isEnabled()  # one step still has no reason
    dialog.reasons[steps[-1].id].setText("  ")
    assert not dialog.ok.isEnabled()
    dialog.reasons[steps[-1].id].setText("系统已自动核对")
    assert dialog.ok.isEnabled()
    assert dialog.skipped() == {
        steps[-3].id: "未用上",
        steps[-2].id: "未用上",
        steps[-1].id: "系统已自动核对",
    }

    ticked = CloseDialog((), 0, (), False)  # every step ticked, no kit: nothing to ask
    qtbot.addWidget(ticked)
    assert ticked.findChild(QWidget, "uncheckedSteps") is None
    assert "未打印应急包" in ticked.findChild(QWidget, "ledgerState").text()  # type: ignore[union-attr]
    ticked.review.setPlainText("网络恢复")
    assert ticked.ok.isEnabled()


def test_closing_from_the_console_passes_each_unticked_step_and_its_reason(
    qtbot: QtBot,
    sqlite_hall: Hall,
    runner: Runner,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hall = sqlite_hall
    boss = login(hall, "3001")
    number = hall.fallback.declare(boss, "网络中断").number
    hall.fallback.tick_step(boss, number, "declare")
    view = IncidentView(hall, runner, boss, Settings())
    _show(qtbot, view)
    _refresh(qtbot, view)
    asked: list[list[str]] = []

    def ask(cls, parent, outstanding, conflicts, unticked, kit_printed):  # type: ignore[no-untyped-def]
        asked.append([step.id for step in unticked])
        reasons = {step.id: "网络很快恢复" for step in unticked}
        if len(asked) == 1:
            reasons["escalate"] = ""  # the first time one reason is left out
        return "网络 8 分钟后恢复", "", reasons

    monkeypatch.setattr(CloseDialog, "ask", classmethod(ask))
    clock.advance(minutes=8)
    view.step_table.setFocus()
    qtbot.keyClick(view.step_table, Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "预案步骤未勾选" in view.message.text())
    assert "escalate" in view.message.text() and view.pages.currentIndex() == 1
    assert len(asked[0]) == 10 and "declare" not in asked[0]  # 11 steps, 1 ticked

    qtbot.keyClick(view.step_table, Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 0)
    closed = hall.fallback.incident(number)
    assert list(closed.summary["skipped"]) == asked[1] == asked[0]
    assert set(closed.summary["skipped"].values()) == {"网络很快恢复"}
    qtbot.waitUntil(lambda: view.past.rowCount() == 1)
    tip = view.past.data(view.past.index(0, 8), Qt.ItemDataRole.ToolTipRole)
    assert "未做步骤 escalate：网络很快恢复" in tip  # the past incidents say why


def _screen_order(view: BackEntryView) -> list[str]:
    """The kind's fields from top to bottom as they are laid out on the screen."""
    shown = [w for w in view.fields.values() if w.isVisibleTo(view)]
    return [w.objectName() for w in sorted(shown, key=lambda w: w.mapTo(view, QPoint(0, 0)).y())]


def _focused(view: BackEntryView) -> str:
    widget = QApplication.focusWidget()
    assert widget is not None and view.isAncestorOf(widget)
    while widget.objectName() not in view.fields and isinstance(widget.parentWidget(), ItemBox):
        widget = widget.parentWidget()
    return widget.objectName()


@pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise)")
def test_enter_and_tab_go_down_the_screen_in_every_kind(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    hall = sqlite_hall
    boss = login(hall, "3001")
    number = hall.fallback.declare(boss, "网络中断").number
    hall.fallback.kit(boss, number)
    view = BackEntryView(hall, runner, login(hall, "1005", 5), Settings())
    _show(qtbot, view)
    _refresh(qtbot, view)
    for kind in KINDS:
        view.set_kind(kind)
        qtbot.waitUntil(lambda: view.number.hasFocus())
        screen = _screen_order(view)
        assert set(screen) == set(FIRST + KIND_FIELDS[kind] + LAST)
        entered = [_focused(view)]
        for _ in screen[1:]:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
            entered.append(_focused(view))
        assert entered == screen, kind  # the case form went name → ID → phone under 电话 → ID
        view.number.setFocus()
        tabbed = [_focused(view)]
        for _ in screen[1:]:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            tabbed.append(_focused(view))
        assert tabbed == screen, kind
    view.set_kind("case")
    assert _screen_order(view).index("id_number") < _screen_order(view).index(
        "phone"
    )  # as on paper


@pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise)")
def test_a_case_is_entered_with_its_received_materials(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, clock: FakeClock
) -> None:
    hall = sqlite_hall
    boss = login(hall, "3001")
    number = hall.fallback.declare(boss, "网络中断").number
    kit = hall.fallback.kit(boss, number)
    clock.advance(minutes=30)
    view = BackEntryView(hall, runner, login(hall, "1005", 5), Settings())
    _show(qtbot, view)
    _refresh(qtbot, view)
    qtbot.keyClick(view.number, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert view.kind == "case" and view.received.isVisibleTo(view)
    assert "已收材料" in view.form.labelForField(view.received).text()  # type: ignore[attr-defined]
    _enter(qtbot, view, kit.case_numbers[0])
    _enter(qtbot, view, "0912")
    _enter(qtbot, view, ELDERLY)  # the item's code picks it too
    qtbot.waitUntil(lambda: view.received.count() == 5)
    listed = {
        view.received.item(i).text(): view.received.item(i).checkState()
        for i in range(view.received.count())
    }
    assert "居民户口簿" not in listed  # shared (共享免提交): the office fetches it
    assert [name for name, state in listed.items() if state == Qt.CheckState.Checked] == list(
        ALWAYS
    )
    assert "授权委托书（委托他人办理的）" in listed  # when it applies, said beside it
    _enter(qtbot, view, "赵六", chinese=True)
    _enter(qtbot, view, "11010519491231002X")
    _enter(qtbot, view, "13900000000")
    assert QApplication.focusWidget() is view.received
    view.paper_ref.setText("受理登记簿 第1页第1行")
    view.received.setCurrentRow(3)  # 授权委托书 (委托他人办理的): ticked with the space bar
    assert view.received.item(3).text() == "授权委托书（委托他人办理的）"
    qtbot.keyClick(view.received, Qt.Key.Key_Space)
    view.received.setCurrentRow(0)  # and the ID card was not received after all
    qtbot.keyClick(view.received, Qt.Key.Key_Space)
    with qtbot.waitSignal(view.refused, timeout=10000):
        qtbot.keyClick(view.received, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "已收材料中没有「申请人居民身份证」" in view.error.text() and view.received.hasFocus()
    qtbot.keyClick(view.received, Qt.Key.Key_Space)  # ticked again
    with qtbot.waitSignal(view.saved, timeout=10000) as saved:
        qtbot.keyClick(view.received, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with hall.ctx.db.read() as s:
        case_id = s.scalar(select(m.ServiceCase.id).where(m.ServiceCase.case_no == saved.args[0]))
        names = s.scalars(
            select(m.DocumentMaterial.name).where(
                m.DocumentMaterial.case_id == case_id,
                m.DocumentMaterial.status == "received",
                m.DocumentMaterial.source != "共享免提交",
            )
        ).all()
    assert sorted(names) == sorted((*ALWAYS, "授权委托书"))
    assert view.received.count() == 0  # cleared for the next line
