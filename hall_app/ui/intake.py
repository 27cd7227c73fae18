"""Guided intake at reception (智能引导, F6): the chosen item or bundle, its situation questions
one by one (one key per answer, Backspace goes back), the live item and material list, then
the 办事指引 printed on 80 mm (Ctrl+P) or A4 (Ctrl+Shift+P) and the ticket issued for the
lane (F2) with the answers encoded for the clerk's material check.

The dialog reads a :class:`~hall_app.domain.intake_source.GuideSource`, built on the worker by
:func:`load_intake`; :func:`intake_source` is the one place that says where it comes from.
Without v2 data for the entry (today's catalogs) the dialog says so and shows the v1 list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.catalog_v2_schema import Situation
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.intake import Guide, HallFacts, Lane, build_guide, plain_guide
from hall_app.domain.intake_source import CatalogSource, GuideSource, PlainSource
from hall_app.printing.guide import render_guide_80mm, render_guide_a4
from hall_app.services.catalog import CatalogEntry
from hall_app.services.hall import Hall
from hall_app.ui.common import table_view
from hall_app.ui.models import ObjectRole, _ListModel, _tr

PAPER_80MM, PAPER_A4 = "80mm", "A4"


@dataclass(frozen=True)
class IntakeContext:
    """What the dialog needs, loaded on the worker."""

    source: GuideSource
    hall: HallFacts
    today: dt.date


def intake_source(hall: Hall, entry: CatalogEntry) -> GuideSource:
    """Where the guide's questions and lists come from (on the worker): the entry's catalog
    v2 data as the database holds it (its questions, standard materials and roles), or, for
    an entry of a v1 catalog, its v1 material list (no questions)."""
    if entry.kind in ("item", "bundle"):
        catalog = hall.requirements.catalog(entry.code)
        if catalog is not None:
            return CatalogSource(catalog)
    plan = hall.documents.plan(
        item_code=entry.code if entry.kind == "item" else None,
        bundle_code=entry.code if entry.kind == "bundle" else None,
    )
    return PlainSource(
        plan.requirements,
        tuple(i.name for i in plan.items),
        cross_region=tuple(i.name for i in plan.items if i.cross_region),
    )


def load_intake(hall: Hall, entry: CatalogEntry) -> IntakeContext:
    s = hall.settings.get()
    facts = HallFacts(s.name, s.phone, s.opening_hours, s.address)
    return IntakeContext(intake_source(hall, entry), facts, hall.ctx.today())


@dataclass(frozen=True)
class GuideRow:
    kind: str  # item | bring | not_needed
    name: str
    amount: str
    note: str


KIND_LABELS = {
    "item": QT_TRANSLATE_NOOP("Models", "办理事项"),
    "bring": QT_TRANSLATE_NOOP("Models", "携带材料"),
    "not_needed": QT_TRANSLATE_NOOP("Models", "无需携带"),
}


def guide_rows(guide: Guide) -> list[GuideRow]:
    rows = [GuideRow("item", i.text(), "", "") for i in guide.items]
    rows += [
        GuideRow("bring", b.name, f"{b.amount()}，{b.requirement}", b.obtain_from)
        for b in guide.bring
    ]
    rows += [GuideRow("not_needed", n.name, "", n.reason) for n in guide.not_needed]
    return rows


class GuideModel(_ListModel):
    """The live list: the items, then the materials to bring, then those not to bring."""

    headers = (
        QT_TRANSLATE_NOOP("Models", "类别"),
        QT_TRANSLATE_NOOP("Models", "名称"),
        QT_TRANSLATE_NOOP("Models", "形式份数"),
        QT_TRANSLATE_NOOP("Models", "获取途径或说明"),
    )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: GuideRow = self._rows[index.row()]
        if role == ObjectRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            kind = _tr(KIND_LABELS[row.kind]) if index.column() == 0 else ""
            return (kind, row.name, row.amount, row.note)[index.column()]
        return None


class IntakeDialog(QDialog):
    issue_requested = Signal(str)  # the encoded answers ("" for the v1 list)
    print_requested = Signal(bytes, str)  # the PDF, PAPER_80MM | PAPER_A4

    def __init__(
        self,
        entry: CatalogEntry,
        context: IntakeContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.entry = entry
        self.context = context
        self.answers: dict[str, str] = {}
        self.order: list[str] = []  # the questions answered, in order (Backspace undoes)
        self.plain = context.source.questions(entry.code, {}) is None
        self.guide: Guide | None = None
        kind = self.tr("一件事") if entry.kind == "bundle" else self.tr("事项")
        self.setWindowTitle(self.tr("智能引导：{}").format(entry.name))
        self.subject = QLabel(self.tr("【{}】{}").format(kind, entry.name))
        self.subject.setObjectName("intakeSubject")
        self.subject.setWordWrap(True)
        self.question = QLabel()
        self.question.setObjectName("intakeQuestion")
        self.question.setWordWrap(True)
        self.choices = QLabel()
        self.choices.setObjectName("intakeChoices")
        self.choices.setWordWrap(True)
        self.given = QLabel()
        self.given.setObjectName("intakeAnswers")
        self.given.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("intakeNote")
        self.note.setWordWrap(True)
        self.model = GuideModel(self)
        self.view = table_view(self.model, stretch_column=1)
        self.view.setObjectName("intakeList")
        # the name and the note share the width and wrap (a long 获取途径 once squeezed the
        # names to 「…」); the kind and the amount keep their content's width
        self.view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # answer keys go to the dialog

        ask = QGroupBox(self.tr("业务情形（按答案前的键作答，Backspace 返回上一题）"))
        ask_layout = QVBoxLayout(ask)
        for label in (self.question, self.choices, self.given, self.note):
            ask_layout.addWidget(label)
        ask_layout.addStretch(1)
        buttons = QHBoxLayout()
        self.shortcuts: dict[str, QAction] = {}
        for name, text, key, slot in (
            ("print80", self.tr("打印办事指引 80mm (Ctrl+P)"), "Ctrl+P", self.print_80mm),
            ("printA4", self.tr("打印办事指引 A4 (Ctrl+Shift+P)"), "Ctrl+Shift+P", self.print_a4),
            ("issue", self.tr("取号 (F2)"), "F2", self.issue),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            self.addAction(action)
            self.shortcuts[name] = action
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        close = QPushButton(self.tr("关闭 (Esc)"))
        close.setAutoDefault(False)
        close.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)

        body = QHBoxLayout()
        body.addWidget(ask, 2)
        body.addWidget(self.view, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.subject)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.resize(1240, 640)
        self.refresh()

    # ------------------------------------------------------------ state

    def lane(self) -> Lane:
        lane = self.entry.lane_code
        return Lane(lane, self.entry.lane_name, self.context.source.windows(lane))

    def questions(self) -> tuple[Situation, ...]:
        if self.plain:
            return ()
        return self.context.source.questions(self.entry.code, self.answers) or ()

    def current(self) -> Situation | None:
        """The first question asked and not answered yet."""
        return next((q for q in self.questions() if q.id not in self.answers), None)

    def answer(self, key: str) -> bool:
        """Answer the current question with the answer whose key is ``key`` (any case)."""
        question = self.current()
        chosen = question and next(
            (a for a in question.answers if a.key.lower() == key.lower()), None
        )
        if question is None or not chosen:
            return False
        self.answers[question.id] = chosen.value
        self.order.append(question.id)
        self.refresh()
        return True

    def back(self) -> None:
        """Undo the last answer (Backspace)."""
        if self.order:
            del self.answers[self.order.pop()]
            self.refresh()

    def make_guide(self) -> Guide:
        source, entry, ctx = self.context.source, self.entry, self.context
        if self.plain:
            return plain_guide(
                kind=entry.kind,
                code=entry.code,
                subject=entry.name,
                items=source.item_names(entry.code),
                cross_region=source.cross_region(entry.code),
                requirements=source.plain(entry.code),
                lane=self.lane(),
                hall=ctx.hall,
                made_on=ctx.today,
            )
        return build_guide(
            kind=entry.kind,
            code=entry.code,
            subject=entry.name,
            result=source.resolve(entry.code, self.answers),
            answers=self.answers,
            situations=self.questions(),
            lane=self.lane(),
            hall=ctx.hall,
            made_on=ctx.today,
        )

    def refresh(self) -> None:
        self.guide = guide = self.make_guide()
        self.model.set_rows(guide_rows(guide))
        kind = self.tr("一件事") if self.entry.kind == "bundle" else self.tr("事项")
        self.subject.setText(
            self.tr("【{}】{}　办理窗口：{}").format(kind, guide.subject_text(), guide.lane.text())
        )
        self.given.setText("\n".join(self.tr("{} 答：{}").format(q, a) for q, a in guide.answers))
        if self.plain:
            self.question.setText(self.tr("该事项尚未配置业务情形（新版目录），无需回答问题。"))
            self.choices.setText("")
            self.note.setText(self.tr("以下为现行材料清单：注明情形的材料，符合该情形时才需携带。"))
            return
        questions, current = self.questions(), self.current()
        if current is None:
            self.question.setText(self.tr("已回答全部问题（共 {} 题）").format(len(questions)))
            self.choices.setText(self.tr("按 Ctrl+P 打印办事指引，按 F2 取号"))
        else:
            number = [q.id for q in questions].index(current.id) + 1
            self.question.setText(
                self.tr("问题 {}/{}：{}").format(number, len(questions), current.question)
            )
            keys = "　".join(f"[{a.key}] {a.text}" for a in current.answers)
            default = current.answer(current.default)
            if default is not None:
                keys += "　" + self.tr("（不回答按「{}」）").format(default.text)
            self.choices.setText(keys)
        self.note.setText(guide.pending_note)

    # ------------------------------------------------------------ keys and actions

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace:
            self.back()
            return
        text = event.text()
        if len(text) == 1 and text.isalnum() and self.answer(text):
            return
        super().keyPressEvent(event)

    def print_80mm(self) -> None:
        self.print_requested.emit(render_guide_80mm(self.make_guide()), PAPER_80MM)

    def print_a4(self) -> None:
        self.print_requested.emit(render_guide_a4(self.make_guide()), PAPER_A4)

    def issue(self) -> None:
        self.issue_requested.emit(self.make_guide().encoded)
        self.accept()
