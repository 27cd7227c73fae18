"""The material check's situations (catalog v2), driven by the keyboard: Ctrl+Q to the
questions, an answer's key answers the current one, the list is resolved anew through the
screen's worker and what the clerk marked stays marked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hall_app.domain.materials import Mark
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.hall import Hall
from hall_app.ui.casework import Casework
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login

CATERING = Path(__file__).parent / "data" / "catalog_v2_catering.yaml"


def _names(dialog) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.material.name for c in dialog.model.checks]


def test_answering_a_question_by_its_key_changes_the_list(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    sqlite_hall.catalog.import_file(bootstrap_actor(), CATERING)
    screen = QWidget()
    qtbot.addWidget(screen)
    casework = Casework(sqlite_hall, runner, login(sqlite_hall, "1001", 1), Settings(), screen)
    dialog = casework.open_check(sqlite_hall.documents.plan(bundle_code="YJS05"))
    qtbot.addWidget(dialog)
    panel = dialog.situations
    assert not panel.isHidden()
    assert panel.list.item(0).text() == (
        "是否经营卷烟、雪茄烟零售？  〔1 是，经营卷烟零售 · 2 否，不售卷烟〕  → 待确认"
    )
    assert any("烟草专卖" in n for n in _names(dialog))  # 待确认: asked until answered
    dialog.table.selectRow(0)
    dialog._set_mark(Mark.RECEIVED)  # the first material received
    first = _names(dialog)[0]

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is panel.list,
    )
    qtbot.keyClick(panel.list, Qt.Key.Key_2)  # does not sell tobacco
    qtbot.waitUntil(lambda: not any("烟草专卖" in n for n in _names(dialog)))
    assert dict(dialog.plan.answers) == {"tobacco": "no"}
    assert panel.list.item(0).text().endswith("→ 否，不售卷烟")
    fire = [c.material for c in dialog.model.checks if "消防安全检查申报表" in c.material.name]
    assert [r.situation for r in fire] == ["待确认：经营场所建筑面积是否在50平方米以上？"]

    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    qtbot.keyClick(panel.list, Qt.Key.Key_2)  # under 50 m²: no fire inspection
    qtbot.waitUntil(lambda: not any("消防安全检查申报表" in n for n in _names(dialog)))
    qtbot.keyClick(panel.list, Qt.Key.Key_1)  # 50 m² or more: the fire inspection applies
    qtbot.waitUntil(lambda: any("消防安全检查申报表" in n for n in _names(dialog)))
    fire = [c.material for c in dialog.model.checks if "消防安全检查申报表" in c.material.name]
    assert [r.situation for r in fire] == [""]  # answered: no longer 待确认
    assert dict(dialog.plan.answers) == {"tobacco": "no", "premises": "yes"}
    (kept,) = [c for c in dialog.model.checks if c.material.name == first]
    assert kept.mark is Mark.RECEIVED  # the clerk's verdict survives the new list

    qtbot.keyClick(panel.list, Qt.Key.Key_9)  # no such answer: nothing changes
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)  # cleared: 待确认 again
    qtbot.waitUntil(lambda: dict(dialog.plan.answers) == {"tobacco": "no"})
    assert any("消防安全检查申报表" in n for n in _names(dialog))
