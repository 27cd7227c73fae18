"""Stale and clipped text, hall time and the UI language (issue 12, items 9–11)."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from hall_app.domain.tickets import TicketState
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.ui.main_window import MainWindow
from hall_app.ui.materials import MaterialCheckDialog
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login

FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可


@pytest.fixture
def settings() -> Settings:
    s = Settings()
    s.qs.clear()
    return s


def _window(
    qtbot: QtBot,
    hall: Hall,
    runner: Runner,
    settings: Settings,
    staff: str,
    number: int | None = None,
) -> MainWindow:
    window = MainWindow(hall, runner, login(hall, staff, number), settings)
    qtbot.addWidget(window)
    window.show()
    return window


# ---------------------------------------------------------------- 9. stale and clipped text


def test_material_check_clears_the_checksum_error_once_the_id_is_corrected(
    qtbot: QtBot, sqlite_hall: Hall
) -> None:
    dialog = MaterialCheckDialog(sqlite_hall.documents.plan(item_code=FOOD))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.id_number, "110105194912310021")  # last digit wrong
    qtbot.keyClick(dialog.id_number, Qt.Key.Key_Return)
    assert not dialog.message.isHidden() and "校验" in dialog.message.text()
    dialog.id_number.selectAll()
    qtbot.keyClicks(dialog.id_number, "11010519491231002X")  # corrected
    qtbot.keyClick(dialog.id_number, Qt.Key.Key_Return)
    assert dialog.id_number.text() == "110105********002X"
    assert dialog.message.isHidden() and dialog.message.text() == ""
    assert dialog.applicant().id_number == "11010519491231002X"


def test_calendar_reminder_is_for_admins_in_its_own_status_widget(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings
) -> None:
    # the fake clock says 2026-11-25: 2027's holidays are not entered
    admin = _window(qtbot, sqlite_hall, runner, settings, "9001")
    admin.resize(1366, 768)
    reminder = admin.calendar_reminder
    qtbot.waitUntil(reminder.isVisible)
    assert reminder.objectName() == "calendarReminder"
    assert reminder.parentWidget() is admin.statusBar()
    assert "2027" in reminder.text() and "hall-app calendar" in reminder.text()
    assert admin.statusBar().currentMessage() == ""  # not a message running under the labels
    qtbot.waitUntil(lambda: reminder.geometry().right() < admin.db_label.geometry().left())
    assert reminder.width() <= admin.width()
    admin.close()

    supervisor = _window(qtbot, sqlite_hall, runner, settings, "3001")
    runner.wait(10000)
    qtbot.waitUntil(lambda: supervisor.overview.windows.rowCount() > 0)
    assert supervisor.calendar_reminder.isHidden()
    assert "hall-app" not in supervisor.statusBar().currentMessage()
    supervisor.close()


@pytest.mark.parametrize("staff", ["3001", "9001"])
def test_one_system_menu_and_the_app_name_once_in_the_title(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings, staff: str
) -> None:
    window = _window(qtbot, sqlite_hall, runner, settings, staff)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.count("系统(&S)") == 1, titles
    assert len(window.findChildren(QMenu)) == 1
    # the title bar reads "蒋红梅（值班长） — 政务服务大厅窗口系统": Qt appends the app's
    # display name, so the title must not carry it too (it read 政务服务大厅窗口系统 twice)
    assert "政务服务大厅窗口系统" not in window.windowTitle()
    assert window.actor.name in window.windowTitle()
    window.close()


# ---------------------------------------------------------------- 10. 1366×768 and English


def test_main_window_starts_maximized(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings
) -> None:
    window = _window(qtbot, sqlite_hall, runner, settings, "1001", 1)
    assert window.windowState() & Qt.WindowState.WindowMaximized
    window.close()
    # a second start after a geometry was saved opens maximized too
    again = _window(qtbot, sqlite_hall, runner, settings, "1001", 1)
    assert again.windowState() & Qt.WindowState.WindowMaximized
    again.close()


def _compile(tmp_path: Path, context: str, pairs: dict[str, str]) -> Path:
    """A tiny .ts compiled to .qm with the lrelease shipped with PySide6."""
    import subprocess
    import sys
    from xml.sax.saxutils import escape

    messages = "".join(
        f"<message><source>{escape(s)}</source><translation>{escape(t)}</translation></message>"
        for s, t in pairs.items()
    )
    ts = tmp_path / "tiny_en.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" '
        f'language="en"><context><name>{context}</name>{messages}</context></TS>',
        encoding="utf-8",
    )
    qm = tmp_path / "tiny_en.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


@pytest.fixture
def translator(qapp: QApplication, tmp_path: Path) -> Iterator[QTranslator]:
    qm = _compile(tmp_path, "labels", {"办理中": "Serving", "值班长": "Supervisor"})
    t = QTranslator()
    assert t.load(str(qm))
    qapp.installTranslator(t)
    yield t
    qapp.removeTranslator(t)


def test_ticket_state_label_is_shown_in_english_under_the_english_translator(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, settings: Settings, translator: QTranslator
) -> None:
    clerk_view = _window(qtbot, sqlite_hall, runner, settings, "1001", 1).clerk
    assert clerk_view is not None
    sqlite_hall.tickets.issue(login(sqlite_hall, "2001"), category_code="A")
    clerk_view.actions["call"].trigger()
    qtbot.waitUntil(lambda: clerk_view.current is not None)
    clerk_view.actions["start"].trigger()
    qtbot.waitUntil(lambda: "Serving" in clerk_view.state_label.text())
    window = clerk_view.window()
    supervisor = _window(qtbot, sqlite_hall, runner, settings, "3001")
    assert "Supervisor" in supervisor.user_label.text()
    supervisor.close()
    window.close()
    from hall_app.ui.labels import label  # one function, one context for every domain label

    assert label(TicketState.SERVING.label) == "Serving"


def test_qt_base_translations_follow_the_ui_language_not_the_locale(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hall_app.ui import language

    monkeypatch.delenv("HALL_LANG", raising=False)
    before = QLocale()
    QLocale.setDefault(QLocale("de_DE"))  # a German PC: no German hall_app translation
    try:
        language.install_translators(qapp)
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert QLocale().language() == QLocale.Language.Chinese
    finally:
        for t in qapp.findChildren(QTranslator):
            qapp.removeTranslator(t)
        QLocale.setDefault(before)


def test_the_language_is_chosen_by_env_then_preference_then_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hall_app.ui.language import choose_language

    (tmp_path / "hall_app_en.qm").write_bytes(b"")
    monkeypatch.delenv("HALL_LANG", raising=False)
    assert choose_language("", QLocale("de_DE"), tmp_path) == "zh_CN"
    assert choose_language("", QLocale("en_GB"), tmp_path) == "en"
    assert choose_language("", QLocale("zh_TW"), tmp_path) == "zh_CN"
    assert choose_language("en", QLocale("zh_CN"), tmp_path) == "en"
    assert choose_language("fr", QLocale("en_US"), tmp_path) == "zh_CN"
    monkeypatch.setenv("HALL_LANG", "zh_CN")
    assert choose_language("en", QLocale("en_US"), tmp_path) == "zh_CN"


@pytest.mark.parametrize(("locale", "shown"), [("zh_CN", "2026-10-31"), ("en", "31 Oct 2026")])
def test_the_inquiry_date_filter_follows_the_ui_language(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, locale: str, shown: str
) -> None:
    from hall_app.ui.inquiry import InquiriesView

    before = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        view = InquiriesView(sqlite_hall, runner, login(sqlite_hall, "2001"))
        qtbot.addWidget(view)
        view.since.setDate(QDate(2026, 10, 31))
        assert view.since.text() == shown
    finally:
        QLocale.setDefault(before)
    runner.wait(10000)


# ---------------------------------------------------------------- 11. hall time, not PC time


@pytest.fixture
def pc_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The PC's zone is New York (13 h behind the hall): 09:00 on the 25th in the hall
    is 20:00 on the 24th on the PC."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_status_bar_inquiries_and_archive_use_the_hall_time_zone(
    qtbot: QtBot,
    sqlite_hall: Hall,
    runner: Runner,
    settings: Settings,
    clock: FakeClock,
    pc_in_new_york: None,
) -> None:
    from hall_app.domain.followups import InquiryInput, Outcome
    from hall_app.ui import output

    assert dt.datetime.now().astimezone().utcoffset() != dt.timedelta(hours=8)
    reception = login(sqlite_hall, "2001")
    sqlite_hall.followups.log_inquiry(
        reception, InquiryInput("社保卡补办要带什么", "现场", Outcome.FOLLOW_UP), None
    )
    window = _window(qtbot, sqlite_hall, runner, settings, "2001")
    qtbot.waitUntil(lambda: window.inquiries.model.rowCount() == 1)
    shown = window.inquiries.model.data(window.inquiries.model.index(0, 1))
    assert shown == "11-25 09:00"  # the hall's 09:00, not the PC's 11-24 20:00
    qtbot.waitUntil(lambda: "09:00:" in window.conn_label.text())
    assert window.inquiries.since.date() == QDate(2026, 10, 26)  # hall's today − 30 days
    saved = output.save_document(sqlite_hall, reception, b"%PDF-1.4\n", "ticket", "A001")
    assert saved.path.parent.name == "20261125"
    assert os.environ["TZ"] == "America/New_York"
    window.close()


def test_tidal_chart_axis_labels_are_not_elided_at_1366(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    from hall_app.ui.app import setup_font
    from hall_app.ui.tidal import TidalView

    setup_font(QApplication.instance())  # the hall's CJK font, as in the app
    view = TidalView(sqlite_hall, runner, login(sqlite_hall, "3001"))
    qtbot.addWidget(view)
    view.resize(1366, 640)  # the tab's share of a maximized 1366×768 window
    view.show()
    with qtbot.waitSignal(view.refreshed, timeout=10000):
        view.refresh()

    def axes(view_):  # type: ignore[no-untyped-def]
        return view_.chart().axes()

    def categories(view_):  # type: ignore[no-untyped-def]
        return [c for a in axes(view_) if hasattr(a, "categories") for c in a.categories()]

    qtbot.waitUntil(lambda: "17" in categories(view.arrival_chart))
    # Qt says whether it had to cut a label short (QAbstractAxis.labelsTruncated)
    qtbot.waitUntil(
        lambda: all(
            not axis.labelsTruncated()
            for chart in (view.arrival_chart, view.wait_chart)
            for axis in axes(chart)
        )
    )
    for chart in (view.arrival_chart, view.wait_chart):
        assert not [a for a in axes(chart) if a.truncateLabels()]  # never "…" at 1366 px
    assert {str(h) for h in range(8, 18)} <= set(categories(view.arrival_chart))
    assert "60+" in categories(view.wait_chart)
    assert not [c for c in categories(view.wait_chart) if c.endswith("++")]
