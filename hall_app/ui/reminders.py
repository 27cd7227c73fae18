"""The administrator's reminder that next year's holiday calendar is missing.

It lives in a status-bar widget of its own (never a temporary message, which runs under the
permanent widgets), short enough for 1366 px, with the details in its tooltip. Only an
administrator sees it: only an administrator can do something about it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class CalendarReminder(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarReminder")
        self.setStyleSheet("color:#ef6c00;")
        # never wider than its share of the status bar: the tooltip has the whole text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)
        self.hide()

    def show_missing(self, year: int) -> None:
        self.setText(
            QCoreApplication.translate(
                "CalendarReminder", "⚠ {} 年节假日安排未录入（用 hall-app calendar 录入）"
            ).format(year)
        )
        self.setToolTip(
            QCoreApplication.translate(
                "CalendarReminder",
                "{} 年的法定节假日和调休安排尚未录入：跨年办件的承诺日期暂按周一至周五推算。"
                "请在装有本系统的电脑上用命令 hall-app calendar 录入该年的安排。",
            ).format(year)
        )
        self.show()
