"""The appointments screen's booking slip (预约单) and its list of bookings from today on,
searchable by booking code, masked name, phone tail or date."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.printing.booking import render_booking_slip
from hall_app.services.appointments import AppointmentView
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.ui.appointment_models import BookingModel  # the same columns as today's list
from hall_app.ui.common import MessageBar, table_view
from hall_app.ui.output import Printed, output_document
from hall_app.ui.preview import PreviewDialog
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner


@dataclass(frozen=True)
class SlipOutcome:
    booking: AppointmentView
    printed: Printed | None  # None when the slip could not be made
    problem: str = ""  # why it was not printed (it is still saved when ``printed`` is set)


def make_slip(
    hall: Hall, actor: Actor, booking: AppointmentView, *, print_it: bool, printer_name: str = ""
) -> SlipOutcome:
    """Runs on the worker: render the slip, archive it, print it if asked. The booking is
    already committed: a slip that fails is reported, never undoes it."""
    try:
        pdf = render_booking_slip(hall.bookings.slip(booking.code))
        printed = output_document(
            hall, actor, pdf, "booking", booking.code, print_it=print_it, printer_name=printer_name
        )
    except KnownError as error:
        return SlipOutcome(booking, None, error.message)
    return SlipOutcome(booking, printed, printed.error.message if printed.error else "")


def preview_slip(
    parent: QWidget,
    hall: Hall,
    runner: Runner,
    actor: Actor,
    settings: Settings,
    printed: Printed,
    code: str,
) -> PreviewDialog:
    """The usual preview / print / save-as dialog, deleted when closed."""
    dialog = PreviewDialog(
        hall,
        runner,
        actor,
        settings,
        printed,
        QCoreApplication.translate("BookingSlip", "预约单 {}").format(code),
        parent,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class UpcomingBookings(QGroupBox):
    """Bookings from today on; the search box filters as one types; 补打 reprints a slip."""

    reprint_requested = Signal(object)  # AppointmentView

    def __init__(
        self, hall: Hall, runner: Runner, message: MessageBar, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("今后预约"))
        self.hall, self.runner, self.message = hall, runner, message
        self.search = QLineEdit()
        self.search.setObjectName("bookingSearch")
        self.search.setPlaceholderText(
            self.tr("查找：预约码 / 姓名（如 张*）/ 手机尾号 / 日期（如 11-26）")
        )
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        self.search.returnPressed.connect(self.refresh)
        self.model = BookingModel(self)
        self.view = table_view(self.model, stretch_column=3)
        self.view.setObjectName("upcomingTable")
        self.view.setSelectionMode(self.view.SelectionMode.SingleSelection)
        self.count = QLabel()
        self.reprint = QPushButton(self.tr("补打预约单"))
        self.reprint.setObjectName("reprintSlip")
        self.reprint.clicked.connect(self._reprint)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.reprint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def refresh(self) -> None:
        hall, query = self.hall, self.search.text()
        self.runner.run(lambda: hall.bookings.upcoming(query), self._show, self.message.show_error)

    def _show(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        self.count.setText(self.tr("共 {} 条").format(len(rows)))

    def select_code(self, code: str) -> None:
        for r in range(self.model.rowCount()):
            if self.model.row(r).code == code:
                self.view.selectRow(r)
                return

    def _reprint(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.reprint_requested.emit(self.model.row(rows[0].row()))
        else:
            self.message.show_message(self.tr("请先在列表中选择一条预约"), "error")
