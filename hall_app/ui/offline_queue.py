"""The offline desk's queue (issue 15 #1 and #2): the tickets this desk knows in the order it
suggests, the numbers citizens bring (typed or scanned), and the window keys, which mean
what they mean online (ui/desk_keys.py). The board cannot be reached offline: the clerk
calls by voice, and the screen says so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hall_app.domain.errors import KnownError
from hall_app.domain.followups import rating_label
from hall_app.domain.offline_queue import QueueEntry
from hall_app.domain.tickets import Priority
from hall_app.services.context import Actor
from hall_app.services.offline_tickets import UnknownTicket
from hall_app.ui.common import ask_yes, run_reporting
from hall_app.ui.offline_base import OfflineDeskBase
from hall_app.ui.rating import RatingDialog
from hall_app.ui.settings import ASK_RATING


def voice_text(number: str, window: int | None) -> str:
    """What the clerk says aloud, as the board would have (domain announce wording)."""
    if window:
        return QCoreApplication.translate("OfflineDeskView", "请{}号到{}号窗口办理").format(
            number, window
        )
    return QCoreApplication.translate("OfflineDeskView", "请{}号办理").format(number)


class TakeTicketConfirm:
    @classmethod
    def ask(cls, parent: QWidget, message: str) -> bool:
        """Modal question (the citizen holds a number this desk does not know); tests
        replace this classmethod."""
        return ask_yes(
            parent,
            QCoreApplication.translate("OfflineDeskView", "登记号票"),
            message + "\n" + QCoreApplication.translate("OfflineDeskView", "市民确实持有此号票？"),
            default_yes=True,
        )


class OfflineNoShowConfirm:
    @classmethod
    def ask(cls, parent: QWidget, number: str) -> bool:
        """F5 asks first, as online; tests replace this classmethod."""
        return ask_yes(
            parent,
            QCoreApplication.translate("OfflineDeskView", "过号"),
            QCoreApplication.translate(
                "OfflineDeskView", "{} 已口头呼叫仍未到窗口，按过号处理？"
            ).format(number),
        )


class OfflineQueueMixin(OfflineDeskBase):
    """Mixed into ``OfflineDeskView``."""

    # ------------------------------------------------------------ calling

    def call_next(self) -> None:
        """F1: the first ticket the desk suggests."""
        hall, actor = self.hall, self.actor

        def done(ticket: QueueEntry | None) -> None:
            if ticket is None:
                self.message.show_message(
                    QCoreApplication.translate(
                        "OfflineDeskView",
                        "暂无等候的号票：市民持号票到窗口时，请在「市民号票」栏输入或扫码",
                    ),
                    "info",
                )
            else:
                self._called_message(ticket)

        if self._begin_action():
            # the message names the ticket called: runner.run, the error shown if it fails
            self.runner.run(lambda: hall.desk.call_next(actor), done, self.message.show_error)
            self._end_action()

    def _called_message(self, ticket: QueueEntry) -> None:
        green = (
            QCoreApplication.translate("OfflineDeskView", "（绿色通道，优先办理）")
            if ticket.priority == int(Priority.GREEN)
            else ""
        )
        self.message.show_message(
            QCoreApplication.translate(
                "OfflineDeskView", "已叫号 {}{}：叫号屏无法连接，请口头叫号「{}」"
            ).format(ticket.number, green, voice_text(ticket.number, self.actor.window_number)),
            "ok",
        )

    def take_number(self, call: bool = False) -> None:
        """Enter in the 市民号票 field: the number joins the suggested queue (``call``: it is
        called at once). A number the desk does not know is taken once the clerk confirms."""
        text = self.number_edit.text().strip()
        if not text:
            self.number_edit.setFocus()
            return
        green = self.number_green.isChecked()
        hall, actor = self.hall, self.actor

        def work(confirmed: bool) -> QueueEntry:
            if call:
                return hall.desk.call_number(actor, text, green=green, confirmed=confirmed)
            return hall.desk.take_number(actor, text, green=green, confirmed=confirmed)

        def done(entry: QueueEntry) -> None:
            self.number_edit.clear()
            self.number_green.setChecked(False)
            if call:
                self._called_message(entry)
            else:
                self.message.show_message(
                    QCoreApplication.translate("OfflineDeskView", "{} 已在等候队列中（{}）").format(
                        entry.number, self.tickets.source_text(entry)
                    ),
                    "ok",
                )
            self.number_edit.setFocus()

        def failed(error: KnownError) -> None:
            if isinstance(error, UnknownTicket) and TakeTicketConfirm.ask(self, error.message):
                self._begin_action(again=True)
                self.runner.run(lambda: work(True), done, self.message.show_error)
                self._end_action()
            else:
                self.message.show_error(error)

        if self._begin_action():
            # the message names the entry's source: runner.run, every error shown (an
            # unknown number after the clerk's answer)
            self.runner.run(lambda: work(False), done, failed)
            self._end_action()

    # ------------------------------------------------------------ the ticket at the window

    def _move(self, name: str) -> None:
        """F2 重呼, F3 开始办理, F4 办结, F5 过号 (after its question): the ticket at the window."""
        if self.called is None:
            self.message.show_message(
                QCoreApplication.translate("OfflineDeskView", "当前没有号票，请先按 F1 叫号"),
                "info",
            )
            return
        number = self.called.number
        hall, actor = self.hall, self.actor
        fn: Callable[[Actor], object] = {
            "recall": hall.desk.recall,
            "start": hall.desk.start,
            "finish": hall.desk.finish,
            "no_show": hall.desk.no_show,
        }[name]
        texts = {
            "recall": QCoreApplication.translate(
                "OfflineDeskView", "请再次口头叫号「{}」（第二次呼叫）"
            ),
            "start": QCoreApplication.translate("OfflineDeskView", "{} 开始办理"),
            "finish": QCoreApplication.translate("OfflineDeskView", "{} 已办结（离线）"),
            "no_show": QCoreApplication.translate("OfflineDeskView", "{} 已按过号处理（离线）"),
        }

        shown = voice_text(number, actor.window_number) if name == "recall" else number
        rate = name == "finish" and bool(self.settings.get(ASK_RATING))
        if self._begin_action():
            run_reporting(
                self.runner,
                self.message,
                lambda: fn(actor),
                texts[name].format(shown),
                (lambda: self.ask_rating(number)) if rate else None,
            )
            self._end_action()

    def no_show(self) -> None:
        """F5: asks first, as online."""
        if self.called is None or self.busy:
            return
        if self.called.state != "called":
            self.message.show_message(
                QCoreApplication.translate(
                    "OfflineDeskView", "{} 正在办理中，不能按过号处理"
                ).format(self.called.number),
                "error",
            )
            return
        if OfflineNoShowConfirm.ask(self, self.called.number):
            self._move("no_show")

    # ------------------------------------------------------------ server tickets, ratings

    def finish_server_ticket(self, no_show: bool = False) -> None:
        number = self.server_ticket.text().strip().upper()
        if not number:
            self.message.show_message(
                QCoreApplication.translate("OfflineDeskView", "请填写断网时正在办理的号票号码"),
                "error",
            )
            self.server_ticket.setFocus()
            return
        hall, actor = self.hall, self.actor
        text = (
            QCoreApplication.translate("OfflineDeskView", "{} 已按过号处理，恢复联网后核对")
            if no_show
            else QCoreApplication.translate("OfflineDeskView", "{} 已办结，恢复联网后核对")
        )
        rate = not no_show and bool(self.settings.get(ASK_RATING))

        def then() -> None:
            self.server_ticket.clear()
            if rate:
                self.ask_rating(number)

        if self._begin_action():
            run_reporting(
                self.runner,
                self.message,
                lambda: hall.desk.finish_server_ticket(actor, number, no_show=no_show),
                text.format(number),
                then,
            )
            self._end_action()

    def rate(self) -> None:
        ticket = self.selected_ticket()
        if ticket is None or ticket.state != "finished":
            rows = [self.tickets.row(i) for i in range(self.tickets.rowCount())]
            done = [t for t in rows if t.state == "finished"]
            ticket = max(done, key=lambda t: t.finished_at or t.issued_at) if done else None
        if ticket is None:
            self.message.show_message(
                QCoreApplication.translate("OfflineDeskView", "没有已办结的离线号票可评价"), "info"
            )
            return
        self.ask_rating(ticket.number)

    def ask_rating(self, number: str) -> None:
        answer = RatingDialog.ask(self, number)
        if answer is None:
            return
        level, comment, pad = answer
        hall, actor = self.hall, self.actor
        run_reporting(
            self.runner,
            self.message,
            lambda: hall.desk.rate(actor, number, level, comment, entered_by_staff=pad),
            QCoreApplication.translate("OfflineDeskView", "{} 评价已记录：{}").format(
                number, rating_label(level)
            ),
        )
