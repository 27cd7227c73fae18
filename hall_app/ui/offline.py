"""The offline desk (离线办理): what a clerk, reception or the supervisor works with while the
server is unreachable. Everything goes to this terminal's journal through ``hall.desk``; the
numbers come from blocks reserved while online, and the reconciliation merges it all later.

Keys: the window's keys mean what they mean online (ui/desk_keys.py): F1 叫号, F2 重呼,
F3 开始办理, F4 办结, F5 过号 (asks first), F7 材料核验 (告知/受理); 取号 is F9 at a window and F2
at reception, as on its online screen. The desks share the queue (ui/offline_queue.py).
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
from hall_app.domain.roles import Permission
from hall_app.domain.tickets import GreenReason, Priority
from hall_app.printing.ticket import TicketSlip, render_ticket
from hall_app.services.catalog import CatalogEntry, pinyin_initials
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.offline import OfflineStatus
from hall_app.ui import printer
from hall_app.ui.common import MessageBar, big_label, table_view
from hall_app.ui.desk_keys import (
    OFFLINE_MOVES,
    RECEPTION_ISSUE_KEY,
    WINDOW_ISSUE_KEY,
    key_of,
    label_of,
)
from hall_app.ui.labels import label
from hall_app.ui.materials import MaterialCheckDialog
from hall_app.ui.models import CatalogFilter, CatalogModel, ObjectRole
from hall_app.ui.offline_casework import OfflineCaseworkMixin
from hall_app.ui.offline_queue import OfflineQueueMixin
from hall_app.ui.offline_widgets import (
    OfflineInquiryDialog,
    OfflinePreviewDialog,
    OfflineTicketModel,
    numbers_text,
)
from hall_app.ui.settings import PRINT_TICKETS, PRINTER, Settings
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
    windows: tuple[int, ...] = ()  # where reception sends the citizen (from the queue snapshot)


# ---------------------------------------------------------------- the desk


class OfflineDeskView(OfflineQueueMixin, OfflineCaseworkMixin, QWidget):
    status_changed = Signal(object)  # OfflineStatus
    issued = Signal(object)  # OfflineIssued
    document_ready = Signal(object)  # OfflineDocument
    dialog_opened = Signal(object)  # MaterialCheckDialog
    preview_opened = Signal(object)  # OfflinePreviewDialog

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
        self.serves = actor.may(Permission.SERVE_AT_WINDOW)
        self.issues = self.serves or actor.may(Permission.ISSUE_TICKET)
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
        self.search.setPlaceholderText(
            self.tr("输入事项名称、拼音首字母或业务类别编码（离线目录）")
        )
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
        self.where_label = big_label("", size=28)  # reception: 请到 3 号窗口
        self.where_label.setObjectName("offlineWhere")
        self.where_label.setStyleSheet("color:#1565c0;")
        self.where_label.setWordWrap(True)
        self.where_label.hide()  # until reception has issued a ticket

        self.actions: dict[str, QAction] = {}
        slots: dict[str, Callable[[], None]] = {
            "call": self.call_next,
            "recall": lambda: self._move("recall"),
            "start": lambda: self._move("start"),
            "finish": lambda: self._move("finish"),
            "no_show": self.no_show,
            "check": self.casework,
        }
        # the window keys from the one map the online clerk screen uses; the desk's own
        # actions take keys no window key uses
        specs: list[tuple[str, str, str, Callable[[], None], bool]] = [
            (name, label_of(name), key_of(name), slots[name], self.serves) for name in OFFLINE_MOVES
        ]
        specs += [
            (
                "issue",
                self.tr("取号"),
                WINDOW_ISSUE_KEY if self.serves else RECEPTION_ISSUE_KEY,
                self.issue_selected,
                self.issues,
            ),
            ("rate", self.tr("评价"), "", self.rate, self.serves),
            ("inquiry", self.tr("首问登记"), "", self.log_inquiry, True),
            (
                "server",
                self.tr("办结服务器号票"),
                "",
                lambda: self.finish_server_ticket(False),
                self.serves,
            ),
        ]
        buttons = QGridLayout()
        for name, text, key, slot, permitted in specs:
            action = QAction(f"{text}  ({key})" if key else text, self)
            action.setObjectName(f"offline_{name}")
            if key:
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
            button.setMinimumHeight(44)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            font = button.font()
            font.setPointSize(13)
            button.setFont(font)
            count = buttons.count()
            buttons.addWidget(button, count // 4, count % 4)
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
        left_layout.addWidget(self.where_label)

        self.number_label = big_label("—", size=48)
        self.number_label.setObjectName("offlineCurrent")
        self.detail_label = QLabel()
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label.setWordWrap(True)
        where = (
            self.tr("{}号窗口").format(actor.window_number)
            if actor.window_number
            else label(actor.role.label)
        )
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
        self.server_box.setVisible(False)  # shown when the ticket in hand is not in the snapshot

        # the numbers citizens bring: another desk's S-ticket, a paper kit ticket, C003
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("offlineNumber")
        self.number_edit.setPlaceholderText(self.tr("输入或扫码，如 S003、S07-015、C003"))
        self.number_edit.returnPressed.connect(self.take_number)
        self.number_green = QCheckBox(self.tr("绿色通道"))
        self.number_green.setObjectName("offlineNumberGreen")
        take_button = QPushButton(self.tr("加入等候"))
        take_button.setObjectName("offlineTake")
        take_button.clicked.connect(lambda: self.take_number())
        call_button = QPushButton(self.tr("叫此号"))
        call_button.setObjectName("offlineCallNumber")
        call_button.clicked.connect(lambda: self.take_number(call=True))
        number_row = QHBoxLayout()
        number_row.addWidget(QLabel(self.tr("市民号票：")))
        number_row.addWidget(self.number_edit, 1)
        number_row.addWidget(self.number_green)
        number_row.addWidget(take_button)
        number_row.addWidget(call_button)
        self.number_box = QWidget()
        self.number_box.setLayout(number_row)
        self.number_box.setVisible(self.serves)
        # the board is on the server's side of the outage: the clerk calls by voice
        self.voice_note = QLabel(
            self.tr(
                "叫号屏无法连接：叫号后请口头叫号（如「请S003号到{}号窗口办理」），必要时举牌示意"
            ).format(actor.window_number or "")
        )
        self.voice_note.setObjectName("offlineVoice")
        self.voice_note.setWordWrap(True)
        self.voice_note.setStyleSheet("color:#c62828;font-weight:bold;")
        self.voice_note.setVisible(self.serves)

        self.tickets = OfflineTicketModel(hall.ctx.tz, self)
        self.ticket_view = table_view(self.tickets, stretch_column=2)
        self.ticket_view.setObjectName("offlineTickets")
        self.ticket_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.ticket_view.setColumnHidden(0, not self.serves)  # the suggested order
        tickets_box = QGroupBox(
            self.tr("建议叫号顺序（绿色通道优先，再按取号时间）：本终端所知的号票")
            if self.serves
            else self.tr("本终端离线号票")
        )
        QVBoxLayout(tickets_box).addWidget(self.ticket_view)

        right = QVBoxLayout()
        right.addWidget(current_box)
        right.addWidget(self.voice_note)
        right.addWidget(self.number_box)
        right.addWidget(self.server_box)
        right.addWidget(tickets_box, 1)
        layout = QGridLayout(self)
        layout.addWidget(self.message, 0, 0, 1, 2)
        layout.addWidget(self.status_label, 1, 0, 1, 2)
        layout.addWidget(left, 2, 0)
        layout.addLayout(right, 2, 1)
        layout.setColumnStretch(0, 2)
        layout.setColumnStretch(1, 3)
        layout.setRowStretch(2, 1)
        self._show_called(None)

    # ------------------------------------------------------------ loading

    def activate(self, server_ticket: str = "", server_state: str = "called") -> None:
        """The server is gone: load the offline catalog and this terminal's tickets; the
        ticket in hand (``server_ticket``) stays at this window for F3/F4/F5."""
        hall, actor = self.hall, self.actor
        if server_ticket and self.serves:
            self.server_ticket.setText(server_ticket)

            def held_failed(error: KnownError) -> None:  # the server-ticket row stays for it
                self.server_box.setVisible(True)
                self.message.show_error(error)

            self.runner.run(
                lambda: hall.desk.hold(actor, server_ticket, server_state), None, held_failed
            )

        def load() -> list[CatalogEntry]:
            snap = hall.desk.snapshot
            names = {c["code"]: c["name"] for c in snap.categories}
            items = [
                CatalogEntry(
                    s["kind"],
                    s["code"],
                    s["name"],
                    s["category"],
                    names.get(s["category"], ""),
                    pinyin_initials(s["name"]),
                )
                for s in snap.subjects.values()
            ]
            items.sort(key=lambda e: (e.kind != "item", e.code))
            cats = [
                CatalogEntry(
                    "category",
                    c["code"],
                    c["name"],
                    c["code"],
                    c["name"],
                    pinyin_initials(c["name"]),
                    bool(c["green"]),
                )
                for c in snap.categories
            ]
            return items + cats

        def failed(error: KnownError) -> None:
            self.message.show_message(error.message, "error", seconds=0)

        self.runner.run(load, self._set_entries, failed)
        self.refresh()
        # at a window the citizen's number is typed first (Enter in the catalog search
        # would issue a new ticket for whatever item the digits happen to find)
        (self.number_edit if self.serves else self.search).setFocus()

    def _set_entries(self, entries: list[CatalogEntry]) -> None:
        self.catalog.set_rows(entries)
        self._select_first()

    def refresh(self) -> None:
        hall, actor, serves = self.hall, self.actor, self.serves

        def read() -> tuple[OfflineStatus, list[Any], list[Any], Any, Any]:
            queue = hall.desk.queue()
            if not serves:  # reception: where each citizen goes
                where = {e.number: tuple(hall.desk.windows_for(e.lane)) for e in queue if e.local}
                return hall.desk.status(), queue, [], None, where
            return (
                hall.desk.status(),
                queue,
                hall.desk.suggested(actor),
                hall.desk.current(actor),
                None,
            )

        self.runner.run(read, self._apply, self.message.show_error)

    def _apply(self, result: tuple[OfflineStatus, list[Any], list[Any], Any, Any]) -> None:
        status, queue, suggested, current, where = result
        self.status = status
        self.tickets.set_queue(
            queue, suggested, self.actor.window_number if self.serves else None, where
        )
        self._show_called(current)
        if current is not None and current.number == self.server_ticket.text().strip().upper():
            self.server_ticket.clear()  # the ticket in hand is in the desk's queue: F3/F4/F5
        self.server_box.setVisible(self.serves and bool(self.server_ticket.text().strip()))
        left = status.numbers_left.get(TICKET, 0)
        text = self.tr("离线号码余量：{}　|　待核对合并 {} 条").format(
            numbers_text(status.numbers_left, DESK_KINDS), status.pending
        )
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

    def _run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        on_error: Callable[[KnownError], None] | None = None,
    ) -> None:
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
            (on_error or self.message.show_error)(error)

        self.runner.run(fn, ok, failed)

    def issue_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.message.show_message(self.tr("请先在列表中选择业务类别或事项"), "error")
            return
        reason = (
            GreenReason(self.green_reason.currentData()) if self.green_box.isChecked() else None
        )
        key = "category_code" if entry.kind == "category" else "item_code"
        hall, actor = self.hall, self.actor
        do_print = bool(self.settings.get(PRINT_TICKETS))
        printer_name = self.settings.get(PRINTER)

        def work() -> OfflineIssued:
            slip = hall.desk.issue_ticket(actor, green_reason=reason, **{key: entry.code})
            lane = next((e.lane for e in hall.desk.queue() if e.number == slip.number), "")
            windows = tuple(hall.desk.windows_for(lane))
            try:  # the number is in the journal: whatever fails now, it must be shown
                path = printer.archive(
                    render_ticket(slip),
                    f"ticket-{slip.service_date}-{slip.number}",
                    hall.ctx.today(),
                )
            except KnownError as error:
                return OfflineIssued(slip, None, None, error, windows)
            if not do_print:
                return OfflineIssued(slip, path, windows=windows)
            try:
                return OfflineIssued(
                    slip, path, printer.print_pdf(path, printer_name), windows=windows
                )
            except PrintError as error:
                return OfflineIssued(slip, path, None, error, windows)

        self._run(work, self._issued)

    def _issued(self, outcome: OfflineIssued) -> None:
        slip = outcome.slip
        self.green_box.setChecked(False)
        self.last_number.setText(
            self.tr("刚取：{}（前面 {} 人）").format(slip.number, slip.people_ahead)
        )
        self.where_label.setText(self.where_text(slip.number, outcome.windows))
        self.where_label.show()
        if outcome.error is not None:
            self.message.show_message(
                self.tr("已取离线号 {}，但打印失败：{}").format(slip.number, outcome.error.message),
                "error",
                seconds=30,
            )
        elif outcome.printer:
            self.message.show_message(
                self.tr("已取离线号 {}，已送打印机「{}」").format(slip.number, outcome.printer),
                "ok",
            )
        else:
            self.message.show_message(
                self.tr("已取离线号 {}，号票文件已保存：{}").format(slip.number, outcome.path), "ok"
            )
        self.search.selectAll()
        self.search.setFocus()
        self.issued.emit(outcome)

    def where_text(self, number: str, windows: tuple[int, ...]) -> str:
        """Reception: which window the citizen goes to (from the last queue snapshot)."""
        if not windows:
            return self.tr("{}：本终端不知道哪个窗口办理此业务，请引导至综合窗口").format(number)
        places = self.tr(" 或 ").join(self.tr("{} 号").format(n) for n in windows[:2])
        return self.tr("{} 请到 {}窗口").format(number, places)

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
            self.detail_label.setText(
                self.tr("空闲：按 F1 叫建议的下一位，或在「市民号票」栏输入/扫码市民手中的号票")
            )
        else:
            self.number_label.setText(ticket.number)
            green = (
                self.tr("  ·  绿色通道，请优先办理")
                if ticket.priority == int(Priority.GREEN)
                else ""
            )
            label = "" if green and ticket.label == self.tr("绿色通道") else f"{ticket.label}  ·  "
            keys = (
                self.tr("已叫号：F3 开始办理 / F5 过号 / F2 重呼")
                if ticket.state == "called"
                else self.tr("办理中：F4 办结 / F7 材料核验")
            )
            self.detail_label.setText(f"{label}{keys}{green}")
        self._update_actions()

    def _update_actions(self) -> None:
        state = self.called.state if self.called is not None else ""
        enabled = {
            "issue": True,
            "call": not state,
            "recall": state == "called",
            "start": state == "called",
            "finish": state == "serving",
            "no_show": state == "called",
            "rate": True,
            "inquiry": True,
            "check": True,
            "server": True,
        }
        for name, action in self.actions.items():
            action.setEnabled(enabled[name] and action.isVisible() and not self._busy)
        self.issue_button.setEnabled(not self._busy)
