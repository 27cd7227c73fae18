"""业务情形 in the material check (catalog v2): each question with its answers, one key per
answer. Keyboard: Ctrl+Q to the list, ↑/↓ choose a question, the answer's key (1, 2 …)
answers it, Delete clears it; every change asks the screen for the list anew."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from hall_app.domain.catalog_v2_schema import Situation
from hall_app.domain.materials import Check, Requirement


class _QuestionList(QListWidget):
    key_typed = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.key_typed.emit("")
        elif len(text) == 1 and text.isalnum():
            self.key_typed.emit(text)
        else:
            super().keyPressEvent(event)


class SituationPanel(QGroupBox):
    """The questions of the item or bundle and the answers chosen; hidden when it asks none."""

    changed = Signal(object)  # {question id: answer value}, after a key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate(
                "Situations", "业务情形（Ctrl+Q；按答案前的键选择，Delete 清除）"
            ),
            parent,
        )
        self.questions: tuple[Situation, ...] = ()
        self.answers: dict[str, str] = {}
        self.list = _QuestionList(self)
        self.list.setObjectName("situationList")
        self.list.key_typed.connect(self._key)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        self.setVisible(False)

    def set_questions(self, questions: Sequence[Situation], answers: dict[str, str]) -> None:
        row = max(0, self.list.currentRow())
        self.questions, self.answers = tuple(questions), dict(answers)
        self.list.clear()
        for q in self.questions:
            choices = " · ".join(f"{a.key} {a.text}" for a in q.answers)
            chosen = q.answer(self.answers.get(q.id, ""))
            default = q.answer(q.default)
            shown = (
                chosen.text
                if chosen
                else QCoreApplication.translate("Situations", "默认：{}").format(default.text)
                if default
                else QCoreApplication.translate("Situations", "待确认")
            )
            item = QListWidgetItem(f"{q.question}  〔{choices}〕  → {shown}")
            item.setData(Qt.ItemDataRole.UserRole, q.id)
            self.list.addItem(item)
        self.list.setFixedHeight(min(6, max(1, len(self.questions))) * 24 + 6)
        self.setVisible(bool(self.questions))
        if self.questions:
            self.list.setCurrentRow(min(row, len(self.questions) - 1))

    def _key(self, key: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.questions):
            return
        question = self.questions[row]
        if not key:
            self.answers.pop(question.id, None)
        else:
            answer = next((a for a in question.answers if a.key.lower() == key.lower()), None)
            if answer is None:
                return
            self.answers[question.id] = answer.value
        self.changed.emit(dict(self.answers))


def carried(checks: Sequence[Check], requirements: Sequence[Requirement]) -> list[Check]:
    """The checks of a new list: a material still there keeps the clerk's verdict."""
    before = {c.material.name: c for c in checks}
    out = []
    for r in requirements:
        check, old = Check(r), before.get(r.name)
        if old is not None and not r.internal:
            check.mark, check.problem, check.note = old.mark, old.problem, old.note
            check.applies = old.applies if r.conditional else True
        out.append(check)
    return out
