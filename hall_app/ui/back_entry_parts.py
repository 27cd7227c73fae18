"""The back-entry screen's parts: the kinds of paper record and their fields, the entries'
table model, the item picker and small helpers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from hall_app.domain.errors import InvalidInput
from hall_app.domain.fallback import paper_time
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.services.catalog import CatalogEntry
from hall_app.services.documents import MaterialPlan
from hall_app.ui.incident_models import PAPER_LABELS, paper_label
from hall_app.ui.models import ObjectRole, _ListModel

_Index = QModelIndex | QPersistentModelIndex
KINDS = tuple(PAPER_LABELS)  # ticket, inquiry, case, notice, refusal — Ctrl+1..5

# which fields each kind shows, between the number and time (first) and the window, clerk
# and paper position (last)
KIND_FIELDS = {
    "ticket": ("category", "item", "called", "finished", "no_show"),
    "inquiry": ("name", "phone", "question", "outcome", "answer"),
    "case": ("item", "name", "id_number", "phone", "received", "note"),
    "notice": ("item", "name", "id_number", "phone", "missing", "note"),
    "refusal": ("item", "name", "id_number", "phone", "answer", "note"),  # answer: the reason
}
# the kinds that list the chosen item's materials, and in which field
MATERIAL_FIELDS = {"case": "received", "notice": "missing"}
FIRST = ("number", "time")
LAST = ("window", "staff_no", "paper_ref")
TIME_LABELS = {
    "ticket": QT_TRANSLATE_NOOP("BackEntry", "取号时间："),
    "inquiry": QT_TRANSLATE_NOOP("BackEntry", "登记时间："),
    "case": QT_TRANSLATE_NOOP("BackEntry", "受理时间："),
    "notice": QT_TRANSLATE_NOOP("BackEntry", "告知时间："),
    "refusal": QT_TRANSLATE_NOOP("BackEntry", "出具时间："),
}
SHORT_LABELS = {
    "ticket": QT_TRANSLATE_NOOP("BackEntry", "号票"),
    "inquiry": QT_TRANSLATE_NOOP("BackEntry", "首问"),
    "case": QT_TRANSLATE_NOOP("BackEntry", "受理"),
    "notice": QT_TRANSLATE_NOOP("BackEntry", "告知单"),
    "refusal": QT_TRANSLATE_NOOP("BackEntry", "不予受理"),
}
# words in a refusal → the field to put the cursor in
_ERROR_FIELDS = (
    ("号码", "number"),
    ("编号", "number"),
    ("位置", "paper_ref"),
    ("工号", "staff_no"),
    ("类别", "category"),
    ("已收材料", "received"),
    ("材料", "missing"),
    ("事项编码", "item"),
    ("咨询", "question"),
    ("电话", "phone"),
    ("身份证", "id_number"),
    ("证件", "id_number"),
    ("姓名", "name"),
    ("时间", "time"),
    ("理由", "answer"),
)
_LINE = re.compile(r"第\s*(\d+)\s*行")
_TAIL = re.compile(r"^(.*?)(\d+)$")


class BackEntryModel(_ListModel):
    """What has been entered (and voided) for the incident, newest first."""

    headers = (
        QT_TRANSLATE_NOOP("Models", "编号"),
        QT_TRANSLATE_NOOP("Models", "类型"),
        QT_TRANSLATE_NOOP("Models", "原始时间"),
        QT_TRANSLATE_NOOP("Models", "纸质位置"),
        QT_TRANSLATE_NOOP("Models", "补录人"),
        QT_TRANSLATE_NOOP("Models", "补录时间"),
    )

    def __init__(self, tz: dt.tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: dict[str, Any] = self._rows[index.row()]
        void = r["source"] == "void"
        if role == Qt.ItemDataRole.DisplayRole:
            kind = paper_label(r["kind"]) + (self.tr("（作废）") if void else "")
            original = "—" if void else f"{r['original_at'].astimezone(self.tz):%H:%M}"
            where = self.tr("作废：{}").format(r["detail"]) if void else (r["paper_ref"] or "")
            return (
                r["reference"],
                kind,
                original,
                where,
                r["entered_by"],
                f"{r['entered_at'].astimezone(self.tz):%H:%M}",
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and void:
            return Qt.GlobalColor.gray
        if role == ObjectRole:
            return r
        return None


class ItemBox(QComboBox):
    """An item picked by typing part of its name (or its code)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.matcher().setFilterMode(Qt.MatchFlag.MatchContains)
        self.matcher().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.editor().setPlaceholderText(self.tr("输入事项名称中的字或事项编码"))
        self._codes: dict[str, str] = {}

    def editor(self) -> QLineEdit:
        line = self.lineEdit()
        assert line is not None  # an editable combo box has one
        return line

    def matcher(self) -> QCompleter:
        completer = self.completer()
        assert completer is not None  # an editable combo box has one
        return completer

    def matches(self) -> QAbstractItemView:
        """The list of matches the completer pops up."""
        popup = self.matcher().popup()
        assert popup is not None  # the completer makes one when it has none
        return popup

    def set_items(self, entries: list[CatalogEntry]) -> None:
        text = self.currentText()
        self.clear()
        self._codes.clear()
        for entry in entries:
            self.addItem(entry.name, entry.code)
            self._codes[entry.name] = entry.code
            self._codes[entry.code] = entry.code
        self.setCurrentIndex(-1)
        self.setEditText(text)

    def take_completion(self) -> None:
        """Enter while the list of matches is open takes the highlighted (or first) match."""
        completer, popup = self.matcher(), self.matches()
        if not popup.isVisible():
            return
        index = popup.currentIndex()
        text = (
            index.data()
            if index.isValid()
            else (completer.currentCompletion() if completer.completionCount() else "")
        )
        popup.hide()
        if text:
            found = self.findText(text)
            if found >= 0:
                self.setCurrentIndex(found)
            else:
                self.setEditText(text)

    def code(self) -> str:
        """The chosen item's code; "" when nothing was typed; raises for unknown text."""
        text = self.currentText().strip()
        if not text:
            return ""
        if text in self._codes:
            return self._codes[text]
        raise InvalidInput(self.tr("事项「{}」不在事项目录中，请从列表中选择").format(text))


class MaterialList(QListWidget):
    """An item's materials to tick with the space bar: missing ones on a notice, received
    ones on a case (已收材料). Materials the office fetches itself (共享免提交) are not listed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(130)

    def show_plan(self, plan: MaterialPlan, received: bool) -> None:
        """``received``: tick what every application needs (required, whatever the case)."""
        self.clear()
        for requirement in plan.requirements:
            if requirement.shared:
                continue
            shown = requirement.name + (
                f"（{requirement.situation}）" if requirement.situation else ""
            )
            entry = QListWidgetItem(shown)
            entry.setData(Qt.ItemDataRole.UserRole, requirement.name)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            always = requirement.requirement == "必要" and not requirement.conditional
            entry.setCheckState(
                Qt.CheckState.Checked if received and always else Qt.CheckState.Unchecked
            )
            self.addItem(entry)
        if self.count():
            self.setCurrentRow(0)

    def checked(self) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(
                self.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked
            )
        )


def _bt(text: str) -> str:
    return QCoreApplication.translate("BackEntry", text)


def _clock(typed: str) -> str:
    """09:42 for what was typed as 0942 or 9:42."""
    try:
        return f"{paper_time(typed, dt.date.today(), dt.UTC):%H:%M}"
    except InvalidInput:
        return typed.strip()


def _focus(widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    elif isinstance(widget, QComboBox) and (line := widget.lineEdit()) is not None:
        line.selectAll()
