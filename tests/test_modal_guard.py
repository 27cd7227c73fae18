"""The conftest guard: a modal dialog nobody answers fails the test at once instead of
blocking the run forever."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.conftest import REFUSED_MODALS, UnansweredModalDialog


def test_an_unanswered_dialog_fails_at_once_naming_it(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QDialog(parent)
    dialog.setWindowTitle("转移号票")
    with pytest.raises(UnansweredModalDialog, match="QDialog '转移号票'"):
        dialog.exec()
    box = QMessageBox(
        QMessageBox.Icon.Question, "过号", "?", QMessageBox.StandardButton.Yes, parent
    )
    with pytest.raises(UnansweredModalDialog, match="QMessageBox '过号'"):
        box.exec()
    with pytest.raises(UnansweredModalDialog, match=r"QInputDialog\.getText"):
        QInputDialog.getText(parent, "转交", "转交给（工号）：")
    assert len(REFUSED_MODALS) == 3


@pytest.mark.modal_dialogs
def test_a_marked_test_drives_the_real_dialog(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = QDialog(parent)
    QTimer.singleShot(0, dialog.accept)
    assert dialog.exec() == QDialog.DialogCode.Accepted
