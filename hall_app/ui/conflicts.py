"""The supervisor console's page of offline conflicts (离线冲突), open at any time — not only
during a declared incident — with the dialog that settles one for real (the offline outcome,
the online one, or a state set by hand, with a reason), and each terminal's offline numbers
as it last reported them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.fallback import BLOCK_KINDS, RECORD_KINDS, TICKET
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.ticket_states import TicketState
from hall_app.services.conflict_settle import MANUAL_STATES
from hall_app.services.context import Actor
from hall_app.services.fallback import ConflictView, ReserveView
from hall_app.services.hall import Hall
from hall_app.ui.common import MessageBar, table_view
from hall_app.ui.incident_models import ConflictModel
from hall_app.ui.labels import label
from hall_app.ui.models import ObjectRole, _Index, _ListModel
from hall_app.ui.worker import Runner

LOW_TICKETS = 10  # a terminal holding fewer offline tickets is shown in red


class ReserveModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "终端"),
        QT_TRANSLATE_NOOP("Models", "应急号票余量"),
        QT_TRANSLATE_NOOP("Models", "号段大小"),
        QT_TRANSLATE_NOOP("Models", "文书编号余量"),
        QT_TRANSLATE_NOOP("Models", "上报时间"),
    )

    def __init__(self, tz: dt.tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: ReserveView = self._rows[index.row()]
        tickets = r.left.get(TICKET, 0)
        if role == Qt.ItemDataRole.DisplayRole:
            others = "，".join(
                f"{label(BLOCK_KINDS[k])} {n}"
                for k, n in r.left.items()
                if k != TICKET and k in BLOCK_KINDS
            )
            return (
                r.terminal,
                str(tickets),
                str(r.ticket_block),
                others,
                f"{r.reported_at.astimezone(self.tz):%m-%d %H:%M}",
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and tickets < LOW_TICKETS:
            return QColor("#c62828")
        if role == ObjectRole:
            return r
        return None


class SettleDialog(QDialog):
    """处理离线冲突: which outcome stands, and why. ``settled(outcome, state, reason)``."""

    settled = Signal(str, str, str)

    def __init__(
        self, conflict: ConflictView, tz: dt.tzinfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("处理离线冲突 {}").format(conflict.reference))
        self.conflict = conflict
        kind = label(RECORD_KINDS.get(conflict.kind, conflict.kind))
        detail = QLabel(
            self.tr("{}（{}，终端 {}，工号 {}，{}）：\n{}").format(
                conflict.reference,
                kind,
                conflict.terminal,
                conflict.staff_no,
                f"{conflict.original_at.astimezone(tz):%m-%d %H:%M}",
                conflict.detail,
            )
        )
        detail.setWordWrap(True)
        detail.setObjectName("conflictDetail")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            self.tr("确认处理"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setObjectName("settleConfirm")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("settleReason")
        self.reason.setPlaceholderText(self.tr("处理原因，如：已与3号窗口核实，市民已办结"))
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.reason.fontMetrics().lineSpacing() * 5)
        self.reason.textChanged.connect(self.check)
        self.offline = QRadioButton(self.tr("采用离线结果（按离线时的时间和窗口记入号票）"))
        self.online = QRadioButton(self.tr("保留联网结果（服务器上的状态不变，离线记录关闭）"))
        self.manual = QRadioButton(self.tr("手工指定状态："))
        self.state = QComboBox()
        for state in MANUAL_STATES:
            self.state.addItem(QCoreApplication.translate("labels", state.label), state.value)
        self.group = QButtonGroup(self)
        for button in (self.offline, self.online, self.manual):
            self.group.addButton(button)
            button.toggled.connect(self.check)
        if conflict.settleable:
            self.offline.setChecked(True)
        else:
            self.online.setChecked(True)
            self.offline.setEnabled(False)
            self.manual.setEnabled(False)
            self.offline.setToolTip(self.tr("只有叫号、办结、过号记录可以采用离线结果"))
        manual_row = QHBoxLayout()
        manual_row.addWidget(self.manual)
        manual_row.addWidget(self.state, 1)
        form = QFormLayout(self)
        form.addRow(detail)
        form.addRow(self.offline)
        form.addRow(self.online)
        form.addRow(manual_row)
        form.addRow(self.tr("处理原因："), self.reason)
        form.addRow(self.buttons)
        self.resize(640, self.sizeHint().height())
        self.check()
        self.reason.setFocus()

    def outcome(self) -> str:
        if self.manual.isChecked():
            return "state"
        return "offline" if self.offline.isChecked() else "online"

    def check(self) -> None:
        self.state.setEnabled(self.manual.isChecked())
        self.ok.setEnabled(bool(self.reason.toPlainText().strip()))

    @classmethod
    def ask(
        cls, parent: QWidget, conflict: ConflictView, tz: dt.tzinfo
    ) -> tuple[str, str, str] | None:
        """Modal (the incident console's 处理冲突): (outcome, state, reason), or None."""
        dialog = cls(conflict, tz, parent)
        answer: list[tuple[str, str, str]] = []
        dialog.settled.connect(lambda *args: answer.append(args))
        dialog.exec()
        dialog.deleteLater()
        return answer[0] if answer else None

    def accept(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            return
        state = self.state.currentData() if self.outcome() == "state" else ""
        super().accept()
        self.settled.emit(self.outcome(), state, reason)


class ConflictsView(QWidget):
    """值班长: 离线冲突 — every open conflict at any time, settled here; and each terminal's
    offline numbers."""

    count_changed = Signal(int)

    def __init__(
        self, hall: Hall, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.dialog: SettleDialog | None = None
        self.message = MessageBar(self)
        self.conflicts = ConflictModel(hall.ctx.tz, self)
        self.table = table_view(self.conflicts, stretch_column=5)
        self.table.setObjectName("openConflictTable")
        note = QLabel(
            self.tr(
                "离线工作合并时与服务器记录不一致的操作。请核实后选择以哪一方为准："
                "处理结果会直接改正号票状态，并通知各终端。"
            )
        )
        note.setWordWrap(True)
        self.settle_action = QAction(self.tr("处理所选冲突…"), self)
        self.settle_action.setObjectName("action_settle_conflict")
        self.settle_action.setShortcut(QKeySequence("Ctrl+Shift+J"))
        self.settle_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.settle_action.triggered.connect(self.settle_selected)
        self.addAction(self.settle_action)
        self.table.activated.connect(lambda _index: self.settle_selected())
        button = QToolButton()
        button.setDefaultAction(self.settle_action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.reserves = ReserveModel(hall.ctx.tz, self)
        self.reserve_table = table_view(self.reserves, stretch_column=3)
        self.reserve_table.setObjectName("reserveTable")
        reserve_box = QGroupBox(self.tr("各终端离线号码余量（终端联网时上报）"))
        QVBoxLayout(reserve_box).addWidget(self.reserve_table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(note)
        layout.addWidget(self.table, 3)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(reserve_box, 2)
        self.table.selectionModel().selectionChanged.connect(self._update_action)
        self.conflicts.modelReset.connect(self._update_action)
        self._update_action()

    def refresh(self) -> None:
        fallback = self.hall.fallback
        self.runner.run(
            lambda: (fallback.conflicts(), fallback.reserves()),
            self._apply,
            self.message.show_error,
        )

    def _apply(self, result: tuple[list[ConflictView], list[ReserveView]]) -> None:
        conflicts, reserves = result
        self.conflicts.set_rows(conflicts)
        self.reserves.set_rows(reserves)
        if conflicts and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self.count_changed.emit(len(conflicts))

    def selected(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.conflicts.row(rows[0].row()) if rows else None

    def _update_action(self, *_: object) -> None:
        self.settle_action.setEnabled(self.selected() is not None)

    def settle_selected(self) -> None:
        conflict = self.selected()
        if conflict is None:
            self.message.show_message(self.tr("请先选择一条冲突"), "error")
            return
        self.open_settle(conflict)

    def open_settle(self, conflict: ConflictView) -> SettleDialog:
        self.dialog = SettleDialog(conflict, self.hall.ctx.tz, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.settled.connect(
            lambda outcome, state, reason: self.settle(conflict, outcome, state, reason)
        )
        self.dialog.destroyed.connect(self._forget_dialog)
        self.dialog.open()
        return self.dialog

    def _forget_dialog(self, *_: object) -> None:
        self.dialog = None

    def settle(self, conflict: ConflictView, outcome: str, state: str, reason: str) -> None:
        hall, actor = self.hall, self.actor

        def done(result: str) -> None:
            text = self.tr("冲突 {} 已处理").format(conflict.reference)
            if result:
                label = QCoreApplication.translate("labels", TicketState(result).label)
                text += self.tr("：号票现为「{}」").format(label)
            self.message.show_message(text, "ok")
            self.refresh()

        self.runner.run(
            lambda: hall.fallback.resolve(actor, conflict.key, reason, outcome, state or None),
            done,
            self.message.show_error,
        )
