"""What the 1366×768 screenshots showed: the board, the overview, the reception's catalog,
column titles and the window titles on a 1366×768 screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QTranslator
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from hall_app.services.hall import Hall
from hall_app.ui.board import BoardWindow
from hall_app.ui.settings import Settings
from hall_app.ui.voice import Announcer, SilentBackend
from hall_app.ui.worker import Runner
from tests.conftest import login


def _call_everywhere(hall: Hall) -> None:
    reception = login(hall, "2001")
    for window in (1, 3, 5, 8, 11, 15, 19, 23, 26, 27, 29, 31):
        clerk = login(hall, f"10{window:02d}", window)
        for code in ("A", "B", "C", "D", "E", "F", "G", "H", "K", "P"):
            hall.tickets.issue(reception, category_code=code)
        hall.tickets.call_next(clerk, window)


@pytest.mark.parametrize("size", [(1366, 768), (768, 1366)])
def test_the_board_fits_a_1366x768_screen_either_way_up(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, size: tuple[int, int]
) -> None:
    _call_everywhere(sqlite_hall)
    board = BoardWindow(sqlite_hall, runner, Settings(), Announcer(SilentBackend()))
    qtbot.addWidget(board)
    board.resize(*size)
    board.show()
    qtbot.waitUntil(lambda: board.snapshot is not None and board.snapshot.calls != [])
    qtbot.waitUntil(lambda: board.latest_number.text() != "—")
    hint = board.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1], hint
    assert board.width() == size[0] and board.height() == size[1]
    board.close()
    runner.wait(10000)


def test_the_overview_shows_every_lane_at_1366x768(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    from hall_app.ui.main_window import MainWindow

    window = MainWindow(sqlite_hall, runner, login(sqlite_hall, "3001"), Settings())
    qtbot.addWidget(window)
    window.poll_timer.stop()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(1366, 700)  # maximized, less the title bar and the taskbar
    window.show()
    overview = window.overview
    assert overview is not None
    lanes = overview.findChildren(QTableView)[0]
    qtbot.waitUntil(lambda: lanes.model().rowCount() >= 11)
    QApplication.processEvents()
    assert lanes.verticalScrollBar().maximum() == 0  # all 11 lanes, no scrolling
    window.close()
    runner.wait(10000)


def test_the_catalog_columns_follow_the_search(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    from hall_app.ui.reception import ReceptionView

    view = ReceptionView(sqlite_hall, runner, login(sqlite_hall, "2001"), Settings())
    qtbot.addWidget(view)
    view.resize(1300, 330)  # a few rows in view: the columns are sized from those
    view.show()
    view.load_catalog()
    qtbot.waitUntil(lambda: view.catalog.rowCount() > 60)
    table = view.catalog_view
    view.search.setText("sbk")  # 社会保障卡申领 · 社保医保
    QApplication.processEvents()
    view.search.setText("gjj")  # 住房公积金…: a longer lane name and a 业务类别 row
    QApplication.processEvents()
    for column in (0, 2):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
    runner.wait(10000)


def test_a_column_title_too_wide_for_its_column_wraps(qtbot: QtBot) -> None:
    from hall_app.ui.common import table_view

    model = QStandardItemModel(2, 6)
    model.setHorizontalHeaderLabels(
        ["Category", "Waiting", "Green channel", "Longest Wait", "Estimated Wait", "Open Windows"]
    )
    view = table_view(model)
    qtbot.addWidget(view)
    view.resize(900, 200)
    view.show()
    header = view.horizontalHeader()
    one_line = header.height()
    view.resize(330, 200)
    qtbot.waitUntil(lambda: header.height() > 1.6 * one_line)
    view.resize(900, 200)
    qtbot.waitUntil(lambda: header.height() == one_line)


def test_window_titles_end_with_the_app_name_in_the_ui_language(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from hall_app.ui import app as ui_app
    from hall_app.ui import language
    from tests.test_ui_fit import english_qm

    monkeypatch.setenv("HALL_LANG", "en")
    folder = english_qm().parent
    monkeypatch.setattr(language, "translations_dir", lambda: folder)
    name, locale = qapp.applicationDisplayName(), QLocale()
    try:
        ui_app.setup_application()
        assert qapp.applicationDisplayName() == "Government Service Hall Window System"
    finally:
        for translator in qapp.findChildren(QTranslator):
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
        qapp.setApplicationDisplayName(name)


def test_the_rating_levels_are_in_the_ui_language(qtbot: QtBot, qapp: QApplication) -> None:
    from PySide6.QtWidgets import QPushButton

    from hall_app.ui.rating import RatingDialog
    from tests.test_ui_fit import english_qm

    translator = QTranslator()
    assert translator.load(str(english_qm()))
    qapp.installTranslator(translator)
    try:
        dialog = RatingDialog("A001")
        qtbot.addWidget(dialog)
        button = dialog.findChild(QPushButton, "rate5")
        assert button is not None and button.text().startswith("Very satisfied"), button.text()
    finally:
        qapp.removeTranslator(translator)


def test_back_entry_with_an_incident_fits_1366_in_english(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, qapp: QApplication
) -> None:
    from hall_app.ui.app import setup_font
    from hall_app.ui.back_entry import BackEntryView
    from tests.test_ui_fit import english_qm

    setup_font(qapp)  # the hall's font, as in the app: widths depend on it

    boss = login(sqlite_hall, "3001")
    incident = sqlite_hall.fallback.declare(boss, "网络中断")
    sqlite_hall.fallback.kit(boss, incident.number)
    translator = QTranslator()
    assert translator.load(str(english_qm()))
    qapp.installTranslator(translator)
    try:
        view = BackEntryView(sqlite_hall, runner, login(sqlite_hall, "1005", 5), Settings())
        qtbot.addWidget(view)
        view.show()
        with qtbot.waitSignal(view.refreshed, timeout=10000):
            view.refresh()
        assert "Notification" in view.progress.text()
        assert view.minimumSizeHint().width() <= 1366, view.minimumSizeHint()
        view.resize(1366, 700)  # the five kinds are readable, none cut off at the form's edge
        qtbot.waitUntil(lambda: view.width() == 1366)
        for button in view.kind_buttons.buttons():
            assert button.width() >= button.sizeHint().width(), button.text()
    finally:
        qapp.removeTranslator(translator)
    runner.wait(10000)


def test_offline_number_kinds_and_record_kinds_are_in_the_ui_language(qapp: QApplication) -> None:
    """The offline desk's line of numbers left and the conflict lists name the kinds from
    domain/fallback.py: in English they read in English (issue 15 GUI trial)."""
    from hall_app.domain.fallback import RECORD_KINDS
    from hall_app.ui.labels import label
    from hall_app.ui.offline_widgets import numbers_text
    from tests.test_ui_fit import english_qm

    translator = QTranslator()
    assert translator.load(str(english_qm()))
    qapp.installTranslator(translator)
    try:
        text = numbers_text({"S": 28, "SW": 9})
        assert text.startswith("Emergency tickets 28 · First inquiries 9"), text
        assert label(RECORD_KINDS["ticket_adopt"]) == "Ticket taken in"
    finally:
        qapp.removeTranslator(translator)
