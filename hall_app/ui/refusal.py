"""不予受理 on a legal ground, and 再次告知 with a supervisor's approval: the two questions the
material check asks before a refusal notice or a further correction notice."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from hall_app.domain import legal
from hall_app.services.documents import AgentInput, FurtherRequest, Refusal
from hall_app.ui.agent import AgentBox
from hall_app.ui.common import FormDialog
from hall_app.ui.labels import label as _label


@dataclass(frozen=True)
class RefusalAnswer:
    refusal: Refusal
    legal_rep: str
    agent: AgentInput | None


class RefusalDialog(FormDialog):
    """The ground comes from the item type's closed list (incomplete materials are none: they
    lead to the one-time notice); the competent office is asked for when the ground needs it."""

    def __init__(
        self,
        parent: QWidget | None = None,
        grounds: tuple[legal.RefusalGround, ...] = (),
        legal_rep: str = "",
        agent: AgentInput | None = None,
    ) -> None:
        super().__init__(parent)
        self.grounds = grounds or legal.refusal_grounds(legal.LICENCE)
        self.ground = QComboBox()
        self.ground.setObjectName("refusalGround")
        for g in self.grounds:
            self.ground.addItem(_label(g.text), g.code)
        self.office = QLineEdit()
        self.office.setObjectName("competentOffice")
        self.office.setPlaceholderText(QCoreApplication.translate("Refusal", "有权受理的行政机关"))
        self.note = QLineEdit()
        self.note.setObjectName("refusalNote")
        self.note.setPlaceholderText(
            QCoreApplication.translate("Refusal", "具体情况（可不填；不作为不予受理依据）")
        )
        self.agent_box = AgentBox()
        self.agent_box.set_values(legal_rep, agent)
        hint = QLabel(
            QCoreApplication.translate(
                "Refusal", "材料不齐全或不符合法定形式的，不得不予受理：请出具一次性告知单"
            )
        )
        hint.setWordWrap(True)
        self.ground.currentIndexChanged.connect(self._ground_changed)
        self.build(
            QCoreApplication.translate("Refusal", "不予受理"),
            [
                (QCoreApplication.translate("Refusal", "不予受理事由："), self.ground),
                (QCoreApplication.translate("Refusal", "有权机关："), self.office),
                (QCoreApplication.translate("Refusal", "具体情况："), self.note),
                ("", self.agent_box),
                ("", hint),
            ],
            QCoreApplication.translate("Refusal", "出具不予受理通知书"),
        )
        self._ground_changed()

    def _ground_changed(self) -> None:
        index = self.ground.currentIndex()
        needs = 0 <= index < len(self.grounds) and self.grounds[index].needs_office
        self.office.setEnabled(needs)

    def values(self) -> RefusalAnswer:
        office = self.office.text() if self.office.isEnabled() else ""
        return RefusalAnswer(
            Refusal(self.ground.currentData() or "", office, self.note.text()),
            self.agent_box.legal_rep_text(),
            self.agent_box.agent(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        grounds: tuple[legal.RefusalGround, ...] = (),
        legal_rep: str = "",
        agent: AgentInput | None = None,
    ) -> RefusalAnswer | None:
        dialog = cls(parent, grounds, legal_rep, agent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()


class FurtherDialog(FormDialog):
    """再次告知: only for what the applicant changed or newly submitted, with the reason and a
    supervisor's staff number and password."""

    def __init__(
        self, parent: QWidget | None = None, first_serial: str = "", materials: tuple[str, ...] = ()
    ) -> None:
        super().__init__(parent)
        self.first_serial = first_serial
        self.reason = QLineEdit()
        self.reason.setObjectName("furtherReason")
        self.reason.setPlaceholderText(
            QCoreApplication.translate("Refusal", "申请人更改或新提交了哪些材料")
        )
        self.changed = QListWidget()
        self.changed.setObjectName("changedMaterials")
        for name in materials:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.changed.addItem(item)
        self.approver = QLineEdit()
        self.approver.setObjectName("approverNo")
        self.password = QLineEdit()
        self.password.setObjectName("approverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(
            QCoreApplication.translate(
                "Refusal", "该申请已有一次性告知单 {}：再次告知须经值班长批准，并与原告知单关联"
            ).format(first_serial)
        )
        note.setWordWrap(True)
        self.build(
            QCoreApplication.translate("Refusal", "再次告知"),
            [
                ("", note),
                (QCoreApplication.translate("Refusal", "理由："), self.reason),
                (
                    QCoreApplication.translate("Refusal", "申请人自行更改的材料（空格勾选）："),
                    self.changed,
                ),
                (QCoreApplication.translate("Refusal", "值班长工号："), self.approver),
                (QCoreApplication.translate("Refusal", "值班长密码："), self.password),
            ],
            QCoreApplication.translate("Refusal", "批准并出具"),
        )

    def values(self) -> FurtherRequest:
        changed = tuple(
            self.changed.item(i).text()
            for i in range(self.changed.count())
            if self.changed.item(i).checkState() == Qt.CheckState.Checked
        )
        return FurtherRequest(
            self.first_serial,
            self.reason.text(),
            changed,
            self.approver.text().strip(),
            self.password.text(),
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget,
        first_serial: str = "",
        materials: tuple[str, ...] = (),
    ) -> FurtherRequest | None:
        dialog = cls(parent, first_serial, materials)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.values()
        finally:
            dialog.deleteLater()


class WithdrawDialog(FormDialog):
    """撤回申请: the applicant gives up; the application's open notice closes, with a
    supervisor's staff number and password (it frees the applicant for a new notice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = QLineEdit()
        self.reason.setObjectName("withdrawReason")
        self.reason.setPlaceholderText(
            QCoreApplication.translate("Refusal", "如：申请人自愿撤回申请")
        )
        self.approver = QLineEdit()
        self.approver.setObjectName("withdrawApproverNo")
        self.password = QLineEdit()
        self.password.setObjectName("withdrawApproverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.build(
            QCoreApplication.translate("Refusal", "撤回申请"),
            [
                (QCoreApplication.translate("Refusal", "撤回原因："), self.reason),
                (QCoreApplication.translate("Refusal", "值班长工号："), self.approver),
                (QCoreApplication.translate("Refusal", "值班长密码："), self.password),
            ],
            QCoreApplication.translate("Refusal", "撤回"),
        )

    def values(self) -> tuple[str, str, str]:
        """The reason, and the approving supervisor's staff number and password."""
        return self.reason.text().strip(), self.approver.text().strip(), self.password.text()
