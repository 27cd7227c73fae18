"""Reception (导服): find an item, bundle or category, issue and print a ticket, see queues."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.masking import mask_id
from hall_app.domain.number_floor import slip_reference
from hall_app.domain.overflow_remedy import DeclinedOffer
from hall_app.domain.tickets import GreenReason
from hall_app.domain.waits import NO_WINDOW
from hall_app.printing.ticket import TicketSlip, render_ticket
from hall_app.services.catalog import CatalogEntry
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.queues import QueueStatus
from hall_app.services.tickets import IssuedTicket, TicketView
from hall_app.ui.ask_box import AskBox, ChoiceRole
from hall_app.ui.common import MessageBar, big_label, dispose_on_close, table_view
from hall_app.ui.intake import PAPER_A4, IntakeContext, IntakeDialog, load_intake
from hall_app.ui.labels import label
from hall_app.ui.models import CatalogFilter, CatalogModel, LaneTableModel, ObjectRole
from hall_app.ui.output import Printed, output_document, print_document
from hall_app.ui.remedy_offer import OfferFlow
from hall_app.ui.settings import PRINT_TICKETS, PRINTER, Settings
from hall_app.ui.worker import Runner


@dataclass(frozen=True)
class PrintOutcome:
    issued: IssuedTicket
    printed: Printed | None  # None when the PDF could not even be made (e.g. no font)
    failure: KnownError | None = None
    answers: str = ""  # the guided intake's answers (domain/intake.py), carried with it

    @property
    def saved(self) -> str:
        return str(self.printed.path) if self.printed else ""

    @property
    def printer(self) -> str | None:
        return self.printed.printer if self.printed else None

    @property
    def print_error(self) -> KnownError | None:
        return self.failure or (self.printed.error if self.printed else None)


class ReceptionView(QWidget):
    issued = Signal(object)  # PrintOutcome

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.runner = runner
        self.actor = actor
        self.settings = settings
        self.last: PrintOutcome | None = None
        self.intake: IntakeDialog | None = None
        self.offers = OfferFlow(self)

        self.message = MessageBar(self)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("输入事项名称、拼音首字母（如 hkqy）或编码，回车取号")
        )
        self.search.setClearButtonEnabled(True)
        self.catalog = CatalogModel(self)
        self.filter = CatalogFilter(self)
        self.filter.setSourceModel(self.catalog)
        self.catalog_view = table_view(self.filter, stretch_column=1)
        self.catalog_view.setObjectName("catalogView")
        self.catalog_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.catalog_view.doubleClicked.connect(lambda _index: self.issue_selected())
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._search_entered)
        # the assistant: the citizen's own words → items or bundles, chosen into the list
        self.ask_box = AskBox(hall, runner)
        self.ask_box.results.setMaximumHeight(150)
        self.ask_box.chosen.connect(self.select_entry)

        self.green_box = QComboBox()
        self.green_box.setObjectName("greenBox")
        self.green_box.addItem(self.tr("普通"), None)
        for reason in GreenReason:
            self.green_box.addItem(
                self.tr("绿色通道：{}").format(label(reason.label)), reason.value
            )
        # as narrow as a short choice on the row, the list as wide as its longest choice: the
        # English labels once pushed the row so wide the waiting table lost its columns
        self.green_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.green_box.setMinimumContentsLength(8)
        longest = max(
            self.green_box.fontMetrics().horizontalAdvance(self.green_box.itemText(i))
            for i in range(self.green_box.count())
        )
        self.green_box.view().setMinimumWidth(longest + 40)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("receptionId")
        self.id_number.setPlaceholderText(self.tr("身份证号（可选，核验年龄）"))
        # wide enough for its hint in either language (it was cut at 200 px), never wider
        hint_width = self.id_number.fontMetrics().horizontalAdvance(
            self.id_number.placeholderText()
        )
        self.id_number.setFixedWidth(min(max(200, hint_width + 24), 320))
        self.id_number.editingFinished.connect(self._check_age)
        self.green_note = QLineEdit()
        self.green_note.setPlaceholderText(self.tr("绿色通道说明（选「其他」时必填）"))
        self.issue_button = QPushButton(self.tr("取号并打印 (F2)"))
        self.issue_button.setObjectName("issueButton")
        self.issue_action = QAction(self.tr("取号"), self)
        self.issue_action.setShortcut(QKeySequence("F2"))
        self.issue_action.triggered.connect(self.issue_selected)
        self.addAction(self.issue_action)
        self.issue_button.clicked.connect(self.issue_selected)
        focus_search = QAction(self.tr("查找事项"), self)
        focus_search.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("F3")])
        focus_search.triggered.connect(self._focus_search)
        self.addAction(focus_search)
        focus_ask = QAction(self.tr("智能问答"), self)
        focus_ask.setShortcut(QKeySequence("F4"))
        focus_ask.triggered.connect(self.ask_box.focus)
        self.addAction(focus_ask)
        self.intake_action = QAction(self.tr("智能引导"), self)
        self.intake_action.setShortcut(QKeySequence("F6"))
        self.intake_action.triggered.connect(self.open_intake)
        self.addAction(self.intake_action)
        self.intake_button = QPushButton(self.tr("智能引导 (F6)"))
        self.intake_button.setObjectName("intakeButton")
        self.intake_button.clicked.connect(self.open_intake)

        options = QHBoxLayout()
        options.addWidget(self.id_number)
        options.addWidget(QLabel(self.tr("优先：")))
        options.addWidget(self.green_box)
        options.addWidget(self.green_note, 1)
        options.addWidget(self.intake_button)
        options.addWidget(self.issue_button)

        left = QGroupBox(self.tr("取号：选择事项、一件事或业务类别"))
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.ask_box)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.catalog_view)
        left_layout.addLayout(options)

        self.last_number = big_label("—", size=44)
        self.last_number.setObjectName("lastNumber")
        self.last_detail = QLabel()
        self.last_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_detail.setWordWrap(True)
        last_box = QGroupBox(self.tr("刚取的号"))
        last_layout = QVBoxLayout(last_box)
        last_layout.addWidget(self.last_number)
        last_layout.addWidget(self.last_detail)
        self.reprint_button = QPushButton(self.tr("补打"))
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.reprint)
        last_layout.addWidget(self.reprint_button)

        self.lanes = LaneTableModel(self)
        self.lane_view = table_view(self.lanes)
        queue_box = QGroupBox(self.tr("各业务类别等候情况"))
        QVBoxLayout(queue_box).addWidget(self.lane_view)

        self.requeue_input = QLineEdit()
        self.requeue_input.setObjectName("requeueInput")
        self.requeue_input.setPlaceholderText(self.tr("过号市民返回：输入号票，如 A012"))
        requeue_button = QPushButton(self.tr("过号重排"))
        requeue_button.clicked.connect(self.requeue)
        self.requeue_input.returnPressed.connect(self.requeue)
        requeue_row = QHBoxLayout()
        requeue_row.addWidget(self.requeue_input, 1)
        requeue_row.addWidget(requeue_button)

        right = QVBoxLayout()
        right.addWidget(last_box)
        right.addWidget(queue_box, 1)
        right.addLayout(requeue_row)

        layout = QGridLayout(self)
        layout.addWidget(self.message, 0, 0, 1, 2)
        layout.addWidget(left, 1, 0)
        layout.addLayout(right, 1, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        self.search.setFocus()

    # ------------------------------------------------------------ loading

    def load_catalog(self) -> None:
        hall = self.hall
        self.runner.run(hall.catalog.entries, self._set_entries, self.message.show_error)

    def _set_entries(self, entries: list[CatalogEntry]) -> None:
        order = {"item": 0, "bundle": 1, "category": 2}
        self.catalog.set_rows(sorted(entries, key=lambda e: order[e.kind]))
        self._select_first()

    def refresh(self) -> None:
        self.runner.run(self.hall.queues.status, self._apply_status, self.message.show_error)

    def _apply_status(self, status: QueueStatus) -> None:
        self.lanes.set_status(list(status.lanes), status.at)

    def _filter(self, text: str) -> None:
        self.filter.set_query(text)
        # the columns sized to their content do not follow a filter change by themselves
        self.catalog_view.horizontalHeader().resizeSections()
        self._select_first()

    def _select_first(self) -> None:
        if self.filter.rowCount():
            self.catalog_view.selectRow(0)

    def _search_entered(self) -> None:
        """Enter in the search box: issue the selected entry; when the words match no name,
        initials or code, ask the assistant with them instead."""
        if self.filter.rowCount() == 0 and self.search.text().strip():
            self.ask_box.ask(self.search.text())
            return
        self.issue_selected()

    def select_entry(self, kind: str, code: str) -> None:
        """Show the whole list with the entry the assistant's answer names selected, ready
        for F2 (取号并打印) into its lane."""
        self.search.clear()
        for row in range(self.filter.rowCount()):
            index = self.filter.index(row, 0)
            entry: CatalogEntry = self.filter.data(index, ObjectRole)
            if entry.kind == kind and entry.code == code:
                self.catalog_view.selectRow(row)
                self.catalog_view.scrollTo(index)
                self.catalog_view.setFocus()
                self.message.show_message(
                    self.tr("已选择「{}」，按 F2 取号，按 F6 智能引导").format(entry.name), "info"
                )
                return
        self.message.show_message(self.tr("目录中已没有该事项，请重新查找"), "error")

    def selected_entry(self) -> CatalogEntry | None:
        rows = self.catalog_view.selectionModel().selectedRows()
        index = rows[0] if rows else QModelIndex()
        if not index.isValid():
            return None
        return self.filter.data(index, ObjectRole)

    def _check_age(self) -> None:
        """An ID number of someone at or over the green-channel age offers the green channel."""
        text = self.id_number.text().strip()
        if not text:
            return
        try:
            person = parse_id_number(text)
        except KnownError as error:
            self.message.show_error(error)
            return
        age = person.age_on(self.hall.ctx.today())
        threshold = self.hall.appointments.rules.green_age
        if age >= threshold and self.green_box.currentData() is None:
            self.green_box.setCurrentIndex(self.green_box.findData(GreenReason.ELDERLY.value))
            self.message.show_message(
                self.tr("{} 岁，已自动选择绿色通道（老年人）").format(age), "info"
            )
        self.id_number.setText(mask_id(person.number))  # the full number is not kept on screen

    # ------------------------------------------------------------ issuing

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_intake(self) -> None:
        """F6: the guided intake for the selected entry — or for the assistant's answer
        under the cursor when its list has the focus."""
        row = self.ask_box.results.currentItem()
        if self.ask_box.results.hasFocus() and row is not None:
            self.select_entry(*row.data(ChoiceRole))
        entry = self.selected_entry()
        if entry is None or entry.kind == "category":
            self.message.show_message(self.tr("请先选择要办理的事项或一件事"), "error")
            return
        hall = self.hall
        self.runner.run(
            lambda: load_intake(hall, entry),
            lambda context: self._show_intake(entry, context),
            self.message.show_error,
        )

    def _show_intake(self, entry: CatalogEntry, context: IntakeContext) -> None:
        dialog = IntakeDialog(entry, context, self)
        dialog.issue_requested.connect(lambda answers: self.issue_entry(entry, answers))
        dialog.print_requested.connect(self._print_guide)
        self.intake = dialog
        dispose_on_close(dialog, self, "intake").open()

    def _print_guide(self, pdf: bytes, paper: str) -> None:
        hall, actor = self.hall, self.actor
        printer_name = self.settings.get(PRINTER)
        do_print = bool(self.settings.get(PRINT_TICKETS)) or paper == PAPER_A4
        reference = f"{hall.ctx.now():%Y%m%d%H%M%S}-{paper}"

        def done(printed: Printed) -> None:
            if printed.error is not None:
                text = self.tr("办事指引打印失败：{}").format(printed.error.message)
                self.message.show_message(text, "error")
            else:
                self.message.show_message(self.tr("办事指引已输出：{}").format(printed.path), "ok")

        self.runner.run(
            lambda: output_document(
                hall, actor, pdf, "guide", reference, print_it=do_print, printer_name=printer_name
            ),
            done,
            self.message.show_error,
        )

    def issue_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.message.show_message(self.tr("请先在列表中选择要办理的事项"), "error")
            return
        self.issue_entry(entry)

    def issue_entry(self, entry: CatalogEntry, answers: str = "") -> None:
        """Issue and print a ticket for ``entry``. ``answers``, the guided intake's encoded
        answers, are kept with the ticket: the clerk's material check starts from them. Under
        an overflow remedy a booking may be offered first (``ui.remedy_offer``)."""
        green = bool(self.green_box.currentData())
        self.offers.check(entry, green, lambda declined: self._issue(entry, answers, declined))

    def _issue(self, entry: CatalogEntry, answers: str, declined: DeclinedOffer | None) -> None:
        data = self.green_box.currentData()
        reason = GreenReason(data) if data else None
        note = self.green_note.text()
        hall, actor = self.hall, self.actor
        printer_name = self.settings.get(PRINTER)
        do_print = bool(self.settings.get(PRINT_TICKETS))
        code = entry.code
        item = code if entry.kind == "item" else None
        bundle = code if entry.kind == "bundle" else None
        category = code if entry.kind == "category" else None
        self.issue_button.setEnabled(False)
        self.issue_action.setEnabled(False)

        def work() -> PrintOutcome:
            issued = hall.tickets.issue(
                actor,
                item_code=item,
                bundle_code=bundle,
                category_code=category,
                green_reason=reason,
                green_note=note,
                intake_answers=answers,
                declined_offer=declined,
            )
            try:  # the ticket is committed: whatever fails now, its number must be shown
                outcome = self._print(issued, printer_name if do_print else None, do_print)
            except KnownError as error:
                outcome = PrintOutcome(issued, None, error)
            return replace(outcome, answers=answers)

        def done(outcome: PrintOutcome) -> None:
            self._enable()
            self.green_box.setCurrentIndex(0)
            self.green_note.clear()
            self.id_number.clear()
            self._show_outcome(outcome)
            self.search.selectAll()
            self.search.setFocus()
            self.refresh()

        def failed(error: KnownError) -> None:
            self._enable()
            self.message.show_error(error)

        self.runner.run(work, done, failed)

    def _print(
        self, issued: IssuedTicket, printer_name: str | None, do_print: bool
    ) -> PrintOutcome:
        """Runs on the worker: render, archive, then try the printer."""
        t = issued.ticket
        off_peak = self.hall.appointments.off_peak_hint(t.item_code or t.bundle_code)
        pdf = render_ticket(TicketSlip.from_issued(issued, self.hall.ctx.timezone, off_peak))
        reference = slip_reference(t.issued_at, self.hall.ctx.tz, t.number)
        printed = output_document(
            self.hall,
            self.actor,
            pdf,
            "ticket",
            reference,
            print_it=do_print,
            printer_name=printer_name or "",
        )
        return PrintOutcome(issued, printed)

    def _show_outcome(self, outcome: PrintOutcome) -> None:
        self.last = outcome
        t: TicketView = outcome.issued.ticket
        self.last_number.setText(t.number)
        green = self.tr("（绿色通道）") if t.green_reason else ""
        detail = self.tr("{}{}\n前面还有 {} 人").format(
            t.subject, green, outcome.issued.people_ahead
        )
        if outcome.issued.estimated_minutes is not None:
            detail += self.tr("，预计等待约 {} 分钟").format(outcome.issued.estimated_minutes)
        elif outcome.issued.no_window:
            detail += "\n" + QCoreApplication.translate("Waits", NO_WINDOW)
        if t.remedy_note:  # an overflow remedy moved it to 综合受理, or a booking was declined
            detail += "\n" + t.remedy_note
        self.last_detail.setText(detail)
        self.reprint_button.setEnabled(outcome.printed is not None)
        if outcome.print_error is not None:
            self.message.show_message(
                self.tr("已取号 {}，但打印失败：{}").format(t.number, outcome.print_error.message),
                "error",
                seconds=30,
            )
        else:
            text = (
                self.tr("已取号 {}，已送打印机「{}」").format(t.number, outcome.printer)
                if outcome.printer
                else self.tr("已取号 {}，号票文件已保存：{}").format(t.number, outcome.saved)
            )
            self.message.show_message(f"{text}（{t.remedy_note}）" if t.remedy_note else text, "ok")
        self.issued.emit(outcome)

    def reprint(self) -> None:
        if self.last is None or self.last.printed is None:
            return
        printed = self.last.printed
        name = self.settings.get(PRINTER)
        hall, actor = self.hall, self.actor

        def done(result: Printed) -> None:
            if result.error is not None:
                self.message.show_message(
                    self.tr("补打失败，已加入补打队列：{}").format(result.error.message), "error"
                )
            else:
                self.message.show_message(
                    self.tr("已补打，打印机「{}」").format(result.printer), "ok"
                )

        self.runner.run(
            lambda: print_document(hall, actor, printed, name), done, self.message.show_error
        )

    def _enable(self) -> None:
        self.issue_button.setEnabled(True)
        self.issue_action.setEnabled(True)

    def requeue(self) -> None:
        number = self.requeue_input.text().strip()
        if not number:
            return
        hall, actor = self.hall, self.actor

        def done(ticket: TicketView) -> None:
            self.requeue_input.clear()
            self.message.show_message(self.tr("{} 已重新排队").format(ticket.number), "ok")
            self.refresh()

        self.runner.run(lambda: hall.tickets.requeue(actor, number), done, self.message.show_error)
