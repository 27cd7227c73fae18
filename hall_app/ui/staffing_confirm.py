"""Confirming a staffing step (人员调配): a proposal, a remedy for an overflowing lane, or
lifting a remedy. The dialog repeats the figures the step rests on, line by line; a remedy
also asks from when it applies (a cut-off time, default now, never earlier than now)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Answer:
    starts_at: dt.datetime | None  # the cut-off asked for (a remedy), else None


class StaffingConfirm(QDialog):
    def __init__(
        self,
        title: str,
        lines: list[str],
        confirm: str,
        starts_at: dt.datetime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``starts_at``: ask from when (local time, today), defaulting to and not before it."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.setMaximumWidth(900)
        self.starts_at = starts_at
        layout = QVBoxLayout(self)
        for k, line in enumerate(lines):
            label = QLabel(line)
            label.setObjectName(f"line{k}")
            label.setWordWrap(True)
            if k == 0:
                label.setStyleSheet("font-weight:bold;")
            layout.addWidget(label)
        self.time: QTimeEdit | None = None
        if starts_at is not None:
            now = QTime(starts_at.hour, starts_at.minute)
            self.time = QTimeEdit(now)
            self.time.setObjectName("startsAt")
            self.time.setDisplayFormat("HH:mm")
            self.time.setMinimumTime(now)
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("自此时起（截止时间之后新到的群众）：")))
            row.addWidget(self.time)
            row.addStretch(1)
            layout.addLayout(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(confirm)
        self.ok.setObjectName("confirmStaffing")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> Answer:
        if self.time is None or self.starts_at is None:
            return Answer(None)
        chosen = self.time.time()
        at = self.starts_at.replace(hour=chosen.hour(), minute=chosen.minute())
        return Answer(max(at, self.starts_at))

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        title: str,
        lines: list[str],
        confirm: str,
        starts_at: dt.datetime | None = None,
    ) -> Answer | None:
        """Modal question; None when cancelled. Tests replace this classmethod."""
        dialog = cls(title, lines, confirm, starts_at, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()
