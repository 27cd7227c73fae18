"""The window clerk's screen: the ticket in hand and the keys to move it on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.followups import rating_label
from hall_app.domain.ticket_states import (
    HALL_DEFAULT,
    Action,
    TicketFacts,
    TicketRules,
    next_state,
    rules_from,
)
from hall_app.domain.tickets import Priority, TicketState
from hall_app.services.context import Actor
from hall_app.services.followups import FollowUpView
from hall_app.services.hall import Hall
from hall_app.services.queues import QueueStatus
from hall_app.services.tickets import TicketView
from hall_app.ui.casework import Casework, Issued
from hall_app.ui.change_banner import WindowChangeBanner
from hall_app.ui.common import MessageBar, Operations, big_label, table_view
from hall_app.ui.desk_keys import WINDOW_KEYS, label_of
from hall_app.ui.labels import label as _label
from hall_app.ui.models import LaneTableModel, minutes_text
from hall_app.ui.no_show import NoShowConfirm
from hall_app.ui.rating import RatingDialog
from hall_app.ui.settings import ASK_RATING, Settings
from hall_app.ui.transfer import TransferDialog, targets_from
from hall_app.ui.worker import Runner

__all__ = ["ClerkView", "TransferDialog"]


@dataclass(frozen=True)
class _Snapshot:
    current: TicketView | None
    status: QueueStatus
    rules: TicketRules


class ClerkView(QWidget):
    ticket_changed = Signal(object)  # TicketView | None

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        assert actor.window_number is not None
        self.hall = hall
        self.runner = runner
        self.actor = actor
        self.settings = settings
        self.window_number = actor.window_number
        self.current: TicketView | None = None
        self.status: QueueStatus | None = None
        self.rules = HALL_DEFAULT  # the hall's ticket rules, read with each refresh
        self.locked = False  # the window was taken over by a login elsewhere

        self.message = MessageBar(self)
        # one ticket action at a time: a repeated key press while the first is on its way
        self.ops = Operations(
            runner,
            self.message,
            self.refresh,
            one_at_a_time=True,
            busy_changed=lambda _busy: self._update_actions(),
        )
        self.number_label = big_label("—", size=56)
        self.number_label.setObjectName("currentNumber")
        self.state_label = QLabel()
        self.state_label.setObjectName("stateLabel")
        self.subject_label = QLabel()
        self.subject_label.setWordWrap(True)
        self.waited_label = QLabel()
        self.green_label = QLabel()
        self.green_label.setStyleSheet("color:#2e7d32;font-weight:bold;")
        self.transfer_label = QLabel()  # 转自3号窗口：<reason>
        self.transfer_label.setObjectName("transferNote")
        self.transfer_label.setStyleSheet("color:#e65100;font-weight:bold;")
        self.transfer_label.setWordWrap(True)
        for label in (
            self.state_label,
            self.subject_label,
            self.waited_label,
            self.green_label,
            self.transfer_label,
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            font = label.font()
            font.setPointSize(14)
            label.setFont(font)

        ticket_box = QGroupBox(self.tr("{}号窗口 当前号票").format(self.window_number))
        box_layout = QVBoxLayout(ticket_box)
        for widget in (
            self.number_label,
            self.green_label,
            self.transfer_label,
            self.state_label,
            self.subject_label,
            self.waited_label,
        ):
            box_layout.addWidget(widget)

        self.actions: dict[str, QAction] = {}  # type: ignore[assignment]  # by name; hides QWidget.actions(), unused here
        buttons = QGridLayout()
        slots: dict[str, Callable[[], None]] = {
            "call": self.call_next,
            "recall": lambda: self._act("recall"),
            "start": lambda: self._act("start"),
            "finish": lambda: self._act("finish"),
            "no_show": self.no_show,
            "transfer": self.transfer,
            "check": self.check_materials,
            "pause": self.toggle_pause,
            "undo_no_show": self.undo_no_show,
        }
        # the one key map, shared with the offline desk (ui/desk_keys.py)
        specs = [
            (name, label_of(name), key, slots[name]) for name, (key, _l) in WINDOW_KEYS.items()
        ]
        self._undoable: tuple[str, dt.datetime] | None = None  # the last no-show, and when
        for position, (name, text, key, slot) in enumerate(specs):
            action = QAction(f"{text}  ({key})", self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            action.setObjectName(f"action_{name}")
            self.addAction(action)
            self.actions[name] = action
            button = QToolButton()
            button.setDefaultAction(action)
            button.setObjectName(f"button_{name}")
            button.setMinimumHeight(56)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            font = button.font()
            font.setPointSize(15)
            button.setFont(font)
            buttons.addWidget(button, position // 4, position % 4)

        self.lanes = LaneTableModel(self)
        self.lane_view = table_view(self.lanes)
        lanes_box = QGroupBox(self.tr("本窗口业务类别等候情况（按叫号优先顺序）"))
        QVBoxLayout(lanes_box).addWidget(self.lane_view)

        self.casework = Casework(hall, runner, actor, settings, self)
        self.casework.failed.connect(self.message.show_error)
        self.casework.issued.connect(self._issued)
        self.serial_input = QLineEdit()
        self.serial_input.setObjectName("serialInput")
        self.serial_input.setPlaceholderText(
            self.tr(
                "市民补正后再来：扫描告知单二维码或输入编号（如 BZ-500231-20261125-0007），回车"
            )
        )
        self.serial_input.returnPressed.connect(self.lookup_serial)
        self.lanes_box = lanes_box

        self.change_banner = WindowChangeBanner(hall, runner, self.window_number, self)
        layout = QGridLayout(self)
        layout.addWidget(self.message, 0, 0, 1, 2)
        layout.addWidget(self.change_banner, 4, 0, 1, 2)
        layout.addWidget(self.serial_input, 3, 0, 1, 2)
        layout.addWidget(ticket_box, 1, 0)
        layout.addWidget(lanes_box, 1, 1)
        layout.addLayout(buttons, 2, 0, 1, 2)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)

        self._clock = QTimer(self)
        self._clock.timeout.connect(self._update_waited)
        self._clock.start(1000)
        self._show_ticket(None)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        hall, number = self.hall, self.window_number

        def load() -> _Snapshot:
            return _Snapshot(
                hall.tickets.current(number), hall.queues.status(), rules_from(hall.settings.get())
            )

        self.runner.run(load, self._apply_snapshot, self.message.show_error)
        self.change_banner.refresh()

    def _apply_snapshot(self, snap: _Snapshot) -> None:
        self.status = snap.status
        self.rules = snap.rules
        window = snap.status.window(self.window_number)
        codes = window.categories if window else ()
        self.lanes.set_status(snap.status.lanes_for(codes), snap.status.at)
        self._show_ticket(snap.current)

    # ------------------------------------------------------------ actions

    @property
    def busy(self) -> bool:
        """A ticket action is on its way (the buttons are greyed meanwhile)."""
        return self.ops.busy

    def call_next(self) -> None:
        hall, actor, number = self.hall, self.actor, self.window_number

        def done(ticket: TicketView | None) -> None:
            if ticket is None:
                self.message.show_message(self.tr("暂无等候的号票"), "info")
                self._show_ticket(None)
            else:
                self.message.show_message(
                    self.tr("已叫号 {}，请 {} 号到 {} 号窗口办理").format(
                        ticket.number, ticket.number, number
                    ),
                    "ok",
                )
                self._show_ticket(ticket)

        self.ops.run(lambda: hall.tickets.call_next(actor, number), done=done)

    def _act(self, name: str) -> None:
        hall, actor, number = self.hall, self.actor, self.window_number
        method = getattr(hall.tickets, name)
        texts = {
            "recall": self.tr("已重呼 {}（第 {} 次）"),
            "start": self.tr("{} 开始办理"),
            "finish": self.tr("{} 已办结"),
            "no_show": self.tr("{} 已按过号处理"),
        }

        def done(ticket: TicketView | None) -> None:
            assert ticket is not None
            self.message.show_message(texts[name].format(ticket.number, ticket.call_count), "ok")
            active = ticket.state in (TicketState.CALLED, TicketState.SERVING)
            if name == "no_show":
                self._undoable = (ticket.number, self.hall.ctx.now())
                self.message.show_message(
                    self.tr("{} 已按过号处理；2 分钟内可按 Shift+F5 撤销").format(ticket.number),
                    "ok",
                )
            self._show_ticket(ticket if active else None)
            if name == "finish" and self.settings.get(ASK_RATING):
                self.ask_rating(ticket.number)

        self.ops.run(lambda: method(actor, number), done=done)

    def no_show(self) -> None:
        """F5: asks first (the hall's minimum calls are checked by the service)."""
        ticket = self.current
        if ticket is None or self.ops.busy:
            return
        try:  # the hall's minimum calls first: no question that the service would refuse
            next_state(
                TicketFacts(ticket.number, ticket.state, ticket.call_count),
                Action.NO_SHOW,
                self.rules,
            )
        except KnownError as error:
            self.message.show_error(error)
            return
        if NoShowConfirm.ask(self, ticket.number, ticket.call_count):
            self._act("no_show")

    def undo_no_show(self) -> None:
        """Shift+F5: the last no-show back to 已叫号 at this window (within two minutes)."""
        if self._undoable is None or self.ops.busy:
            return
        number = self._undoable[0]
        hall, actor, window = self.hall, self.actor, self.window_number

        def done(ticket: TicketView | None) -> None:
            assert ticket is not None
            self._undoable = None
            self.message.show_message(self.tr("已撤销 {} 的过号，请继续办理").format(number), "ok")
            self._show_ticket(ticket)

        self.ops.run(lambda: hall.tickets.undo_no_show(actor, window, number), done=done)

    def transfer(self) -> None:
        if self.current is None or self.ops.busy:
            return
        lanes = list(self.status.lanes) if self.status else []
        choice = TransferDialog.ask(
            self,
            lanes,
            targets_from(self.status),
            self.current.lane_code,
            self.current.priority is Priority.GREEN,
            self.window_number,
        )
        if choice is None:
            return
        to_category, to_window, reason = choice
        hall, actor, number = self.hall, self.actor, self.window_number

        def done(ticket: TicketView | None) -> None:
            assert ticket is not None
            parts = [ticket.lane_name] if to_category else []
            if to_window:
                parts.append(self.tr("{}号窗口").format(to_window))
            where = " · ".join(parts)
            self.message.show_message(self.tr("{} 已转移到 {}").format(ticket.number, where), "ok")
            self._show_ticket(None)

        self.ops.run(
            lambda: hall.tickets.transfer(
                actor,
                window_number=number,
                to_category=to_category,
                to_window=to_window,
                reason=reason,
            ),
            done=done,
        )

    def toggle_pause(self) -> None:
        window = self.status.window(self.window_number) if self.status else None
        paused = window is not None and window.status == "paused"
        hall, actor, number = self.hall, self.actor, self.window_number

        def done(_: object) -> None:
            self.message.show_message(
                self.tr("已恢复服务") if paused else self.tr("已暂停服务，按 F8 恢复"),
                "ok" if paused else "info",
                seconds=0 if not paused else 10,
            )
            self.refresh()

        fn = hall.tickets.resume if paused else hall.tickets.pause
        self.runner.run(lambda: fn(actor, number), done, self.message.show_error)

    def ask_rating(self, number: str) -> None:
        """好差评: the citizen rates (or the clerk enters the rating pad's result)."""
        answer = RatingDialog.ask(self, number)
        if answer is None:
            return
        level, comment, pad = answer
        hall, actor = self.hall, self.actor

        def done(follow: FollowUpView | None) -> None:
            text = self.tr("{} 评价已记录：{}").format(number, rating_label(level))
            if follow is not None:
                text += self.tr("；已生成差评整改 {}，请值班长核实").format(follow.number)
            self.message.show_message(text, "ok")

        self.runner.run(
            lambda: hall.followups.rate(actor, number, level, comment, entered_by_staff=pad),
            done,
            self.message.show_error,
        )

    def check_materials(self) -> None:
        if self.current is not None:
            self.casework.check_ticket(self.current)

    def lookup_serial(self) -> None:
        text = self.serial_input.text().strip()
        if text:
            self.casework.lookup(text)
            self.serial_input.clear()

    def _issued(self, result: Issued) -> None:
        texts = {
            "accept": self.tr("已受理，办件编号 {}"),
            "notice": self.tr("已出具一次性告知单 {}"),
            "refusal": self.tr("已出具不予受理通知书 {}"),
        }
        text = texts[result.kind].format(result.reference)
        if result.warning:
            text += "（" + result.warning + "）"
        self.message.show_message(text, "ok")

    # ------------------------------------------------------------ display

    def _show_ticket(self, ticket: TicketView | None) -> None:
        self.current = ticket
        if ticket is None:
            self.number_label.setText("—")
            self.state_label.setText(self.tr("空闲：按 F1 叫下一位"))
            self.subject_label.setText("")
            self.green_label.setText("")
            self.transfer_label.setText("")
        else:
            self.number_label.setText(ticket.number)
            state = _label(ticket.state.label)
            if ticket.state is TicketState.CALLED:
                state = self.tr("{}（第 {} 次呼叫）").format(state, ticket.call_count)
            self.state_label.setText(self.tr("状态：{}").format(state))
            self.subject_label.setText(
                self.tr("事项：{}  ·  类别：{}").format(ticket.subject, ticket.lane_name)
            )
            green = ""
            if ticket.priority is Priority.GREEN:
                reason = _label(ticket.green_reason.label) if ticket.green_reason else ""
                green = self.tr("绿色通道 {}：请优先办理").format(reason)
            self.green_label.setText(green)
            # 转自… and an overflow remedy's 一件事分流… / 当前排队较长…
            notes = (ticket.transfer_note, ticket.remedy_note)
            self.transfer_label.setText("\n".join(note for note in notes if note))
        self._update_waited()
        self._update_actions()
        self.ticket_changed.emit(ticket)

    def _update_waited(self) -> None:
        ticket = self.current
        if ticket is None:
            self.waited_label.setText("")
            return
        now = self.hall.ctx.now()  # the clock the ticket times come from
        text = self.tr("已等候 {}").format(minutes_text(ticket.waited_seconds(now)))
        if ticket.started_at:
            handled = int((now - ticket.started_at).total_seconds())
            text += self.tr("  ·  已办理 {}").format(minutes_text(handled))
        self.waited_label.setText(text)

    def lock(self, text: str) -> None:
        """Another login took this window over: nothing here may act on it any more."""
        self.locked = True
        self.serial_input.setEnabled(False)
        self.state_label.setText(text)
        self.message.show_message(text, "error", seconds=0)
        self._update_actions()

    def _update_actions(self) -> None:
        state = self.current.state if self.current else None
        enabled = {
            "call": state is None,
            "recall": state is TicketState.CALLED,
            "start": state is TicketState.CALLED,
            "finish": state is TicketState.SERVING,
            "no_show": state is TicketState.CALLED,
            "transfer": state in (TicketState.CALLED, TicketState.SERVING),
            "check": state in (TicketState.CALLED, TicketState.SERVING),
            "pause": state is None,
            "undo_no_show": state is None
            and self._undoable is not None
            and (self.hall.ctx.now() - self._undoable[1]).total_seconds() < 120,
        }
        for name, action in self.actions.items():
            action.setEnabled(enabled[name] and not self.ops.busy and not self.locked)
