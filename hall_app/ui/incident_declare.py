"""The 应急事件 screen without an open incident: the declare form and the past incidents."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.services.context import ServiceContext
from hall_app.ui.common import table_view
from hall_app.ui.incident_models import CAUSES, IncidentListModel, incident_text


class DeclareForm(QWidget):
    """The declare form (cause, scope, start, how citizens are told, substitute channels)
    above the list of past incidents. ``declare_requested`` when its red button is pressed."""

    declare_requested = Signal()

    def __init__(self, ctx: ServiceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.start_edited = False  # the start time was set by hand, not "now"
        self.cause = QComboBox()
        self.cause.setEditable(True)
        self.cause.addItems([incident_text(c) for c in CAUSES])
        self.cause.setCurrentIndex(-1)
        edit = self.cause.lineEdit()
        assert edit is not None  # an editable combo box has one
        edit.setPlaceholderText(self.tr("如：网络中断、服务器故障、收费系统故障"))
        self.scope = QLineEdit(self.tr("全厅"))
        self.started = QDateTimeEdit()
        self.started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started.dateTimeChanged.connect(self._start_changed)
        now_button = QPushButton(self.tr("现在"))
        now_button.clicked.connect(self.reset_start)
        start_row = QHBoxLayout()
        start_row.addWidget(self.started, 1)
        start_row.addWidget(now_button)
        self.public_notice = QLineEdit()
        self.public_notice.setPlaceholderText(self.tr("如：入口张贴告示，导服口头告知"))
        self.substitutes = QLineEdit()
        self.substitutes.setPlaceholderText(self.tr("如：网上办、自助终端、邮寄"))
        declare = QPushButton(self.tr("宣布应急事件，转入人工兜底 (Ctrl+Enter)"))
        declare.setObjectName("declareButton")
        declare.setStyleSheet(
            "QPushButton{background:#c62828;color:white;padding:6px 16px;font-weight:bold;}"
        )
        declare.clicked.connect(self.declare_requested)
        box = QGroupBox(self.tr("宣布应急事件"))
        form = QFormLayout(box)
        form.addRow(self.tr("事件原因："), self.cause)
        form.addRow(self.tr("影响范围："), self.scope)
        form.addRow(self.tr("开始时间："), start_row)
        form.addRow(self.tr("如何告知群众："), self.public_notice)
        form.addRow(self.tr("替代渠道："), self.substitutes)
        form.addRow(declare)
        self.past = IncidentListModel(ctx.tz, self)
        self.past_table = table_view(self.past, stretch_column=8)
        past_box = QGroupBox(self.tr("历次应急事件"))
        QVBoxLayout(past_box).addWidget(self.past_table)
        box.setMaximumWidth(900)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(past_box, 1)
        self.reset_start()

    def _start_changed(self) -> None:
        self.start_edited = True

    def reset_start(self) -> None:
        """The start time back to now (to the minute), as if never edited."""
        local = self.ctx.local(self.ctx.now())
        self.started.blockSignals(True)
        self.started.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self.started.blockSignals(False)
        self.start_edited = False

    def started_at(self) -> dt.datetime | None:
        """The start typed in (hall time), or None for "now" (the service's clock)."""
        if not self.start_edited:
            return None
        day, time = self.started.date(), self.started.time()
        return dt.datetime(
            day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=self.ctx.tz
        )

    def clear(self) -> None:
        """After a declaration: an empty form for the next one."""
        self.cause.setCurrentIndex(-1)
        self.cause.clearEditText()
        self.public_notice.clear()
        self.substitutes.clear()
