"""Item models: thin adapters over lists of plain dataclasses from the services."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.search import matches
from hall_app.domain.waits import NO_WINDOW
from hall_app.services.catalog import CatalogEntry
from hall_app.services.queues import LaneStatus, WindowStatus
from hall_app.ui.labels import label

ObjectRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("Models", text)


def wait_text(minutes: int | None) -> str:
    """The one estimate as shown in lane tables; a lane no open window serves says so."""
    if minutes is None:
        return QCoreApplication.translate("Waits", NO_WINDOW)
    return QCoreApplication.translate("Models", "约{}分").format(minutes)


def minutes_text(seconds: int) -> str:
    if seconds < 60:
        return QCoreApplication.translate("Models", "<1分")
    return QCoreApplication.translate("Models", "{}分").format(seconds // 60)


class _ListModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return _tr(self.headers[section])
        return None

    def row(self, index: int) -> Any:
        return self._rows[index]

    def rows(self) -> list[Any]:
        """Every row shown, in order (a copy: an export or a list of the rows on screen)."""
        return list(self._rows)

    def set_rows(self, rows: list[Any]) -> None:
        """Replace the rows: same length → dataChanged, otherwise a model reset."""
        if len(rows) == len(self._rows) and rows:
            self._rows = list(rows)
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(rows) - 1, len(self.headers) - 1)
            )
        else:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()


class LaneTableModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "业务类别"),
        QT_TRANSLATE_NOOP("Models", "等候人数"),
        QT_TRANSLATE_NOOP("Models", "绿色通道"),
        QT_TRANSLATE_NOOP("Models", "最长等待"),
        QT_TRANSLATE_NOOP("Models", "预计等待"),
        QT_TRANSLATE_NOOP("Models", "开放窗口"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.now = dt.datetime.now(dt.UTC)

    def set_status(self, lanes: list[LaneStatus], now: dt.datetime) -> None:
        self.now = now
        self.set_rows(lanes)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        lane: LaneStatus = self._rows[index.row()]
        col = index.column()
        wait = lane.longest_wait_seconds(self.now)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{lane.prefix}  {lane.name}",
                str(lane.waiting),
                str(lane.green_waiting),
                minutes_text(wait) if lane.waiting else "—",
                wait_text(lane.estimated_minutes),
                str(lane.open_windows),
            )[col]
        if role == SortRole:
            return (
                lane.prefix,
                lane.waiting,
                lane.green_waiting,
                wait,
                10**6 if lane.estimated_minutes is None else lane.estimated_minutes,
                lane.open_windows,
            )[col]
        if role == ObjectRole:
            return lane
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (
            (col == 3 and wait >= 30 * 60) or (col == 4 and lane.estimated_minutes is None)
        ):
            return QBrush(QColor("#c62828"))
        return None


class WindowTableModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "窗口"),
        QT_TRANSLATE_NOOP("Models", "状态"),
        QT_TRANSLATE_NOOP("Models", "工作人员"),
        QT_TRANSLATE_NOOP("Models", "服务类别（优先顺序）"),
        QT_TRANSLATE_NOOP("Models", "当前号票"),
    )
    _STATUS: ClassVar[dict[str, str]] = {
        "open": QT_TRANSLATE_NOOP("Models", "开放"),
        "paused": QT_TRANSLATE_NOOP("Models", "暂停"),
        "closed": QT_TRANSLATE_NOOP("Models", "关闭"),
    }

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        w: WindowStatus = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            current = w.current_number or "—"
            if w.current_state is not None:
                current = f"{w.current_number}（{label(w.current_state.label)}）"
            return (
                QCoreApplication.translate("Models", "{}号").format(w.number),
                _tr(self._STATUS.get(w.status, w.status)),
                w.staff_name or "—",
                " › ".join(w.categories),
                current,
            )[col]
        if role == SortRole:
            return (
                w.number,
                w.status,
                w.staff_name,
                " ".join(w.categories),
                w.current_number or "",
            )[col]
        if role == ObjectRole:
            return w
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and w.status != "open":
            return QBrush(QColor("#757575"))
        return None


_KIND_LABELS = {
    "item": QT_TRANSLATE_NOOP("Models", "事项"),
    "bundle": QT_TRANSLATE_NOOP("Models", "一件事"),
    "category": QT_TRANSLATE_NOOP("Models", "业务类别"),
}
CROSS_REGION = QT_TRANSLATE_NOOP("Models", "（川渝通办）")
CROSS_REGION_TIP = QT_TRANSLATE_NOOP(
    "Models", "川渝通办：在四川、重庆两地按同一标准办理，可在任一地窗口申请"
)


class CatalogModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "类型"),
        QT_TRANSLATE_NOOP("Models", "名称"),
        QT_TRANSLATE_NOOP("Models", "业务类别"),
        QT_TRANSLATE_NOOP("Models", "编码"),
    )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        e: CatalogEntry = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            name = e.name + (_tr(CROSS_REGION) if e.cross_region else "")
            return (_tr(_KIND_LABELS[e.kind]), name, e.lane_name, e.code)[col]
        if role == ObjectRole:
            return e
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = QCoreApplication.translate("Models", "拼音首字母：{}").format(e.initials)
            if e.cross_region:
                tip += "\n" + _tr(CROSS_REGION_TIP)
            return tip
        if role == Qt.ItemDataRole.ForegroundRole and e.green_channel:
            return QBrush(QColor("#2e7d32"))
        return None


class CatalogFilter(QSortFilterProxyModel):
    """Filters catalog entries by name, pinyin initials or code (``hkqy`` → 户口迁移)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._query = ""

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._query = text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._query:
            return True
        model = self.sourceModel()
        entry = model.data(model.index(source_row, 0, source_parent), ObjectRole)
        return matches(self._query, entry.name, entry.initials, entry.code)
