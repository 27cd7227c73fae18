"""好差评 after service: five levels, on a screen turned to the citizen or entered by the
clerk from a rating pad (marked as such). Keys 1–5; Esc when the citizen declines."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hall_app.domain.followups import RATING_LEVELS


class RatingDialog(QDialog):
    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level: int | None = None
        self.setWindowTitle(self.tr("请您对本次服务进行评价"))
        title = QLabel(self.tr("号票 {}：请您评价本次服务（自愿评价）").format(number))
        font = QFont(title.font())
        font.setPixelSize(26)
        title.setFont(font)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("意见或建议（可不填）"))
        self.pad = QCheckBox(self.tr("由工作人员按评价器结果代录"))
        layout = QGridLayout(self)
        layout.addWidget(title, 0, 0, 1, 5)
        for column, level in enumerate(sorted(RATING_LEVELS, reverse=True)):
            button = QPushButton(f"{RATING_LEVELS[level]}\n({level})")
            button.setObjectName(f"rate{level}")
            button.setMinimumHeight(90)
            button.setFont(font)
            button.clicked.connect(lambda _=False, v=level: self.choose(v))
            layout.addWidget(button, 1, column)
            QShortcut(QKeySequence(str(level)), self, lambda v=level: self.choose(v))
        layout.addWidget(self.comment, 2, 0, 1, 5)
        layout.addWidget(self.pad, 3, 0, 1, 3)
        skip = QPushButton(self.tr("市民不评价 (Esc)"))
        skip.clicked.connect(self.reject)
        layout.addWidget(skip, 3, 3, 1, 2, Qt.AlignmentFlag.AlignRight)

    def choose(self, level: int) -> None:
        self.level = level
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget, number: str) -> tuple[int, str, bool] | None:
        """Modal question; tests replace this classmethod."""
        dialog = cls(number, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.level is None:
            return None
        return dialog.level, dialog.comment.text(), dialog.pad.isChecked()
