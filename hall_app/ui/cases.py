"""办件: accepted cases with their promised dates, flagged when due soon or overdue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.cases import ClockState
from hall_app.domain.errors import KnownError
from hall_app.services.context import Actor
from hall_app.services.documents import CaseView
from hall_app.services.hall import Hall
from hall_app.ui.common import FormDialog, MessageBar, dispose_on_close, table_view
from hall_app.ui.labels import label
from hall_app.ui.models import ObjectRole, _ListModel
from hall_app.ui.output import Printed, save_document
from hall_app.ui.preview import PreviewDialog
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner

_Index = QModelIndex | QPersistentModelIndex
_COLORS = {
    ClockState.DUE_SOON: "#ef6c00",
    ClockState.OVERDUE: "#c62828",
    ClockState.COMPLETED_LATE: "#c62828",
    ClockState.PAUSED: "#757575",
    ClockState.COMPLETED: "#2e7d32",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cases", text)


class CaseTableModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Cases", "办件编号"),
        QT_TRANSLATE_NOOP("Cases", "事项"),
        QT_TRANSLATE_NOOP("Cases", "申请人"),
        QT_TRANSLATE_NOOP("Cases", "受理日期"),
        QT_TRANSLATE_NOOP("Cases", "承诺办结日期"),
        QT_TRANSLATE_NOOP("Cases", "剩余工作日"),
        QT_TRANSLATE_NOOP("Cases", "状态"),
        QT_TRANSLATE_NOOP("Cases", "窗口/经办人"),
    )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.headers[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c: CaseView = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            due = c.due.isoformat() if c.due else QCoreApplication.translate("Cases", "暂停中")
            if c.warning:
                due += " *"
            left = "—" if c.days_left is None else str(c.days_left)
            window = f"{c.window_number}号 {c.clerk_name}" if c.window_number else c.clerk_name
            return (c.case_no, c.subject_name, c.applicant_name, c.accepted_on.isoformat(), due,
                    left, label(c.state.label), window)[col]
        if role == Qt.ItemDataRole.ForegroundRole and col in (4, 5, 6) and c.state in _COLORS:
            return QBrush(QColor(_COLORS[c.state]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.warning or None
        if role == ObjectRole:
            return c
        return None


class ExtendDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = QSpinBox()
        self.days.setRange(1, 30)
        self.days.setValue(5)
        self.approver = QLineEdit()
        self.reason = QLineEdit()
        self.build(QCoreApplication.translate("Cases", "延长承诺时限（只能延长一次）"),
                   [(QCoreApplication.translate("Cases", "延长工作日："), self.days), (QCoreApplication.translate("Cases", "批准人："), self.approver),
                    (QCoreApplication.translate("Cases", "理由："), self.reason)], QCoreApplication.translate("Cases", "确定"))

    def values(self) -> tuple[int, str, str]:
        return self.days.value(), self.approver.text(), self.reason.text()


class CasesView(QWidget):
    flags_changed = Signal(int, int)  # due soon, overdue

    def __init__(self, hall: Hall, runner: Runner, actor: Actor, settings: Settings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.message = MessageBar(self)
        self.model = CaseTableModel(self)
        self.table = table_view(self.model, stretch_column=1)
        self.table.setObjectName("caseTable")
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.mine = QCheckBox(QCoreApplication.translate("Cases", "只看本窗口"))
        self.mine.setChecked(actor.window_number is not None)
        self.mine.setEnabled(actor.window_number is not None)
        self.open_only = QCheckBox(QCoreApplication.translate("Cases", "只看未办结"))
        self.open_only.setChecked(True)
        for box in (self.mine, self.open_only):
            box.toggled.connect(self.refresh)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.mine)
        row.addWidget(self.open_only)
        row.addStretch(1)
        for name, text in (("complete", QCoreApplication.translate("Cases", "办结")), ("pause", QCoreApplication.translate("Cases", "暂停计时")),
                           ("resume", QCoreApplication.translate("Cases", "恢复计时")), ("extend", QCoreApplication.translate("Cases", "延长时限…")),
                           ("reprint", QCoreApplication.translate("Cases", "补打回执"))):
            button = QPushButton(text)
            button.setObjectName(f"case_{name}")
            button.clicked.connect(lambda _=False, n=name: self.act(n))
            row.addWidget(button)
            self.buttons[name] = button
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        hall = self.hall
        window = self.actor.window_number if self.mine.isChecked() else None
        open_only = self.open_only.isChecked()
        self.runner.run(lambda: hall.documents.cases(open_only=open_only, window_number=window),
                        self._show, self.message.show_error)

    def _show(self, cases: list[CaseView]) -> None:
        self.model.set_rows(cases)
        due = sum(c.state is ClockState.DUE_SOON for c in cases)
        overdue = sum(c.state is ClockState.OVERDUE for c in cases)
        self.flags_changed.emit(due, overdue)

    def selected(self) -> CaseView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def act(self, name: str) -> None:
        case = self.selected()
        if case is None:
            self.message.show_message(QCoreApplication.translate("Cases", "请先选择一个办件"), "error")
            return
        hall, actor, no = self.hall, self.actor, case.case_no
        docs = hall.documents
        if name == "extend":
            answer = ExtendDialog.ask(self)
            if answer is None:
                return
            days, approver, reason = answer

            def work() -> object:
                return docs.extend(actor, no, days, approver, reason)
        elif name == "pause":
            work = lambda: docs.pause(actor, no, QCoreApplication.translate("Cases", "等待补正材料"))  # noqa: E731
        elif name == "reprint":
            from hall_app.printing.receipt import render_receipt_a4

            def work() -> object:
                data = docs.reprint_receipt(actor, no)
                return save_document(hall, actor, render_receipt_a4(data), "receipt", no)
        else:
            work = lambda: getattr(docs, name)(actor, no)  # noqa: E731

        def done(result: object) -> None:
            self.message.show_message(QCoreApplication.translate("Cases", "{}：{}完成").format(no, self.buttons[name].text()), "ok")
            if isinstance(result, Printed):
                dispose_on_close(PreviewDialog(
                    hall, self.runner, actor, self.settings, result,
                    QCoreApplication.translate("Cases", "受理回执 {}（补打）").format(no), self)).open()
            self.refresh()

        def failed(error: KnownError) -> None:
            self.message.show_error(error)

        self.runner.run(work, done, failed)
