"""The reception assistant on the reception screen, driven from the keyboard (pytest-qt):
F4, the citizen's words, Enter → the best three with why; Enter on one selects it in the
catalog list and F2 issues its ticket into its lane. Nothing above the threshold offers the
lanes; words the catalog search cannot find go to the assistant."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from hall_app.services.hall import Hall
from hall_app.ui.ask_box import ChoiceRole
from hall_app.ui.models import ObjectRole
from hall_app.ui.reception import ReceptionView
from hall_app.ui.settings import PRINT_TICKETS, Settings
from hall_app.ui.worker import Runner
from tests.conftest import login


@pytest.fixture
def view(qtbot: QtBot, live_hall: Hall, runner: Runner) -> ReceptionView:
    settings = Settings()
    settings.qs.clear()
    settings.set(PRINT_TICKETS, False)
    screen = ReceptionView(live_hall, runner, login(live_hall, "2001"), settings)
    qtbot.addWidget(screen)
    screen.show()
    screen.load_catalog()
    qtbot.waitUntil(lambda: screen.catalog.rowCount() > 60)
    return screen


def _type(line: QLineEdit, text: str) -> None:
    """Chinese arrives as an input method's commit (what Pinyin input sends on Space)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(line, event)


def _rows(view: ReceptionView) -> list[tuple[str, str]]:
    results = view.ask_box.results
    return [results.item(i).data(ChoiceRole) for i in range(results.count())]


def test_f4_words_enter_then_enter_and_f2_issue_into_the_bundles_lane(
    qtbot: QtBot, view: ReceptionView
) -> None:
    qtbot.keyClick(view, Qt.Key.Key_F4)
    assert view.ask_box.input.hasFocus()
    _type(view.ask_box.input, "孩子刚出生要办哪些手续")
    with qtbot.waitSignal(view.ask_box.answered, timeout=60000):
        qtbot.keyClick(view.ask_box.input, Qt.Key.Key_Return)
    rows = _rows(view)
    assert rows[0] == ("bundle", "YJS01") and 1 < len(rows) <= 3
    first = view.ask_box.results.item(0).text()
    assert "新生儿出生一件事" in first and "匹配：" in first and "「刚出生」" in first
    assert view.ask_box.results.hasFocus()  # the arrow keys and Enter work at once
    qtbot.keyClick(view.ask_box.results, Qt.Key.Key_Return)
    entry = view.selected_entry()
    assert entry is not None and (entry.kind, entry.code) == ("bundle", "YJS01")
    assert view.search.text() == "" and view.catalog_view.hasFocus()
    with qtbot.waitSignal(view.issued, timeout=10000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_F2)
    ticket = blocker.args[0].issued.ticket
    assert ticket.number == "A001" and ticket.bundle_code == "YJS01"


def test_the_second_answer_is_chosen_with_the_arrow_key(qtbot: QtBot, view: ReceptionView) -> None:
    view.ask_box.focus()
    _type(view.ask_box.input, "房子过户")
    with qtbot.waitSignal(view.ask_box.answered, timeout=60000):
        qtbot.keyClick(view.ask_box.input, Qt.Key.Key_Return)
    kind, code = _rows(view)[1]
    qtbot.keyClick(view.ask_box.results, Qt.Key.Key_Down)
    qtbot.keyClick(view.ask_box.results, Qt.Key.Key_Return)
    entry = view.selected_entry()
    assert entry is not None and (entry.kind, entry.code) == (kind, code)


def test_nothing_matching_offers_the_lanes(qtbot: QtBot, view: ReceptionView) -> None:
    view.ask_box.focus()
    _type(view.ask_box.input, "附近哪里有停车场")
    with qtbot.waitSignal(view.ask_box.answered, timeout=60000):
        qtbot.keyClick(view.ask_box.input, Qt.Key.Key_Return)
    assert "没有找到" in view.ask_box.note.text() and view.ask_box.note.isVisible()
    rows = _rows(view)
    assert rows and all(kind == "category" for kind, _ in rows)
    assert ("category", "C") in rows
    view.ask_box.results.setCurrentRow(rows.index(("category", "C")))
    qtbot.keyClick(view.ask_box.results, Qt.Key.Key_Return)
    entry = view.selected_entry()
    assert entry is not None and (entry.kind, entry.code) == ("category", "C")


def test_something_done_elsewhere_names_the_place_and_offers_the_lanes(
    qtbot: QtBot, view: ReceptionView
) -> None:
    view.ask_box.focus()
    _type(view.ask_box.input, "二手车过户去哪里办")
    with qtbot.waitSignal(view.ask_box.answered, timeout=60000):
        qtbot.keyClick(view.ask_box.input, Qt.Key.Key_Return)
    note = view.ask_box.note.text()
    assert note.startswith("「二手车」不在本大厅办理，请到公安交管部门的车管所咨询")
    rows = _rows(view)
    assert rows and all(kind == "category" for kind, _ in rows)


def test_words_the_search_cannot_find_go_to_the_assistant(
    qtbot: QtBot, view: ReceptionView
) -> None:
    _type(view.search, "上户口")
    assert view.filter.rowCount() == 0
    with qtbot.waitSignal(view.ask_box.answered, timeout=60000):
        qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.ask_box.input.text() == "上户口"
    assert _rows(view)[0] == ("item", _code_of(view, "出生登记"))
    assert view.last_number.text() == "—"  # nothing was issued


def _code_of(view: ReceptionView, name: str) -> str:
    for row in range(view.catalog.rowCount()):
        entry = view.catalog.data(view.catalog.index(row, 0), ObjectRole)
        if entry is not None and entry.name == name:
            return entry.code
    raise AssertionError(name)
