"""闭厅 on the supervisor console: the menu action (asks first) and the automatic run after the
hall's closing time, from the terminal's existing poll tick (as tidal plans are applied).

Closed tickets' citizens get an 80 mm slip offering the next working day's first quiet slot;
reception books it (name, ID and phone) from the slip."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMenu,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.roles import Permission
from hall_app.printing.closing_slip import ClosingSlip, render_closing_slips
from hall_app.services.appointments import AppointmentView
from hall_app.services.closing import ClosingReport
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.ui.common import ask_yes
from hall_app.ui.output import Printed, output_document
from hall_app.ui.settings import PRINT_TICKETS, PRINTER, Settings
from hall_app.ui.worker import Runner

log = logging.getLogger("hall_app.ui")


class ClosingConfirm:
    @classmethod
    def ask(cls, parent: QWidget, closing_time: str) -> bool:
        """Modal question; tests replace this classmethod."""
        return ask_yes(
            parent,
            QCoreApplication.translate("Closing", "闭厅"),
            QCoreApplication.translate(
                "Closing",
                "把今天仍在等候或已叫号的号票记为“未办结（闭厅）”，并为市民提供下一个工作日的预约？\n"
                "（正在办理的号票不受影响；闭厅时间 {}）",
            ).format(closing_time),
        )


class ClosedBookingDialog(QDialog):
    """Reception books the slot offered on a closing slip: the ticket number and the
    citizen's name, ID number and phone (kept by the appointment, shown masked)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("闭厅号票预约"))
        self.number, self.name, self.id_number, self.phone = (QLineEdit() for _ in range(4))
        self.number.setPlaceholderText(self.tr("预约告知单上的号码，如 A012"))
        form = QFormLayout(self)
        form.addRow(self.tr("号票："), self.number)
        form.addRow(self.tr("姓名："), self.name)
        form.addRow(self.tr("身份证号："), self.id_number)
        form.addRow(self.tr("手机号："), self.phone)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str, str, str]:
        return (
            self.number.text().strip(),
            self.name.text().strip(),
            self.id_number.text().strip(),
            self.phone.text().strip(),
        )

    @classmethod
    def ask(cls, parent: QWidget) -> tuple[str, str, str, str] | None:
        """Modal question; tests replace this classmethod."""
        dialog = cls(parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        values = dialog.values() if accepted else None
        dialog.deleteLater()
        return values


def close_and_print(
    hall: Hall, actor: Actor, printer_name: str, *, auto: bool, print_it: bool = True
) -> tuple[ClosingReport, Printed | None]:
    """Worker-thread job: close, then save (and print) one slip per closed ticket."""
    report = hall.closing.close(actor, auto=auto)
    if not report.closed:
        return report, None
    settings = hall.settings.get()
    slips = [
        ClosingSlip.from_offer(o, settings.name, settings.phone, report.at, hall.ctx.timezone)
        for o in report.closed
    ]
    printed = output_document(
        hall,
        actor,
        render_closing_slips(slips),
        "closing",
        f"{hall.ctx.today():%Y%m%d}",
        print_it=print_it,
        printer_name=printer_name,
    )
    return report, printed


class Closing(QObject):
    """Owned by the supervisor's main window."""

    closed = Signal(object)  # ClosingReport

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        show: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.show = show
        self.parent_widget = parent
        self._auto_running = False

    def add_to(self, menu: QMenu) -> QAction:
        action = QAction(QCoreApplication.translate("Closing", "闭厅（结束当天号票）…"), self)
        action.setObjectName("action_close_hall")
        action.triggered.connect(self.close_now)
        menu.addAction(action)
        return action

    def add_booking_to(self, menu: QMenu) -> QAction:
        action = QAction(QCoreApplication.translate("Closing", "闭厅号票预约…"), self)
        action.setObjectName("action_book_closed")
        action.triggered.connect(self.book_closed)
        menu.addAction(action)
        return action

    def book_closed(self) -> None:
        answer = ClosedBookingDialog.ask(self.parent_widget)
        if answer is None:
            return
        number, name, id_number, phone = answer
        hall, actor = self.hall, self.actor

        def done(view: AppointmentView) -> None:
            self.show(
                QCoreApplication.translate("Closing", "{} 已预约 {} {}，预约码 {}").format(
                    number, view.day, view.slot, view.code
                )
            )

        def failed(error: KnownError) -> None:
            self.show(error.message)

        self.runner.run(
            lambda: hall.closing.book(actor, number, name=name, id_number=id_number, phone=phone),
            done,
            failed,
        )

    def close_now(self) -> None:
        hall = self.hall
        if not ClosingConfirm.ask(self.parent_widget, f"{hall.closing.closing_time():%H:%M}"):
            return
        self._run(auto=False)

    def tick(self) -> None:
        """From the poll tick: close automatically once the closing time has passed."""
        if self._auto_running or not self.actor.may(Permission.CLOSE_HALL):
            return
        self._auto_running = True
        hall = self.hall

        def due(is_due: bool) -> None:
            if is_due:
                self._run(auto=True)
            else:
                self._auto_running = False

        def failed(error: KnownError) -> None:
            self._auto_running = False
            log.warning("closing time check failed: %s", error.headline())

        self.runner.run(hall.closing.due, due, failed)

    def _run(self, *, auto: bool) -> None:
        hall, actor, printer_name = self.hall, self.actor, self.settings.get(PRINTER)
        print_it = self.settings.get(PRINT_TICKETS)

        def done(result: tuple[ClosingReport, Printed | None]) -> None:
            self._auto_running = False
            report, printed = result
            text = QCoreApplication.translate(
                "Closing", "闭厅完成：{} 张号票记为未办结（闭厅）"
            ).format(report.count)
            if printed is not None:
                text += QCoreApplication.translate("Closing", "；预约告知单已保存 {}").format(
                    printed.path.name
                )
                if printed.error is not None:
                    text += "（" + printed.error.message + "）"
            self.show(text)
            self.closed.emit(report)

        def failed(error: KnownError) -> None:
            self._auto_running = False
            if auto:  # nobody pressed anything: the log keeps why the hall did not close
                log.warning("automatic closing failed: %s", error.headline())
            self.show(error.message)

        self.runner.run(
            lambda: close_and_print(hall, actor, printer_name, auto=auto, print_it=print_it),
            done,
            failed,
        )
