"""The appointments screen's item models: the slots of a day with their expected load, the
bookings, and the supervisor's week of load per slot."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hall_app.domain.appointments import Load, SlotForecast
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.services.appointments import AppointmentView
from hall_app.ui.labels import label
from hall_app.ui.models import ObjectRole, _ListModel

_Index = QModelIndex | QPersistentModelIndex
_LOAD_COLORS = {Load.QUIET: "#2e7d32", Load.NORMAL: "#ef6c00", Load.BUSY: "#c62828"}


class SlotModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "时段"),
        QT_TRANSLATE_NOOP("Models", "预计负荷"),
        QT_TRANSLATE_NOOP("Models", "已约/可约"),
        QT_TRANSLATE_NOOP("Models", "建议"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.suggested: set[tuple[dt.date, dt.time]] = set()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f: SlotForecast = self._rows[index.row()]
        col = index.column()
        good = (f.slot.day, f.slot.start) in self.suggested
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f.slot.label,
                label(f.load.label),
                f"{f.booked}/{f.bookable}",
                self.tr("★ 错峰推荐") if good else ("" if f.free else self.tr("已约满")),
            )[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(QColor(_LOAD_COLORS[f.load]))
        if role == Qt.ItemDataRole.ForegroundRole and not f.free:
            return QBrush(QColor("#9e9e9e"))
        if role == ObjectRole:
            return f
        return None


class BookingModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "预约码"),
        QT_TRANSLATE_NOOP("Models", "姓名"),
        QT_TRANSLATE_NOOP("Models", "手机"),
        QT_TRANSLATE_NOOP("Models", "事项"),
        QT_TRANSLATE_NOOP("Models", "日期"),
        QT_TRANSLATE_NOOP("Models", "时段"),
        QT_TRANSLATE_NOOP("Models", "状态"),
    )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a: AppointmentView = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                a.code,
                a.name,
                a.phone_masked,
                a.subject,
                a.day.isoformat(),
                a.slot,
                a.state_label,
            )[index.column()]
        if role == ObjectRole:
            return a
        return None


class WeekModel(_ListModel):
    """Rows: slots; columns: the coming bookable days; cells: expected load."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.days: list[dt.date] = []

    def set_week(self, week: dict[dt.date, list[SlotForecast]]) -> None:
        self.beginResetModel()
        self.days = list(week)
        labels = sorted({f.slot.label for slots in week.values() for f in slots})
        self._rows = [
            {d: next((f for f in week[d] if f.slot.label == label), None) for d in self.days}
            | {"label": label}
            for label in labels
        ]
        self.endResetModel()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.days) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self.tr("时段") if section == 0 else f"{self.days[section - 1]:%m-%d}"

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if index.column() == 0:
            return row["label"] if role == Qt.ItemDataRole.DisplayRole else None
        f = row[self.days[index.column() - 1]]
        if f is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{label(f.load.label)} {f.expected:.0f}/{f.capacity}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(_LOAD_COLORS[f.load]))
        return None
