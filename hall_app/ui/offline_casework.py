"""The offline desk's material check: the notice and the acceptance written to the local
journal, previewed like the online ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hall_app.domain.errors import KnownError
from hall_app.domain.masking import mask_name
from hall_app.domain.materials import evaluate
from hall_app.printing.notice import render_notice_80mm, render_notice_a4
from hall_app.printing.receipt import render_receipt_a4
from hall_app.services.documents import Applicant, MaterialPlan
from hall_app.ui import printer
from hall_app.ui.common import ask_yes, dispose_on_close
from hall_app.ui.materials import MaterialCheckDialog
from hall_app.ui.offline_base import OfflineDeskBase
from hall_app.ui.offline_widgets import ItemPickDialog, OfflinePreviewDialog
from hall_app.ui.settings import NOTICE_PAPER

# ---------------------------------------------------------------- plain results


@dataclass(frozen=True)
class OfflineDocument:
    kind: str  # accept | notice
    reference: str  # case number or notice serial
    path: Path | None
    applicant: str  # masked name, for the message line
    warning: str = ""


class CommitmentConfirm:
    @classmethod
    def ask(cls, parent: QWidget, names: str) -> bool:
        """容缺受理 offline: has the applicant signed the commitment (承诺书)? Tests replace
        this classmethod."""
        return ask_yes(
            parent,
            QCoreApplication.translate("OfflineDeskView", "容缺受理"),
            QCoreApplication.translate(
                "OfflineDeskView", "容缺后补材料：{}\n申请人已签署承诺书？"
            ).format(names),
        )


class OfflineCaseworkMixin(OfflineDeskBase):
    """Mixed into ``OfflineDeskView``."""

    def casework(self) -> None:
        """F8: the material check for the selected item; a slip if anything is missing,
        otherwise acceptance."""
        entry = self.selected_entry()
        code = entry.code if entry is not None and entry.kind != "category" else None
        if code is None:
            rows = [self.catalog.row(i) for i in range(self.catalog.rowCount())]
            items = [e for e in rows if e.kind != "category"]
            if not items:
                self.message.show_message(
                    QCoreApplication.translate("OfflineDeskView", "离线目录尚未载入"), "error"
                )
                return
            called = self.called
            if called is not None:  # the called ticket's lane first
                items.sort(key=lambda e: e.lane_code != called.category_code)
            code = ItemPickDialog.pick(self, items)
            if code is None:
                return
        hall = self.hall

        def loaded(plan: MaterialPlan) -> None:
            self.open_check(plan)

        self.runner.run(lambda: hall.desk.snapshot.plan(code), loaded, self.message.show_error)

    def open_check(self, plan: MaterialPlan) -> MaterialCheckDialog:
        dialog = MaterialCheckDialog(plan, self)
        dialog.setWindowTitle(
            QCoreApplication.translate("OfflineDeskView", "材料核验（离线）— {}").format(plan.name)
        )
        dialog.refuse_button.hide()  # 不予受理 waits for the server
        dialog.submitted.connect(
            lambda kind, applicant, checks, _refusal: self._submit(
                dialog, plan, kind, applicant, checks
            )
        )
        self.check_dialog = dialog
        dispose_on_close(dialog, self, "check_dialog").open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _submit(
        self,
        dialog: MaterialCheckDialog,
        plan: MaterialPlan,
        kind: str,
        applicant: Applicant,
        checks: list[Any],
    ) -> None:
        if kind not in ("accept", "notice"):
            dialog.show_error(
                KnownError(
                    QCoreApplication.translate(
                        "OfflineDeskView", "离线时不能出具不予受理通知书，请恢复联网后办理"
                    )
                )
            )
            return
        hall, actor = self.hall, self.actor
        ticket = self.called.number if self.called is not None else None
        signed = False  # 容缺后补 materials: accepted only with the signed commitment
        if kind == "accept":
            try:
                deferred = evaluate(checks).deferred
            except KnownError:
                deferred = ()  # the desk's own check says what is wrong
            if deferred:
                names = "、".join(c.material.name for c in deferred)
                signed = CommitmentConfirm.ask(dialog, names)
        paper = self.settings.get(NOTICE_PAPER)
        shown = mask_name(applicant.name)

        def work() -> OfflineDocument:
            render: Callable[[Any], bytes]
            if kind == "accept":
                data: Any = hall.desk.accept(
                    actor, plan, applicant, checks, ticket_number=ticket, commitment_signed=signed
                )
                reference, warning, name = data.case_no, data.calendar_warning, "receipt"
                render = render_receipt_a4
            else:
                data = hall.desk.issue_notice(actor, plan, applicant, checks, ticket_number=ticket)
                reference, warning, name = data.serial, "", "notice"
                render = render_notice_80mm if paper == "80mm" else render_notice_a4
            try:  # recorded in the journal: a failing PDF must not hide the number
                path = printer.archive(render(data), f"{name}-{reference}", hall.ctx.today())
            except KnownError as error:
                return OfflineDocument(kind, reference, None, shown, error.message)
            return OfflineDocument(kind, reference, path, shown, warning)

        def done(result: OfflineDocument) -> None:
            dialog.accept()
            text = (
                QCoreApplication.translate(
                    "OfflineDeskView", "已受理（离线），办件编号 {}，申请人 {}"
                )
                if result.kind == "accept"
                else QCoreApplication.translate(
                    "OfflineDeskView", "已出具一次性告知单（离线）{}，申请人 {}"
                )
            )
            text = text.format(result.reference, result.applicant)
            if result.warning:
                text += "（" + result.warning + "）"
            self.message.show_message(text, "ok", seconds=30)
            self.refresh()
            self.document_ready.emit(result)
            if result.path is not None:
                titles = {
                    "accept": QCoreApplication.translate("OfflineDeskView", "受理回执 {}（离线）"),
                    "notice": QCoreApplication.translate(
                        "OfflineDeskView", "一次性告知单 {}（离线）"
                    ),
                }
                self.preview = OfflinePreviewDialog(
                    hall,
                    self.runner,
                    actor,
                    self.settings,
                    result.path,
                    titles[result.kind].format(result.reference),
                    self,
                )
                dispose_on_close(self.preview, self, "preview").open()
                self.preview_opened.emit(self.preview)

        self.runner.run(work, done, dialog.show_error)
