"""人员调配: the staffing part of the supervisor's tidal console (issue 19 §2–§5).

Top, in red: the overflow warnings with their remedies (``staffing_warnings``). Then the
staffing proposals, each checked forward (20 seeds × 2 hours, with and without), with every
lane's p95 band for the selected one beside; the dropped ones on request, greyed, with why.
Enter (in the table) or Ctrl+Return accepts the selected proposal after a confirmation that
repeats its figures. At the bottom, today's staffing changes with their figures and the
remedies in force (Del lifts the selected one).

The view takes 0.3–2 s: it is computed on a worker of its own (the console's other reads do
not wait behind it) when the console is first shown, on F5 (the main window's refresh, or the
button), after each change made here, and every two minutes while the console is visible and
no dialog is open.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.forward import SEEDS, worst
from hall_app.domain.hallsim_run import CallIn
from hall_app.domain.overflow import RemedyOption, Warning
from hall_app.domain.roles import Permission
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.remedies import RemedyView
from hall_app.services.rota import StaffingChangeView
from hall_app.services.staffing_console import Checked, StaffingView
from hall_app.ui.common import MessageBar, Operations, table_view
from hall_app.ui.staffing_confirm import StaffingConfirm
from hall_app.ui.staffing_model import (
    REMEDY_KINDS,
    LaneBandModel,
    ProposalModel,
    Row,
    band_text,
    change_line,
    hours_text,
    kind_text,
    remedy_line,
    tr,
)
from hall_app.ui.staffing_warnings import WarningsBox
from hall_app.ui.worker import Runner

INTERVAL_MS = 2 * 60 * 1000  # the view is recomputed this often while visible


class StaffingPanel(QWidget):
    computed = Signal(object)  # StaffingView, once shown
    listed = Signal()  # today's changes and the remedies in force, once shown

    def __init__(
        self, hall: Hall, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.may = actor.may(Permission.MANAGE_TIDAL)
        self.view: StaffingView | None = None
        self.host: QWidget = self  # whose visibility the timer follows (the tidal console)
        self.computing = False
        self._computed_at = 0.0
        self.worker = Runner(self)  # the forward check, apart from the console's other reads
        self.message = MessageBar(self)
        self._again = False  # asked for while computing: once more when done
        self.ops = Operations(  # one change at a time; Accept greyed meanwhile
            runner,
            self.message,
            self._after_change,
            one_at_a_time=True,
            busy_changed=lambda _: self._selected_changed(),
        )

        self.note = QLabel()
        self.note.setObjectName("forecastNote")
        self.note.setWordWrap(True)
        self.timing = QLabel()
        self.timing.setObjectName("checkTiming")
        self.refresh_button = QPushButton(self.tr("重新校验 (F5)"))
        self.refresh_button.setObjectName("recompute")
        self.refresh_button.clicked.connect(self.recompute)
        head = QHBoxLayout()
        head.addWidget(self.note, 1)
        head.addWidget(self.timing)
        head.addWidget(self.refresh_button)

        self.warnings = WarningsBox(self)
        self.warnings.set_enabled(self.may)
        self.warnings.remedy.connect(self.apply_remedy)
        self.warnings.calls.connect(self.show_calls)

        self.proposals = ProposalModel(self)
        self.table = table_view(self.proposals, stretch_column=1)
        self.table.setObjectName("staffingProposals")
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setSectionResizeMode(
            self.table.verticalHeader().ResizeMode.ResizeToContents
        )
        header = self.table.horizontalHeader()  # the verdict wraps rather than crowd the text
        header.setSectionResizeMode(5, header.ResizeMode.Interactive)
        self.table.setColumnWidth(5, 220)
        selection = self.table.selectionModel()  # the current row moves before the selection
        selection.currentRowChanged.connect(lambda *_: self._selected_changed())
        selection.selectionChanged.connect(lambda *_: self._selected_changed())
        self.lanes = LaneBandModel(self)
        self.lane_table = table_view(self.lanes)
        self.lane_table.setObjectName("laneBands")
        compact = self.lane_table.fontMetrics().height() + 8
        self.lane_table.verticalHeader().setDefaultSectionSize(compact)
        self.lane_title = QLabel()
        self.lane_title.setWordWrap(True)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.lane_title)
        side.addWidget(self.lane_table, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 7)
        middle.addLayout(side, 3)

        self.show_dropped = QCheckBox(self.tr("显示未通过前瞻校验的建议"))
        self.show_dropped.setObjectName("showDropped")
        self.show_dropped.toggled.connect(lambda _: self._show_rows())
        self.accept_action = QAction(self.tr("采纳所选建议 (Enter)"), self)
        self.accept_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.accept_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.accept_action.triggered.connect(self.accept_selected)
        self.addAction(self.accept_action)
        self.enter_action = QAction(self.accept_action.text(), self.table)
        self.enter_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        self.enter_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.enter_action.triggered.connect(self.accept_selected)
        self.table.addAction(self.enter_action)
        accept = QPushButton(self.accept_action.text())
        accept.setObjectName("acceptStaffing")
        accept.setToolTip(self.tr("Enter 或 Ctrl+Return"))
        accept.clicked.connect(self.accept_action.trigger)
        self.accept_action.changed.connect(
            lambda: accept.setEnabled(self.accept_action.isEnabled())
        )
        self.read_only = QLabel(self.tr("只读：采纳建议和采取措施需要值班长（潮汐调度）权限"))
        self.read_only.setStyleSheet("color:#757575;")
        self.read_only.setVisible(not self.may)
        actions = QHBoxLayout()
        actions.addWidget(self.show_dropped)
        actions.addStretch(1)
        actions.addWidget(self.read_only)
        actions.addWidget(accept)

        self.changes = QListWidget()
        self.changes.setObjectName("staffingChanges")
        self.changes.setWordWrap(True)
        changes_box = QGroupBox(self.tr("今日人员调整（依据）"))
        cl = QVBoxLayout(changes_box)
        cl.setContentsMargins(4, 2, 4, 4)
        cl.addWidget(self.changes)
        self.remedies = QListWidget()
        self.remedies.setObjectName("activeRemedies")
        self.remedies.setWordWrap(True)
        self.lift_action = QAction(self.tr("解除所选措施 (Del)"), self.remedies)
        self.lift_action.setShortcut(QKeySequence("Del"))
        self.lift_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.lift_action.triggered.connect(self.lift_selected)
        self.remedies.addAction(self.lift_action)
        lift = QPushButton(self.lift_action.text())
        lift.setObjectName("liftRemedy")
        lift.clicked.connect(self.lift_action.trigger)
        lift.setEnabled(self.may)
        self.lift_action.setEnabled(self.may)
        remedies_box = QGroupBox(self.tr("生效中的措施"))
        rl = QVBoxLayout(remedies_box)
        rl.setContentsMargins(4, 2, 4, 4)
        rl.addWidget(self.remedies, 1)
        rl.addWidget(lift)
        lines = self.changes.fontMetrics().lineSpacing()
        self.changes.setMaximumHeight(4 * lines + 8)  # the proposals keep the height
        self.remedies.setMaximumHeight(3 * lines + 8)
        bottom = QHBoxLayout()
        bottom.addWidget(changes_box, 3)
        bottom.addWidget(remedies_box, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addWidget(self.message)
        layout.addLayout(head)
        layout.addWidget(self.warnings)
        layout.addLayout(middle, 3)
        layout.addLayout(actions)
        layout.addLayout(bottom)

        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._selected_changed()

    # ------------------------------------------------------------ reading

    def refresh(self) -> None:
        """Today's staffing changes and the remedies in force (quick reads)."""
        hall = self.hall
        self.runner.run(
            lambda: (hall.rota.changes(hall.ctx.today()), hall.remedies.active()),
            self._show_lists,
            self.message.show_error,
        )

    def recompute(self) -> None:
        """The staffing view afresh: the forward check of every proposal, the warnings."""
        if self.computing:
            self._again = True  # the result on its way may predate a change just made
            return
        self.computing = True
        self.timing.setText(self.tr("正在前瞻校验…"))
        self._selected_changed()
        staffing = self.hall.staffing
        self.worker.run(staffing.view, self._show_view, self.message.show_error, after=self._done)

    def recompute_if_stale(self) -> None:
        if self.view is None or time.monotonic() - self._computed_at >= INTERVAL_MS / 1000:
            self.recompute()

    def _done(self) -> None:
        self.computing = False
        self._computed_at = time.monotonic()
        self._selected_changed()
        if self._again:
            self._again = False
            self.recompute()

    def _tick(self) -> None:
        """Every two minutes: only while the console is on screen and no dialog is open."""
        if (
            self.host.isVisible()
            and QApplication.activeModalWidget() is None
            and not self.computing
        ):
            self.recompute()

    def _after_change(self) -> None:
        self.refresh()
        self.recompute()

    def _show_view(self, view: StaffingView) -> None:
        self.view = view
        self.note.setText(self.tr("到达预测：{}").format(view.note))
        checked = len(view.proposals) + len(view.dropped)
        self.timing.setText(
            self.tr("前瞻校验：{} 次模拟 × 2 小时，{} 条建议，用时 {:.1f} 秒（{} 更新）").format(
                SEEDS, checked, view.seconds, f"{self.hall.ctx.local(view.at):%H:%M}"
            )
        )
        calls: dict[str, int] = {}
        for c in view.proposals:
            if isinstance(c.advice.action, CallIn):
                calls[c.advice.lane] = calls.get(c.advice.lane, 0) + 1
        self.warnings.set_limit(view.limit)
        self.warnings.show_warnings(view.warnings, view.remedies, calls, view.limit)
        self.show_dropped.setText(
            self.tr("显示未通过前瞻校验的建议（{} 条）").format(len(view.dropped))
        )
        self._show_rows()
        self.computed.emit(view)

    def _show_rows(self) -> None:
        view = self.view
        if view is None:
            return
        self.proposals.show(view.proposals, view.dropped, self.show_dropped.isChecked())
        if self.proposals.rowCount():
            self.table.selectRow(0)
        self._selected_changed()

    def _show_lists(self, found: tuple[list[StaffingChangeView], list[RemedyView]]) -> None:
        changes, remedies = found
        tz = self.hall.ctx.tz
        self.changes.clear()
        for c in reversed(changes):  # newest first
            self.changes.addItem(change_line(c, tz))
        if not changes:
            self.changes.addItem(self.tr("今日尚无人员调整"))
        self.remedies.clear()
        for r in remedies:
            item = QListWidgetItem(remedy_line(r, tz))
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.remedies.addItem(item)
        if remedies:
            self.remedies.setCurrentRow(0)
        self.listed.emit()

    # ------------------------------------------------------------ selection

    def selected(self) -> Row | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        row: Row = self.proposals.row(index.row())
        return row

    def _selected_changed(self) -> None:
        row = self.selected()
        view = self.view
        self.accept_action.setEnabled(
            self.may
            and row is not None
            and not row.dropped
            and not self.computing
            and not self.ops.busy
        )
        self.enter_action.setEnabled(self.accept_action.isEnabled())
        if view is None:
            self.lanes.show({}, {}, None)
            self.lane_title.setText(self.tr("各类别 p95 等待（分钟）"))
            return
        if row is None:
            self.lanes.show(view.names, view.baseline, None)
            self.lane_title.setText(self.tr("各类别 p95 等待（分钟），现状"))
        else:
            check = row.checked.check
            self.lanes.show(view.names, check.without, check.with_)
            self.lane_title.setText(
                self.tr("各类别 p95 等待（分钟）：{}").format(kind_text(row.checked))
            )

    def show_calls(self, lane: str) -> None:
        """From a warning: select the first proposal that calls someone for ``lane``."""
        self.show_dropped.setChecked(False)
        for r in range(self.proposals.rowCount()):
            row: Row = self.proposals.row(r)
            if row.checked.advice.lane == lane and isinstance(row.checked.advice.action, CallIn):
                self.table.selectRow(r)
                self.table.scrollTo(self.proposals.index(r, 0))
                self.table.setFocus()
                return

    # ------------------------------------------------------------ acting

    def accept_selected(self) -> None:
        row = self.selected()
        if row is None:
            self.message.show_message(self.tr("请先在调配建议表中选择一条建议"), "error")
            return
        if row.dropped:
            self.message.show_message(
                self.tr("该建议未通过前瞻校验，不能采纳：{}").format(row.checked.check.why),
                "error",
            )
            return
        checked, hall, actor = row.checked, self.hall, self.actor
        if not self.may:  # the service refuses it, in Chinese, and audits the refusal
            self.ops.run(lambda: hall.staffing.apply(actor, checked))
            return
        answer = StaffingConfirm.ask(
            self, self.tr("确认采纳调配建议"), self._figures(checked), self.tr("确认采纳")
        )
        if answer is None:
            return
        self.ops.run(
            lambda: hall.staffing.apply(actor, checked),
            self.tr("已采纳：{}").format(checked.advice.text),
        )

    def _figures(self, checked: Checked) -> list[str]:
        """The lines a confirmation repeats: what, the helped lane, the largest lane, the
        staff-hours, the forward check's verdict."""
        advice, check = checked.advice, checked.check
        name = self.view.names.get(advice.lane, advice.lane) if self.view else advice.lane
        return [
            f"{kind_text(checked)}：{advice.text}",
            self.tr("{} p95 等待：{} → {} 分钟").format(
                name,
                band_text(check.without.get(advice.lane)),
                band_text(check.with_.get(advice.lane)),
            ),
            self.tr("最长类别 p95：{:.0f} → {:.0f} 分钟").format(
                worst(check.without), worst(check.with_)
            ),
            self.tr("人力：{} 小时").format(hours_text(checked.staff_hours)),
            self.tr("前瞻校验（{} 次模拟 × 2 小时）：{}").format(SEEDS, check.why),
        ]

    def apply_remedy(self, option: RemedyOption, warning: Warning) -> None:
        if self.view is None:
            return
        hall, actor, limit = self.hall, self.actor, self.view.limit
        if not self.may:
            self.ops.run(lambda: hall.staffing.apply_remedy(actor, option, warning, limit))
            return
        kind = tr(REMEDY_KINDS.get(option.kind, option.kind))
        answer = StaffingConfirm.ask(
            self,
            self.tr("确认采取措施：{}").format(kind),
            [
                warning.text(limit),
                option.text,
                self.tr("{} p95 等待：{} → {} 分钟").format(
                    warning.name, band_text(option.without), band_text(option.with_)
                ),
            ],
            self.tr("确认采取"),
            starts_at=hall.ctx.local(hall.ctx.now()),
        )
        if answer is None:
            return
        starts = answer.starts_at
        self.ops.run(
            lambda: hall.staffing.apply_remedy(actor, option, warning, limit, starts),
            self.tr("已采取措施：{} {}").format(warning.name, kind),
        )

    def lift_selected(self) -> None:
        item = self.remedies.currentItem()
        remedy_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if remedy_id is None:
            self.message.show_message(self.tr("请先选择一项生效中的措施"), "error")
            return
        hall, actor = self.hall, self.actor
        if self.may and (
            StaffingConfirm.ask(self, self.tr("确认解除措施"), [item.text()], self.tr("确认解除"))
            is None
        ):
            return
        self.ops.run(lambda: hall.remedies.lift(actor, remedy_id), self.tr("措施已解除"))
