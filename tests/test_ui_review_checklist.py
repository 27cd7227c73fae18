"""The material check's 「打印审查要点」 with pytest-qt: Ctrl+Shift+K prints the review checklist
of the current answers through casework's preview (archived, recorded as a print job); a v1
list has none, its button and shortcut do nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hall_app.services.hall import Hall
from hall_app.ui.casework import Casework
from hall_app.ui.materials import MaterialCheckDialog
from hall_app.ui.preview import PreviewDialog
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_pure_demo_catalog import RESTAURANT
from tests.test_review_checklist import FOOD
from tests.test_v2_window import import_demo_v2, text_of

TOBACCO_POINT = "□经营场所符合本县烟草零售点合理布局规定"
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _casework(qtbot: QtBot, hall: Hall, runner: Runner) -> Casework:
    parent = QWidget()
    qtbot.addWidget(parent)
    return Casework(hall, runner, login(hall, "1026", 26), Settings(), parent)


def _press(qtbot: QtBot, dialog: MaterialCheckDialog) -> None:
    dialog.activateWindow()
    dialog.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.table)
    qtbot.keyClick(dialog.table, Qt.Key.Key_K, SHIFT_CTRL)


def _printed(qtbot: QtBot, casework: Casework, dialog: MaterialCheckDialog) -> str:
    with qtbot.waitSignal(casework.preview_opened, timeout=10000) as shown:
        _press(qtbot, dialog)
    preview: PreviewDialog = shown.args[0]
    qtbot.addWidget(preview)
    assert preview.saved.job.document == "checklist"
    assert preview.saved.job.reference == dialog.plan.code
    text = text_of(Path(preview.saved.path).read_bytes())
    preview.close()
    return text


def test_the_shortcut_prints_the_checklist_of_the_current_answers(
    qtbot: QtBot, live_hall: Hall, runner: Runner, tmp_path: Path
) -> None:
    import_demo_v2(live_hall, tmp_path)
    casework = _casework(qtbot, live_hall, runner)
    answers = {**RESTAURANT, "public_premises": "yes", "sells_tobacco": "no"}
    plan = live_hall.documents.plan(bundle_code="YJS05", answers=answers)
    dialog = casework.open_check(plan)
    qtbot.addWidget(dialog)
    button = dialog.checklist.button
    assert button.isEnabled() and button.text() == "打印审查要点 (Ctrl+Shift+K)"
    text = _printed(qtbot, casework, dialog)
    assert "窗口审查要点清单" in text and "办理一件事：开办餐饮店一件事（YJS05）" in text
    assert "答：否，不销售" in text and TOBACCO_POINT not in text
    # the citizen does sell cigarettes: the list is resolved anew, the checklist follows
    dialog.answers_changed.emit({**answers, "sells_tobacco": "yes"})
    qtbot.waitUntil(lambda: dict(dialog.plan.answers).get("sells_tobacco") == "yes")
    text = _printed(qtbot, casework, dialog)
    assert "答：是，销售烟草制品" in text and TOBACCO_POINT in text


def test_a_v1_list_has_no_checklist_to_print(qtbot: QtBot, live_hall: Hall, runner: Runner) -> None:
    casework = _casework(qtbot, live_hall, runner)
    dialog = casework.open_check(live_hall.documents.plan(item_code=FOOD))
    qtbot.addWidget(dialog)
    assert not dialog.checklist.button.isEnabled()
    assert "没有审查要点清单" in dialog.checklist.button.toolTip()
    requested: list[bool] = []
    dialog.checklist_requested.connect(lambda: requested.append(True))
    _press(qtbot, dialog)
    qtbot.wait(100)
    assert requested == [] and casework.preview is None
