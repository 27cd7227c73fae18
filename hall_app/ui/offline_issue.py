"""The offline desk's tickets and inquiries: 取号 from the offline catalog (the slip archived
as PDF and printed on the local printer; reception is told which window to send the
citizen to) and 首问登记, both written to this terminal's journal."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hall_app.domain.errors import KnownError, PrintError
from hall_app.domain.tickets import GreenReason
from hall_app.printing.ticket import TicketSlip, render_ticket
from hall_app.ui import printer
from hall_app.ui.offline_base import OfflineDeskBase
from hall_app.ui.offline_widgets import OfflineInquiryDialog
from hall_app.ui.settings import PRINT_TICKETS, PRINTER


@dataclass(frozen=True)
class OfflineIssued:
    """An offline ticket: its slip, where its PDF is, and what the printer said."""

    slip: TicketSlip
    path: Path | None
    printer: str | None = None
    error: KnownError | None = None
    windows: tuple[int, ...] = ()  # where reception sends the citizen (from the queue snapshot)


class OfflineIssueMixin(OfflineDeskBase):
    """Mixed into ``OfflineDeskView``."""

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

        if self._begin_action():
            # the desk shows the slip it gets back: runner.run, the error shown if it fails
            self.runner.run(work, self._issued, self.message.show_error)
            self._end_action()

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

    # ------------------------------------------------------------ inquiries

    def log_inquiry(self) -> None:
        data = OfflineInquiryDialog.ask(self)
        if data is None:
            return
        hall, actor = self.hall, self.actor

        def done(number: str) -> None:
            self.message.show_message(self.tr("已登记首问 {}（离线）").format(number), "ok")
            self.refresh()

        self.runner.run(lambda: hall.desk.log_inquiry(actor, data), done, self.message.show_error)
