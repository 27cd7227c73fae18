"""好差评 after service: five levels, on a screen turned to the citizen or entered by the
clerk from a rating pad (代录, marked as such).

Nothing is ever chosen for the citizen: no button is a default one, so Enter chooses nothing;
a level is picked by a click (or the keys 1–5 while the comment box does not have the focus:
there the digits are text) and recorded only by 提交评价 (or Ctrl+Enter). Esc, or closing the
dialog, records the service as 未评价.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hall_app.domain.followups import RATING_LEVELS
from hall_app.ui.labels import label

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class RatingDialog(QDialog):
    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level: int | None = None
        self.setWindowTitle(self.tr("请您对本次服务进行评价"))
        title = QLabel(self.tr("号票 {}：请您评价本次服务（自愿评价）").format(number))
        font = QFont(title.font())
        font.setPixelSize(26)
        title.setFont(font)
        self.hint = QLabel(self.tr("请点击一个评价等级，再点“提交评价”"))
        self.hint.setObjectName("ratingHint")
        self.comment = QLineEdit()
        self.comment.setObjectName("ratingComment")
        self.comment.setPlaceholderText(self.tr("意见或建议（可不填）"))
        self.pad = QCheckBox(self.tr("由工作人员按评价器结果代录"))
        # the picked level must be plain to see before it is submitted
        self.setStyleSheet("QPushButton:checked{background:#1565c0;color:white;font-weight:bold;}")
        self.levels = QButtonGroup(self)
        self.levels.setExclusive(True)
        layout = QGridLayout(self)
        layout.addWidget(title, 0, 0, 1, 5)
        for column, level in enumerate(sorted(RATING_LEVELS, reverse=True)):
            button = QPushButton(f"{label(RATING_LEVELS[level])}\n({level})")
            button.setObjectName(f"rate{level}")
            button.setCheckable(True)
            button.setAutoDefault(False)  # Enter must never choose a level
            button.setDefault(False)
            button.setMinimumHeight(90)
            button.setFont(font)
            button.clicked.connect(lambda _=False, v=level: self.choose(v))
            self.levels.addButton(button, level)
            layout.addWidget(button, 1, column)
            # a shortcut: the comment box takes printable keys first, so digits typed there
            # stay text; elsewhere in the dialog they pick the level
            QShortcut(QKeySequence(str(level)), self, lambda v=level: self.choose(v))
        layout.addWidget(self.hint, 2, 0, 1, 5)
        layout.addWidget(self.comment, 3, 0, 1, 5)
        layout.addWidget(self.pad, 4, 0, 1, 2)
        skip = QPushButton(self.tr("不评价 (Esc)"))
        skip.setObjectName("ratingSkip")
        skip.setAutoDefault(False)
        skip.clicked.connect(self.reject)
        self.submit = QPushButton(self.tr("提交评价 (Ctrl+Enter)"))
        self.submit.setObjectName("ratingSubmit")
        self.submit.setAutoDefault(False)
        self.submit.setEnabled(False)
        self.submit.clicked.connect(self.confirm)
        layout.addWidget(skip, 4, 2, 1, 1, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.submit, 4, 3, 1, 2, Qt.AlignmentFlag.AlignRight)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm)
        self.pad.setFocus()  # not the comment box: a clerk's digit keys pick a level

    def choose(self, level: int) -> None:
        """Pick a level (shown checked); it is recorded only when submitted."""
        self.level = level
        button = self.levels.button(level)
        if button is not None:
            button.setChecked(True)
        self.submit.setEnabled(True)
        self.hint.setText(
            self.tr("已选择：{}。确认后请点“提交评价”").format(label(RATING_LEVELS[level]))
        )

    def confirm(self) -> None:
        if self.level is None:
            self.hint.setText(self.tr("请先选择一个评价等级；不评价请按 Esc"))
            return
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # never a default choice: Enter (e.g. after typing a comment) records nothing
            if self.level is None:
                self.hint.setText(self.tr("请先选择一个评价等级；不评价请按 Esc"))
            event.accept()
            return
        super().keyPressEvent(event)

    @classmethod
    def ask(cls, parent: QWidget, number: str) -> tuple[int | None, str, bool] | None:
        """Modal question: (level, comment, entered from a rating pad); level None is
        未评价 (Esc). The dialog is deleted afterwards. Tests replace this classmethod (a stub
        returning None means nothing is recorded)."""
        dialog = cls(number, parent)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            level = dialog.level if accepted else None
            return level, dialog.comment.text(), dialog.pad.isChecked()
        finally:
            dialog.deleteLater()
