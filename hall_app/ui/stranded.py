"""The supervisor's list of tickets left in hand at unattended windows (a closed window, or
a terminal silent for the hall's ``terminal.silent_minutes``), with one action to put the
selected ones back in their lanes, each keeping its original queue time."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolButton, QVBoxLayout, QWidget

from hall_app.domain.errors import KnownError
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.terminals import StrandedTicket
from hall_app.ui.common import MessageBar, table_view
from hall_app.ui.models import ObjectRole, SortRole, _Index, _ListModel
from hall_app.ui.worker import Runner

REFRESH_MS = 30 * 1000  # a terminal going silent announces no change: look again


def _tr(text: str) -> str:
    return QCoreApplication.translate("Stranded", text)


class StrandedModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "号票"),
        QT_TRANSLATE_NOOP("Models", "状态"),
        QT_TRANSLATE_NOOP("Models", "业务类别"),
        QT_TRANSLATE_NOOP("Models", "窗口"),
        QT_TRANSLATE_NOOP("Models", "叫号时间"),
        QT_TRANSLATE_NOOP("Models", "原因"),
        QT_TRANSLATE_NOOP("Models", "终端最后响应"),
    )

    def __init__(self, tz: zoneinfo.ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz

    def _clock(self, moment: dt.datetime | None) -> str:
        return moment.astimezone(self.tz).strftime("%H:%M") if moment else "—"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        t: StrandedTicket = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            reason = _tr(t.reason.label)
            if t.holder_name:
                reason = QCoreApplication.translate("Stranded", "{}（{}）").format(
                    reason, t.holder_name
                )
            return (
                t.number,
                t.state.label,
                t.lane_name,
                QCoreApplication.translate("Models", "{}号").format(t.window_number),
                self._clock(t.called_at),
                reason,
                self._clock(t.last_seen_at),
            )[col]
        if role == SortRole:
            return (
                t.number,
                t.state.value,
                t.lane_name,
                t.window_number,
                t.called_at.timestamp() if t.called_at else 0,
                t.reason.value,
                t.last_seen_at.timestamp() if t.last_seen_at else 0,
            )[col]
        if role == ObjectRole:
            return t
        return None


class StrandedView(QWidget):
    """值班长: 滞留号票 — tickets nobody at their window will finish."""

    count_changed = Signal(int)

    def __init__(
        self, hall: Hall, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.runner = runner
        self.actor = actor
        self.message = MessageBar(self)
        self.model = StrandedModel(hall.ctx.tz, self)
        self.table = table_view(self.model, stretch_column=5)
        self.table.setObjectName("strandedTable")
        note = QLabel(
            self.tr(
                "已叫号或办理中、但窗口已关闭或窗口终端长时间无响应（死机、断电、断网）的号票。"
                "退回后按原取号时间重新排队，不算过号。"
            )
        )
        note.setWordWrap(True)
        self.return_action = QAction(self.tr("退回队列（保留原排队时间）"), self)
        self.return_action.setObjectName("action_return_stranded")
        self.return_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.return_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.return_action.triggered.connect(self.return_selected)
        self.addAction(self.return_action)
        button = QToolButton()
        button.setDefaultAction(self.return_action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.table.selectionModel().selectionChanged.connect(self._update_action)
        self.model.modelReset.connect(self._update_action)
        self._update_action()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)

    def refresh(self) -> None:
        self.runner.run(self.hall.terminals.stranded, self._apply, self.message.show_error)

    def _apply(self, rows: list[StrandedTicket]) -> None:
        self.model.set_rows(rows)
        self.count_changed.emit(len(rows))

    def selected_numbers(self) -> list[str]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.row(r).number for r in sorted(rows)]

    def _update_action(self, *_: object) -> None:
        self.return_action.setEnabled(bool(self.selected_numbers()))

    def return_selected(self) -> None:
        numbers = self.selected_numbers()
        if not numbers:
            return
        hall, actor = self.hall, self.actor

        def done(returned: list[str]) -> None:
            self.message.show_message(
                self.tr("已退回队列：{}（按原排队时间）").format("、".join(returned)), "ok"
            )
            self.refresh()

        def failed(error: KnownError) -> None:
            self.message.show_error(error)
            self.refresh()

        self.return_action.setEnabled(False)
        self.runner.run(lambda: hall.terminals.return_stranded(actor, numbers), done, failed)
