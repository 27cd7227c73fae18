"""Reception's booking offer under an overflow remedy (issue 19 §5, ``booking_first``): before
a walk-in ticket is issued for a lane whose wait will pass the hall's limit, the clerk offers
the citizen a booking for the next quiet slot. Enter books it and prints the booking slip;
Ctrl+T issues the walk-in ticket anyway (marked with the slot it could have booked); Esc
goes back to the form with nothing lost. A walk-in is never refused."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.overflow_remedy import DeclinedOffer
from hall_app.services.catalog import CatalogEntry
from hall_app.services.remedies import BookingOffer
from hall_app.ui.bookings import SlipOutcome, make_slip
from hall_app.ui.common import MessageBar, big_label, dispose_on_close
from hall_app.ui.settings import PRINT_TICKETS, PRINTER

if TYPE_CHECKING:
    from hall_app.ui.reception import ReceptionView

Proceed = Callable[[DeclinedOffer | None], None]
_WEEKDAYS = [
    QT_TRANSLATE_NOOP("BookingOfferDialog", "周一"),
    QT_TRANSLATE_NOOP("BookingOfferDialog", "周二"),
    QT_TRANSLATE_NOOP("BookingOfferDialog", "周三"),
    QT_TRANSLATE_NOOP("BookingOfferDialog", "周四"),
    QT_TRANSLATE_NOOP("BookingOfferDialog", "周五"),
    QT_TRANSLATE_NOOP("BookingOfferDialog", "周六"),
    QT_TRANSLATE_NOOP("BookingOfferDialog", "周日"),
]


class BookingOfferDialog(QDialog):
    """The offer: the wait now, the suggested slot, the three keys."""

    book_requested = Signal(str, str, str)  # name, ID number, mobile
    ticket_requested = Signal()

    def __init__(self, offer: BookingOffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = offer
        self.setObjectName("bookingOffer")
        self.setWindowTitle(self.tr("当前排队较长：建议预约"))
        wait = (
            self.tr("现在取号预计等待约 {} 分钟").format(offer.expected_minutes)
            if offer.expected_minutes is not None
            else self.tr("暂无窗口办理，等待时间无法估计")
        )
        self.wait_label = QLabel(
            self.tr("「{}」（{}）前面还有 {} 人，{}。").format(
                offer.subject, offer.lane_name, offer.people_ahead, wait
            )
        )
        self.wait_label.setObjectName("offerWait")
        self.wait_label.setWordWrap(True)
        weekday = QCoreApplication.translate("BookingOfferDialog", _WEEKDAYS[offer.day.weekday()])
        self.slot_label = big_label(
            self.tr("{}月{}日（{}）{}–{}").format(
                offer.day.month,
                offer.day.day,
                weekday,
                offer.start.strftime("%H:%M"),
                offer.end.strftime("%H:%M"),
            ),
            size=22,
        )
        self.slot_label.setObjectName("offerSlot")
        self.name = QLineEdit()
        self.name.setObjectName("offerName")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("offerId")
        self.phone = QLineEdit()
        self.phone.setObjectName("offerPhone")
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("身份证号"), self.id_number)
        form.addRow(self.tr("手机号"), self.phone)
        self.message = MessageBar(self)
        self.book_button = QPushButton(self.tr("预约该时段并打印预约单 (Enter)"))
        self.book_button.setObjectName("offerBook")
        self.book_button.setDefault(True)
        self.book_button.clicked.connect(self._book)
        self.ticket_button = QPushButton(self.tr("仍要现场取号 (Ctrl+T)"))
        self.ticket_button.setObjectName("offerTicket")
        self.ticket_button.clicked.connect(self.ticket_requested.emit)
        back = QPushButton(self.tr("返回 (Esc)"))
        back.clicked.connect(self.reject)
        insist = QShortcut(QKeySequence("Ctrl+T"), self)
        insist.activated.connect(self.ticket_requested.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.ticket_button)
        buttons.addWidget(back)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.wait_label)
        layout.addWidget(QLabel(self.tr("可预约下一个较空闲的时段：")))
        layout.addWidget(self.slot_label, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addLayout(form)
        note = QLabel(self.tr("市民仍可现场取号（预约为自愿）；预约须登记姓名、身份证号和手机号。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.name.setFocus()

    def _book(self) -> None:
        if not self.book_button.isEnabled():
            return
        fields = (self.name.text().strip(), self.id_number.text().strip(), self.phone.text())
        if not all(fields):
            self.message.show_message(self.tr("预约须填写姓名、身份证号和手机号"), "error")
            return
        self.set_busy(True)
        self.book_requested.emit(*fields)

    def set_busy(self, busy: bool) -> None:
        self.book_button.setEnabled(not busy)
        self.ticket_button.setEnabled(not busy)

    def show_error(self, error: KnownError) -> None:
        self.set_busy(False)
        self.message.show_error(error)


class OfferFlow(QObject):
    """Reception's step before a walk-in ticket: ask whether a booking is offered first."""

    def __init__(self, view: ReceptionView) -> None:
        super().__init__(view)
        self.view = view
        self.dialog: BookingOfferDialog | None = None
        self.last: SlipOutcome | None = None  # the last booking made from an offer

    def check(self, entry: CatalogEntry, green: bool, proceed: Proceed) -> None:
        """Call ``proceed(None)`` at once (no offer), or after the offer (``DeclinedOffer``
        when the walk-in insisted). An error asking for the offer issues the ticket."""
        if green or entry.kind == "category":
            proceed(None)
            return
        hall, code = self.view.hall, entry.code

        def show(offer: BookingOffer | None) -> None:
            if offer is None:
                proceed(None)
            else:
                self._show(offer, proceed)

        self.view.runner.run(lambda: hall.remedies.offer_for(code), show, lambda _e: proceed(None))

    def _show(self, offer: BookingOffer, proceed: Proceed) -> None:
        dialog = BookingOfferDialog(offer, self.view)
        dialog.book_requested.connect(lambda *fields: self._book(dialog, fields))
        dialog.ticket_requested.connect(lambda: self._insist(dialog, proceed))
        dialog.rejected.connect(lambda: self._dismissed(offer))
        self.dialog = dialog
        dispose_on_close(dialog, self, "dialog").open()

    def _insist(self, dialog: BookingOfferDialog, proceed: Proceed) -> None:
        if not dialog.ticket_button.isEnabled():  # a booking is being made
            return
        offer = dialog.offer
        dialog.done(QDialog.DialogCode.Accepted)
        proceed(DeclinedOffer(offer.remedy_id, offer.day, offer.start))

    def _dismissed(self, offer: BookingOffer) -> None:
        view = self.view
        hall, actor = view.hall, view.actor
        view.message.show_message(self.tr("已返回，尚未取号"), "info")
        view.catalog_view.setFocus()  # the entry is still selected: F2 offers again
        view.runner.run(
            lambda: hall.remedies.record_offer(actor, offer.remedy_id, "dismissed"),
            lambda _row: None,
            lambda _error: None,  # the count is a statistic: the clerk's work goes on
        )

    def _book(self, dialog: BookingOfferDialog, fields: tuple[str, str, str]) -> None:
        view, offer = self.view, dialog.offer
        hall, actor = view.hall, view.actor
        do_print = bool(view.settings.get(PRINT_TICKETS))
        printer_name = str(view.settings.get(PRINTER) or "")
        name, id_number, phone = fields

        def work() -> SlipOutcome:
            booking = hall.appointments.book(
                actor,
                name=name,
                id_number=id_number,
                phone=phone,
                code=offer.code,
                day=offer.day,
                slot=offer.start.strftime("%H:%M"),
            )
            with contextlib.suppress(KnownError):  # the booking is made: a lost count
                hall.remedies.record_offer(actor, offer.remedy_id, "booked")  # must not hide it
            return make_slip(hall, actor, booking, print_it=do_print, printer_name=printer_name)

        def done(outcome: SlipOutcome) -> None:
            dialog.done(QDialog.DialogCode.Accepted)
            self.booked(outcome)

        view.runner.run(work, done, dialog.show_error)

    def booked(self, outcome: SlipOutcome) -> None:
        b = outcome.booking
        text = self.tr("已预约 {} {}，预约码 {}").format(b.day, b.slot, b.code)
        if outcome.problem:
            text += self.tr("；预约单未打印：{}").format(outcome.problem)
        elif outcome.printed is not None:
            text += self.tr("；预约单：{}").format(outcome.printed.path)
        self.view.message.show_message(text, "error" if outcome.problem else "ok", seconds=30)
        self.last = outcome
        self.view.search.setFocus()
