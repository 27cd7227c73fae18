"""The back-entry screen's form (``ui/back_entry.py`` is the screen): the kind of paper
record (Ctrl+1..5) decides the fields; Enter moves to the next field and, in the last one,
saves; a refusal puts the cursor in the field it is about; a saved line leaves the kind,
window and clerk for the next one."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import InvalidInput, KnownError
from hall_app.domain.followups import Outcome
from hall_app.services.context import Actor
from hall_app.services.documents import MaterialPlan
from hall_app.services.fallback import BackEntry
from hall_app.services.hall import Hall
from hall_app.ui.back_entry_parts import (
    _ERROR_FIELDS,
    _LINE,
    FIRST,
    KIND_FIELDS,
    KINDS,
    LAST,
    MATERIAL_FIELDS,
    SHORT_LABELS,
    TIME_LABELS,
    ItemBox,
    MaterialList,
    _bt,
    _focus,
)
from hall_app.ui.common import MessageBar
from hall_app.ui.incident_models import paper_label
from hall_app.ui.labels import label
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner


class BackEntryForm(QWidget):
    """One line of a paper register, typed from the keyboard; the screen saves it."""

    refused = Signal(object)  # KnownError

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.kind = "ticket"
        self.templates: dict[str, str] = {}  # kind → "SL-500231-20261125-{:04d}"
        self.message = MessageBar(self)
        self.named_actions: dict[str, QAction] = {}
        self.kind_buttons = QButtonGroup(self)
        kinds = QGridLayout()  # five kinds: two rows, so the form keeps its half of 1366 px
        kinds.addWidget(QLabel(self.tr("纸质记录：")), 0, 0)
        for position, kind in enumerate(KINDS, 1):
            key = f"Ctrl+{position}"
            button = QRadioButton(f"{_bt(SHORT_LABELS[kind])} ({key})")
            button.setObjectName(f"kind_{kind}")
            self.kind_buttons.addButton(button, position)
            button.clicked.connect(lambda _=False, k=kind: self.set_kind(k))
            kinds.addWidget(button, (position - 1) // 3, 1 + (position - 1) % 3)
            self._action(
                f"kind_{kind}", paper_label(kind), key, lambda _=False, k=kind: self.set_kind(k)
            )
        kinds.setColumnStretch(4, 1)
        self._action("save", self.tr("保存本行"), "Ctrl+Return", self.save)
        self._action("clear", self.tr("清空本行"), "Ctrl+Shift+Delete", self.clear_line)

        self._build_fields()
        save = QPushButton(self.tr("保存本行 (Enter / Ctrl+Enter)"))
        save.setObjectName("saveButton")
        save.clicked.connect(self.save)
        clear = QPushButton(self.tr("清空本行 (Ctrl+Shift+Del)"))
        clear.clicked.connect(self.clear_line)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(
            "QLabel{background:#ffebee;color:#b71c1c;border:1px solid #ef9a9a;"
            "padding:6px 10px;border-radius:4px;}"
        )
        self.error.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.error.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(clear)
        buttons.addStretch(1)
        hint = QLabel(
            self.tr("Enter 跳到下一栏，最后一栏按 Enter 保存；数字编号可只输序号（如 17）")
        )
        hint.setStyleSheet("color:#616161;")
        hint.setWordWrap(True)
        self.form_box = QGroupBox(self.tr("补录一行"))
        fl = QVBoxLayout(self.form_box)
        fl.addLayout(kinds)
        fl.addLayout(self.form)
        fl.addWidget(self.error)
        fl.addLayout(buttons)
        fl.addStretch(1)
        fl.addWidget(hint)
        self.form_box.setMaximumWidth(640)

        fields = list(self.fields.values())
        for before, after in itertools.pairwise(fields):  # Tab goes down the screen
            QWidget.setTabOrder(before, after)

    # ------------------------------------------------------------ what the screen provides

    def save(self) -> None:
        raise NotImplementedError

    def _show_progress(self) -> None:
        """What is left to enter of the chosen kind (the screen knows the ledger)."""

    # ------------------------------------------------------------ building

    def _action(self, name: str, text: str, key: str, slot: Any) -> None:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.named_actions[name] = action

    def _build_fields(self) -> None:
        f: dict[str, QWidget] = {}
        self.number = f["number"] = QLineEdit()
        self.time = f["time"] = QLineEdit()
        self.time.setPlaceholderText(self.tr("纸上写的时间，如 09:42 或 0942"))
        self.time.setMaxLength(16)  # 09:42, or with the page's date: 2027-01-02 09:42
        self.category = f["category"] = QComboBox()
        self.item = f["item"] = ItemBox()
        self.called = f["called"] = QLineEdit()
        self.called.setPlaceholderText(self.tr("可不填（同取号时间）"))
        self.finished = f["finished"] = QLineEdit()
        self.finished.setPlaceholderText(self.tr("可不填"))
        self.no_show = f["no_show"] = QCheckBox(self.tr("过号未到"))
        self.name = f["name"] = QLineEdit()
        self.id_number = f["id_number"] = QLineEdit()  # above the phone, as on the register
        self.id_number.setMaxLength(18)
        self.phone = f["phone"] = QLineEdit()
        self.question = f["question"] = QLineEdit()
        self.outcome = f["outcome"] = QComboBox()
        for outcome in Outcome:
            self.outcome.addItem(label(outcome.label), outcome.value)
        self.answer = f["answer"] = QLineEdit()
        self.received = f["received"] = MaterialList()
        self.missing = f["missing"] = MaterialList()
        self.note = f["note"] = QLineEdit()
        self.note.setPlaceholderText(self.tr("如：手工收费 50 元，收据号 0012345"))
        self.window_box = f["window"] = QSpinBox()
        self.window_box.setRange(0, 999)
        self.window_box.setSpecialValueText(self.tr("—"))
        self.window_box.setValue(self.actor.window_number or 0)
        self.staff_no = f["staff_no"] = QLineEdit()
        self.staff_no.setPlaceholderText(self.tr("经办人是本人可不填"))
        self.paper_ref = f["paper_ref"] = QLineEdit()
        self.paper_ref.setPlaceholderText(self.tr("如：受理登记簿 第2页第5行"))
        self.fields = f
        labels = {
            "number": self.tr("编号："),
            "time": self.tr("时间："),
            "category": self.tr("业务类别："),
            "item": self.tr("事项："),
            "called": self.tr("叫号时间："),
            "finished": self.tr("办结时间："),
            "no_show": "",
            "name": self.tr("姓名："),
            "phone": self.tr("联系电话："),
            "id_number": self.tr("身份证号："),
            "question": self.tr("咨询事项："),
            "outcome": self.tr("处理结果："),
            "answer": self.tr("答复内容："),
            "received": self.tr("已收材料：\n（空格勾选）"),
            "missing": self.tr("缺少材料：\n（空格勾选）"),
            "note": self.tr("备注："),
            "window": self.tr("窗口："),
            "staff_no": self.tr("经办人工号："),
            "paper_ref": self.tr("纸质位置："),
        }
        self.form = QFormLayout()
        for name, widget in f.items():
            widget.setObjectName(name)
            self.form.addRow(labels[name], widget)
            widget.installEventFilter(self)
            if widget is self.item:
                self.item.editor().installEventFilter(self)
                self.item.matches().installEventFilter(self)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._edited)
        self.item.currentIndexChanged.connect(self._item_changed)
        self.item.editor().editingFinished.connect(self._item_changed)
        self._materials_for = ""

    # ------------------------------------------------------------ kind and fields

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.kind_buttons.button(KINDS.index(kind) + 1).setChecked(True)  # Ctrl+1..5
        shown = set(FIRST + KIND_FIELDS[kind] + LAST)
        for name, widget in self.fields.items():
            self.form.setRowVisible(widget, name in shown)
        self._label(self.time, _bt(TIME_LABELS[kind]))
        self._label(
            self.name, self.tr("群众姓名：") if kind == "inquiry" else self.tr("申请人姓名：")
        )
        self._label(
            self.answer, self.tr("不予受理理由：") if kind == "refusal" else self.tr("答复内容：")
        )
        example = "S017" if kind == "ticket" else self.templates.get(kind, "SL-…").format(5)
        self.number.setPlaceholderText(self.tr("{}（或只输序号）").format(example))
        self._show_progress()
        if kind in MATERIAL_FIELDS:
            self._item_changed()
        self.number.setFocus()

    def _label(self, field: QWidget, text: str) -> None:
        shown = self.form.labelForField(field)
        if isinstance(shown, QLabel):
            shown.setText(text)

    def visible_fields(self) -> list[QWidget]:
        """The kind's fields in the order the screen shows them (the order of Enter and Tab:
        the form has a row per field, in the order of ``fields``)."""
        rows = list(self.fields)
        shown = sorted(FIRST + KIND_FIELDS[self.kind] + LAST, key=rows.index)
        return [self.fields[name] for name in shown]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            plain = modifiers == Qt.KeyboardModifier.NoModifier
            if watched is self.category and plain and event.text().strip():
                # a lane's letter picks it at once (the ticket's prefix is on the paper)
                found = self.category.findData(event.text().strip().upper())
                if found >= 0:
                    self.category.setCurrentIndex(found)
                    return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                if watched in (self.item, self.item.editor(), self.item.matches()):
                    self.item.take_completion()
                    self._enter(self.item)
                    return True
                if isinstance(watched, QWidget):
                    self._enter(watched)
                    return True
        return super().eventFilter(watched, event)

    def _enter(self, widget: QWidget) -> None:
        fields = self.visible_fields()
        if widget not in fields:
            return
        position = fields.index(widget)
        if position == len(fields) - 1:
            self.save()
        else:
            _focus(fields[position + 1])

    def _edited(self) -> None:
        self.error.hide()

    def _item_changed(self) -> None:
        """A notice lists the chosen item's materials to tick as missing, a case those to
        tick as received (the ones every application needs are ticked already)."""
        if self.kind not in MATERIAL_FIELDS:
            return
        try:
            code = self.item.code()
        except InvalidInput:
            code = ""
        wanted = f"{self.kind}:{code}"
        if wanted == self._materials_for:
            return
        self._materials_for = wanted
        shown = self.received if MATERIAL_FIELDS[self.kind] == "received" else self.missing
        shown.clear()
        if not code:
            return
        hall, received = self.hall, self.kind == "case"

        def loaded(plan: MaterialPlan) -> None:
            if wanted == self._materials_for:
                shown.show_plan(plan, received)

        self.runner.run(lambda: hall.documents.plan(item_code=code), loaded, self.show_error)

    # ------------------------------------------------------------ the line

    def typed_number(self) -> str:
        """What was typed, with a bare sequence number completed from the kit's numbers."""
        text = self.number.text().strip()
        if not text.isdigit():
            return text
        if self.kind == "ticket":
            return f"S{int(text):03d}"
        template = self.templates.get(self.kind)
        return template.format(int(text)) if template else text

    def entry(self) -> BackEntry:
        """The line as typed; raises InvalidInput for what only the form can check."""
        kind, window = self.kind, self.window_box.value() or None

        def line(**fields: Any) -> BackEntry:
            return BackEntry(
                kind=kind,
                number=self.typed_number(),
                time=self.time.text(),
                paper_ref=self.paper_ref.text(),
                window=window,
                staff_no=self.staff_no.text().strip(),
                **fields,
            )

        if kind == "ticket":
            return line(
                category_code=self.category.currentData() or "",
                item_code=self.item.code(),
                called=self.called.text(),
                finished=self.finished.text(),
                no_show=self.no_show.isChecked(),
            )
        if kind == "inquiry":
            return line(
                name=self.name.text(),
                phone=self.phone.text(),
                question=self.question.text(),
                outcome=self.outcome.currentData(),
                answer=self.answer.text(),
            )
        code = self.item.code()
        if not code:
            raise InvalidInput(self.tr("请选择事项"))
        return line(
            item_code=code,
            name=self.name.text(),
            id_number=self.id_number.text().strip().upper(),
            phone=self.phone.text(),
            missing=self.missing.checked() if kind == "notice" else (),
            received=self.received.checked() if kind == "case" else (),
            reason=self.answer.text() if kind == "refusal" else "",
            note=self.note.text(),
        )

    def show_error(self, error: KnownError) -> None:
        """Beside the form, in Chinese; the cursor goes to the field it is about."""
        self.message.clear_message()  # the previous line's "saved" would read as this one's
        self.error.setText(error.message)
        self.error.show()
        self.refused.emit(error)
        shown = FIRST + KIND_FIELDS[self.kind] + LAST
        for word, name in _ERROR_FIELDS:
            if word in error.message and name in shown:
                _focus(self.fields[name])
                break

    def clear_line(self, next_line: bool = False) -> None:
        """Empty the line for the next record; the kind, window and clerk stay."""
        for widget in (
            self.number,
            self.time,
            self.called,
            self.finished,
            self.name,
            self.phone,
            self.id_number,
            self.question,
            self.answer,
            self.note,
        ):
            widget.clear()
        self.no_show.setChecked(False)
        self.category.setCurrentIndex(0)
        self.outcome.setCurrentIndex(0)
        self.item.setCurrentIndex(-1)
        self.item.clearEditText()
        self.missing.clear()
        self.received.clear()
        self._materials_for = ""
        if next_line:
            # the next line of the same register: 第5行 → 第6行
            ref = self.paper_ref.text()
            matches = list(_LINE.finditer(ref))
            if matches:
                last = matches[-1]
                ref = f"{ref[: last.start(1)]}{int(last.group(1)) + 1}{ref[last.end(1) :]}"
            self.paper_ref.setText(ref)
        else:
            self.paper_ref.clear()
        self.error.hide()
        self.number.setFocus()
