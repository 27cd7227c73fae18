"""The material check's table: one row per material, with the clerk's verdict."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.materials import Check, Mark
from hall_app.ui.labels import label as _label

_Index = QModelIndex | QPersistentModelIndex
_MARK_COLORS = {Mark.RECEIVED: "#2e7d32", Mark.MISSING: "#c62828", Mark.FAULTY: "#ef6c00"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Materials", text)


class MaterialCheckModel(QAbstractTableModel):
    headers = (
        QT_TRANSLATE_NOOP("Materials", "材料名称"),
        QT_TRANSLATE_NOOP("Materials", "形式份数"),
        QT_TRANSLATE_NOOP("Materials", "要求"),
        QT_TRANSLATE_NOOP("Materials", "适用"),
        QT_TRANSLATE_NOOP("Materials", "核验结果"),
        QT_TRANSLATE_NOOP("Materials", "问题/备注"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.checks: list[Check] = []

    def set_checks(self, checks: list[Check]) -> None:
        self.beginResetModel()
        self.checks = checks
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.checks)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.headers[section])
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.checks):
            return None
        c = self.checks[index.row()]
        r = c.material
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            applies = {
                None: QCoreApplication.translate("Materials", "待确认"),
                True: QCoreApplication.translate("Materials", "适用"),
                False: QCoreApplication.translate("Materials", "不适用"),
            }[c.applies]
            shared = QCoreApplication.translate("Materials", "（共享免提交）") if r.shared else ""
            return (
                r.name + (f"（{r.situation}）" if r.situation else ""),
                QCoreApplication.translate("Materials", "{} {}份").format(_label(r.form), r.copies)
                if r.form != "电子"
                else _label(r.form),
                _label(r.requirement) + shared,
                applies if r.conditional else "—",
                _label(c.mark.label) if c.applies else "—",
                "；".join(x for x in (c.problem, c.note) if x),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.standard or None
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and c.mark in _MARK_COLORS:
            return QBrush(QColor(_MARK_COLORS[c.mark]))
        if role == Qt.ItemDataRole.ForegroundRole and c.applies is False:
            return QBrush(QColor("#9e9e9e"))
        return None

    def changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))
