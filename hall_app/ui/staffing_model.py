"""The staffing console's tables and texts (人员调配, issue 19 §2–§5): the checked proposals
(kind, text, the helped lane's p95 without → with, the largest lane p95, staff-hours, the
forward check's verdict), every lane's p95 band without/with for the selected one, and the
one-line texts of today's staffing changes and of the remedies in force."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hall_app.domain.forward import Band, worst
from hall_app.domain.hallsim_run import CallIn, Close, MoveBreak, Switch
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.rota import clock
from hall_app.services.remedies import RemedyView
from hall_app.services.rota import StaffingChangeView
from hall_app.services.staffing_console import Checked
from hall_app.ui.models import ObjectRole, _ListModel

_Index = QModelIndex | QPersistentModelIndex
GREY = QColor("#9e9e9e")
RED = QColor("#c62828")
GREEN = QColor("#2e7d32")

KINDS: dict[type, str] = {
    Switch: QT_TRANSLATE_NOOP("Staffing", "调整业务"),
    CallIn: QT_TRANSLATE_NOOP("Staffing", "召回人员"),
    Close: QT_TRANSLATE_NOOP("Staffing", "关闭窗口"),
    MoveBreak: QT_TRANSLATE_NOOP("Staffing", "推迟休息"),
}
CHANGE_KINDS = {  # today's staffing changes as the rota logs them
    "call_in": QT_TRANSLATE_NOOP("Staffing", "召回人员"),
    "close": QT_TRANSLATE_NOOP("Staffing", "关闭窗口"),
    "move_break": QT_TRANSLATE_NOOP("Staffing", "推迟休息"),
    "reopen": QT_TRANSLATE_NOOP("Staffing", "重新开窗"),
}
REMEDY_KINDS = {
    "booking_first": QT_TRANSLATE_NOOP("Staffing", "先行引导预约"),
    "bundle_to_general": QT_TRANSLATE_NOOP("Staffing", "一件事分流综合受理"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("Staffing", text)


def kind_text(checked: Checked) -> str:
    return tr(KINDS.get(type(checked.advice.action), "—"))


def hours_text(hours: float) -> str:
    """Staff-hours with their sign: + costs, − saves, one decimal."""
    if round(hours, 1) == 0:
        return "0.0"
    return f"{hours:+.1f}".replace("-", "−")


def band_text(band: Band | None) -> str:
    """A p95 band: ``116 [104–121]`` (minutes; the middle 90 % of the seeds)."""
    if band is None:
        return "—"
    return f"{band.mean:.0f} [{band.low:.0f}–{band.high:.0f}]"


def change_of(without: Band | None, with_: Band | None) -> str:
    if without is None or with_ is None:
        return ""
    step = round(with_.mean - without.mean)
    return "±0" if step == 0 else f"{step:+d}".replace("-", "−")


@dataclass(frozen=True)
class Row:
    checked: Checked
    dropped: bool  # checked and found not to help: shown greyed, never accepted


class _StaffingList(_ListModel):
    """A list model whose headers are in the ``Staffing`` translation context."""

    headers: tuple[str, ...] = ()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return tr(self.headers[section])
        return None


class ProposalModel(_StaffingList):
    headers = (
        QT_TRANSLATE_NOOP("Staffing", "类型"),
        QT_TRANSLATE_NOOP("Staffing", "建议"),
        QT_TRANSLATE_NOOP("Staffing", "该类 p95 等待（分）\n现状 → 采纳后 [区间]"),
        QT_TRANSLATE_NOOP("Staffing", "最长类别 p95\n（分）"),
        QT_TRANSLATE_NOOP("Staffing", "人力\n（小时）"),
        QT_TRANSLATE_NOOP("Staffing", "前瞻校验"),
    )

    def show(
        self, proposals: tuple[Checked, ...], dropped: tuple[Checked, ...], all_: bool
    ) -> None:
        """The proposals that help, best first; with ``all_``, the dropped ones after them."""
        rows = [Row(c, False) for c in proposals]
        if all_:
            rows += [Row(c, True) for c in dropped]
        self.set_rows(rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: Row = self._rows[index.row()]
        checked, col = row.checked, index.column()
        advice, check = checked.advice, checked.check
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            lane = advice.lane
            before, after = check.without.get(lane), check.with_.get(lane)
            helped = f"{lane} {before.mean:.0f} → {band_text(after)}" if before and after else "—"
            return (
                kind_text(checked)
                + (QCoreApplication.translate("Staffing", "（未通过）") if row.dropped else ""),
                advice.text,
                helped,
                f"{worst(check.without):.0f} → {worst(check.with_):.0f}",
                hours_text(checked.staff_hours),
                check.why,
            )[col]
        if role == ObjectRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.dropped:
                return QBrush(GREY)
            if col == 4 and round(checked.staff_hours, 1) != 0:
                return QBrush(RED if checked.staff_hours > 0 else GREEN)
        return None


@dataclass(frozen=True)
class LaneRow:
    lane: str
    name: str
    without: Band | None
    with_: Band | None


class LaneBandModel(_StaffingList):
    """Every lane's p95 band as things stand and with the selected proposal (the green
    channel too); with no proposal selected, as things stand only."""

    headers = (
        QT_TRANSLATE_NOOP("Staffing", "类别"),
        QT_TRANSLATE_NOOP("Staffing", "现状 p95"),
        QT_TRANSLATE_NOOP("Staffing", "采纳后 p95"),
    )

    def show(
        self,
        names: dict[str, str],
        without: dict[str, Band],
        with_: dict[str, Band] | None,
    ) -> None:
        lanes = sorted(set(without) | set(with_ or {}))
        self.set_rows(
            [
                LaneRow(
                    lane,
                    names.get(lane, lane),
                    without.get(lane),
                    None if with_ is None else with_.get(lane),
                )
                for lane in lanes
            ]
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: LaneRow = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{row.lane} {row.name}",
                band_text(row.without),
                band_text(row.with_) if row.with_ is not None else "",
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            return QCoreApplication.translate("Staffing", "变化 {} 分钟").format(
                change_of(row.without, row.with_)
            )
        if role == ObjectRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 2 and row.without and row.with_:
            step = round(row.with_.mean - row.without.mean)  # worse in red, better in green
            if step:
                return QBrush(RED if step > 0 else GREEN)
        return None


def figures_text(figures: dict[str, Any]) -> str:
    """What a logged staffing change or remedy rested on, in one line: the lane's p95 without
    → with, the staff-hours, the basis."""
    parts = []
    if "p95_without" in figures and "p95_with" in figures:
        lane = figures.get("lane", "")
        parts.append(
            QCoreApplication.translate("Staffing", "{}p95 {:.0f} → {:.0f} 分钟").format(
                f"{lane} " if lane else "",
                float(figures["p95_without"]),
                float(figures["p95_with"]),
            )
        )
    if "staff_hours" in figures:
        parts.append(
            QCoreApplication.translate("Staffing", "人力 {} 小时").format(
                hours_text(float(figures["staff_hours"]))
            )
        )
    elif "staff_minutes" in figures:
        parts.append(
            QCoreApplication.translate("Staffing", "人力 {} 小时").format(
                hours_text(float(figures["staff_minutes"]) / 60)
            )
        )
    if figures.get("seeds"):
        parts.append(QCoreApplication.translate("Staffing", "{} 次模拟").format(figures["seeds"]))
    if figures.get("basis"):
        parts.append(QCoreApplication.translate("Staffing", "依据：{}").format(figures["basis"]))
    return QCoreApplication.translate("Staffing", "；").join(parts)


def change_line(c: StaffingChangeView, tz: dt.tzinfo) -> str:
    """A staffing change of today, two lines: when, what, who, where, the span, by whom;
    then the figures it rested on (or its reason)."""
    where = (
        QCoreApplication.translate("Staffing", "{}号窗口").format(c.window)
        if c.window is not None
        else ""
    )
    span = (
        f"{clock(c.from_minute)}→{clock(c.to_minute)}"
        if c.from_minute is not None and c.to_minute is not None
        else ""
    )
    parts = (f"{c.at.astimezone(tz):%H:%M}", tr(CHANGE_KINDS.get(c.kind, c.kind)), c.staff_no)
    head = " ".join(x for x in (*parts, where, span) if x)
    by = QCoreApplication.translate("Staffing", "（{} 操作）").format(c.by)
    return f"{head}{by}\n    {figures_text(c.figures) or c.reason}"


def remedy_line(r: RemedyView, tz: dt.tzinfo) -> str:
    """A remedy in force: lane, kind, from (until), its expected effect, the offers so far."""
    until = (
        QCoreApplication.translate("Staffing", "至 {}").format(f"{r.ends_at.astimezone(tz):%H:%M}")
        if r.ends_at
        else ""
    )
    text = QCoreApplication.translate("Staffing", "{} {} 自 {} 起{}").format(
        r.lane, tr(REMEDY_KINDS.get(r.kind.value, r.kind.value)),
        f"{r.starts_at.astimezone(tz):%H:%M}", until,
    )  # fmt: skip
    if "p95_without" in r.figures and "p95_with" in r.figures:
        text += QCoreApplication.translate("Staffing", "；预计 p95 {:.0f} → {:.0f} 分钟").format(
            float(r.figures["p95_without"]), float(r.figures["p95_with"])
        )
    if r.offered:
        text += QCoreApplication.translate("Staffing", "；已引导 {} 人，预约 {}，仍取号 {}").format(
            r.offered, r.booked, r.insisted
        )
    return text
