"""The incident console's dialogs: void unused paper numbers, close the incident with its
review, resolve an offline conflict, the public notice."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.fallback import PlanStep
from hall_app.services.fallback import IncidentView as Incident
from hall_app.ui.incident_models import (
    number_ranges,
    paper_label,
)

# ------------------------------------------------------------------ dialogs


class _Dialog(QDialog):
    """A modal form whose confirming button waits for the required fields."""

    def _finish(self, form: QFormLayout, confirm: str) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.check()

    def check(self) -> None:
        self.ok.setEnabled(self.complete())

    def exec(self) -> int:
        """Modal, then deleted: ``ask()`` reads the answer before control returns to the
        event loop, which is when the deferred deletion happens."""
        result = super().exec()
        self.deleteLater()
        return result

    def complete(self) -> bool:
        return True


class VoidDialog(_Dialog):
    """作废剩余号码: which kind (or all), the numbers it concerns, and the reason."""

    def __init__(
        self, outstanding: dict[str, list[str]], kind: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("作废剩余号码"))
        self.outstanding = outstanding
        self.kind = QComboBox()
        total = sum(len(v) for v in outstanding.values())
        self.kind.addItem(self.tr("全部类型（{} 个）").format(total), None)
        for key, numbers in outstanding.items():
            if numbers:
                self.kind.addItem(
                    self.tr("{}（{} 个）").format(paper_label(key), len(numbers)), key
                )
        if kind is not None and self.kind.findData(kind) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        self.numbers.setObjectName("voidNumbers")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("如：未使用；号票撕毁"))
        self.reason.textChanged.connect(self.check)
        self.kind.currentIndexChanged.connect(self._show_numbers)
        form = QFormLayout(self)
        form.addRow(self.tr("类型："), self.kind)
        form.addRow(self.tr("将作废："), self.numbers)
        form.addRow(self.tr("作废原因："), self.reason)
        warn = QLabel(self.tr("作废后这些号码不能再补录。请先确认纸质登记簿上确实没有使用。"))
        warn.setStyleSheet("color:#c62828;")
        warn.setWordWrap(True)
        form.addRow(warn)
        self._finish(form, self.tr("确认作废"))
        self._show_numbers()
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> dict[str, list[str]]:
        key = self.kind.currentData()
        return {k: v for k, v in self.outstanding.items() if v and key in (None, k)}

    def _show_numbers(self) -> None:
        chosen = [n for numbers in self.chosen().values() for n in numbers]
        self.numbers.setText(self.tr("{} 个：{}").format(len(chosen), number_ranges(chosen, 6)))

    def complete(self) -> bool:
        return bool(self.reason.text().strip())

    @classmethod
    def ask(
        cls, parent: QWidget, outstanding: dict[str, list[str]], kind: str | None
    ) -> tuple[dict[str, list[str]], str] | None:
        """Modal question; tests replace this classmethod."""
        dialog = cls(outstanding, kind, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen(), dialog.reason.text().strip()


class CloseDialog(_Dialog):
    """结束事件: the review; why the ledger does not balance when it does not; and, for each
    step of the plan left unticked, why it was not done."""

    def __init__(
        self,
        outstanding: tuple[str, ...],
        conflicts: int,
        unticked: Sequence[PlanStep] = (),
        kit_printed: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("结束应急事件"))
        self.needs_override = bool(outstanding or conflicts)
        self.review = QPlainTextEdit()
        self.review.setPlaceholderText(self.tr("原因、影响、处理经过、改进措施"))
        self.review.textChanged.connect(self.check)
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("如：部分纸质号票遗失，已登记说明"))
        self.override.textChanged.connect(self.check)
        form = QFormLayout(self)
        state = QLabel()
        state.setObjectName("ledgerState")
        state.setWordWrap(True)
        if self.needs_override:
            parts = []
            if outstanding:
                parts.append(
                    self.tr("还有 {} 个纸质号码既未补录也未作废（{}）").format(
                        len(outstanding), number_ranges(outstanding)
                    )
                )
            if conflicts:
                parts.append(self.tr("还有 {} 条离线记录冲突未处理").format(conflicts))
            state.setText("；".join(parts) + self.tr("。如仍要结束，请写明原因。"))
            state.setStyleSheet("color:#c62828;")
        elif not kit_printed:
            state.setText(self.tr("本次事件未打印应急包，没有纸质号码需要核对。"))
            state.setStyleSheet("color:#616161;")
        else:
            state.setText(self.tr("纸质台账已平：全部号码均已补录或作废。"))
            state.setStyleSheet("color:#2e7d32;")
        form.addRow(state)
        self.reasons: dict[str, QLineEdit] = {}
        if unticked:
            form.addRow(self._steps_box(unticked))
            self.review.setMaximumHeight(110)  # the steps' reasons need the room
        form.addRow(self.tr("事件复盘："), self.review)
        self.override.setVisible(self.needs_override)
        if self.needs_override:
            form.addRow(self.tr("未平账原因："), self.override)
        self._finish(form, self.tr("结束事件"))
        self.resize(640, min(680, 360 + 40 * len(unticked)))

    def _steps_box(self, unticked: Sequence[PlanStep]) -> QWidget:
        """One line per unticked step: who, what, and the reason it was not done."""
        box = QGroupBox(
            self.tr("以下 {} 个预案步骤未勾选，请逐项写明未做的原因").format(len(unticked))
        )
        box.setObjectName("uncheckedSteps")
        box.setStyleSheet("QGroupBox{color:#e65100;font-weight:bold;}")
        inner = QWidget()
        grid = QFormLayout(inner)
        for step in unticked:
            what = QLabel(f"{step.who}：{step.what}")
            what.setWordWrap(True)
            what.setStyleSheet("font-weight:normal;")
            reason = QLineEdit()
            reason.setObjectName(f"skip_{step.id}")
            reason.setPlaceholderText(self.tr("未做的原因，如：网络很快恢复，无需此步"))
            reason.textChanged.connect(self.check)
            grid.addRow(what)
            grid.addRow(self.tr("原因："), reason)
            self.reasons[step.id] = reason
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(min(300, 70 * len(unticked)))
        QVBoxLayout(box).addWidget(scroll)
        return box

    def skipped(self) -> dict[str, str]:
        return {step: edit.text().strip() for step, edit in self.reasons.items()}

    def complete(self) -> bool:
        return (
            bool(self.review.toPlainText().strip())
            and (not self.needs_override or bool(self.override.text().strip()))
            and all(self.skipped().values())
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        outstanding: tuple[str, ...],
        conflicts: int,
        unticked: Sequence[PlanStep] = (),
        kit_printed: bool = True,
    ) -> tuple[str, str, dict[str, str]] | None:
        """Modal question: (review, why the ledger does not balance, step id → why it was
        not done), or None; tests replace this classmethod."""
        dialog = cls(outstanding, conflicts, unticked, kit_printed, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        override = dialog.override.text().strip() if dialog.needs_override else ""
        return dialog.review.toPlainText().strip(), override, dialog.skipped()


class NoticeDialog(_Dialog):
    def __init__(self, incident: Incident, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("告知方式与替代渠道"))
        self.public_notice = QLineEdit(incident.public_notice)
        self.substitutes = QLineEdit(incident.substitutes)
        form = QFormLayout(self)
        form.addRow(self.tr("如何告知群众："), self.public_notice)
        form.addRow(self.tr("替代渠道："), self.substitutes)
        self._finish(form, self.tr("保存"))
        self.resize(520, self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget, incident: Incident) -> tuple[str, str] | None:
        dialog = cls(incident, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.public_notice.text(), dialog.substitutes.text()
