"""The offline desk (离线办理): what a clerk, reception or the supervisor works with while the
server is unreachable. Everything goes to this terminal's journal through ``hall.desk``; the
numbers come from blocks reserved while online, and the reconciliation merges it all later.

Keys: F2 取号, F1 叫号, F3 办结, F4 过号, F6 评价, F7 首问登记, F8 告知/受理, F9 办结服务器号票.
Documents are archived as PDF and shown in the preview; printing goes straight to the local
printer (the print-job list lives on the server, so nothing is recorded there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError, PrintError
from hall_app.domain.fallback import TICKET
from hall_app.domain.followups import rating_label
from hall_app.domain.roles import Permission, allowed
from hall_app.domain.tickets import GreenReason, Priority
from hall_app.printing.ticket import TicketSlip, render_ticket
from hall_app.services.catalog import CatalogEntry, pinyin_initials
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.offline import OfflineStatus
from hall_app.ui import printer
from hall_app.ui.common import MessageBar, big_label, table_view
from hall_app.ui.labels import label
from hall_app.ui.materials import MaterialCheckDialog
from hall_app.ui.models import CatalogFilter, CatalogModel, ObjectRole
from hall_app.ui.offline_casework import OfflineCaseworkMixin
from hall_app.ui.offline_widgets import (
    OfflineInquiryDialog,
    OfflinePreviewDialog,
    OfflineTicketModel,
    numbers_text,
)
from hall_app.ui.rating import RatingDialog
from hall_app.ui.settings import ASK_RATING, PRINT_TICKETS, PRINTER, Settings
from hall_app.ui.worker import Runner

# what the desk hands out offline (不予受理 waits for the server)
DESK_KINDS = (TICKET, "SW", "BZ", "SL")


# ---------------------------------------------------------------- plain results


@dataclass(frozen=True)
class OfflineIssued:
    """An offline ticket: its slip, where its PDF is, and what the printer said."""

    slip: TicketSlip
    path: Path | None
    printer: str | None = None
    error: KnownError | None = None


# ---------------------------------------------------------------- the desk


class OfflineDeskView(OfflineCaseworkMixin, QWidget):
    status_changed = Signal(object)  # OfflineStatus
    issued = Signal(object)  # OfflineIssued
    document_ready = Signal(object)  # OfflineDocument
    dialog_opened = Signal(object)  # MaterialCheckDialog
    preview_opened = Signal(object)  # OfflinePreviewDialog

    def __init__(self, hall: Hall, runner: Runner, actor: Actor, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.serves = allowed(actor.role, Permission.SERVE_AT_WINDOW)
        self.issues = self.serves or allowed(actor.role, Permission.ISSUE_TICKET)
        self.status: OfflineStatus | None = None
        self.called: Any = None  # the LocalTicket at this window, if any
        self.check_dialog: MaterialCheckDialog | None = None
        self.preview: OfflinePreviewDialog | None = None
        self._busy = False

        self.message = MessageBar(self)
        self.status_label = QLabel()
        self.status_label.setObjectName("offlineStatusLine")
        self.status_label.setWordWrap(True)

        self.search = QLineEdit()
        self.search.setObjectName("offlineSearch")
        self.search.setPlaceholderText(self.tr("输入事项名称、拼音首字母或业务类别编码（离线目录）"))
        self.search.setClearButtonEnabled(True)
        self.catalog = CatalogModel(self)
        self.filter = CatalogFilter(self)
        self.filter.setSourceModel(self.catalog)
        self.catalog_view = table_view(self.filter, stretch_column=1)
        self.catalog_view.setObjectName("offlineCatalog")
        self.catalog_view.setColumnHidden(3, True)  # the long codes: still found by the search
        self.catalog_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.catalog_view.doubleClicked.connect(lambda _i: self.issue_selected())
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.issue_selected)
        self.green_box = QCheckBox(self.tr("绿色通道"))
        self.green_box.setObjectName("offlineGreen")
        self.green_reason = QComboBox()
        for reason in GreenReason:
            self.green_reason.addItem(label(reason.label), reason.value)
        self.green_reason.setEnabled(False)
        self.green_box.toggled.connect(self.green_reason.setEnabled)
        self.last_number = QLabel()
        self.last_number.setObjectName("offlineLastNumber")

        self.actions: dict[str, QAction] = {}
        specs: list[tuple[str, str, str, Callable[[], None], bool]] = [
            ("issue", self.tr("取号"), "F2", self.issue_selected, self.issues),
            ("call", self.tr("叫号"), "F1", self.call_next, self.serves),
            ("finish", self.tr("办结"), "F3", lambda: self._move("finish"), self.serves),
            ("no_show", self.tr("过号"), "F4", lambda: self._move("no_show"), self.serves),
            ("rate", self.tr("评价"), "F6", self.rate, self.serves),
            ("inquiry", self.tr("首问登记"), "F7", self.log_inquiry, True),
            ("casework", self.tr("告知/受理"), "F8", self.casework, self.serves),
            ("server", self.tr("办结服务器号票"), "F9", lambda: self.finish_server_ticket(False),
             self.serves),
        ]
        buttons = QGridLayout()
        for name, text, key, slot, permitted in specs:
            action = QAction(f"{text}  ({key})", self)
            action.setObjectName(f"offline_{name}")
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            action.setVisible(permitted)
            self.addAction(action)
            self.actions[name] = action
            if name in ("issue", "server"):
                continue
            button = QToolButton()
            button.setDefaultAction(action)
            button.setObjectName(f"offlineButton_{name}")
            button.setMinimumHeight(48)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            font = button.font()
            font.setPointSize(14)
            button.setFont(font)
            count = buttons.count()
            buttons.addWidget(button, count // 3, count % 3)
        issue_button = QPushButton(self.actions["issue"].text())
        issue_button.setObjectName("offlineIssueButton")
        issue_button.clicked.connect(self.issue_selected)
        issue_button.setVisible(self.issues)
        self.issue_button = issue_button

        options = QHBoxLayout()
        options.addWidget(self.green_box)
        options.addWidget(self.green_reason)
        options.addStretch(1)
        options.addWidget(self.last_number)
        options.addWidget(issue_button)
        left = QGroupBox(self.tr("离线取号：选择业务类别或事项（号票为 S 开头的应急号）"))
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.catalog_view, 1)
        left_layout.addLayout(options)

        self.number_label = big_label("—", size=48)
        self.number_label.setObjectName("offlineCurrent")
        self.detail_label = QLabel()
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label.setWordWrap(True)
        where = (self.tr("{}号窗口").format(actor.window_number) if actor.window_number
                 else label(actor.role.label))
        current_box = QGroupBox(self.tr("{} 当前离线号票").format(where))
        current_layout = QVBoxLayout(current_box)
        current_layout.addWidget(self.number_label)
        current_layout.addWidget(self.detail_label)
        current_layout.addLayout(buttons)
        current_box.setVisible(self.serves)

        self.server_ticket = QLineEdit()
        self.server_ticket.setObjectName("serverTicket")
        self.server_ticket.setPlaceholderText(self.tr("断网时正在办理的号票，如 A012"))
        self.server_ticket.setMaximumWidth(180)
        server_finish = QPushButton(self.actions["server"].text())
        server_finish.clicked.connect(lambda: self.finish_server_ticket(False))
        server_no_show = QPushButton(self.tr("按过号处理"))
        server_no_show.clicked.connect(lambda: self.finish_server_ticket(True))
        server_row = QHBoxLayout()
        server_row.addWidget(QLabel(self.tr("服务器号票：")))
        server_row.addWidget(self.server_ticket)
        server_row.addWidget(server_finish)
        server_row.addWidget(server_no_show)
        server_row.addStretch(1)
        self.server_box = QWidget()
        self.server_box.setLayout(server_row)
        self.server_box.setVisible(self.serves)

        self.tickets = OfflineTicketModel(hall.ctx.tz, self)
        self.ticket_view = table_view(self.tickets, stretch_column=1)
        self.ticket_view.setObjectName("offlineTickets")
        self.ticket_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        tickets_box = QGroupBox(self.tr("本终端离线号票（仅本终端叫号）"))
        QVBoxLayout(tickets_box).addWidget(self.ticket_view)

        right = QVBoxLayout()
        right.addWidget(current_box)
        right.addWidget(self.server_box)
        right.addWidget(tickets_box, 1)
        layout = QGridLayout(self)
        layout.addWidget(self.message, 0, 0, 1, 2)
        layout.addWidget(self.status_label, 1, 0, 1, 2)
        layout.addWidget(left, 2, 0)
        layout.addLayout(right, 2, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(2, 1)
        self._show_called(None)

    # ------------------------------------------------------------ loading

    def activate(self, server_ticket: str = "") -> None:
        """The server is gone: load the offline catalog and this terminal's tickets."""
        if server_ticket:
            self.server_ticket.setText(server_ticket)
        hall = self.hall

        def load() -> list[CatalogEntry]:
            snap = hall.desk.snapshot
            names = {c["code"]: c["name"] for c in snap.categories}
            items = [CatalogEntry(s["kind"], s["code"], s["name"], s["category"],
                                  names.get(s["category"], ""), pinyin_initials(s["name"]))
                     for s in snap.subjects.values()]
            items.sort(key=lambda e: (e.kind != "item", e.code))
            cats = [CatalogEntry("category", c["code"], c["name"], c["code"], c["name"],
                                 pinyin_initials(c["name"]), bool(c["green"]))
                    for c in snap.categories]
            return items + cats

        def failed(error: KnownError) -> None:
            self.message.show_message(error.message, "error", seconds=0)

        self.runner.run(load, self._set_entries, failed)
        self.refresh()
        self.search.setFocus()

    def _set_entries(self, entries: list[CatalogEntry]) -> None:
        self.catalog.set_rows(entries)
        self._select_first()

    def refresh(self) -> None:
        hall = self.hall
        self.runner.run(lambda: (hall.desk.status(), hall.desk.queue()), self._apply,
                        self.message.show_error)

    def _apply(self, result: tuple[OfflineStatus, list[Any]]) -> None:
        status, queue = result
        self.status = status
        self.tickets.set_rows(queue)
        self._show_called(next((t for t in queue if t.state == "called"), None))
        left = status.numbers_left.get(TICKET, 0)
        text = self.tr("离线号码余量：{}　|　待核对合并 {} 条").format(
            numbers_text(status.numbers_left, DESK_KINDS), status.pending)
        if status.conflicts:
            text += self.tr("，冲突 {} 条").format(status.conflicts)
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color:#c62828;font-weight:bold;" if left < 5 else "")
        self.status_changed.emit(status)

    def _filter(self, text: str) -> None:
        self.filter.set_query(text)
        self._select_first()

    def _select_first(self) -> None:
        if self.filter.rowCount():
            self.catalog_view.selectRow(0)

    def selected_entry(self) -> CatalogEntry | None:
        rows = self.catalog_view.selectionModel().selectedRows()
        return self.filter.data(rows[0], ObjectRole) if rows else None

    def _selected_ticket(self) -> Any:
        rows = self.ticket_view.selectionModel().selectedRows()
        return self.tickets.data(rows[0], ObjectRole) if rows else None

    # ------------------------------------------------------------ tickets

    def _run(self, fn: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """One ticket action at a time: a repeated key press is dropped."""
        if self._busy:
            return
        self._busy = True
        self._update_actions()

        def ok(result: Any) -> None:
            self._busy = False
            self._update_actions()
            done(result)
            self.refresh()

        def failed(error: KnownError) -> None:
            self._busy = False
            self._update_actions()
            self.message.show_error(error)

        self.runner.run(fn, ok, failed)

    def issue_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.message.show_message(self.tr("请先在列表中选择业务类别或事项"), "error")
            return
        reason = GreenReason(self.green_reason.currentData()) if self.green_box.isChecked() else None
        key = "category_code" if entry.kind == "category" else "item_code"
        hall, actor = self.hall, self.actor
        do_print = bool(self.settings.get(PRINT_TICKETS))
        printer_name = self.settings.get(PRINTER)

        def work() -> OfflineIssued:
            slip = hall.desk.issue_ticket(actor, green_reason=reason, **{key: entry.code})
            try:  # the number is in the journal: whatever fails now, it must be shown
                path = printer.archive(render_ticket(slip), f"ticket-{slip.service_date}-{slip.number}",
                                       hall.ctx.today())
            except KnownError as error:
                return OfflineIssued(slip, None, None, error)
            if not do_print:
                return OfflineIssued(slip, path)
            try:
                return OfflineIssued(slip, path, printer.print_pdf(path, printer_name))
            except PrintError as error:
                return OfflineIssued(slip, path, None, error)

        self._run(work, self._issued)

    def _issued(self, outcome: OfflineIssued) -> None:
        slip = outcome.slip
        self.green_box.setChecked(False)
        self.last_number.setText(self.tr("刚取：{}（前面 {} 人）").format(slip.number, slip.people_ahead))
        if outcome.error is not None:
            self.message.show_message(self.tr("已取离线号 {}，但打印失败：{}").format(
                slip.number, outcome.error.message), "error", seconds=30)
        elif outcome.printer:
            self.message.show_message(self.tr("已取离线号 {}，已送打印机「{}」").format(
                slip.number, outcome.printer), "ok")
        else:
            self.message.show_message(self.tr("已取离线号 {}，号票文件已保存：{}").format(
                slip.number, outcome.path), "ok")
        self.search.selectAll()
        self.search.setFocus()
        self.issued.emit(outcome)

    def call_next(self) -> None:
        hall, actor = self.hall, self.actor

        def done(ticket: Any) -> None:
            if ticket is None:
                self.message.show_message(self.tr("本终端暂无等候的离线号票"), "info")
            else:
                self.message.show_message(
                    self.tr("已叫号 {}：叫号屏离线，请口头呼叫或举牌示意").format(ticket.number), "ok")

        self._run(lambda: hall.desk.call_next(actor), done)

    def _move(self, name: str) -> None:
        if self.called is None:
            return
        number = self.called.number
        hall, actor = self.hall, self.actor
        fn = hall.desk.finish if name == "finish" else hall.desk.no_show
        texts = {"finish": self.tr("{} 已办结（离线）"), "no_show": self.tr("{} 已按过号处理（离线）")}

        def done(_: object) -> None:
            self.message.show_message(texts[name].format(number), "ok")
            if name == "finish" and self.settings.get(ASK_RATING):
                self.ask_rating(number)

        self._run(lambda: fn(actor, number), done)

    def finish_server_ticket(self, no_show: bool = False) -> None:
        number = self.server_ticket.text().strip().upper()
        if not number:
            self.message.show_message(self.tr("请填写断网时正在办理的号票号码"), "error")
            self.server_ticket.setFocus()
            return
        hall, actor = self.hall, self.actor

        def done(_: object) -> None:
            self.server_ticket.clear()
            text = self.tr("{} 已按过号处理，恢复联网后核对") if no_show else \
                self.tr("{} 已办结，恢复联网后核对")
            self.message.show_message(text.format(number), "ok")
            if not no_show and self.settings.get(ASK_RATING):
                self.ask_rating(number)

        self._run(lambda: hall.desk.finish_server_ticket(actor, number, no_show=no_show), done)

    def rate(self) -> None:
        ticket = self._selected_ticket()
        if ticket is None or ticket.state != "finished":
            rows = [self.tickets.row(i) for i in range(self.tickets.rowCount())]
            done = [t for t in rows if t.state == "finished"]
            ticket = max(done, key=lambda t: t.finished_at) if done else None
        if ticket is None:
            self.message.show_message(self.tr("没有已办结的离线号票可评价"), "info")
            return
        self.ask_rating(ticket.number)

    def ask_rating(self, number: str) -> None:
        answer = RatingDialog.ask(self, number)
        if answer is None:
            return
        level, comment, pad = answer
        hall, actor = self.hall, self.actor
        self.runner.run(
            lambda: hall.desk.rate(actor, number, level, comment, entered_by_staff=pad),
            lambda _r: self.message.show_message(
                self.tr("{} 评价已记录：{}").format(number, rating_label(level)), "ok"),
            self.message.show_error)

    # ------------------------------------------------------------ inquiries and slips

    def log_inquiry(self) -> None:
        data = OfflineInquiryDialog.ask(self)
        if data is None:
            return
        hall, actor = self.hall, self.actor

        def done(number: str) -> None:
            self.message.show_message(self.tr("已登记首问 {}（离线）").format(number), "ok")
            self.refresh()

        self.runner.run(lambda: hall.desk.log_inquiry(actor, data), done, self.message.show_error)

    def _show_called(self, ticket: Any) -> None:
        self.called = ticket
        if ticket is None:
            self.number_label.setText("—")
            self.detail_label.setText(self.tr("空闲：按 F1 叫下一位（只叫本终端发出的离线号）"))
        else:
            self.number_label.setText(ticket.number)
            green = self.tr("  ·  绿色通道，请优先办理") if ticket.priority == int(Priority.GREEN) else ""
            self.detail_label.setText(self.tr("{}  ·  已叫号，F3 办结 / F4 过号 / F8 告知或受理").format(
                ticket.label) + green)
        self._update_actions()

    def _update_actions(self) -> None:
        called = self.called is not None
        enabled = {"issue": True, "call": not called, "finish": called, "no_show": called,
                   "rate": True, "inquiry": True, "casework": True, "server": True}
        for name, action in self.actions.items():
            action.setEnabled(enabled[name] and action.isVisible() and not self._busy)
        self.issue_button.setEnabled(not self._busy)
