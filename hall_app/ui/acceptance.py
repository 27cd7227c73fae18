"""受理时的约定: how the result is delivered (窗口领取 / 邮寄 / 电子证照), the 容缺后补
materials with the date each is promised by, and the applicant's signed commitment (承诺书).
Shown when the clerk accepts; the answers go to ``documents.accept(choices=…)``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain import legal
from hall_app.domain.errors import KnownError
from hall_app.domain.materials import Check
from hall_app.printing.documents import CommitmentData, ExtensionNoticeData, ReceiptData
from hall_app.services.acceptance import AcceptanceChoices, DeferredDefault
from hall_app.services.context import Actor
from hall_app.services.doc_common import Applicant, MaterialPlan
from hall_app.services.hall import Hall
from hall_app.ui.labels import label
from hall_app.ui.output import Printed, save_document
from hall_app.ui.worker import Runner

MAIL = "邮寄"


class AcceptanceOptions(QDialog):
    """Delivery, 容缺 dates and the commitment; :meth:`ask` is what tests stub."""

    def __init__(
        self, deferred: Sequence[DeferredDefault], today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("受理：送达方式与容缺承诺"))
        self.setObjectName("acceptanceOptions")
        self.deferred = list(deferred)
        self.method = QComboBox()
        self.method.setObjectName("deliveryMethod")
        for method in legal.DELIVERY_METHODS:
            self.method.addItem(label(method), method)
        self.address = QLineEdit()
        self.address.setObjectName("deliveryAddress")
        self.address.setPlaceholderText(self.tr("邮寄送达的收件地址、收件人及电话"))
        self.address.setMaxLength(300)
        form = QFormLayout()
        form.addRow(self.tr("办理结果送达方式(&D)："), self.method)
        form.addRow(self.tr("收件地址(&A)："), self.address)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.dates: dict[str, QDateEdit] = {}
        self.commitment = QCheckBox(self.tr("申请人已阅读并签署《容缺受理承诺书》(&C)"))
        self.commitment.setObjectName("commitmentSigned")
        if self.deferred:
            box = QGroupBox(self.tr("容缺后补材料（补齐日期只能提前，不能延后）"))
            rows = QFormLayout(box)
            for d in self.deferred:
                edit = QDateEdit()
                edit.setCalendarPopup(True)
                edit.setDisplayFormat("yyyy-MM-dd")
                edit.setDateRange(
                    QDate(today.year, today.month, today.day),
                    QDate(d.due_on.year, d.due_on.month, d.due_on.day),
                )
                edit.setDate(QDate(d.due_on.year, d.due_on.month, d.due_on.day))
                edit.setToolTip(self.tr("受理后 {} 个工作日内").format(d.defer_days))
                self.dates[d.key] = edit
                rows.addRow(d.name + "：", edit)
            rows.addRow(self.commitment)
            layout.addWidget(box)
        else:
            self.commitment.setVisible(False)
        self.hint = QLabel()
        self.hint.setStyleSheet("color:#c62828;")
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("受理并打印回执"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("返回"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.method.currentIndexChanged.connect(self._update)
        self.address.textChanged.connect(self._update)
        self.commitment.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        mail = self.method.currentData() == MAIL
        self.address.setEnabled(mail)
        problems = []
        if mail and not self.address.text().strip():
            problems.append(self.tr("邮寄送达须填写收件地址"))
        if self.deferred and not self.commitment.isChecked():
            problems.append(self.tr("容缺受理须由申请人签署承诺书"))
        self.hint.setText("；".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def values(self) -> AcceptanceChoices:
        return AcceptanceChoices(
            delivery_method=str(self.method.currentData()),
            delivery_address=self.address.text().strip() if self.address.isEnabled() else "",
            deferred_due={key: _day(edit) for key, edit in self.dates.items()},
            commitment_signed=bool(self.deferred) and self.commitment.isChecked(),
        )

    @classmethod
    def ask(
        cls, parent: QWidget | None, deferred: Sequence[DeferredDefault], today: dt.date
    ) -> AcceptanceChoices | None:
        dialog = cls(deferred, today, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()


def ask_acceptance(
    hall: Hall,
    runner: Runner,
    parent: QWidget,
    plan: MaterialPlan,
    checks: Sequence[Check],
    applicant: Applicant,
    then: Callable[[AcceptanceChoices], None],
    failed: Callable[[KnownError], None],
) -> None:
    """Fetch the 容缺 defaults on the worker, ask the clerk, then go on with the answers
    (nothing happens when the clerk goes back)."""
    checks = list(checks)

    def asked(defaults: list[DeferredDefault]) -> None:
        choices = AcceptanceOptions.ask(parent, defaults, hall.ctx.today())
        if choices is not None:
            then(choices)

    runner.run(lambda: hall.documents.deferred_defaults(plan, checks, applicant), asked, failed)


# ---------------------------------------------------------------- the documents around it
# rendered by printing/* (helper D's renderers); archived and printed like the receipt


def render_commitment(data: CommitmentData) -> bytes:
    from hall_app.printing.commitment import render_commitment_a4

    return render_commitment_a4(data)


def render_extension_notice(data: ExtensionNoticeData) -> bytes:
    from hall_app.printing.extension import render_extension_a4

    return render_extension_a4(data)


def commitment_document(hall: Hall, actor: Actor, receipt: ReceiptData) -> Printed | None:
    """The 承诺书 printed with the receipt of a 容缺 acceptance (worker thread)."""
    if not receipt.deferred:
        return None
    data = hall.documents.commitment(receipt.case_no)
    return save_document(hall, actor, render_commitment(data), "commitment", receipt.case_no)


def extension_document(hall: Hall, actor: Actor, data: ExtensionNoticeData) -> Printed:
    return save_document(hall, actor, render_extension_notice(data), "extension", data.case_no)


def _day(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())
