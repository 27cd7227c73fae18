"""The offline desk (离线办理): what a clerk, reception or the supervisor works with while the
server is unreachable. Everything goes to this terminal's journal through ``hall.desk``; the
numbers come from blocks reserved while online, and the reconciliation merges it all later.

Keys: the window's keys mean what they mean online (ui/desk_keys.py): F1 叫号, F2 重呼,
F3 开始办理, F4 办结, F5 过号 (asks first), F7 材料核验 (告知/受理); 取号 is F9 at a window and F2
at reception, as on its online screen. The desks share the queue (ui/offline_queue.py); the parts are
named in ui/offline_base.py.
Documents are archived as PDF and shown in the preview; printing goes straight to the local
printer (the print-job list lives on the server, so nothing is recorded there).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
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

from hall_app.domain.errors import KnownError
from hall_app.domain.fallback import TICKET
from hall_app.domain.offline_queue import QueueEntry
from hall_app.domain.tickets import GreenReason
from hall_app.services.catalog import CatalogEntry, pinyin_initials
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.offline import OfflineStatus
from hall_app.ui.common import big_label, table_view
from hall_app.ui.desk_keys import (
    OFFLINE_MOVES,
    RECEPTION_ISSUE_KEY,
    WINDOW_ISSUE_KEY,
    key_of,
    label_of,
)
from hall_app.ui.labels import label
from hall_app.ui.models import CatalogFilter, CatalogModel, ObjectRole
from hall_app.ui.offline_casework import OfflineCaseworkMixin, OfflineDocument
from hall_app.ui.offline_issue import OfflineIssued, OfflineIssueMixin
from hall_app.ui.offline_queue import OfflineQueueMixin
from hall_app.ui.offline_widgets import OfflineTicketModel, numbers_text
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner

__all__ = ["DESK_KINDS", "OfflineDeskView", "OfflineDocument", "OfflineIssued"]

# what the desk hands out offline (不予受理 waits for the server)
DESK_KINDS = (TICKET, "SW", "BZ", "SL")

# status, the queue, the suggested order, the ticket at this window, where each citizen goes
_Read = tuple[
    OfflineStatus,
    list[QueueEntry],
    list[QueueEntry],
    QueueEntry | None,
    dict[str, tuple[int, ...]] | None,
]


class OfflineDeskView(OfflineIssueMixin, OfflineQueueMixin, OfflineCaseworkMixin):
    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(hall, runner, actor, settings, parent)
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
            self.named_actions[name] = action
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
        issue_button = QPushButton(self.named_actions["issue"].text())
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
        server_finish = QPushButton(self.named_actions["server"].text())
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

    def refresh(self, ends_action: bool = False) -> None:
        """Read the desk's queue; ``ends_action``: queued behind a ticket action, which this
        ends when it comes back (see ``offline_base``)."""
        hall, actor, serves = self.hall, self.actor, self.serves

        def read() -> _Read:
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

        def done(result: _Read) -> None:
            if ends_action:
                self._action_ended()
            self._apply(result)

        def failed(error: KnownError) -> None:
            if ends_action:
                self._action_ended()
            self.message.show_error(error)

        self.runner.run(read, done, failed)

    def _apply(self, result: _Read) -> None:
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

    def selected_ticket(self) -> QueueEntry | None:
        rows = self.ticket_view.selectionModel().selectedRows()
        return self.tickets.data(rows[0], ObjectRole) if rows else None
