"""预约: booking on behalf of a citizen (with the slots' expected load and the three quietest
suggested) and its booking slip, check-in by code, ID or phone, today's list, the searchable
list of bookings from today on, online import, and the supervisor's week view."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.appointments import SlotForecast
from hall_app.domain.errors import KnownError
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.number_floor import slip_reference
from hall_app.domain.roles import Permission
from hall_app.printing.ticket import TicketSlip, render_ticket
from hall_app.services.appointments import AppointmentView, CheckIn, ImportReport
from hall_app.services.catalog import CatalogEntry
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.ui.appointment_models import BookingModel, SlotModel, WeekModel
from hall_app.ui.bookings import SlipOutcome, UpcomingBookings, make_slip, preview_slip
from hall_app.ui.common import MessageBar, run_reporting, table_view
from hall_app.ui.output import output_document
from hall_app.ui.settings import PRINT_TICKETS, PRINTER, Settings
from hall_app.ui.worker import Runner

_Index = QModelIndex | QPersistentModelIndex


class AppointmentsView(QWidget):
    checked_in = Signal(object)  # CheckIn
    booked = Signal(object)  # AppointmentView

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
        self.message = MessageBar(self)

        self.check_input = QLineEdit()
        self.check_input.setObjectName("checkIn")
        self.check_input.setPlaceholderText(
            self.tr("签到：输入或扫描预约码 / 身份证号 / 手机号，回车")
        )
        self.check_input.returnPressed.connect(self.check_in)

        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setObjectName("bookingId")
        self.id_number.editingFinished.connect(self._id_hint)
        self.id_hint = QLabel()
        self.phone = QLineEdit()
        self.phone.setObjectName("bookingPhone")
        self.subject = QComboBox()
        self.subject.setObjectName("bookingSubject")
        self.subject.setEditable(True)
        self.subject.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.subject.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.subject.currentIndexChanged.connect(self.load_slots)
        self.day = QComboBox()
        self.day.setObjectName("bookingDay")
        self.day.currentIndexChanged.connect(self.load_slots)
        self.slots = SlotModel(self)
        self.slot_view = table_view(self.slots)
        self.slot_view.setObjectName("slotTable")
        self.slot_view.setSelectionMode(self.slot_view.SelectionMode.SingleSelection)
        self.tips = QLabel()  # 错峰推荐: its own line, so it never hides a booking's code
        self.tips.setObjectName("offPeakTips")
        self.tips.setWordWrap(True)
        self.last_booking = QLabel()  # the code stays here until the next booking
        self.last_booking.setObjectName("lastBooking")
        self.last_booking.setWordWrap(True)
        self.last_booking.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_booking.setStyleSheet("QLabel{background:#e8f5e9;padding:6px;border-radius:4px;}")
        self.last_booking.hide()
        self.slip_button = QPushButton(self.tr("预览/打印预约单"))
        self.slip_button.setObjectName("slipButton")
        self.slip_button.setEnabled(False)
        self.slip_button.clicked.connect(self.show_slip)
        self.last_slip: SlipOutcome | None = None
        book_button = QPushButton(self.tr("预约所选时段"))
        book_button.setObjectName("bookButton")
        book_button.clicked.connect(self.book)
        form = QFormLayout()
        form.addRow(self.tr("姓名："), self.name)
        form.addRow(self.tr("身份证号："), self.id_number)
        form.addRow("", self.id_hint)
        form.addRow(self.tr("手机号："), self.phone)
        form.addRow(self.tr("事项/一件事："), self.subject)
        form.addRow(self.tr("日期："), self.day)
        booking = QGroupBox(self.tr("代市民预约（每人每天一次）"))
        booking_layout = QVBoxLayout(booking)
        booking_layout.addLayout(form)
        booking_layout.addWidget(self.tips)
        booking_layout.addWidget(self.slot_view, 1)
        booking_layout.addWidget(book_button)
        done_row = QHBoxLayout()
        done_row.addWidget(self.last_booking, 1)
        done_row.addWidget(self.slip_button)
        booking_layout.addLayout(done_row)

        self.bookings = BookingModel(self)
        self.booking_view = table_view(self.bookings, stretch_column=3)
        self.booking_view.setSelectionMode(self.booking_view.SelectionMode.SingleSelection)
        cancel = QPushButton(self.tr("取消所选预约"))
        cancel.clicked.connect(self.cancel)
        importer = QPushButton(self.tr("导入网上预约…"))
        importer.clicked.connect(self.import_file)
        importer.setVisible(actor.may(Permission.IMPORT_BOOKINGS))
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addWidget(importer)
        today = QGroupBox(self.tr("今日预约"))
        today_layout = QVBoxLayout(today)
        today_layout.addWidget(self.booking_view, 1)
        today_layout.addLayout(buttons)

        self.upcoming = UpcomingBookings(hall, runner, self.message)
        self.upcoming.reprint_requested.connect(self.reprint_slip)
        lists = QVBoxLayout()
        lists.addWidget(today, 1)
        lists.addWidget(self.upcoming, 1)
        body = QHBoxLayout()
        body.addWidget(booking, 1)
        body.addLayout(lists, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.check_input)
        layout.addLayout(body, 1)
        self._loaded = False

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        hall = self.hall
        if not self._loaded:
            self._loaded = True
            self.runner.run(
                lambda: (hall.catalog.entries(), hall.appointments.bookable_days()),
                self._fill,
                self.message.show_error,
            )
        self.runner.run(
            lambda: hall.appointments.day_list(hall.ctx.today()),
            self.bookings.set_rows,
            self.message.show_error,
        )
        self.upcoming.refresh()

    def _fill(self, result: tuple[list[CatalogEntry], list[dt.date]]) -> None:
        entries, days = result
        self.subject.blockSignals(True)
        for e in entries:
            if e.kind in ("item", "bundle"):
                self.subject.addItem(f"{e.name} · {e.initials.split()[0]}", e.code)
        self.subject.blockSignals(False)
        weekdays = "一二三四五六日"
        for day in days:
            self.day.addItem(f"{day:%m-%d} 周{weekdays[day.weekday()]}", day)
        self.load_slots()

    def load_slots(self) -> None:
        code, day = self.subject.currentData(), self.day.currentData()
        if not code or day is None:
            return
        hall = self.hall

        def load() -> tuple[list[SlotForecast], list[SlotForecast]]:
            return hall.appointments.slots(code, day), hall.appointments.suggestions(code)

        def show(result: tuple[list[SlotForecast], list[SlotForecast]]) -> None:
            slots, quiet = result
            self.slots.suggested = {(q.slot.day, q.slot.start) for q in quiet}
            self.slots.set_rows(slots)
            tips = "、".join(f"{q.slot.day:%m-%d} {q.slot.label}" for q in quiet)
            self.tips.setText(self.tr("错峰推荐：{}").format(tips) if tips else "")

        self.runner.run(load, show, self.message.show_error)

    def _id_hint(self) -> None:
        text = self.id_number.text().strip()
        if not text:
            self.id_hint.setText("")
            return
        try:
            person = parse_id_number(text)
        except KnownError as error:
            self.id_hint.setText(f"<span style='color:#c62828'>{error.message}</span>")
            return
        age = person.age_on(self.hall.ctx.today())  # the hall's date, not the PC's
        green = self.hall.appointments.rules.green_age
        hint = self.tr("{} 岁").format(age)
        if age >= green:
            hint += self.tr("，签到时自动进入绿色通道")
        self.id_hint.setText(hint)

    # ------------------------------------------------------------ actions

    def book(self) -> None:
        rows = self.slot_view.selectionModel().selectedRows()
        if not rows:
            self.message.show_message(self.tr("请先选择时段"), "error")
            return
        slot: SlotForecast = self.slots.row(rows[0].row())
        hall, actor = self.hall, self.actor
        kwargs = dict(
            name=self.name.text(),
            id_number=self.id_number.text(),
            phone=self.phone.text(),
            code=self.subject.currentData(),
            day=slot.slot.day,
            slot=slot.slot.start.strftime("%H:%M"),
        )

        do_print, printer_name = bool(self.settings.get(PRINT_TICKETS)), self.settings.get(PRINTER)

        def work() -> SlipOutcome:
            view = hall.appointments.book(actor, **kwargs)  # committed before the slip
            return make_slip(hall, actor, view, print_it=do_print, printer_name=printer_name)

        def done(outcome: SlipOutcome) -> None:
            view = outcome.booking
            text = self.tr("预约成功：预约码 {}，{} {}").format(view.code, view.day, view.slot)
            self.message.show_message(text, "ok", seconds=0)
            self._show_booking(outcome)
            for w in (self.name, self.id_number, self.phone):
                w.clear()
            self.booked.emit(view)
            self.load_slots()
            self.refresh()

        self.runner.run(work, done, self.message.show_error)

    def _show_booking(self, outcome: SlipOutcome) -> None:
        view = outcome.booking
        self.last_slip = outcome
        if outcome.printed is None:
            slip = self.tr("预约单未能生成：{}").format(outcome.problem)
        elif outcome.problem:
            slip = self.tr("预约单已存档，打印失败：{}").format(outcome.problem)
        elif outcome.printed.printer:
            slip = self.tr("预约单已送打印机「{}」").format(outcome.printed.printer)
        else:
            slip = self.tr("预约单已存档，可预览打印")
        self.last_booking.setText(
            self.tr(
                "<b>预约码 <span style='font-size:20px'>{}</span></b><br>{} {} · {}<br>{}"
            ).format(view.code, view.day, view.slot, view.subject, slip)
        )
        self.last_booking.show()
        self.slip_button.setEnabled(outcome.printed is not None)

    def show_slip(self) -> None:
        outcome = self.last_slip
        if outcome is not None and outcome.printed is not None:
            preview_slip(
                self,
                self.hall,
                self.runner,
                self.actor,
                self.settings,
                outcome.printed,
                outcome.booking.code,
            )

    def reprint_slip(self, booking: AppointmentView) -> None:
        hall, actor = self.hall, self.actor

        def done(outcome: SlipOutcome) -> None:
            if outcome.printed is None:
                self.message.show_message(outcome.problem, "error")
                return
            preview_slip(
                self, hall, self.runner, actor, self.settings, outcome.printed, booking.code
            )

        self.runner.run(
            lambda: make_slip(hall, actor, booking, print_it=False), done, self.message.show_error
        )

    def check_in(self) -> None:
        query = self.check_input.text().strip()
        if not query:
            return
        hall, actor = self.hall, self.actor
        do_print, printer_name = bool(self.settings.get(PRINT_TICKETS)), self.settings.get(PRINTER)

        def work() -> CheckIn:
            result = hall.appointments.check_in(actor, query)
            t = result.issued.ticket
            try:  # checked in and committed: a printing failure must not hide the number
                slip = TicketSlip.from_issued(result.issued, hall.ctx.timezone)
                reference = slip_reference(t.issued_at, hall.ctx.tz, t.number)
                printed = output_document(
                    hall,
                    actor,
                    render_ticket(slip),
                    "ticket",
                    reference,
                    print_it=do_print,
                    printer_name=printer_name,
                )
                problem = printed.error.message if printed.error else ""
            except KnownError as error:
                problem = error.message
            if problem:
                result = dataclasses.replace(
                    result, message=f"{result.message}（号票未能打印：{problem}）"
                )
            return result

        def done(result: CheckIn) -> None:
            self.check_input.clear()
            kind = "ok" if result.arrival.value == "on_time" else "error"
            self.message.show_message(result.message, kind, seconds=30)
            self.checked_in.emit(result)
            self.refresh()

        def failed(error: KnownError) -> None:
            self.check_input.selectAll()
            self.message.show_error(error)

        self.runner.run(work, done, failed)

    def cancel(self) -> None:
        rows = self.booking_view.selectionModel().selectedRows()
        if not rows:
            return
        code = self.bookings.row(rows[0].row()).code
        hall, actor = self.hall, self.actor
        run_reporting(
            self.runner,
            self.message,
            lambda: hall.appointments.cancel(actor, code),
            self.tr("已取消 {}").format(code),
            self.refresh,
        )

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入网上预约"), "", self.tr("预约文件 (*.csv *.json)")
        )
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> None:
        hall, actor = self.hall, self.actor

        def done(report: ImportReport) -> None:
            kind = "error" if report.problems else "ok"
            self.message.show_message(report.summary(), kind, seconds=0)
            self.refresh()
            if report.problems:
                ImportProblems.show(self, report)

        self.runner.run(
            lambda: hall.appointments.import_file(actor, path), done, self.message.show_error
        )


class ImportProblems:
    """The rows that were not imported, with their reasons (tests replace ``show``)."""

    @staticmethod
    def show(parent: QWidget, report: ImportReport) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("ImportProblems", "部分预约未导入"),
            QCoreApplication.translate(
                "ImportProblems", "导入 {} 条，{} 条有问题，请核对后重新导入这些行："
            ).format(report.imported, len(report.problems)),
            parent=parent,
        )
        box.setDetailedText("\n".join(report.problems))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()


class WeekView(QWidget):
    """The supervisor's week of expected load per slot, for one category."""

    def __init__(self, hall: Hall, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall, self.runner = hall, runner
        self.category = QComboBox()
        self.category.currentIndexChanged.connect(self.load)
        self.model = WeekModel(self)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("业务类别：")))
        row.addWidget(self.category, 1)
        layout.addLayout(row)
        layout.addWidget(table_view(self.model), 1)
        self._filled = False

    def refresh(self) -> None:
        if not self._filled:
            self._filled = True
            self.runner.run(self.hall.catalog.entries, self._fill)
        else:
            self.load()

    def _fill(self, entries: list[CatalogEntry]) -> None:
        for e in entries:
            if e.kind == "category" and not e.green_channel:
                self.category.addItem(f"{e.code} {e.name}", e.code)

    def load(self) -> None:
        code = self.category.currentData()
        if code:
            hall = self.hall
            self.runner.run(lambda: hall.appointments.week(code), self.model.set_week)
