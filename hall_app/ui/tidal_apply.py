"""Confirming a window change (a proposal or a manual reassignment): the full calling order
before → after, until when (default: in 2 hours or at the end of the session; "until
further notice" only when chosen), and — when the rules refuse the change — the reasons and
a supervisor's override with a written reason."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from hall_app.services.tidal import ChangePreview


class ApplyChangeDialog(QDialog):
    def __init__(
        self, preview: ChangePreview, default_until: dt.datetime, parent: QWidget | None = None
    ) -> None:
        """``default_until`` is ``preview.default_until`` in the hall's time zone."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("确认调整窗口业务"))
        self.setMinimumWidth(420)
        self.default_until = default_until
        layout = QVBoxLayout(self)
        for number, old, new in preview.windows:
            label = QLabel(self.tr("{}号窗口：{} → {}").format(number, old, new))
            label.setObjectName(f"order{number}")
            label.setWordWrap(True)
            layout.addWidget(label)

        self.temporary = QRadioButton(self.tr("临时调整，至"))
        self.temporary.setObjectName("untilTemporary")
        self.until = QTimeEdit(QTime(default_until.hour, default_until.minute))
        self.until.setObjectName("untilTime")
        self.until.setDisplayFormat("HH:mm")
        self.permanent = QRadioButton(self.tr("长期有效（直至另行调整）"))
        self.permanent.setObjectName("untilFurtherNotice")
        group = QButtonGroup(self)
        group.addButton(self.temporary)
        group.addButton(self.permanent)
        self.temporary.setChecked(True)
        self.permanent.toggled.connect(lambda on: self.until.setEnabled(not on))
        row = QHBoxLayout()
        row.addWidget(self.temporary)
        row.addWidget(self.until)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.permanent)

        self.override = QCheckBox(self.tr("仍要调整（值班长确认，须写明理由，记入审计）"))
        self.override.setObjectName("override")
        self.override_reason = QLineEdit()
        self.override_reason.setObjectName("overrideReason")
        self.override_reason.setPlaceholderText(self.tr("理由（必填）"))
        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color:#c62828;")
        if preview.problems:
            self.problems.setText(self.tr("按规则不能调整：") + "；".join(preview.problems))
            layout.addWidget(self.problems)
            layout.addWidget(self.override)
            layout.addWidget(self.override_reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("确认调整"))
        self.ok.setObjectName("confirmChange")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._refused = bool(preview.problems)
        self.override.toggled.connect(self._update)
        self.override_reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(
            not self._refused
            or (self.override.isChecked() and bool(self.override_reason.text().strip()))
        )

    def values(self) -> tuple[dt.datetime | None, str]:
        """(end time or None for until further notice, override reason or "")."""
        until = None
        if not self.permanent.isChecked():
            chosen = self.until.time()
            time = dt.time(chosen.hour(), chosen.minute(), chosen.second())
            until = dt.datetime.combine(self.default_until.date(), time, self.default_until.tzinfo)
        reason = self.override_reason.text().strip() if self._refused else ""
        return until, reason

    @classmethod
    def ask(
        cls, parent: QWidget, preview: ChangePreview, default_until: dt.datetime
    ) -> tuple[dt.datetime | None, str] | None:
        """Modal question; tests replace this classmethod. Deleted after use."""
        dialog = cls(preview, default_until, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()
