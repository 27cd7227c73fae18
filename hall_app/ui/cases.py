"""办件: accepted cases with their promised and legal dates, flagged when due soon, past the
promise (超承诺期), past the legal date, or with a 容缺后补 material overdue; pauses with a
kind, the extension of the promise, the one legal extension of a licence with its notice."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain import legal
from hall_app.domain.cases import ClockState
from hall_app.domain.errors import KnownError
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.roles import Permission
from hall_app.services.context import Actor
from hall_app.services.documents import CaseView
from hall_app.services.hall import Hall
from hall_app.ui import reveal
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
    ClockState.PROMISE_MISSED: "#d84315",
    ClockState.OVERDUE: "#c62828",
    ClockState.COMPLETED_LATE: "#c62828",
    ClockState.PAUSED: "#757575",
    ClockState.COMPLETED: "#2e7d32",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Cases", text)


def _days(count: int, unit: str) -> str:
    if unit == legal.NATURAL_DAYS:
        return QCoreApplication.translate("Cases", "{} 天").format(count)
    return QCoreApplication.translate("Cases", "{} 个工作日").format(count)


def _deferred(c: CaseView) -> str:
    if not c.deferred:
        return ""
    if c.deferred_overdue:
        return QCoreApplication.translate("Cases", "逾期 {} 项").format(c.deferred_overdue)
    if not c.deferred_open:
        return QCoreApplication.translate("Cases", "已补齐")
    first = min(d.due_on for d in c.deferred if d.received_on is None and d.due_on)
    return QCoreApplication.translate("Cases", "待补 {} 项（{} 前）").format(
        c.deferred_open, first.strftime("%m-%d")
    )


class CaseTableModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Cases", "办件编号"),
        QT_TRANSLATE_NOOP("Cases", "事项"),
        QT_TRANSLATE_NOOP("Cases", "申请人"),
        QT_TRANSLATE_NOOP("Cases", "受理日期"),
        QT_TRANSLATE_NOOP("Cases", "承诺办结日期"),
        QT_TRANSLATE_NOOP("Cases", "剩余"),
        QT_TRANSLATE_NOOP("Cases", "法定办结日期"),
        QT_TRANSLATE_NOOP("Cases", "状态"),
        QT_TRANSLATE_NOOP("Cases", "容缺后补"),
        QT_TRANSLATE_NOOP("Cases", "告知单"),
        QT_TRANSLATE_NOOP("Cases", "窗口/经办人"),
    )
    DUE, LEFT, LEGAL, STATE, DEFERRED = 4, 5, 6, 7, 8

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
            return self._text(c, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.DEFERRED and c.deferred_overdue:
                return QBrush(QColor(_COLORS[ClockState.OVERDUE]))
            if col in (self.DUE, self.LEFT, self.STATE) and c.state in _COLORS:
                return QBrush(QColor(_COLORS[c.state]))
            if col == self.LEGAL and c.state is ClockState.OVERDUE:
                return QBrush(QColor(_COLORS[ClockState.OVERDUE]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(c) or None
        if role == ObjectRole:
            return c
        return None

    @staticmethod
    def _text(c: CaseView, col: int) -> str:
        paused = QCoreApplication.translate("Cases", "暂停中")
        if c.instant and c.due is not None:
            due = QCoreApplication.translate("Cases", "{}（即办）").format(c.due.isoformat())
        else:
            due = c.due.isoformat() if c.due else paused
        if c.warning:
            due += " *"
        legal_due = c.legal_due.isoformat() if c.legal_due else paused
        if c.legal_extension_days:
            legal_due += QCoreApplication.translate("Cases", "（已依法延长）")
        left = "—" if c.days_left is None else _days(c.days_left, c.limit_unit)
        state = label(c.state.label)
        if c.pause_kind:
            state += f"（{label(c.pause_kind)}）"
        window = f"{c.window_number}号 {c.clerk_name}" if c.window_number else c.clerk_name
        return (
            c.case_no,
            c.subject_name,
            c.applicant_name,
            c.accepted_on.isoformat(),
            due,
            left,
            legal_due,
            state,
            _deferred(c),
            str(c.notices) if c.notices else "",
            window,
        )[col]

    @staticmethod
    def _tip(c: CaseView) -> str:
        parts = [
            QCoreApplication.translate("Cases", "承诺时限 {}；法定时限 {}").format(
                _days(c.limit_days + c.extension_days, c.limit_unit),
                _days(c.legal_days, c.legal_unit),
            )
        ]
        if c.restarted_on:
            parts.append(
                QCoreApplication.translate("Cases", "补正材料 {} 收到，时限自次日重新计算").format(
                    c.restarted_on.isoformat()
                )
            )
        parts += [
            QCoreApplication.translate("Cases", "{}：{} 前补齐").format(
                d.name, d.due_on.isoformat() if d.due_on else "—"
            )
            for d in c.deferred
            if d.received_on is None
        ]
        if c.warning:
            parts.append(c.warning)
        return "\n".join(parts)


class ExtendDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = QSpinBox()
        self.days.setRange(1, 30)
        self.days.setValue(5)
        self.approver = QLineEdit()
        self.reason = QLineEdit()
        self.build(
            QCoreApplication.translate("Cases", "延长承诺时限（只能延长一次）"),
            [
                (QCoreApplication.translate("Cases", "延长天数（按承诺时限的单位）："), self.days),
                (QCoreApplication.translate("Cases", "批准人："), self.approver),
                (QCoreApplication.translate("Cases", "理由："), self.reason),
            ],
            QCoreApplication.translate("Cases", "确定"),
        )

    def values(self) -> tuple[int, str, str]:
        return self.days.value(), self.approver.text(), self.reason.text()


class PauseDialog(FormDialog):
    """暂停计时: the kind (a correction, or a step the law leaves out of the limit) and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for kind in legal.PAUSE_KINDS:
            self.kind.addItem(label(kind), kind)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(
            QCoreApplication.translate("Cases", "如：等待申请人补正营业执照经营范围")
        )
        self.build(
            QCoreApplication.translate("Cases", "暂停计时（法定时限与承诺时限同时暂停）"),
            [
                (QCoreApplication.translate("Cases", "暂停类型："), self.kind),
                (QCoreApplication.translate("Cases", "原因："), self.reason),
            ],
            QCoreApplication.translate("Cases", "暂停"),
        )

    def values(self) -> tuple[str, str]:
        return str(self.kind.currentData()), self.reason.text()


