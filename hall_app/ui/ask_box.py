"""The reception assistant's box (智能问答) on the reception screen.

Reception types the citizen's own words (上户口, 退休了养老金怎么领) and presses Enter; the
best three items or bundles appear with why each matched. Choosing one (Enter, double
click) emits :attr:`AskBox.chosen` with its kind and code: the reception screen selects that
entry in its catalog list, and its own take-ticket flow (F2) issues the ticket into the
entry's lane. With nothing above the threshold the lanes are offered instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from hall_app.domain.errors import KnownError
from hall_app.services.ask import Answer
from hall_app.services.hall import Hall
from hall_app.ui.worker import Runner

ChoiceRole = Qt.ItemDataRole.UserRole + 1  # (kind, code) of a row


class AskBox(QWidget):
    chosen = Signal(str, str)  # kind ("item" | "bundle" | "category"), code
    answered = Signal(object)  # Answer, after the list shows it

    def __init__(self, hall: Hall, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall = hall
        self.runner = runner
        self.input = QLineEdit()
        self.input.setObjectName("askInput")
        self.input.setPlaceholderText(
            self.tr("智能问答 (F4)：输入市民的原话，如「孩子刚出生要办哪些手续」，回车")
        )
        self.input.setClearButtonEnabled(True)
        self.input.returnPressed.connect(self.ask)
        self.note = QLabel()
        self.note.setObjectName("askNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.results = QListWidget()
        self.results.setObjectName("askResults")
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self._choose)
        self.results.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input)
        layout.addWidget(self.note)
        layout.addWidget(self.results)

    def focus(self) -> None:
        self.input.setFocus()
        self.input.selectAll()

    def ask(self, text: str | None = None) -> None:
        """Ask the assistant (``text`` or what the box holds) on the worker."""
        if text is not None:
            self.input.setText(text)
        question = self.input.text().strip()
        if not question:
            return
        service = self.hall.ask
        self.runner.run(lambda: service.ask(question), self._show, self._failed)

    def _failed(self, error: KnownError) -> None:
        self.results.clear()
        self.results.hide()
        self.note.setText(error.message)
        self.note.show()

    def _show(self, answer: Answer) -> None:
        self.results.clear()
        if answer.results:
            self.note.hide()
            for number, r in enumerate(answer.results, start=1):
                kind = self.tr("一件事") if r.kind == "bundle" else self.tr("事项")
                text = self.tr("{}. 【{}】{}（{}）\n    匹配：{}").format(
                    number, kind, r.name, r.lane, r.why
                )
                row = QListWidgetItem(text)
                row.setData(ChoiceRole, (r.kind, r.code))
                self.results.addItem(row)
        else:
            if answer.elsewhere is not None:
                word, where = answer.elsewhere
                text = self.tr("「{}」不在本大厅办理，请到{}咨询；其他事项可选择业务类别：")
                self.note.setText(text.format(word, where))
            else:
                self.note.setText(
                    self.tr("没有找到与您的问题相符的事项，请换个说法，或选择业务类别：")
                )
            self.note.show()
            for code, name in answer.categories:
                row = QListWidgetItem(self.tr("【业务类别】{} {}").format(code, name))
                row.setData(ChoiceRole, ("category", code))
                self.results.addItem(row)
        self.results.setVisible(self.results.count() > 0)
        if self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()
        self.answered.emit(answer)

    def _choose(self, row: QListWidgetItem) -> None:
        kind, code = row.data(ChoiceRole)
        self.chosen.emit(kind, code)
