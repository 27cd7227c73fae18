"""The rota editor's table models: the day's shifts (kind, staff with name, window, start,
end), edited in place with each value checked as it is typed, and the lane minimums.

A value that is not valid is refused with a Chinese message (``invalid``) and the cell keeps
what it had: nothing typed before is lost. Whether the rota as a whole holds together
(overlaps, breaks outside a shift, qualifications) is checked on saving, by the service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.rota import Kind, Rota, Shift, clock
from hall_app.domain.rota_csv import MAX_MINIMUM, MAX_WINDOW, parse_minute
from hall_app.ui.models import _ListModel

_Index = QModelIndex | QPersistentModelIndex
CONTEXT = "RotaModel"
KIND_LABELS = {
    Kind.WORK: QT_TRANSLATE_NOOP("RotaModel", "上岗"),
    Kind.BREAK: QT_TRANSLATE_NOOP("RotaModel", "休息"),
    Kind.BACK_OFFICE: QT_TRANSLATE_NOOP("RotaModel", "后台"),
}
KIND, STAFF, NAME, WINDOW, START, END = range(6)
EDITABLE = {KIND, STAFF, WINDOW, START, END}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def kind_of(text: str) -> Kind | None:
    """The kind typed: its label in Chinese or in the UI language, or its code."""
    typed = text.strip().lower()
    for kind, caption in KIND_LABELS.items():
        if typed in (kind.value, caption, _tr(caption).lower()):
            return kind
    return None


@dataclass
class Row:
    kind: Kind
    staff_no: str
    window: int | None
    start: int
    end: int

    def shift(self) -> Shift:
        return Shift(self.kind, self.staff_no, self.start, self.end, self.window)


class ShiftModel(_ListModel):
    """The day's shifts as :class:`Row`s (headers in the ``Models`` context)."""

    invalid = Signal(str)  # a value refused, and why (Chinese)
    edited = Signal()  # rows added, removed or changed

    headers = (
        QT_TRANSLATE_NOOP("Models", "类型"),
        QT_TRANSLATE_NOOP("Models", "工号"),
        QT_TRANSLATE_NOOP("Models", "姓名"),
        QT_TRANSLATE_NOOP("Models", "窗口"),
        QT_TRANSLATE_NOOP("Models", "开始"),
        QT_TRANSLATE_NOOP("Models", "结束"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self.names: dict[str, str] = {}
        self.windows: frozenset[int] = frozenset()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        r = self._rows[index.row()]
        return (
            _tr(KIND_LABELS[r.kind]),
            r.staff_no,
            self.names.get(r.staff_no, ""),
            "" if r.window is None else str(r.window),
            clock(r.start),
            clock(r.end),
        )[index.column()]

    def rota(self, minimums: dict[str, int]) -> Rota:
        return Rota(tuple(r.shift() for r in self._rows), minimums)

    # ------------------------------------------------------------ editing

    def set_rota(self, rota: Rota) -> None:
        """Show ``rota``, each person's shifts together in time order (work before a break)."""
        order = {Kind.WORK: 0, Kind.BACK_OFFICE: 1, Kind.BREAK: 2}
        shifts = sorted(rota.shifts, key=lambda s: (s.staff_no, order[s.kind], s.start))
        self.beginResetModel()
        self._rows = [Row(s.kind, s.staff_no, s.window, s.start, s.end) for s in shifts]
        self.endResetModel()
        self.edited.emit()

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        text = str(value).strip()
        problem = self._apply(row, index.column(), text)
        if problem:
            self.invalid.emit(
                QCoreApplication.translate("RotaModel", "第 {} 行：").format(index.row() + 1)
                + problem
            )
            return False
        left, right = self.index(index.row(), 0), self.index(index.row(), END)
        self.dataChanged.emit(left, right)
        self.edited.emit()
        return True

    def _apply(self, row: Row, column: int, text: str) -> str:
        """Change ``row`` by the value typed in ``column``; what is wrong with it, else ''."""
        if column == KIND:
            kind = kind_of(text)
            if kind is None:
                return QCoreApplication.translate(
                    "RotaModel", "类型「{}」不正确，应为 上岗、休息 或 后台"
                ).format(text)
            row.kind = kind
            if kind is not Kind.WORK:
                row.window = None
        elif column == STAFF:
            if text not in self.names:
                return QCoreApplication.translate("RotaModel", "工号「{}」不存在").format(text)
            row.staff_no = text
        elif column == WINDOW:
            if row.kind is not Kind.WORK:
                if text:
                    return QCoreApplication.translate("RotaModel", "休息和后台不设窗口")
                return ""
            if not text.isdigit() or not 1 <= int(text) <= MAX_WINDOW:
                return QCoreApplication.translate("RotaModel", "窗口号「{}」应为整数").format(text)
            if self.windows and int(text) not in self.windows:
                return QCoreApplication.translate("RotaModel", "{}号窗口不存在").format(text)
            row.window = int(text)
        elif column in (START, END):
            minute = parse_minute(text)
            if minute is None:
                return QCoreApplication.translate(
                    "RotaModel", "时间「{}」不正确，应如 08:30"
                ).format(text)
            start, end = (minute, row.end) if column == START else (row.start, minute)
            if start >= end:
                return QCoreApplication.translate("RotaModel", "结束时间应晚于开始时间")
            row.start, row.end = start, end
        return ""

    def add_row(self, after: int, default: Row) -> int:
        """Insert ``default`` after row ``after`` (-1: at the end); its row number."""
        at = len(self._rows) if after < 0 else after + 1
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, default)
        self.endInsertRows()
        self.edited.emit()
        return at

    def remove_rows(self, rows: list[int]) -> None:
        for r in sorted(set(rows), reverse=True):
            if 0 <= r < len(self._rows):
                self.beginRemoveRows(QModelIndex(), r, r)
                del self._rows[r]
                self.endRemoveRows()
        self.edited.emit()

    def row(self, index: int) -> Row:
        return self._rows[index]


class MinimumModel(_ListModel):
    """Lane -> the least windows it keeps open; the count is edited in place."""

    invalid = Signal(str)
    headers = (
        QT_TRANSLATE_NOOP("Models", "业务类别"),
        QT_TRANSLATE_NOOP("Models", "最少窗口数"),
    )

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == 1 else base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return str(self._rows[index.row()][index.column()])
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 1:
            return False
        text = str(value).strip()
        if not text.isdigit() or int(text) > MAX_MINIMUM:
            lane = self._rows[index.row()][0]
            self.invalid.emit(
                QCoreApplication.translate(
                    "RotaModel", "业务类别 {} 的最少窗口数应为 0–{} 的整数"
                ).format(lane, MAX_MINIMUM)
            )
            return False
        self._rows[index.row()][1] = int(text)
        self.dataChanged.emit(index, index)
        return True

    def set_minimums(self, minimums: dict[str, int]) -> None:
        self.beginResetModel()
        self._rows = [[lane, count] for lane, count in sorted(minimums.items())]
        self.endResetModel()

    def minimums(self) -> dict[str, int]:
        return {lane: count for lane, count in self._rows}
