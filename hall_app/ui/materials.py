"""材料核验: the clerk marks each material of the item (or bundle) and, in one step, either
accepts the case (受理回执) or prints everything to correct (一次性告知单), or refuses."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.masking import mask_id
from hall_app.domain.materials import PROBLEMS, Check, Mark, evaluate
from hall_app.services.documents import (
    ID_TYPES,
    Applicant,
    FurtherRequest,
    MaterialPlan,
    NoticeRecord,
    Refusal,
    refusal_grounds_of,
)
from hall_app.ui.agent import AgentBox
from hall_app.ui.common import MessageBar, table_view
from hall_app.ui.labels import label as _label
from hall_app.ui.material_checklist import ChecklistPrint
from hall_app.ui.material_model import MaterialCheckModel
from hall_app.ui.refusal import FurtherDialog, RefusalDialog, WithdrawDialog
from hall_app.ui.situations import SituationPanel, carried

__all__ = ["MaterialCheckDialog", "MaterialCheckModel", "RefusalDialog"]


class MaterialCheckDialog(QDialog):
    """Keyboard: ↑/↓ choose a material, 1 已收, 2 缺失, 3 有误, Y/N 适用; Ctrl+A all received;
    Ctrl+D opens the agent / legal representative section; Ctrl+Shift+K prints the review
    checklist (v2)."""

    #: ("accept" | "notice" | "refusal", Applicant, checks, Refusal / FurtherRequest or None)
    submitted = Signal(str, object, object, object)
    reprint_requested = Signal()
    # the reason and the approving supervisor (number, password): the applicant gives up
    withdraw_requested = Signal(object)
    id_entered = Signal(str)  # a checked ID number: the screen looks for an open notice
    answers_changed = Signal(object)  # catalog v2: {question: value}; answer with set_plan
    checklist_requested = Signal()  # catalog v2: print the review checklist of ``plan``

    def __init__(
        self,
        plan: MaterialPlan,
        parent: QWidget | None = None,
        previous: NoticeRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self.previous: NoticeRecord | None = None
        self.setWindowTitle(
            QCoreApplication.translate("Materials", "材料核验 — {}").format(plan.name)
        )
        self.resize(1000, 700)
        self.message = MessageBar(self)
        days = (
            QCoreApplication.translate("Materials", "即办件")
            if plan.promised_days == 0
            else QCoreApplication.translate("Materials", "承诺时限 {} 个工作日").format(
                plan.promised_days
            )
        )
        title = QLabel(f"<b>{plan.name}</b>（{plan.code}） · {days}")
        title.setWordWrap(True)

        self.name = QLineEdit(previous.applicant_name if previous else "")
        self.name.setObjectName("applicantName")
        self.id_type = QComboBox()
        self.id_type.addItems(ID_TYPES)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("idNumber")
        self.id_number.setPlaceholderText(
            QCoreApplication.translate("Materials", "18位，末位可为X；核验后只显示前6后4位")
        )
        self._full_id = ""
        self.id_number.editingFinished.connect(self._mask_id)
        self.id_number.textEdited.connect(self._id_edited)
        self._id_error = False
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        applicant = QGroupBox(QCoreApplication.translate("Materials", "申请人"))
        form = QGridLayout(applicant)
        for col, (label, widget) in enumerate(
            (
                (QCoreApplication.translate("Materials", "姓名/单位"), self.name),
                (QCoreApplication.translate("Materials", "证件类型"), self.id_type),
                (QCoreApplication.translate("Materials", "证件号码"), self.id_number),
                (QCoreApplication.translate("Materials", "联系电话"), self.phone),
            )
        ):
            # two pairs a row: the English labels are long, a 1366 px screen is not
            form.addWidget(QLabel(label), col // 2, (col % 2) * 2)
            form.addWidget(widget, col // 2, (col % 2) * 2 + 1)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)

        self.agent_box = AgentBox(self, "Ctrl+D")
        self.situations = SituationPanel(self)
        self.situations.set_questions(plan.questions, dict(plan.answers))
        self.situations.changed.connect(self.answers_changed.emit)
        self.model = MaterialCheckModel(self)
        self.model.set_checks([Check(r) for r in plan.requirements])
        self.table = table_view(self.model, stretch_column=0)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(48)
        # notes share the spare width with the names (elided only when the dialog is narrow)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setObjectName("materialTable")
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.applies_box = QCheckBox(QCoreApplication.translate("Materials", "适用（Y/N）"))
        self.applies_box.toggled.connect(self._set_applies)
        self.mark_box = QComboBox()
        for mark in (Mark.PENDING, Mark.RECEIVED, Mark.MISSING, Mark.FAULTY):
            self.mark_box.addItem(_label(mark.label), mark.value)
        self.mark_box.activated.connect(
            lambda _i: self._set_mark(Mark(self.mark_box.currentData()))
        )
        self.problem_box = QComboBox()
        self.problem_box.setObjectName("problemBox")
        self.problem_box.addItem("", "")
        for problem in PROBLEMS[1:]:
            self.problem_box.addItem(_label(problem), problem)
        self.problem_box.activated.connect(self._set_problem)
        self.note = QLineEdit()
        self.note.setObjectName("materialNote")
        self.note.setPlaceholderText(
            QCoreApplication.translate("Materials", "备注：如有效期至2025-12-31已过期、未加盖公章")
        )
        self.note.textEdited.connect(self._set_note)
        self.standard = QLabel()
        self.standard.setWordWrap(True)
        editor = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.applies_box)
        row.addWidget(QLabel(QCoreApplication.translate("Materials", "核验结果：")))
        row.addWidget(self.mark_box)
        row.addWidget(QLabel(QCoreApplication.translate("Materials", "问题：")))
        row.addWidget(self.problem_box)
        row.addWidget(self.note, 1)
        editor.addRow(row)
        editor.addRow(QCoreApplication.translate("Materials", "受理标准："), self.standard)

        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)  # it can list every material still to confirm
        self.accept_button = QPushButton(
            QCoreApplication.translate("Materials", "受理并出具回执 (Ctrl+Enter)")
        )
        self.accept_button.setObjectName("acceptButton")
        self.notice_button = QPushButton(
            QCoreApplication.translate("Materials", "出具一次性告知单 (Ctrl+P)")
        )
        self.notice_button.setObjectName("noticeButton")
        self.refuse_button = QPushButton(QCoreApplication.translate("Materials", "不予受理…"))
        close_button = QPushButton(QCoreApplication.translate("Materials", "关闭"))
        self.reprint_button = QPushButton(QCoreApplication.translate("Materials", "补打原告知单"))
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.setVisible(False)
        self.reprint_button.clicked.connect(lambda: self.reprint_requested.emit())
        self.withdraw_button = QPushButton(QCoreApplication.translate("Materials", "撤回申请…"))
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.setVisible(False)
        self.withdraw_button.clicked.connect(self._withdraw)
        self.accept_button.clicked.connect(lambda: self._submit("accept"))
        self.notice_button.clicked.connect(lambda: self._submit("notice"))
        self.refuse_button.clicked.connect(self._refuse)
        close_button.clicked.connect(self.reject)
        self.checklist = ChecklistPrint(self, self.checklist_requested.emit)
        self.checklist.set_plan(plan)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (
            self.checklist.button,
            self.withdraw_button,
            self.reprint_button,
            self.accept_button,
            self.notice_button,
            self.refuse_button,
            close_button,
        ):
            b.setAutoDefault(False)
            buttons.addWidget(b)

        self._shortcut("1", lambda: self._set_mark(Mark.RECEIVED))
        self._shortcut("2", lambda: self._set_mark(Mark.MISSING))
        self._shortcut("3", lambda: self._set_mark(Mark.FAULTY))
        self._shortcut("Y", lambda: self._set_applies(True))
        self._shortcut("N", lambda: self._set_applies(False))
        self._shortcut("Ctrl+A", self.all_received)
        self._shortcut("Ctrl+Return", lambda: self._submit("accept"))
        self._shortcut("Ctrl+P", lambda: self._submit("notice"))
        self._shortcut("Ctrl+D", self._toggle_agent)
        self._shortcut("Ctrl+Q", self.situations.list.setFocus)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(applicant)
        layout.addWidget(self.agent_box)
        layout.addWidget(self.situations)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.table.selectRow(0)
        if previous is not None:
            self.set_previous(previous)
        self._update_summary()

    def set_previous(self, previous: NoticeRecord) -> None:
        """The citizen returns with the first notice (scanned, typed, or found by the ID
        number): what was received stays received; an acceptance closes that notice."""
        self.previous = previous
        received = {x.name for x in previous.received}
        for row, c in enumerate(self.model.checks):
            shown = c.material.name + (
                f"（{c.material.situation}）" if c.material.situation else ""
            )
            if shown in received:
                c.mark = Mark.RECEIVED
                c.applies = True
                self.model.changed(row)
        self.reprint_button.setVisible(True)
        self.withdraw_button.setVisible(previous.open)
        self._update_summary()

    def set_plan(self, plan: MaterialPlan) -> None:
        """The list resolved under new answers; what the clerk marked stays marked."""
        self.plan = plan
        self.model.set_checks(carried(self.model.checks, plan.requirements))
        self.situations.set_questions(plan.questions, dict(plan.answers))
        self.checklist.set_plan(plan)
        self._update_summary()

    def withdrawn(self) -> None:
        """The application was withdrawn: its notice is closed, this check starts afresh."""
        serial = self.previous.serial if self.previous else ""
        self.previous = None
        self.reprint_button.setVisible(False)
        self.withdraw_button.setVisible(False)
        self.message.show_message(
            QCoreApplication.translate("Materials", "告知单 {} 已撤回").format(serial)
        )

    def _withdraw(self) -> None:
        answer = WithdrawDialog.ask(self)
        if answer:
            self.withdraw_requested.emit(answer)

    def offer_previous(self, records: list[NoticeRecord]) -> None:
        """Open notices found for the typed ID number: the first one is this application's."""
        if self.previous is not None or not records:
            return
        self.set_previous(records[0])
        self.message.show_message(
            QCoreApplication.translate(
                "Materials", "该申请人已有未办结的一次性告知单 {}：已调出原告知单，请核验补正材料"
            ).format(records[0].serial)
        )

    def _toggle_agent(self) -> None:
        self.agent_box.setChecked(not self.agent_box.isChecked())
        if not self.agent_box.isChecked():
            self.table.setFocus()

    # ------------------------------------------------------------ editing

    def _shortcut(self, key: str, slot: Any) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        # digits and letters only act while the table has focus, so typing a name is safe
        if len(key) == 1:
            self.table.addAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        else:
            self.addAction(action)
        action.triggered.connect(slot)

    def current(self) -> Check | None:
        row = self.table.currentIndex().row()
        return self.model.checks[row] if 0 <= row < len(self.model.checks) else None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        check = self.current()
        if check is None:
            return
        self.applies_box.blockSignals(True)
        self.applies_box.setEnabled(check.material.conditional)
        self.applies_box.setChecked(bool(check.applies))
        self.applies_box.blockSignals(False)
        self.mark_box.setCurrentIndex(self.mark_box.findData(check.mark.value))
        self.mark_box.setEnabled(not check.material.shared)
        self.problem_box.setCurrentIndex(max(0, self.problem_box.findData(check.problem)))
        self.note.setText(check.note)
        self.standard.setText(check.material.standard or "—")

    def _changed(self) -> None:
        row = self.table.currentIndex().row()
        self.model.changed(row)
        self._row_changed(self.table.currentIndex(), QModelIndex())
        self._update_summary()

    def _set_mark(self, mark: Mark) -> None:
        check = self.current()
        if check is None or check.material.shared:
            return
        if check.applies is None:
            check.applies = True
        check.mark = mark
        if mark is not Mark.FAULTY:
            check.problem = ""
        self._changed()
        if mark is Mark.FAULTY:
            self.problem_box.setFocus()
        elif self.table.currentIndex().row() + 1 < self.model.rowCount():
            self.table.selectRow(self.table.currentIndex().row() + 1)

    def _set_applies(self, applies: bool) -> None:
        check = self.current()
        if check is None or not check.material.conditional:
            return
        check.applies = applies
        self._changed()

    def _set_problem(self, _index: int) -> None:
        check = self.current()
        if check is not None:
            check.problem = self.problem_box.currentData() or ""
            if check.problem and check.mark is not Mark.FAULTY:
                check.mark = Mark.FAULTY
            self._changed()

    def _set_note(self, text: str) -> None:
        check = self.current()
        if check is not None:
            check.note = text
            self.model.changed(self.table.currentIndex().row())

    def all_received(self) -> None:
        for row, check in enumerate(self.model.checks):
            if check.applies and check.mark is Mark.PENDING:
                check.mark = Mark.RECEIVED
                self.model.changed(row)
        self._update_summary()

    def _update_summary(self) -> None:
        checks = self.model.checks
        counts = {m: sum(1 for c in checks if c.applies and c.mark is m) for m in Mark}
        text = QCoreApplication.translate(
            "Materials", "已收 {} · 缺失 {} · 有误 {} · 未核验 {}"
        ).format(
            counts[Mark.RECEIVED], counts[Mark.MISSING], counts[Mark.FAULTY], counts[Mark.PENDING]
        )
        try:
            outcome = evaluate(checks)
        except KnownError as error:
            self.summary.setText(f"{text}<br><span style='color:#757575'>{error.message}</span>")
            self.accept_button.setEnabled(False)
            self.notice_button.setEnabled(False)
            return
        if outcome.complete:
            later = (
                QCoreApplication.translate("Materials", "（{} 项容缺后补）").format(
                    len(outcome.deferred)
                )
                if outcome.deferred
                else ""
            )
            ready = QCoreApplication.translate("Materials", "材料齐全，可以受理")
            verdict = f"<span style='color:#2e7d32'>{ready}{later}</span>"
        else:
            verdict = "<span style='color:#c62828'>{}</span>".format(
                QCoreApplication.translate("Materials", "需补正 {} 项：请出具一次性告知单").format(
                    len(outcome.to_correct)
                )
            )
        self.summary.setText(f"{text}<br>{verdict}")
        self.accept_button.setEnabled(outcome.complete)
        self.notice_button.setEnabled(not outcome.complete)

    # ------------------------------------------------------------ submitting

    def _mask_id(self) -> None:
        """Keep the number, show it masked (first 6 and last 4) once it checks out."""
        text = self.id_number.text().strip()
        if "*" in text or not text:
            return
        if self.id_type.currentText() == "居民身份证":
            try:
                number = parse_id_number(text).number
            except KnownError as error:
                self._id_error = True
                self.message.show_error(error)
                return
        else:
            number = text
        self._clear_id_error()
        self._full_id = number
        self.id_number.setText(mask_id(number))
        self.id_entered.emit(number)

    def _id_edited(self, _text: str) -> None:
        """The clerk is correcting the number: the old checksum error no longer holds."""
        self._clear_id_error()

    def _clear_id_error(self) -> None:
        if self._id_error:
            self._id_error = False
            self.message.clear_message()

    def _id_value(self) -> str:
        text = self.id_number.text().strip()
        if "*" in text and self._full_id and mask_id(self._full_id) == text:
            return self._full_id
        return text

    def applicant(self) -> Applicant:
        return Applicant(
            self.name.text(),
            self.id_type.currentText(),
            self._id_value(),
            self.phone.text(),
            self.agent_box.legal_rep_text(),
            self.agent_box.agent(),
        )

    def _submit(
        self,
        kind: str,
        extra: Refusal | FurtherRequest | None = None,
        applicant: Applicant | None = None,
    ) -> None:
        button = self.accept_button if kind == "accept" else self.notice_button
        if kind != "refusal" and not button.isEnabled():
            return
        if kind == "notice" and self.previous is not None and self.previous.open:
            # one correction per application: a further notice only with approval
            first = self.previous.first_serial or self.previous.serial
            names = tuple(
                c.material.name + (f"（{c.material.situation}）" if c.material.situation else "")
                for c in self.model.checks
                if c.applies and c.mark is Mark.FAULTY
            )
            extra = FurtherDialog.ask(self, first, names)
            if extra is None:
                return
        self.submitted.emit(kind, applicant or self.applicant(), list(self.model.checks), extra)

    def _refuse(self) -> None:
        applicant = self.applicant()
        answer = RefusalDialog.ask(
            self, refusal_grounds_of(self.plan), applicant.legal_rep, applicant.agent
        )
        if answer is not None:
            applicant = dataclasses.replace(
                applicant, legal_rep=answer.legal_rep, agent=answer.agent
            )
            self._submit("refusal", answer.refusal, applicant)

    def show_error(self, error: KnownError) -> None:
        self.message.show_error(error)
