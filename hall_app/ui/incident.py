"""应急事件 (manual fallback) for the supervisor: declare an incident, follow the emergency
plan's checklist, print the emergency kit, watch the paper ledger fill up as the windows
back-enter their registers, void what was never used, settle offline conflicts and close
the incident with its review. Without an open incident: the declare form and past incidents."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.fallback import EmergencyPlan, Ledger
from hall_app.domain.incident_rules import BALANCED, NO_KIT, ledger_state
from hall_app.printing.kit import render_kit
from hall_app.services.context import Actor
from hall_app.services.fallback import ConflictView
from hall_app.services.fallback import IncidentView as Incident
from hall_app.services.hall import Hall
from hall_app.ui.common import MessageBar, Operations, dispose_on_close, table_view
from hall_app.ui.conflicts import SettleDialog
from hall_app.ui.incident_checklist import ChecklistBox
from hall_app.ui.incident_declare import DeclareForm
from hall_app.ui.incident_dialogs import CloseDialog, NoticeDialog, VoidDialog
from hall_app.ui.incident_models import (
    PAPER_LABELS,
    ConflictModel,
    LedgerModel,
    duration_text,
    minutes_between,
    number_ranges,
    paper_kind,
)
from hall_app.ui.output import Printed, save_document
from hall_app.ui.preview import PreviewDialog
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner

# ------------------------------------------------------------------ the view


@dataclass(frozen=True)
class _State:
    plan: EmergencyPlan
    incident: Incident | None
    past: list[Incident]
    ledger: Ledger | None
    conflicts: list[ConflictView]
    drawer: tuple[int, ...] = ()  # kits printed in advance, not yet in any incident


class IncidentView(QWidget):
    """The supervisor's 应急事件 screen."""

    refreshed = Signal()
    preview_opened = Signal(object)  # PreviewDialog

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.state: _State | None = None
        self.preview: PreviewDialog | None = None
        self.message = MessageBar(self)
        self.ops = Operations(runner, self.message, self.refresh)
        self.actions: dict[str, QAction] = {}  # type: ignore[assignment]  # by name; hides QWidget.actions(), unused here
        for name, text, key, slot in (
            ("declare", self.tr("宣布应急事件"), "Ctrl+Return", self.declare),
            ("kit", self.tr("打印应急包"), "Ctrl+P", self.print_kit),
            ("notice", self.tr("修改告知方式…"), "Ctrl+U", self.edit_notice),
            ("void", self.tr("作废剩余号码…"), "Ctrl+Shift+V", self.void_rest),
            ("resolve", self.tr("处理冲突…"), "Ctrl+H", self.resolve),
            ("close", self.tr("结束事件…"), "Ctrl+Shift+E", self.close_incident),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text.rstrip('…')} ({key})")
            action.setIconText(f"{text}  ({key})")  # what the buttons show
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions[name] = action

        self.pages = QStackedWidget()
        self.pages.addWidget(self._declare_page())
        self.pages.addWidget(self._incident_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        self.declare_form.reset_start()
        self._show_page(None)

        self.clock = QTimer(self)
        self.clock.timeout.connect(self.tick)
        self.clock.start(30_000)

    # ------------------------------------------------------------ building

    def _button(self, name: str) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(self.actions[name])
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setMinimumHeight(30)
        button.setObjectName(f"{name}Button")
        return button

    def _declare_page(self) -> QWidget:
        form = DeclareForm(self.hall.ctx)
        form.declare_requested.connect(self.declare)
        self.declare_form = form
        # what the tests and the shortcuts reach through the view
        self.cause, self.scope, self.started = form.cause, form.scope, form.started
        self.public_notice, self.substitutes = form.public_notice, form.substitutes
        self.past, self.past_table = form.past, form.past_table
        return form

    def _incident_page(self) -> QWidget:
        page = QWidget()
        self.title = QLabel()
        self.title.setObjectName("incidentTitle")
        self.title.setStyleSheet("color:#b71c1c;font-size:18pt;font-weight:bold;")
        self.since = QLabel()
        self.since.setObjectName("incidentSince")
        self.since.setWordWrap(True)
        head = QVBoxLayout()
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.since)
        banner = QWidget()
        banner.setObjectName("incidentBanner")
        banner.setStyleSheet(
            "#incidentBanner{background:#fff3f3;border:1px solid #ef9a9a;border-radius:4px;}"
        )
        top = QHBoxLayout(banner)
        top.addLayout(head, 1)
        for name in ("kit", "notice", "close"):
            top.addWidget(self._button(name))

        steps_box = ChecklistBox()
        steps_box.tick_requested.connect(self.tick_step)
        self.checklist = steps_box
        self.steps, self.step_table = steps_box.steps, steps_box.table
        self.step_progress = steps_box.progress

        self.ledger = LedgerModel(self)
        self.ledger_table = table_view(self.ledger)
        self.ledger_table.setObjectName("ledgerTable")
        self.ledger_table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.ledger_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.ledger_state = QLabel()
        self.ledger_state.setObjectName("ledgerState")
        self.ledger_state.setWordWrap(True)
        ledger_box = QGroupBox(self.tr("纸质台账（应急包号码）"))
        ll = QVBoxLayout(ledger_box)
        ll.addWidget(self.ledger_table)
        ll.addWidget(self.ledger_state)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._button("void"))
        ll.addLayout(row)

        self.conflicts = ConflictModel(self.hall.ctx.tz, self)
        self.conflict_table = table_view(self.conflicts, stretch_column=5)
        self.conflict_table.setObjectName("conflictTable")
        conflict_box = QGroupBox(self.tr("离线记录冲突（待人工处理）"))
        cl = QVBoxLayout(conflict_box)
        cl.addWidget(self.conflict_table)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._button("resolve"))
        cl.addLayout(row)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(ledger_box)
        rl.addWidget(conflict_box, 1)
        split = QSplitter()
        split.addWidget(steps_box)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(banner)
        layout.addWidget(split, 1)
        return page

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        fallback = self.hall.fallback

        def load() -> _State:
            plan = fallback.plan
            current = fallback.current_incident()
            if current is None:
                return _State(plan, None, fallback.incidents(), None, [])
            return _State(
                plan,
                current,
                [],
                fallback.ledger(current.number),
                fallback.conflicts(),
                fallback.kits(current.number)[1],
            )

        self.runner.run(load, self._show, self._failed)

    def _failed(self, error: KnownError) -> None:
        self.message.show_error(error)
        self.refreshed.emit()

    def _show(self, state: _State) -> None:
        self.state = state
        self._show_page(state.incident)
        if state.incident is None:
            self.past.set_rows(state.past)
        else:
            self._show_incident(state)
        self.refreshed.emit()

    def _show_page(self, incident: Incident | None) -> None:
        declaring = incident is None
        if declaring and self.pages.currentIndex() != 0:
            self.declare_form.reset_start()
        self.pages.setCurrentIndex(0 if declaring else 1)
        self.actions["declare"].setEnabled(declaring)
        for name in ("kit", "notice", "void", "resolve", "close"):
            self.actions[name].setEnabled(not declaring)

    def _show_incident(self, state: _State) -> None:
        incident, ledger = state.incident, state.ledger
        assert incident is not None and ledger is not None
        self.checklist.show_incident(state.plan, incident, self.hall.ctx)
        self.ledger.set_rows(list(ledger.lines))
        shown = ledger_state(ledger, incident.kit_printed)
        if shown == NO_KIT and state.drawer:  # the kits handed out are likely these
            self.ledger_state.setText(
                self.tr("尚未启用应急包：抽屉中备有 {}，补录其编号即启用。").format(
                    "、".join(f"K{n:02d}" for n in state.drawer)
                )
            )
            self.ledger_state.setStyleSheet("color:#8d6e00;font-weight:bold;")
        elif shown == NO_KIT:  # an empty ledger is not a balanced one
            self.ledger_state.setText(self.tr("尚未打印应急包：打印后这里列出每个预留号码的去向。"))
            self.ledger_state.setStyleSheet("color:#8d6e00;font-weight:bold;")
        elif shown == BALANCED:
            self.ledger_state.setText(self.tr("台账已平：全部号码均已补录或作废。"))
            self.ledger_state.setStyleSheet("color:#2e7d32;font-weight:bold;")
        else:
            self.ledger_state.setText(
                self.tr("未处理 {} 个：{}").format(
                    len(ledger.outstanding_numbers), number_ranges(ledger.outstanding_numbers)
                )
            )
            self.ledger_state.setStyleSheet("color:#c62828;")
        self.conflicts.set_rows(state.conflicts)
        kit = self.tr("重印应急包") if incident.kit_printed else self.tr("打印应急包")
        self.actions["kit"].setText(kit)
        self.actions["kit"].setIconText(f"{kit}  (Ctrl+P)")
        self.actions["void"].setEnabled(bool(ledger.outstanding_numbers))
        self.actions["resolve"].setEnabled(bool(state.conflicts))
        self.tick()

    def tick(self) -> None:
        """Elapsed time and overdue steps move on with the clock."""
        now = self.hall.ctx.now()
        if self.state is None or self.state.incident is None:
            if not self.declare_form.start_edited:
                self.declare_form.reset_start()
            return
        incident = self.state.incident
        start = self.hall.ctx.local(incident.started_at)
        self.title.setText(
            self.tr("应急事件 {} · {}（{}）").format(
                incident.number, incident.cause, incident.scope
            )
        )
        when = [
            self.tr("{:%H:%M} 起，已持续 {}").format(
                start, duration_text(minutes_between(start, now))
            ),
            self.tr("宣布人 {}").format(incident.declared_by),
            self.tr("应急包已打印") if incident.kit_printed else self.tr("应急包未打印"),
        ]
        told = [
            self.tr("告知群众：{}").format(incident.public_notice or self.tr("（未填写）")),
            self.tr("替代渠道：{}").format(incident.substitutes or self.tr("（未填写）")),
        ]
        self.since.setText(" · ".join(when) + "\n" + " · ".join(told))
        self.checklist.set_now(now)

    # ------------------------------------------------------------ actions

    def _number(self) -> str | None:
        if self.state is None or self.state.incident is None:
            return None
        return self.state.incident.number

    def declare(self) -> None:
        if self.pages.currentIndex() != 0:
            return
        hall, actor = self.hall, self.actor
        cause, scope = self.cause.currentText(), self.scope.text()
        notice, substitutes = self.public_notice.text(), self.substitutes.text()
        started = self.declare_form.started_at()

        self.ops.run(
            lambda: hall.fallback.declare(
                actor,
                cause,
                scope=scope or self.tr("全厅"),
                started_at=started,
                public_notice=notice,
                substitutes=substitutes,
            ),
            self.tr("已宣布应急事件，全厅转入人工兜底。请按预案步骤逐项处理。"),
            lambda _view: self.declare_form.clear(),
        )

    def tick_step(self, step: str, done: bool) -> None:
        number = self._number()
        if number is None:
            return
        hall, actor = self.hall, self.actor
        what = self.checklist.what(step)
        self.ops.run(
            lambda: hall.fallback.tick_step(actor, number, step, done),
            self.tr("已完成：{}").format(what) if done else self.tr("已取消勾选：{}").format(what),
        )

    def print_kit(self) -> None:
        number = self._number()
        if number is None:
            return
        hall, actor = self.hall, self.actor
        self.actions["kit"].setEnabled(False)
        self.message.show_message(self.tr("正在生成应急包…"), "info", seconds=0)

        def work() -> Printed:
            data = hall.fallback.kit(actor, number)
            return save_document(hall, actor, render_kit(data), "kit", number)

        def shown(saved: Printed) -> None:
            self.actions["kit"].setEnabled(True)
            preview = PreviewDialog(
                hall,
                self.runner,
                actor,
                self.settings,
                saved,
                self.tr("应急包 {}").format(number),
                self,
            )
            self.preview = preview
            dispose_on_close(preview, self, "preview").open()
            self.preview_opened.emit(preview)

        self.ops.run(work, self.tr("应急包已生成并存档，号码已预留；可在预览中打印或另存"), shown)

    def edit_notice(self) -> None:
        if self.state is None or self.state.incident is None:
            return
        answer = NoticeDialog.ask(self, self.state.incident)
        if answer is None:
            return
        hall, actor, number = self.hall, self.actor, self.state.incident.number
        notice, substitutes = answer
        self.ops.run(
            lambda: hall.fallback.update_incident(
                actor, number, public_notice=notice, substitutes=substitutes
            ),
            self.tr("已更新告知方式和替代渠道"),
        )

    def outstanding(self) -> dict[str, list[str]]:
        """Outstanding paper numbers by kind, in ledger order."""
        out: dict[str, list[str]] = {kind: [] for kind in PAPER_LABELS}
        if self.state is not None and self.state.ledger is not None:
            for number in self.state.ledger.outstanding_numbers:
                out[paper_kind(number)].append(number)
        return out

    def void_rest(self) -> None:
        number = self._number()
        outstanding = self.outstanding()
        if number is None or not any(outstanding.values()):
            self.message.show_message(self.tr("没有需要作废的号码"), "info")
            return
        rows = self.ledger_table.selectionModel().selectedRows()
        kind = self.ledger.row(rows[0].row()).kind if rows else None
        answer = VoidDialog.ask(self, outstanding, kind)
        if answer is None:
            return
        chosen, reason = answer
        hall, actor = self.hall, self.actor

        def work() -> int:
            return sum(
                hall.fallback.void(actor, number, k, refs, reason) for k, refs in chosen.items()
            )

        self.ops.run(
            work, lambda voided: self.tr("已作废 {} 个号码（原因：{}）").format(voided, reason)
        )

    def resolve(self) -> None:
        rows = self.conflict_table.selectionModel().selectedRows()
        if not rows and self.conflicts.rowCount() == 1:
            rows = [self.conflicts.index(0, 0)]
        if not rows:
            self.message.show_message(self.tr("请先选择一条冲突"), "error")
            return
        conflict: ConflictView = self.conflicts.row(rows[0].row())
        answer = SettleDialog.ask(self, conflict, self.hall.ctx.tz)  # applied to the ticket
        if answer is None:
            return
        hall, actor, (outcome, state, note) = self.hall, self.actor, answer
        self.ops.run(
            lambda: hall.fallback.resolve(actor, conflict.key, note, outcome, state or None),
            self.tr("冲突 {} 已处理").format(conflict.reference),
        )

    def close_incident(self) -> None:
        number = self._number()
        if number is None or self.state is None or self.state.ledger is None:
            return
        incident = self.state.incident
        answer = CloseDialog.ask(
            self,
            self.state.ledger.outstanding_numbers,
            len(self.state.conflicts),
            self.checklist.unticked(),
            bool(incident and incident.kit_printed),
        )
        if answer is None:
            return
        review, override, skipped = answer
        hall, actor = self.hall, self.actor
        self.ops.run(
            lambda: hall.fallback.close(actor, number, review, override=override, skipped=skipped),
            self.tr("应急事件 {} 已结束").format(number),
        )
