"""代理人 and 法定代表人 at the window: a collapsed section of the material check (and the
refusal dialog), reachable from the keyboard (Tab to its check box, Space opens it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from hall_app.domain.errors import KnownError
from hall_app.domain.idnumber import parse_id_number
from hall_app.domain.legal import AGENT_RELATIONS
from hall_app.domain.masking import mask_id
from hall_app.services.documents import AGENT_ID_TYPES, AgentInput
from hall_app.ui.labels import label as _label


class MaskedIdEdit(QLineEdit):
    """An ID number field that shows the number masked (first 6, last 4) once typed, and
    keeps the full number for the service."""

    def __init__(self, id_type: QComboBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.id_type = id_type
        self._full = ""
        self.editingFinished.connect(self._mask)

    def _mask(self) -> None:
        text = self.text().strip()
        if not text or "*" in text:
            return
        if self.id_type.currentData() == "居民身份证":
            try:
                text = parse_id_number(text).number
            except KnownError:
                return  # the service says what is wrong when the dialog is submitted
        self._full = text
        self.setText(mask_id(text))

    def value(self) -> str:
        text = self.text().strip()
        if "*" in text and self._full and mask_id(self._full) == text:
            return self._full
        return text

    def set_value(self, number: str) -> None:
        self._full = number
        self.setText(mask_id(number) if number else "")


class AgentBox(QGroupBox):
    """Collapsed unless someone applies on the applicant's behalf; ``agent()`` is None then."""

    def __init__(self, parent: QWidget | None = None, shortcut: str = "") -> None:
        title = QCoreApplication.translate("Agent", "代理人 / 法定代表人（代他人申请时填写）")
        super().__init__(f"{title} ({shortcut})" if shortcut else title, parent)
        self.setObjectName("agentBox")
        self.setCheckable(True)
        self.setChecked(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.legal_rep = QLineEdit()
        self.legal_rep.setObjectName("legalRep")
        self.legal_rep.setPlaceholderText(
            QCoreApplication.translate("Agent", "单位申请时填写法定代表人")
        )
        self.name = QLineEdit()
        self.name.setObjectName("agentName")
        self.id_type = QComboBox()
        self.id_type.setObjectName("agentIdType")
        for t in AGENT_ID_TYPES:
            self.id_type.addItem(_label(t), t)
        self.id_number = MaskedIdEdit(self.id_type)
        self.id_number.setObjectName("agentIdNumber")
        self.phone = QLineEdit()
        self.phone.setObjectName("agentPhone")
        self.relation = QComboBox()
        self.relation.setObjectName("agentRelation")
        for r in AGENT_RELATIONS:
            self.relation.addItem(_label(r), r)
        self.body = QWidget(self)
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        rows = (
            (QCoreApplication.translate("Agent", "法定代表人"), self.legal_rep),
            (QCoreApplication.translate("Agent", "代理人姓名"), self.name),
            (QCoreApplication.translate("Agent", "证件类型"), self.id_type),
            (QCoreApplication.translate("Agent", "证件号码"), self.id_number),
            (QCoreApplication.translate("Agent", "联系电话"), self.phone),
            (QCoreApplication.translate("Agent", "代理关系"), self.relation),
        )
        for i, (text, widget) in enumerate(rows):
            grid.addWidget(QLabel(text), i // 2, (i % 2) * 2)
            grid.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        layout = QGridLayout(self)
        layout.addWidget(self.body)
        self.body.setVisible(False)
        self.setFlat(True)  # collapsed: the title alone, no empty frame
        self.setMaximumHeight(self.fontMetrics().height() + 8)
        self.toggled.connect(self._open)

    def _open(self, on: bool) -> None:
        self.body.setVisible(on)
        self.setFlat(not on)
        self.setMaximumHeight(16777215 if on else self.fontMetrics().height() + 8)
        if on:
            self.legal_rep.setFocus()

    def legal_rep_text(self) -> str:
        return self.legal_rep.text().strip() if self.isChecked() else ""

    def agent(self) -> AgentInput | None:
        if not self.isChecked() or not self.name.text().strip():
            return None
        return AgentInput(
            self.name.text(),
            self.id_type.currentData(),
            self.id_number.value(),
            self.phone.text(),
            self.relation.currentData(),
        )

    def set_values(self, legal_rep: str, agent: AgentInput | None) -> None:
        self.legal_rep.setText(legal_rep)
        if agent is not None:
            self.name.setText(agent.name)
            self.id_type.setCurrentIndex(max(0, self.id_type.findData(agent.id_type)))
            self.id_number.set_value(agent.id_number)
            self.phone.setText(agent.phone)
            self.relation.setCurrentIndex(max(0, self.relation.findData(agent.relation)))
        self.setChecked(bool(legal_rep or agent))
