"""The material check at the window with pytest-qt: keyboard marks, the one-time
notification slip, the returning citizen's scanned serial, acceptance and the cases list."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hall_app.config import Config
from hall_app.domain.roles import Role
from hall_app.services.hall import Hall, open_hall
from hall_app.ui.clerk import ClerkView
from hall_app.ui.materials import MaterialCheckDialog
from hall_app.ui.preview import PreviewDialog
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.actors import actor_for, case_reader
from tests.conftest import login

FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可


@pytest.fixture
def clerk_view(qtbot: QtBot, live_hall: Hall, runner: Runner) -> ClerkView:
    """Window 26 (涉企经营许可) with a 食品经营许可 ticket called and being served."""
    live_hall.tickets.issue(login(live_hall, "2001"), item_code=FOOD)
    view = ClerkView(live_hall, runner, login(live_hall, "1026", 26), Settings())
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    view.refresh()
    press(qtbot, view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.number_label.text() == "K001")
    press(qtbot, view, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: view.actions["finish"].isEnabled())
    return view


def press(qtbot: QtBot, view, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press goes to the widget that has the keyboard focus, as a real one does."""
    qtbot.keyClick(QApplication.focusWidget() or view, key, modifier)


def _open_check(qtbot: QtBot, view: ClerkView) -> MaterialCheckDialog:
    with qtbot.waitSignal(view.casework.dialog_opened, timeout=5000) as opened:
        press(qtbot, view, Qt.Key.Key_F7)
    dialog: MaterialCheckDialog = opened.args[0]
    qtbot.addWidget(dialog)
    return dialog


def _row(dialog: MaterialCheckDialog, name: str) -> int:
    return next(i for i, c in enumerate(dialog.model.checks) if c.material.name == name)


def _mark(qtbot: QtBot, dialog: MaterialCheckDialog, name: str, key: Qt.Key) -> None:
    dialog.table.setFocus()
    dialog.table.selectRow(_row(dialog, name))
    qtbot.keyClick(dialog.table, key)


def _fill_applicant(qtbot: QtBot, dialog: MaterialCheckDialog) -> None:
    dialog.name.insert("垫江县好味道餐饮有限公司")  # Chinese comes through the input method
    qtbot.keyClicks(dialog.id_number, "11010519491231002X")
    qtbot.keyClicks(dialog.phone, "13912345678")


def test_missing_materials_give_a_one_time_notification_slip(
    qtbot: QtBot, clerk_view: ClerkView
) -> None:
    dialog = _open_check(qtbot, clerk_view)
    assert dialog.model.rowCount() >= 5
    shared = dialog.model.checks[_row(dialog, "营业执照")]
    assert shared.mark.value == "received"  # 共享免提交: never demanded
    assert not dialog.accept_button.isEnabled() and not dialog.notice_button.isEnabled()
    _fill_applicant(qtbot, dialog)
    for check in dialog.model.checks:
        if check.material.conditional:
            _mark(qtbot, dialog, check.material.name, Qt.Key.Key_N)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # all received
    assert dialog.accept_button.isEnabled()
    assert "材料齐全" in dialog.summary.text()
    _mark(qtbot, dialog, "经营场所平面图及设备布局图", Qt.Key.Key_2)
    _mark(qtbot, dialog, "食品安全规章制度目录", Qt.Key.Key_3)
    assert "请选择材料" in dialog.summary.text()  # a faulty material needs its problem
    dialog.problem_box.setCurrentIndex(dialog.problem_box.findData("格式不符"))
    dialog.problem_box.activated.emit(dialog.problem_box.currentIndex())
    qtbot.keyClicks(dialog.note, "unsigned")
    assert "需补正 2 项" in dialog.summary.text()
    assert dialog.notice_button.isEnabled() and not dialog.accept_button.isEnabled()
    with qtbot.waitSignal(clerk_view.casework.preview_opened, timeout=10000) as shown:
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview: PreviewDialog = shown.args[0]
    qtbot.addWidget(preview)
    assert preview.document.pageCount() >= 1
    assert "一次性告知单" in clerk_view.message.text()
    # table cells wrap long names: compare without the line breaks
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(preview.saved.path).pages)
    for expected in (
        "经营场所平面图及设备布局图",
        "食品安全规章制度目录",
        "格式不符",
        "110105********002X",
        "139****5678",
        clerk_view.actor.name,
    ):
        assert expected in text, expected
    assert "11010519491231002X" not in text  # the full ID never reaches paper
    # no printer here: printing queues the document for reprint and says so
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "补打队列" in preview.message.text())
    hall = clerk_view.hall
    assert [j.reference for j in hall.print_jobs.queued()] == [preview.saved.job.reference]