class LegalExtensionDialog(FormDialog):
    """行政许可法 第四十二条: ten working days more, with the head of the office's approval."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.approver = QLineEdit()
        self.approver.setPlaceholderText(
            QCoreApplication.translate("Cases", "批准的本机关负责人，如：县市场监管局局长 王某")
        )
        self.reason = QLineEdit()
        self.build(
            QCoreApplication.translate(
                "Cases", "依法延长办理期限 {} 个工作日（行政许可，只能延长一次）"
            ).format(legal.LICENCE_EXTENSION_DAYS),
            [
                (QCoreApplication.translate("Cases", "批准人："), self.approver),
                (QCoreApplication.translate("Cases", "理由："), self.reason),
            ],
            QCoreApplication.translate("Cases", "延长并打印告知书"),
        )

    def values(self) -> tuple[str, str]:
        return self.approver.text(), self.reason.text()


class DeferredDialog(FormDialog):
    """Tick a 容缺后补 material as received."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.material = QComboBox()
        self.material.addItems(names)
        self.build(
            QCoreApplication.translate("Cases", "容缺后补材料已收到"),
            [(QCoreApplication.translate("Cases", "材料："), self.material)],
            QCoreApplication.translate("Cases", "确认收到"),
        )

    def values(self) -> int:
        return self.material.currentIndex()

    @classmethod
    def ask(cls, parent: QWidget, names: list[str] | None = None) -> int | None:
        dialog = cls(names or [], parent)
        try:
            if dialog.exec() != FormDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()


