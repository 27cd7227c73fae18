"""The incident console's names for paper records and its table models (checklist, ledger,
conflicts, past incidents)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from hall_app.domain.fallback import RECORD_KINDS, LedgerLine, PlanStep
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.services.fallback import ConflictView
from hall_app.services.fallback import IncidentView as Incident
from hall_app.ui.labels import label
from hall_app.ui.models import ObjectRole, _ListModel

_Index = QModelIndex | QPersistentModelIndex
_RED = QColor("#c62828")
_PINK = QColor("#ffebee")
_GREEN = QColor("#2e7d32")

# the four kinds of paper record, in the order of the ledger
PAPER_LABELS = {
    "ticket": QT_TRANSLATE_NOOP("Incident", "号票"),
    "inquiry": QT_TRANSLATE_NOOP("Incident", "首问登记"),
    "case": QT_TRANSLATE_NOOP("Incident", "受理"),
    "notice": QT_TRANSLATE_NOOP("Incident", "一次性告知单"),
    "refusal": QT_TRANSLATE_NOOP("Incident", "不予受理通知书"),
}
CAUSES = (
    QT_TRANSLATE_NOOP("Incident", "网络中断"),
    QT_TRANSLATE_NOOP("Incident", "服务器故障"),
    QT_TRANSLATE_NOOP("Incident", "收费系统故障"),
    QT_TRANSLATE_NOOP("Incident", "停电"),
    QT_TRANSLATE_NOOP("Incident", "业务系统（部门专网）故障"),
)


def incident_text(text: str) -> str:
    """A label marked with QT_TRANSLATE_NOOP("Incident", …), in the UI language."""
    return QCoreApplication.translate("Incident", text)


def paper_label(kind: str) -> str:
    return incident_text(PAPER_LABELS.get(kind, kind))


def paper_kind(number: str) -> str:
    """The kind of a paper number as the kit prints it: S017, SW-…, SL-…, BZ-…, BY-…."""
    prefix = number.split("-", 1)[0].upper()
    return {"SW": "inquiry", "SL": "case", "BZ": "notice", "BY": "refusal"}.get(prefix, "ticket")


_TAIL = re.compile(r"^(.*?)(\d+)$")


def number_ranges(numbers: Iterable[str], limit: int = 4) -> str:
    """``S002–S060、SW-500231-20261125-0001–0030``: runs of consecutive numbers."""
    runs: list[list[Any]] = []  # prefix, first digits, last digits, last value
    for number in numbers:
        match = _TAIL.match(number)
        if match is None:
            runs.append([number, "", "", None])
            continue
        prefix, digits = match.groups()
        value = int(digits)
        if runs and runs[-1][0] == prefix and runs[-1][3] == value - 1:
            runs[-1][2], runs[-1][3] = digits, value
        else:
            runs.append([prefix, digits, digits, value])
    # S002–S060, but SW-500231-20261125-0001–0030 (the long prefix once)
    parts = [
        f"{p}{a}" if a == b else f"{p}{a}–{p if '-' not in p else ''}{b}" for p, a, b, _v in runs
    ]
    text = "、".join(parts[:limit])
    if len(parts) > limit:
        text += QCoreApplication.translate("Incident", " 等 {} 段").format(len(parts))
    return text or "—"


def duration_text(minutes: int) -> str:
    if minutes < 60:
        return QCoreApplication.translate("Incident", "{} 分钟").format(minutes)
    return QCoreApplication.translate("Incident", "{} 小时 {} 分钟").format(
        minutes // 60, minutes % 60
    )


def minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, round((end - start).total_seconds() / 60))


# ------------------------------------------------------------------ models


@dataclass(frozen=True)
class StepRow:
    step: PlanStep
    done_at: dt.datetime | None  # local time
    done_by: str
    due: dt.datetime | None  # local time, None = no limit


class StepModel(_ListModel):
    """The plan's checklist: the first column is the tick box; ticking asks the view."""

    headers = (
        QT_TRANSLATE_NOOP("Models", "完成"),
        QT_TRANSLATE_NOOP("Models", "负责"),
        QT_TRANSLATE_NOOP("Models", "步骤"),
        QT_TRANSLATE_NOOP("Models", "时限"),
    )
    tick_requested = Signal(str, bool)  # step id, done

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.now = dt.datetime.now(dt.UTC)
        self._pending: dict[str, bool] = {}

    def set_steps(self, rows: list[StepRow], now: dt.datetime) -> None:
        self.now = now
        self._pending.clear()
        self.set_rows(rows)

    def set_now(self, now: dt.datetime) -> None:
        self.now = now
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 3))

    def done(self, row: StepRow) -> bool:
        return self._pending.get(row.step.id, row.done_at is not None)

    def overdue(self, row: StepRow) -> bool:
        return row.due is not None and not self.done(row) and self.now > row.due

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: StepRow = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{r.done_at:%H:%M} {r.done_by}" if r.done_at and self.done(r) else ""
            if col == 3:
                if r.due is None:
                    return "—"
                limit = self.tr("{} 分钟内（{:%H:%M}前）").format(r.step.minutes, r.due)
                return limit + (self.tr(" 已超时") if self.overdue(r) else "")
            return (None, r.step.who, r.step.what)[col]
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if self.done(r) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and self.overdue(r):
            return QBrush(_PINK)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.overdue(r):
                return QBrush(_RED)
            if self.done(r):
                return QBrush(QColor("#757575"))
        if role == ObjectRole:
            return r
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        r: StepRow = self._rows[index.row()]
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        self._pending[r.step.id] = done
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 3))
        self.tick_requested.emit(r.step.id, done)
        return True


class LedgerModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "类型"),
        QT_TRANSLATE_NOOP("Models", "预留"),
        QT_TRANSLATE_NOOP("Models", "已补录"),
        QT_TRANSLATE_NOOP("Models", "已作废"),
        QT_TRANSLATE_NOOP("Models", "未处理"),
    )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: LedgerLine = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                paper_label(r.kind),
                str(r.reserved),
                str(r.entered),
                str(r.voided),
                str(r.outstanding),
            )[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and r.outstanding:
            return QBrush(_RED)
        if role == Qt.ItemDataRole.FontRole and col == 4 and r.outstanding:
            font = QFont()
            font.setBold(True)
            return font
        if role == ObjectRole:
            return r
        return None


class ConflictModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "编号"),
        QT_TRANSLATE_NOOP("Models", "记录"),
        QT_TRANSLATE_NOOP("Models", "终端"),
        QT_TRANSLATE_NOOP("Models", "原始时间"),
        QT_TRANSLATE_NOOP("Models", "工号"),
        QT_TRANSLATE_NOOP("Models", "冲突原因"),
    )

    def __init__(self, tz: dt.tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: ConflictView = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                r.reference,
                label(RECORD_KINDS.get(r.kind, r.kind)),
                r.terminal,
                f"{r.original_at.astimezone(self.tz):%m-%d %H:%M}",
                r.staff_no,
                r.detail,
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return r.detail
        if role == ObjectRole:
            return r
        return None


class IncidentListModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "编号"),
        QT_TRANSLATE_NOOP("Models", "原因"),
        QT_TRANSLATE_NOOP("Models", "范围"),
        QT_TRANSLATE_NOOP("Models", "开始"),
        QT_TRANSLATE_NOOP("Models", "结束"),
        QT_TRANSLATE_NOOP("Models", "持续"),
        QT_TRANSLATE_NOOP("Models", "纸质补录"),
        QT_TRANSLATE_NOOP("Models", "宣布人"),
        QT_TRANSLATE_NOOP("Models", "复盘"),
    )

    def __init__(self, tz: dt.tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: Incident = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            start = r.started_at.astimezone(self.tz)
            if r.ended_at is None:
                end, length = self.tr("进行中"), "—"
            else:
                finish = r.ended_at.astimezone(self.tz)
                end = (
                    f"{finish:%H:%M}" if finish.date() == start.date() else f"{finish:%m-%d %H:%M}"
                )
                length = duration_text(
                    int(r.summary.get("minutes", minutes_between(start, finish)))
                )
            paper = r.summary.get("paper", {})
            entered = (
                self.tr("{} 条，作废 {}").format(sum(paper.values()), r.summary.get("voided", 0))
                if r.summary
                else "—"
            )
            return (
                r.number,
                r.cause,
                r.scope,
                f"{start:%Y-%m-%d %H:%M}",
                end,
                length,
                entered,
                r.declared_by,
                r.review.replace("\n", " "),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 8:
            override = r.summary.get("override", "")
            skipped = r.summary.get("skipped", {})
            return (
                r.review
                + (self.tr("\n未平账原因：{}").format(override) if override else "")
                + "".join(
                    self.tr("\n未做步骤 {}：{}").format(step, reason)
                    for step, reason in skipped.items()
                )
            )
        if role == ObjectRole:
            return r
        return None
