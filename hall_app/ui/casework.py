"""From the ticket in hand to paper: material check → acceptance receipt, one-time
notification slip or refusal notice → preview and print. Also the returning citizen: a
scanned or typed serial brings back what was missing."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from hall_app.domain.errors import InvalidInput, KnownError
from hall_app.domain.materials import Check
from hall_app.printing.checklist import render_checklist_a4
from hall_app.printing.documents import NoticeData, ReceiptData
from hall_app.printing.notice import render_notice_80mm, render_notice_a4
from hall_app.printing.receipt import render_receipt_a4
from hall_app.services.acceptance import AcceptanceChoices
from hall_app.services.catalog import CatalogEntry
from hall_app.services.context import Actor
from hall_app.services.documents import (
    Applicant,
    FurtherRequest,
    MaterialPlan,
    NoticeRecord,
    Refusal,
)
from hall_app.services.hall import Hall
from hall_app.services.tickets import TicketView
from hall_app.ui.acceptance import ask_acceptance, commitment_document
from hall_app.ui.common import dispose_on_close
from hall_app.ui.materials import MaterialCheckDialog
from hall_app.ui.output import Printed, save_document
from hall_app.ui.preview import PreviewDialog
from hall_app.ui.settings import NOTICE_PAPER, Settings
from hall_app.ui.worker import Runner


@dataclass(frozen=True)
class Issued:
    kind: str  # accept | notice | refusal
    reference: str  # case number or serial
    saved: Printed
    warning: str = ""


class Casework(QObject):
    issued = Signal(object)  # Issued
    failed = Signal(object)  # KnownError
    dialog_opened = Signal(object)  # MaterialCheckDialog
    preview_opened = Signal(object)  # PreviewDialog

    def __init__(
        self, hall: Hall, runner: Runner, actor: Actor, settings: Settings, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.widget = parent
        self.dialog: MaterialCheckDialog | None = None
        self.preview: PreviewDialog | None = None

    # ------------------------------------------------------------ starting a check

    def check_ticket(self, ticket: TicketView) -> None:
        """Open the material check for the ticket's item or bundle (asking when the ticket
        was issued for a whole category)."""
        hall = self.hall
        if ticket.item_code is not None or ticket.bundle_code is not None:
            item, bundle = ticket.item_code, ticket.bundle_code
            answers = dict(ticket.intake_answers)  # reception's answers, where it took them

            def load() -> MaterialPlan:
                try:
                    return hall.documents.plan(item_code=item, bundle_code=bundle, answers=answers)
                except InvalidInput:  # the catalog changed since: the clerk answers anew
                    return hall.documents.plan(item_code=item, bundle_code=bundle)

            self.runner.run(
                load,
                lambda plan: self.open_check(plan, ticket_number=ticket.number),
                self.failed.emit,
            )
            return

        def picked(entries: list[CatalogEntry]) -> None:
            code = self._pick_item(entries, ticket.lane_code)
            if code is not None:
                self.runner.run(
                    lambda: hall.documents.plan(item_code=code),
                    lambda plan: self.open_check(plan, ticket_number=ticket.number),
                    self.failed.emit,
                )

        self.runner.run(hall.catalog.entries, picked, self.failed.emit)

    def _pick_item(self, entries: list[CatalogEntry], lane_code: str) -> str | None:
        items = [e for e in entries if e.kind == "item"]
        in_lane = [e for e in items if e.lane_code == lane_code] or items
        names = [e.name for e in in_lane]
        name, ok = QInputDialog.getItem(
            self.widget,
            self.tr("选择办理事项"),
            self.tr("该号票按业务类别取号，请选择具体事项："),
            names,
            0,
            False,
        )
        return in_lane[names.index(name)].code if ok and name in names else None

    def lookup(self, serial: str) -> None:
        """A returning citizen's slip: show what was missing and check again."""
        hall = self.hall

        def load() -> tuple[NoticeRecord, MaterialPlan]:
            record = hall.documents.find_notice(serial)
            bundle = record.subject_kind == "bundle"
            return record, hall.documents.plan(
                item_code=None if bundle else record.subject_code,
                bundle_code=record.subject_code if bundle else None,
                answers=dict(record.answers),  # the situation as the notice was issued under
            )

        def done(result: tuple[NoticeRecord, MaterialPlan]) -> None:
            record, plan = result
            self.open_check(plan, previous=record)

        self.runner.run(load, done, self.failed.emit)

    def open_check(
        self,
        plan: MaterialPlan,
        *,
        ticket_number: str | None = None,
        previous: NoticeRecord | None = None,
    ) -> MaterialCheckDialog:
        dialog = MaterialCheckDialog(plan, self.widget, previous)
        # the notice the citizen came back with (scanned, or found by the ID number typed in)
        dialog.submitted.connect(
            lambda kind, applicant, checks, extra: self._submit(
                dialog,
                dialog.plan,  # as resolved under the latest situation answers
                kind,
                applicant,
                checks,
                extra,
                ticket_number,
                dialog.previous.serial if dialog.previous and dialog.previous.open else None,
            )
        )
        dialog.reprint_requested.connect(
            lambda: self.reprint_notice(dialog.previous.serial) if dialog.previous else None
        )
        dialog.id_entered.connect(lambda number: self._find_open(dialog, plan, number))
        dialog.withdraw_requested.connect(lambda answer: self._withdraw(dialog, answer))
        dialog.answers_changed.connect(lambda answers: self._replan(dialog, answers))
        dialog.checklist_requested.connect(lambda: self.print_checklist(dialog))
        self.dialog = dialog
        dispose_on_close(dialog, self, "dialog").open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _replan(self, dialog: MaterialCheckDialog, answers: dict[str, str]) -> None:
        """A situation answered: the list resolved anew (catalog v2)."""
        hall, plan = self.hall, dialog.plan
        bundle = plan.kind == "bundle"
        self.runner.run(
            lambda: hall.documents.plan(
                item_code=None if bundle else plan.code,
                bundle_code=plan.code if bundle else None,
                answers=answers,
            ),
            lambda new: dialog.set_plan(new) if self.dialog is dialog else None,
            dialog.show_error,
        )

    def _find_open(self, dialog: MaterialCheckDialog, plan: MaterialPlan, number: str) -> None:
        """One correction per application: an open notice of this applicant and item is
        brought back into the check instead of a second, unlinked one."""
        if dialog.previous is not None:
            return
        hall = self.hall
        self.runner.run(
            lambda: hall.documents.find_open_notices(number, plan.code),
            lambda records: dialog.offer_previous(records) if self.dialog is dialog else None,
            self.failed.emit,
        )

    def _withdraw(self, dialog: MaterialCheckDialog, answer: tuple[str, str, str]) -> None:
        if dialog.previous is None:
            return
        hall, actor, serial = self.hall, self.actor, dialog.previous.serial
        reason, approver_no, password = answer
        self.runner.run(
            lambda: hall.documents.withdraw_notice(actor, serial, reason, approver_no, password),
            lambda _none: dialog.withdrawn() if self.dialog is dialog else None,
            lambda error: (
                dialog.show_error(error) if self.dialog is dialog else self.failed.emit(error)
            ),
        )

    def reprint_notice(self, serial: str) -> None:
        """补打: the same notice again, marked as a reprint."""
        hall, actor = self.hall, self.actor
        paper = self.settings.get(NOTICE_PAPER)

        def work() -> Printed:
            notice = hall.documents.reprint_notice(actor, serial)
            render = render_notice_80mm if paper == "80mm" else render_notice_a4
            return save_document(hall, actor, render(notice), notice.kind, f"{serial}-补打")

        self.runner.run(
            work,
            lambda saved: self.show_preview(saved, self.tr("补打 {}").format(serial)),
            self.failed.emit,
        )

    def print_checklist(self, dialog: MaterialCheckDialog) -> None:
        """The window's 审查要点清单 of the list as resolved under the current answers."""
        hall, actor, plan = self.hall, self.actor, dialog.plan

        def work() -> Printed:
            pdf = render_checklist_a4(hall.documents.review_sheet(plan))
            return save_document(hall, actor, pdf, "checklist", plan.code)

        self.runner.run(
            work,
            lambda saved: self.show_preview(saved, self.tr("审查要点清单 {}").format(plan.name)),
            dialog.show_error,
        )

    # ------------------------------------------------------------ issuing

    def _submit(
        self,
        dialog: MaterialCheckDialog,
        plan: MaterialPlan,
        kind: str,
        applicant: Applicant,
        checks: list[Check],
        extra: Refusal | FurtherRequest | None,
        ticket_number: str | None,
        notice_serial: str | None,
        choices: AcceptanceChoices | None = None,
    ) -> None:
        hall, actor = self.hall, self.actor
        paper = self.settings.get(NOTICE_PAPER)
        if kind == "accept" and choices is None:  # delivery, 容缺 dates and the commitment
            ask_acceptance(
                hall,
                self.runner,
                dialog,
                plan,
                checks,
                applicant,
                lambda answer: self._submit(
                    dialog,
                    plan,
                    kind,
                    applicant,
                    checks,
                    extra,
                    ticket_number,
                    notice_serial,
                    answer,
                ),
                dialog.show_error,
            )
            return
        commitment: list[Printed] = []

        def work() -> Issued:
            if kind == "accept":
                receipt: ReceiptData = hall.documents.accept(
                    actor,
                    plan,
                    applicant,
                    checks,
                    ticket_number=ticket_number,
                    notice_serial=notice_serial,
                    choices=choices,
                )
                saved = save_document(
                    hall, actor, render_receipt_a4(receipt), "receipt", receipt.case_no
                )
                commitment.extend(filter(None, [commitment_document(hall, actor, receipt)]))
                return Issued(kind, receipt.case_no, saved, receipt.calendar_warning)
            notice: NoticeData = hall.documents.issue_notice(
                actor,
                plan,
                applicant,
                checks,
                ticket_number=ticket_number,
                refusal=extra if isinstance(extra, Refusal) else None,
                further=extra if isinstance(extra, FurtherRequest) else None,
            )
            render = render_notice_80mm if paper == "80mm" else render_notice_a4
            saved = save_document(hall, actor, render(notice), kind, notice.serial)
            return Issued(kind, notice.serial, saved)

        def done(result: Issued) -> None:
            dialog.accept()
            self.issued.emit(result)
            titles = {
                "accept": self.tr("受理回执 {}"),
                "notice": self.tr("一次性告知单 {}"),
                "refusal": self.tr("不予受理通知书 {}"),
            }
            self.show_preview(result.saved, titles[result.kind].format(result.reference))
            for saved in commitment:  # 容缺受理: the 承诺书 goes with the receipt
                self.show_preview(saved, self.tr("容缺受理承诺书 {}").format(result.reference))

        def failed(error: KnownError) -> None:
            dialog.show_error(error)

        self.runner.run(work, done, failed)

    def show_preview(self, saved: Printed, title: str) -> PreviewDialog:
        preview = PreviewDialog(
            self.hall, self.runner, self.actor, self.settings, saved, title, self.widget
        )
        self.preview = preview
        dispose_on_close(preview, self, "preview").open()
        self.preview_opened.emit(preview)
        return preview