def _slip_for_one_missing(qtbot: QtBot, clerk_view: ClerkView) -> tuple[MaterialCheckDialog, str]:
    """All received but the site plan: a slip is issued; returns the dialog and the serial."""
    dialog = _open_check(qtbot, clerk_view)
    _fill_applicant(qtbot, dialog)
    for check in dialog.model.checks:
        if check.material.conditional:
            _mark(qtbot, dialog, check.material.name, Qt.Key.Key_N)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _mark(qtbot, dialog, "经营场所平面图及设备布局图", Qt.Key.Key_2)
    with qtbot.waitSignal(clerk_view.casework.issued, timeout=10000) as issued:
        dialog.notice_button.click()
    qtbot.waitUntil(lambda: clerk_view.casework.preview is not None)
    clerk_view.casework.preview.close()
    return dialog, issued.args[0].reference


def test_the_returning_citizen_scans_the_slip_and_is_accepted(
    qtbot: QtBot, clerk_view: ClerkView, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hall_app.services.acceptance import AcceptanceChoices
    from hall_app.ui.acceptance import AcceptanceOptions

    asked: list[object] = []
    monkeypatch.setattr(
        AcceptanceOptions,
        "ask",
        classmethod(
            lambda cls, parent, deferred, today: (
                asked.append(deferred) or AcceptanceChoices("邮寄", "垫江县澄溪镇1号")
            )
        ),
    )
    _dialog, serial = _slip_for_one_missing(qtbot, clerk_view)
    # days later: the scanner types the serial (lower case, with a newline) at the window
    with qtbot.waitSignal(clerk_view.casework.dialog_opened, timeout=5000) as opened:
        qtbot.keyClicks(clerk_view.serial_input, serial.lower())
        qtbot.keyClick(clerk_view.serial_input, Qt.Key.Key_Return)
    again: MaterialCheckDialog = opened.args[0]
    qtbot.addWidget(again)
    assert again.name.text() == "垫江县好味道餐饮有限公司"
    pending = [
        c.material.name for c in again.model.checks if c.applies and c.mark.value == "pending"
    ]
    assert pending == ["经营场所平面图及设备布局图"]  # only what was missing is left to check
    for check in again.model.checks:
        if check.material.conditional and check.applies is None:
            again.table.selectRow(_row(again, check.material.name))
            again._set_applies(False)
    qtbot.keyClicks(again.id_number, "11010519491231002X")
    _mark(qtbot, again, "经营场所平面图及设备布局图", Qt.Key.Key_1)
    assert again.accept_button.isEnabled()
    with qtbot.waitSignal(clerk_view.casework.issued, timeout=10000) as accepted:
        qtbot.keyClick(again, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    case_no = accepted.args[0].reference
    assert case_no.startswith("SL-500231-")
    qtbot.waitUntil(lambda: "已受理" in clerk_view.message.text())
    record = clerk_view.hall.documents.find_notice(serial)
    assert record.case_no == case_no
    assert asked == [[]]  # the acceptance options were asked (no 容缺 material here)
    receipt = clerk_view.hall.documents.reprint_receipt(clerk_view.actor, case_no)
    assert receipt.delivery_method == "邮寄" and receipt.delivery_address == "垫江县澄溪镇1号"
    qtbot.waitUntil(
        lambda: (
            clerk_view.casework.preview is not None
            and clerk_view.casework.preview.windowTitle().startswith("受理回执")
        )
    )
    clerk_view.casework.preview.close()


def test_a_wrong_id_number_is_shown_in_the_dialog(qtbot: QtBot, clerk_view: ClerkView) -> None:
    dialog = _open_check(qtbot, clerk_view)
    dialog.name.insert("张三")
    qtbot.keyClicks(dialog.id_number, "110105194912310021")
    for check in dialog.model.checks:
        if check.material.conditional:
            _mark(qtbot, dialog, check.material.name, Qt.Key.Key_N)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "校验位" in dialog.message.text())
    assert dialog.isVisible()  # nothing is lost: the dialog stays open with its marks
    assert clerk_view.hall.documents.cases(case_reader(clerk_view.hall)) == []


def test_cases_tab_flags_and_actions(
    qtbot: QtBot, live_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hall_app.domain.materials import Check, Mark
    from hall_app.services.documents import Applicant
    from hall_app.ui.cases import CasesView, ExtendDialog
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.print_queue import PrintQueueDialog

    # this hall lets its window staff extend the promise (roles.grants, issue 16)
    live_hall.settings.set(actor_for(live_hall, Role.ADMIN), "roles.grants", "clerk:+extend_case")
    clerk = login(live_hall, "1026", 26)
    plan = live_hall.documents.plan(item_code=FOOD)
    checks = [Check(r) for r in plan.requirements]
    for c in checks:
        c.applies, c.mark = not c.material.conditional, Mark.RECEIVED
    case_no = live_hall.documents.accept(clerk, plan, Applicant("李四"), checks).case_no
    window = MainWindow(live_hall, runner, clerk, Settings())
    qtbot.addWidget(window)
    view: CasesView = window.cases
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.data(view.model.index(0, 0)) == case_no
    assert view.model.data(view.model.index(0, 7)) == "正常"
    window.poll_timer.stop()  # keep the worker to this test's clicks

    def click(name: str) -> None:
        qtbot.waitUntil(lambda: not runner.busy)
        view.table.selectRow(0)
        view.buttons[name].click()

    due = view.model.data(view.model.index(0, 4))
    monkeypatch.setattr(
        ExtendDialog, "ask", classmethod(lambda cls, parent: (2, "王局长", "专家论证"))
    )
    click("extend")
    qtbot.waitUntil(lambda: view.model.data(view.model.index(0, 4)) != due)  # two days later
    click("extend")
    qtbot.waitUntil(lambda: "只能延长一次" in view.message.text())
    click("reprint")
    qtbot.waitUntil(lambda: "补打回执完成" in view.message.text())
    click("complete")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)  # only open cases are listed
    # the receipt reprint (and every other document) can be printed again from the queue
    queue = PrintQueueDialog(live_hall, runner, clerk, Settings(), window)
    qtbot.addWidget(queue)
    qtbot.waitUntil(lambda: "没有待补打" in queue.message.text())
    window.close()


def test_overdue_cases_are_flagged_in_the_status_bar(
    qtbot: QtBot, sqlite_url: str, runner: Runner
) -> None:
    import datetime as dt

    from hall_app.domain.materials import Check, Mark
    from hall_app.services.context import FakeClock
    from hall_app.services.documents import Applicant
    from hall_app.ui.main_window import MainWindow
    from tests.conftest import SHANGHAI

    clock = FakeClock(dt.datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI))
    hall = open_hall(Config(db_url=sqlite_url, terminal="t"), upgrade=False, clock=clock)
    try:
        clerk = login(hall, "1026", 26)
        plan = hall.documents.plan(item_code=FOOD)
        checks = [Check(r) for r in plan.requirements]
        for c in checks:
            c.applies, c.mark = not c.material.conditional, Mark.RECEIVED
        hall.documents.accept(clerk, plan, Applicant("王五"), checks)
        clock.advance(days=10)
        window = MainWindow(hall, runner, clerk, Settings())
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: "已超期 1 件" in window.flags_label.text())
        window.close()
        runner.wait()
    finally:
        hall.close()


def test_a_notice_can_be_reprinted_marked_as_such(qtbot: QtBot, clerk_view: ClerkView) -> None:
    _dialog, serial = _slip_for_one_missing(qtbot, clerk_view)
    with qtbot.waitSignal(clerk_view.casework.dialog_opened, timeout=5000) as opened:
        clerk_view.casework.lookup(serial)
    again = opened.args[0]
    qtbot.addWidget(again)
    assert again.reprint_button.isVisibleTo(again)
    with qtbot.waitSignal(clerk_view.casework.preview_opened, timeout=10000) as shown:
        again.reprint_button.click()
    preview = shown.args[0]
    qtbot.addWidget(preview)
    text = "".join(PdfReader(preview.saved.path).pages[0].extract_text().split())
    assert "补打" in text and serial in text
    assert clerk_view.hall.documents.find_notice(serial).reprints == 1