class CasesView(QWidget):
    flags_changed = Signal(int, int)  # due soon, overdue

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ):
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
        self.with_pauses = QCheckBox(QCoreApplication.translate("Cases", "补打时列出暂停计时"))
        self.with_pauses.setObjectName("reprintWithPauses")
        self.buttons: dict[str, QPushButton] = {}
        filters = QHBoxLayout()  # the filters, then the actions on a row of their own (1366 px)
        filters.addWidget(self.mine)
        filters.addWidget(self.open_only)
        filters.addWidget(self.with_pauses)
        filters.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        for name, text in (
            ("complete", QCoreApplication.translate("Cases", "办结")),
            ("pause", QCoreApplication.translate("Cases", "暂停计时…")),
            ("resume", QCoreApplication.translate("Cases", "恢复计时")),
            ("extend", QCoreApplication.translate("Cases", "延长承诺时限…")),
            ("extend_legal", QCoreApplication.translate("Cases", "依法延长…")),
            ("deferred", QCoreApplication.translate("Cases", "容缺材料收到…")),
            ("reprint", QCoreApplication.translate("Cases", "补打回执")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"case_{name}")
            button.clicked.connect(lambda _=False, n=name: self.act(n))
            row.addWidget(button)
            self.buttons[name] = button
        for name in ("extend", "extend_legal"):  # a supervisor's (or as the hall grants)
            self.buttons[name].setVisible(actor.may(Permission.EXTEND_CASE))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(filters)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.reveal_action = reveal.install(self)  # 查看完整证件号码, Ctrl+Shift+I

    def refresh(self) -> None:
        hall = self.hall
        window = self.actor.window_number if self.mine.isChecked() else None
        open_only = self.open_only.isChecked()
        self.runner.run(
            lambda: hall.documents.cases(self.actor, open_only=open_only, window_number=window),
            self._show,
            self.message.show_error,
        )

    def _show(self, cases: list[CaseView]) -> None:
        self.model.set_rows(cases)
        due = sum(c.state is ClockState.DUE_SOON for c in cases)
        # red: past the legal date, past the promise, or a 容缺 material past its date
        overdue = sum(
            c.state in (ClockState.OVERDUE, ClockState.PROMISE_MISSED) or c.deferred_overdue > 0
            for c in cases
        )
        self.flags_changed.emit(due, overdue)

    def selected(self) -> CaseView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def act(self, name: str) -> None:
        case = self.selected()
        if case is None:
            self.message.show_message(
                QCoreApplication.translate("Cases", "请先选择一个办件"), "error"
            )
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
            paused = PauseDialog.ask(self)
            if paused is None:
                return
            kind, why = paused
            work = lambda: docs.pause(actor, no, why, kind)  # noqa: E731
        elif name == "extend_legal":
            extension = LegalExtensionDialog.ask(self)
            if extension is None:
                return
            approver, why = extension

            def work() -> object:
                from hall_app.ui.acceptance import extension_document

                return extension_document(hall, actor, docs.extend_legal(actor, no, approver, why))
        elif name == "deferred":
            waiting = [d for d in case.deferred if d.received_on is None]
            if not waiting:
                self.message.show_message(
                    QCoreApplication.translate("Cases", "该办件没有待补的容缺材料"), "error"
                )
                return
            picked = DeferredDialog.ask(self, [d.name for d in waiting])
            if picked is None:
                return
            material_id = waiting[picked].id
            work = lambda: docs.receive_deferred(actor, material_id)  # noqa: E731
        elif name == "reprint":
            from hall_app.printing.receipt import render_receipt_a4

            with_pauses = self.with_pauses.isChecked()

            def work() -> object:
                data = docs.reprint_receipt(actor, no, with_pauses=with_pauses)
                return save_document(hall, actor, render_receipt_a4(data), "receipt", no)
        else:
            work = lambda: getattr(docs, name)(actor, no)  # noqa: E731

        def done(result: object) -> None:
            self.message.show_message(
                QCoreApplication.translate("Cases", "{}：{}完成").format(
                    no, self.buttons[name].text()
                ),
                "ok",
            )
            if isinstance(result, Printed):
                title = (
                    QCoreApplication.translate("Cases", "延长办理期限告知书 {}")
                    if name == "extend_legal"
                    else QCoreApplication.translate("Cases", "受理回执 {}（补打）")
                ).format(no)
                dispose_on_close(
                    PreviewDialog(hall, self.runner, actor, self.settings, result, title, self)
                ).open()
            self.refresh()

        def failed(error: KnownError) -> None:
            self.message.show_error(error)

        self.runner.run(work, done, failed)
