"""The material check's issue-13 parts with pytest-qt, by keyboard: the open notice found by
the typed ID number, a further notice only through a supervisor's approval, the collapsed
agent section, and the refusal dialog's closed list of grounds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hall_app.domain import legal
from hall_app.services.documents import FurtherRequest, Refusal
from hall_app.store import models as m
from hall_app.ui.clerk import ClerkView
from hall_app.ui.materials import MaterialCheckDialog
from hall_app.ui.refusal import FurtherDialog, RefusalAnswer, RefusalDialog, WithdrawDialog
from tests.test_ui_casework import (  # noqa: F401 (clerk_view: the fixture, by name)
    _fill_applicant,
    _mark,
    _open_check,
    _slip_for_one_missing,
    clerk_view,
)

PLAN_MAP = "经营场所平面图及设备布局图"


@pytest.fixture
def served(clerk_view: ClerkView) -> ClerkView:  # noqa: F811
    """Window 26 with a 食品经营许可 ticket in hand (``test_ui_casework.clerk_view``)."""
    return clerk_view


RULES = "食品安全规章制度目录"


def _answer_conditionals(qtbot: QtBot, dialog: MaterialCheckDialog) -> None:
    for check in dialog.model.checks:
        if check.material.conditional:
            _mark(qtbot, dialog, check.material.name, Qt.Key.Key_N)


def _notice_row(view: ClerkView, serial: str) -> m.Notice:
    with view.hall.ctx.db.read() as s:
        row = s.scalar(select(m.Notice).where(m.Notice.serial == serial))
        assert row is not None
        s.expunge(row)
        return row


def test_typing_the_id_of_an_open_application_brings_back_its_notice(
    qtbot: QtBot, served: ClerkView, monkeypatch: pytest.MonkeyPatch
) -> None:
    _first, serial = _slip_for_one_missing(qtbot, served)
    qtbot.waitUntil(lambda: served.casework.dialog is None)
    with qtbot.waitSignal(served.casework.dialog_opened, timeout=5000) as opened:
        served.actions["check"].trigger()  # the same ticket, checked again
    dialog: MaterialCheckDialog = opened.args[0]
    qtbot.addWidget(dialog)
    assert dialog.previous is None and not dialog.reprint_button.isVisible()
    dialog.name.insert("垫江县好味道餐饮有限公司")
    dialog.activateWindow()
    dialog.id_number.setFocus()
    qtbot.keyClicks(dialog.id_number, "11010519491231002X")
    qtbot.keyClick(dialog.id_number, Qt.Key.Key_Return)  # finishing the field checks the number
    assert dialog.id_number.text() == "110105********002X", dialog.id_number.text()
    qtbot.waitUntil(lambda: dialog.previous is not None, timeout=5000)
    assert dialog.previous.serial == serial and serial in dialog.message.text()
    assert dialog.reprint_button.isVisible()
    # the clerk now finds fault with a material received the first time: a second notice
    # needs the supervisor, and the one asked is linked to the first
    _answer_conditionals(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _mark(qtbot, dialog, PLAN_MAP, Qt.Key.Key_2)
    asked: list[tuple[str, tuple[str, ...]]] = []

    def cancel(_cls, _parent, first_serial="", materials=()):  # type: ignore[no-untyped-def]
        asked.append((first_serial, materials))

    monkeypatch.setattr(FurtherDialog, "ask", classmethod(cancel))
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == [(serial, ())] and dialog.isVisible()  # cancelled: nothing issued

    def approve(_cls, _parent, first_serial="", materials=()):  # type: ignore[no-untyped-def]
        return FurtherRequest(first_serial, "平面图新提交，仍缺比例尺", (), "3001", "demo3001")

    monkeypatch.setattr(FurtherDialog, "ask", classmethod(approve))
    with qtbot.waitSignal(served.casework.issued, timeout=10000) as issued:
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    further = issued.args[0].reference
    assert further != serial
    assert served.hall.documents.find_notice(further).first_serial == serial
    qtbot.waitUntil(lambda: served.casework.preview is not None)
    served.casework.preview.close()


def test_the_agent_section_opens_by_keyboard_and_reaches_the_notice(
    qtbot: QtBot, served: ClerkView
) -> None:
    dialog = _open_check(qtbot, served)
    assert not dialog.agent_box.isChecked() and not dialog.agent_box.body.isVisible()
    _fill_applicant(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert dialog.agent_box.isChecked() and dialog.agent_box.body.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.agent_box.legal_rep)
    dialog.agent_box.legal_rep.insert("赵六")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.agent_box.name
    dialog.agent_box.name.insert("李四")

    def tab_to(widget) -> None:  # type: ignore[no-untyped-def]
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget

    tab_to(dialog.agent_box.id_type)
    tab_to(dialog.agent_box.id_number)
    qtbot.keyClicks(dialog.agent_box.id_number, "440524188001010014")
    tab_to(dialog.agent_box.phone)
    assert dialog.agent_box.id_number.text() == "440524********0014"  # masked on screen
    qtbot.keyClicks(dialog.agent_box.phone, "13812345678")
    tab_to(dialog.agent_box.relation)
    qtbot.keyClick(dialog.agent_box.relation, Qt.Key.Key_Down)
    assert dialog.agent_box.relation.currentData() == legal.AGENT_RELATIONS[1]
    _answer_conditionals(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _mark(qtbot, dialog, PLAN_MAP, Qt.Key.Key_2)
    with qtbot.waitSignal(served.casework.issued, timeout=10000) as issued:
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    row = _notice_row(served, issued.args[0].reference)
    assert (
        row.legal_rep,
        row.agent_name,
        row.agent_id_number,
        row.agent_phone,
        row.agent_relation,
    ) == ("赵六", "李四", "440524188001010014", "13812345678", legal.AGENT_RELATIONS[1])
    qtbot.waitUntil(lambda: served.casework.preview is not None)
    served.casework.preview.close()


def test_the_refusal_dialog_offers_only_legal_grounds(qtbot: QtBot) -> None:
    grounds = legal.refusal_grounds(legal.LICENCE, ("remit", "not_licence", "申请人隐瞒有关情况"))
    dialog = RefusalDialog(None, grounds)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [dialog.ground.itemData(i) for i in range(dialog.ground.count())] == [
        "remit",
        "not_licence",
        "申请人隐瞒有关情况",
    ]
    assert not dialog.ground.isEditable()  # never free text as the basis
    assert dialog.office.isEnabled()  # remit: the competent office
    dialog.ground.setFocus()
    qtbot.keyClick(dialog.ground, Qt.Key.Key_Down)
    assert dialog.ground.currentData() == "not_licence" and not dialog.office.isEnabled()
    qtbot.keyClick(dialog.ground, Qt.Key.Key_Up)
    dialog.office.insert("重庆市梁平区市场监督管理局")  # Chinese comes through the input method
    answer = dialog.values()
    assert answer.refusal == Refusal("remit", "重庆市梁平区市场监督管理局", "")
    assert answer.agent is None and answer.legal_rep == ""


def test_a_refusal_from_the_check_uses_the_items_grounds_and_needs_no_complete_check(
    qtbot: QtBot, served: ClerkView, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _open_check(qtbot, served)
    _fill_applicant(qtbot, dialog)
    offered: list[tuple[str, ...]] = []

    def ask(_cls, _parent, grounds=(), legal_rep="", agent=None):  # type: ignore[no-untyped-def]
        offered.append(tuple(g.code for g in grounds))
        return RefusalAnswer(Refusal("remit", "重庆市梁平区市场监督管理局"), "赵六", None)

    monkeypatch.setattr(RefusalDialog, "ask", classmethod(ask))
    with qtbot.waitSignal(served.casework.issued, timeout=10000) as issued:
        dialog.refuse_button.click()  # nothing checked yet: a legal ground needs no check
    assert offered == [("remit", "not_licence")]  # 食品经营许可 is a licence
    row = _notice_row(served, issued.args[0].reference)
    assert row.kind == "refusal" and row.refusal_ground == "remit" and row.legal_rep == "赵六"
    assert row.right_office == "重庆市梁平区市场监督管理局"
    qtbot.waitUntil(lambda: served.casework.preview is not None)
    served.casework.preview.close()


def test_a_withdrawn_application_closes_its_notice_from_the_check(
    qtbot: QtBot, served: ClerkView, monkeypatch: pytest.MonkeyPatch
) -> None:
    _first, serial = _slip_for_one_missing(qtbot, served)
    # days later: the scanner types the serial at the window
    with qtbot.waitSignal(served.casework.dialog_opened, timeout=5000) as opened:
        qtbot.keyClicks(served.serial_input, serial)
        qtbot.keyClick(served.serial_input, Qt.Key.Key_Return)
    dialog: MaterialCheckDialog = opened.args[0]
    qtbot.addWidget(dialog)
    assert dialog.withdraw_button.isVisibleTo(dialog)
    monkeypatch.setattr(
        WithdrawDialog, "ask", classmethod(lambda _c, _p: ("申请人自愿撤回", "3001", "demo3001"))
    )
    dialog.withdraw_button.click()
    qtbot.waitUntil(lambda: dialog.previous is None, timeout=5000)
    assert serial in dialog.message.text() and not dialog.withdraw_button.isVisibleTo(dialog)
    assert not served.hall.documents.find_notice(serial).open
