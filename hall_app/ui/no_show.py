"""F5 过号 asks first; the clerk can undo it (Shift+F5) for two minutes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


class NoShowConfirm:
    @classmethod
    def ask(cls, parent: QWidget, number: str, calls: int) -> bool:
        """Modal question; tests replace this classmethod."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("NoShowConfirm", "过号"),
            QCoreApplication.translate(
                "NoShowConfirm",
                "{} 已呼叫 {} 次仍未到窗口，按过号处理？\n（2 分钟内可按 Shift+F5 撤销）",
            ).format(number, calls),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes
