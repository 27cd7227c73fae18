"""应急事件 (manual fallback) for the supervisor: declare an incident, follow the emergency
plan's checklist, print the emergency kit, watch the paper ledger fill up as the windows
back-enter their registers, void what was never used, settle offline conflicts and close
the incident with its review. Without an open incident: the declare form and past incidents."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.fallback import RECORD_KINDS, EmergencyPlan, Ledger, LedgerLine, PlanStep
from hall_app.printing.kit import render_kit
from hall_app.services.context import Actor
from hall_app.services.fallback import ConflictView
from hall_app.services.fallback import IncidentView as Incident
from hall_app.services.hall import Hall
from hall_app.ui.common import MessageBar, dispose_on_close, table_view
from hall_app.ui.models import ObjectRole, _ListModel
from hall_app.ui.output import Printed, save_document
from hall_app.ui.preview import PreviewDialog
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner

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
}
CAUSES = (
    QT_TRANSLATE_NOOP("Incident", "网络中断"),
    QT_TRANSLATE_NOOP("Incident", "服务器故障"),
    QT_TRANSLATE_NOOP("Incident", "收费系统故障"),
    QT_TRANSLATE_NOOP("Incident", "停电"),
    QT_TRANSLATE_NOOP("Incident", "业务系统（部门专网）故障"),
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Incident", text)


def paper_label(kind: str) -> str:
    return _t(PAPER_LABELS.get(kind, kind))


def paper_kind(number: str) -> str:
    """The kind of a paper number as the kit prints it: S017, SW-…, SL-…, BZ-…."""
    prefix = number.split("-", 1)[0].upper()
    return {"SW": "inquiry", "SL": "case", "BZ": "notice"}.get(prefix, "ticket")


_TAIL = re.compile(r"^(.*?)(\d+)$")


def number_ranges(numbers: Iterable[str], limit: int = 4) -> str:
    """``S002–S060、SW-130534-20261125-0001–0030``: runs of consecutive numbers."""
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
    # S002–S060, but SW-130534-20261125-0001–0030 (the long prefix once)
    parts = [f"{p}{a}" if a == b else f"{p}{a}–{p if '-' not in p else ''}{b}"
             for p, a, b, _v in runs]
    text = "、".join(parts[:limit])
    if len(parts) > limit:
        text += QCoreApplication.translate("Incident", " 等 {} 段").format(len(parts))
    return text or "—"


def duration_text(minutes: int) -> str:
    if minutes < 60:
        return QCoreApplication.translate("Incident", "{} 分钟").format(minutes)
    return QCoreApplication.translate("Incident", "{} 小时 {} 分钟").format(minutes // 60, minutes % 60)


def _minutes(start: dt.datetime, end: dt.datetime) -> int:
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

    headers = (QT_TRANSLATE_NOOP("Models", "完成"), QT_TRANSLATE_NOOP("Models", "负责"),
               QT_TRANSLATE_NOOP("Models", "步骤"), QT_TRANSLATE_NOOP("Models", "时限"))
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
    headers = (QT_TRANSLATE_NOOP("Models", "类型"), QT_TRANSLATE_NOOP("Models", "预留"),
               QT_TRANSLATE_NOOP("Models", "已补录"), QT_TRANSLATE_NOOP("Models", "已作废"),
               QT_TRANSLATE_NOOP("Models", "未处理"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: LedgerLine = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (paper_label(r.kind), str(r.reserved), str(r.entered), str(r.voided),
                    str(r.outstanding))[col]
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
    headers = (QT_TRANSLATE_NOOP("Models", "编号"), QT_TRANSLATE_NOOP("Models", "记录"),
               QT_TRANSLATE_NOOP("Models", "终端"), QT_TRANSLATE_NOOP("Models", "原始时间"),
               QT_TRANSLATE_NOOP("Models", "工号"), QT_TRANSLATE_NOOP("Models", "冲突原因"))

    def __init__(self, tz: dt.tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: ConflictView = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (r.reference, RECORD_KINDS.get(r.kind, r.kind), r.terminal,
                    f"{r.original_at.astimezone(self.tz):%m-%d %H:%M}", r.staff_no,
                    r.detail)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return r.detail
        if role == ObjectRole:
            return r
        return None


class IncidentListModel(_ListModel):
    headers = (QT_TRANSLATE_NOOP("Models", "编号"), QT_TRANSLATE_NOOP("Models", "原因"),
               QT_TRANSLATE_NOOP("Models", "范围"), QT_TRANSLATE_NOOP("Models", "开始"),
               QT_TRANSLATE_NOOP("Models", "结束"), QT_TRANSLATE_NOOP("Models", "持续"),
               QT_TRANSLATE_NOOP("Models", "纸质补录"), QT_TRANSLATE_NOOP("Models", "宣布人"),
               QT_TRANSLATE_NOOP("Models", "复盘"))

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
                end = f"{finish:%H:%M}" if finish.date() == start.date() else f"{finish:%m-%d %H:%M}"
                length = duration_text(int(r.summary.get("minutes", _minutes(start, finish))))
            paper = r.summary.get("paper", {})
            entered = self.tr("{} 条，作废 {}").format(sum(paper.values()), r.summary.get("voided", 0)) \
                if r.summary else "—"
            return (r.number, r.cause, r.scope, f"{start:%Y-%m-%d %H:%M}", end, length, entered,
                    r.declared_by, r.review.replace("\n", " "))[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 8:
            override = r.summary.get("override", "")
            return r.review + (self.tr("\n未平账原因：{}").format(override) if override else "")
        if role == ObjectRole:
            return r
        return None


# ------------------------------------------------------------------ dialogs


class _Dialog(QDialog):
    """A modal form whose confirming button waits for the required fields."""

    def _finish(self, form: QFormLayout, confirm: str) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.check()

    def check(self) -> None:
        self.ok.setEnabled(self.complete())

    def exec(self) -> int:
        """Modal, then deleted: ``ask()`` reads the answer before control returns to the
        event loop, which is when the deferred deletion happens."""
        result = super().exec()
        self.deleteLater()
        return result

    def complete(self) -> bool:
        return True


class VoidDialog(_Dialog):
    """作废剩余号码: which kind (or all), the numbers it concerns, and the reason."""

    def __init__(self, outstanding: dict[str, list[str]], kind: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("作废剩余号码"))
        self.outstanding = outstanding
        self.kind = QComboBox()
        total = sum(len(v) for v in outstanding.values())
        self.kind.addItem(self.tr("全部类型（{} 个）").format(total), None)
        for key, numbers in outstanding.items():
            if numbers:
                self.kind.addItem(self.tr("{}（{} 个）").format(paper_label(key), len(numbers)), key)
        if kind is not None and self.kind.findData(kind) >= 0:
            self.kind.setCurrentIndex(self.kind.findData(kind))
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        self.numbers.setObjectName("voidNumbers")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("如：未使用；号票撕毁"))
        self.reason.textChanged.connect(self.check)
        self.kind.currentIndexChanged.connect(self._show_numbers)
        form = QFormLayout(self)
        form.addRow(self.tr("类型："), self.kind)
        form.addRow(self.tr("将作废："), self.numbers)
        form.addRow(self.tr("作废原因："), self.reason)
        warn = QLabel(self.tr("作废后这些号码不能再补录。请先确认纸质登记簿上确实没有使用。"))
        warn.setStyleSheet("color:#c62828;")
        warn.setWordWrap(True)
        form.addRow(warn)
        self._finish(form, self.tr("确认作废"))
        self._show_numbers()
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> dict[str, list[str]]:
        key = self.kind.currentData()
        return {k: v for k, v in self.outstanding.items() if v and key in (None, k)}

    def _show_numbers(self) -> None:
        chosen = [n for numbers in self.chosen().values() for n in numbers]
        self.numbers.setText(self.tr("{} 个：{}").format(len(chosen), number_ranges(chosen, 6)))

    def complete(self) -> bool:
        return bool(self.reason.text().strip())

    @classmethod
    def ask(cls, parent: QWidget, outstanding: dict[str, list[str]],
            kind: str | None) -> tuple[dict[str, list[str]], str] | None:
        """Modal question; tests replace this classmethod."""
        dialog = cls(outstanding, kind, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen(), dialog.reason.text().strip()


class CloseDialog(_Dialog):
    """结束事件: the review, and why the ledger does not balance when it does not."""

    def __init__(self, outstanding: tuple[str, ...], conflicts: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("结束应急事件"))
        self.needs_override = bool(outstanding or conflicts)
        self.review = QPlainTextEdit()
        self.review.setPlaceholderText(self.tr("原因、影响、处理经过、改进措施"))
        self.review.textChanged.connect(self.check)
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("如：部分纸质号票遗失，已登记说明"))
        self.override.textChanged.connect(self.check)
        form = QFormLayout(self)
        state = QLabel()
        state.setObjectName("ledgerState")
        state.setWordWrap(True)
        if self.needs_override:
            parts = []
            if outstanding:
                parts.append(self.tr("还有 {} 个纸质号码既未补录也未作废（{}）").format(
                    len(outstanding), number_ranges(outstanding)))
            if conflicts:
                parts.append(self.tr("还有 {} 条离线记录冲突未处理").format(conflicts))
            state.setText("；".join(parts) + self.tr("。如仍要结束，请写明原因。"))
            state.setStyleSheet("color:#c62828;")
        else:
            state.setText(self.tr("纸质台账已平：全部号码均已补录或作废。"))
            state.setStyleSheet("color:#2e7d32;")
        form.addRow(state)
        form.addRow(self.tr("事件复盘："), self.review)
        self.override.setVisible(self.needs_override)
        if self.needs_override:
            form.addRow(self.tr("未平账原因："), self.override)
        self._finish(form, self.tr("结束事件"))
        self.resize(560, 360)

    def complete(self) -> bool:
        return bool(self.review.toPlainText().strip()) and (
            not self.needs_override or bool(self.override.text().strip()))

    @classmethod
    def ask(cls, parent: QWidget, outstanding: tuple[str, ...],
            conflicts: int) -> tuple[str, str] | None:
        """Modal question; tests replace this classmethod."""
        dialog = cls(outstanding, conflicts, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        override = dialog.override.text().strip() if dialog.needs_override else ""
        return dialog.review.toPlainText().strip(), override


class ResolveDialog(_Dialog):
    def __init__(self, conflict: ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("处理离线冲突"))
        detail = QLabel(f"{conflict.reference}（{RECORD_KINDS.get(conflict.kind, conflict.kind)}，"
                        f"{conflict.terminal}）：{conflict.detail}")
        detail.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("如何处理的，如：已与窗口核实，号票作废重取"))
        self.note.textChanged.connect(self.check)
        form = QFormLayout(self)
        form.addRow(detail)
        form.addRow(self.tr("处理说明："), self.note)
        self._finish(form, self.tr("已处理"))

    def complete(self) -> bool:
        return bool(self.note.toPlainText().strip())

    @classmethod
    def ask(cls, parent: QWidget, conflict: ConflictView) -> str | None:
        dialog = cls(conflict, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.note.toPlainText().strip()


class NoticeDialog(_Dialog):
    def __init__(self, incident: Incident, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("告知方式与替代渠道"))
        self.public_notice = QLineEdit(incident.public_notice)
        self.substitutes = QLineEdit(incident.substitutes)
        form = QFormLayout(self)
        form.addRow(self.tr("如何告知群众："), self.public_notice)
        form.addRow(self.tr("替代渠道："), self.substitutes)
        self._finish(form, self.tr("保存"))
        self.resize(520, self.sizeHint().height())

    @classmethod
    def ask(cls, parent: QWidget, incident: Incident) -> tuple[str, str] | None:
        dialog = cls(incident, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.public_notice.text(), dialog.substitutes.text()


# ------------------------------------------------------------------ the view


@dataclass(frozen=True)
class _State:
    plan: EmergencyPlan
    incident: Incident | None
    past: list[Incident]
    ledger: Ledger | None
    conflicts: list[ConflictView]


class IncidentView(QWidget):
    """The supervisor's 应急事件 screen."""

    refreshed = Signal()
    preview_opened = Signal(object)  # PreviewDialog

    def __init__(self, hall: Hall, runner: Runner, actor: Actor, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor, self.settings = hall, runner, actor, settings
        self.state: _State | None = None
        self.preview: PreviewDialog | None = None
        self._start_edited = False
        self.message = MessageBar(self)
        self.actions: dict[str, QAction] = {}
        for name, text, key, slot in (
            ("declare", self.tr("宣布应急事件"), "Ctrl+Return", self.declare),
            ("kit", self.tr("打印应急包"), "Ctrl+P", self.print_kit),
            ("notice", self.tr("修改告知方式…"), "Ctrl+U", self.edit_notice),
            ("void", self.tr("作废剩余号码…"), "Ctrl+Shift+V", self.void_rest),
            ("resolve", self.tr("处理冲突…"), "Ctrl+H", self.resolve),
            ("close", self.tr("结束事件…"), "Ctrl+Shift+E", self.close_incident),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text.rstrip('…')} ({key})")
            action.setIconText(f"{text}  ({key})")  # what the buttons show
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions[name] = action

        self.pages = QStackedWidget()
        self.pages.addWidget(self._declare_page())
        self.pages.addWidget(self._incident_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        self._reset_start()
        self._show_page(None)

        self.clock = QTimer(self)
        self.clock.timeout.connect(self.tick)
        self.clock.start(30_000)

    # ------------------------------------------------------------ building

    def _button(self, name: str) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(self.actions[name])
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setMinimumHeight(30)
        button.setObjectName(f"{name}Button")
        return button

    def _declare_page(self) -> QWidget:
        page = QWidget()
        self.cause = QComboBox()
        self.cause.setEditable(True)
        self.cause.addItems([_t(c) for c in CAUSES])
        self.cause.setCurrentIndex(-1)
        self.cause.lineEdit().setPlaceholderText(self.tr("如：网络中断、服务器故障、收费系统故障"))
        self.scope = QLineEdit(self.tr("全厅"))
        self.started = QDateTimeEdit()
        self.started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started.dateTimeChanged.connect(self._start_changed)
        now_button = QPushButton(self.tr("现在"))
        now_button.clicked.connect(self._reset_start)
        start_row = QHBoxLayout()
        start_row.addWidget(self.started, 1)
        start_row.addWidget(now_button)
        self.public_notice = QLineEdit()
        self.public_notice.setPlaceholderText(self.tr("如：入口张贴告示，导服口头告知"))
        self.substitutes = QLineEdit()
        self.substitutes.setPlaceholderText(self.tr("如：网上办、自助终端、邮寄"))
        declare = QPushButton(self.tr("宣布应急事件，转入人工兜底 (Ctrl+Enter)"))
        declare.setObjectName("declareButton")
        declare.setStyleSheet("QPushButton{background:#c62828;color:white;padding:6px 16px;"
                              "font-weight:bold;}")
        declare.clicked.connect(self.declare)
        box = QGroupBox(self.tr("宣布应急事件"))
        form = QFormLayout(box)
        form.addRow(self.tr("事件原因："), self.cause)
        form.addRow(self.tr("影响范围："), self.scope)
        form.addRow(self.tr("开始时间："), start_row)
        form.addRow(self.tr("如何告知群众："), self.public_notice)
        form.addRow(self.tr("替代渠道："), self.substitutes)
        form.addRow(declare)
        self.past = IncidentListModel(self.hall.ctx.tz, self)
        self.past_table = table_view(self.past, stretch_column=8)
        past_box = QGroupBox(self.tr("历次应急事件"))
        QVBoxLayout(past_box).addWidget(self.past_table)
        box.setMaximumWidth(900)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(past_box, 1)
        return page

    def _incident_page(self) -> QWidget:
        page = QWidget()
        self.title = QLabel()
        self.title.setObjectName("incidentTitle")
        self.title.setStyleSheet("color:#b71c1c;font-size:18pt;font-weight:bold;")
        self.since = QLabel()
        self.since.setObjectName("incidentSince")
        self.since.setWordWrap(True)
        head = QVBoxLayout()
        head.setSpacing(2)
        head.addWidget(self.title)
        head.addWidget(self.since)
        banner = QWidget()
        banner.setObjectName("incidentBanner")
        banner.setStyleSheet("#incidentBanner{background:#fff3f3;border:1px solid #ef9a9a;"
                             "border-radius:4px;}")
        top = QHBoxLayout(banner)
        top.addLayout(head, 1)
        for name in ("kit", "notice", "close"):
            top.addWidget(self._button(name))

        self.steps = StepModel(self)
        self.steps.tick_requested.connect(self.tick_step)
        self.step_table = table_view(self.steps, stretch_column=2)
        self.step_table.setWordWrap(True)
        self.step_table.setObjectName("stepTable")
        self.step_progress = QLabel()
        steps_box = QGroupBox(self.tr("应急预案步骤（空格键勾选）"))
        sl = QVBoxLayout(steps_box)
        sl.addWidget(self.step_progress)
        sl.addWidget(self.step_table)

        self.ledger = LedgerModel(self)
        self.ledger_table = table_view(self.ledger)
        self.ledger_table.setObjectName("ledgerTable")
        self.ledger_table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.ledger_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.ledger_state = QLabel()
        self.ledger_state.setObjectName("ledgerState")
        self.ledger_state.setWordWrap(True)
        ledger_box = QGroupBox(self.tr("纸质台账（应急包号码）"))
        ll = QVBoxLayout(ledger_box)
        ll.addWidget(self.ledger_table)
        ll.addWidget(self.ledger_state)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._button("void"))
        ll.addLayout(row)

        self.conflicts = ConflictModel(self.hall.ctx.tz, self)
        self.conflict_table = table_view(self.conflicts, stretch_column=5)
        self.conflict_table.setObjectName("conflictTable")
        conflict_box = QGroupBox(self.tr("离线记录冲突（待人工处理）"))
        cl = QVBoxLayout(conflict_box)
        cl.addWidget(self.conflict_table)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._button("resolve"))
        cl.addLayout(row)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(ledger_box)
        rl.addWidget(conflict_box, 1)
        split = QSplitter()
        split.addWidget(steps_box)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(banner)
        layout.addWidget(split, 1)
        return page

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        fallback = self.hall.fallback

        def load() -> _State:
            plan = fallback.plan
            current = fallback.current_incident()
            if current is None:
                return _State(plan, None, fallback.incidents(), None, [])
            return _State(plan, current, [], fallback.ledger(current.number), fallback.conflicts())

        self.runner.run(load, self._show, self._failed)

    def _failed(self, error: KnownError) -> None:
        self.message.show_error(error)
        self.refreshed.emit()

    def _show(self, state: _State) -> None:
        self.state = state
        self._show_page(state.incident)
        if state.incident is None:
            self.past.set_rows(state.past)
        else:
            self._show_incident(state)
        self.refreshed.emit()

    def _show_page(self, incident: Incident | None) -> None:
        declaring = incident is None
        if declaring and self.pages.currentIndex() != 0:
            self._reset_start()
        self.pages.setCurrentIndex(0 if declaring else 1)
        self.actions["declare"].setEnabled(declaring)
        for name in ("kit", "notice", "void", "resolve", "close"):
            self.actions[name].setEnabled(not declaring)

    def _show_incident(self, state: _State) -> None:
        incident, ledger = state.incident, state.ledger
        assert incident is not None and ledger is not None
        ctx = self.hall.ctx
        start = ctx.local(incident.started_at)
        rows = []
        for step in state.plan.steps:
            done = incident.steps_done.get(step.id)
            due = start + dt.timedelta(minutes=step.minutes) if step.minutes else None
            rows.append(StepRow(step, ctx.local(done[0]) if done else None,
                                done[1] if done else "", due))
        self.steps.set_steps(rows, ctx.now())
        self.step_table.resizeRowsToContents()
        self.ledger.set_rows(list(ledger.lines))
        if ledger.balanced:
            self.ledger_state.setText(self.tr("台账已平：全部号码均已补录或作废。"))
            self.ledger_state.setStyleSheet("color:#2e7d32;font-weight:bold;")
        elif not any(line.reserved for line in ledger.lines):
            self.ledger_state.setText(self.tr("尚未打印应急包：打印后这里列出每个预留号码的去向。"))
            self.ledger_state.setStyleSheet("color:#616161;")
        else:
            self.ledger_state.setText(self.tr("未处理 {} 个：{}").format(
                len(ledger.outstanding_numbers), number_ranges(ledger.outstanding_numbers)))
            self.ledger_state.setStyleSheet("color:#c62828;")
        self.conflicts.set_rows(state.conflicts)
        kit = self.tr("重印应急包") if incident.kit_printed else self.tr("打印应急包")
        self.actions["kit"].setText(kit)
        self.actions["kit"].setIconText(f"{kit}  (Ctrl+P)")
        self.actions["void"].setEnabled(bool(ledger.outstanding_numbers))
        self.actions["resolve"].setEnabled(bool(state.conflicts))
        self.tick()

    def tick(self) -> None:
        """Elapsed time and overdue steps move on with the clock."""
        now = self.hall.ctx.now()
        if self.state is None or self.state.incident is None:
            if not self._start_edited:
                self._reset_start()
            return
        incident = self.state.incident
        start = self.hall.ctx.local(incident.started_at)
        self.title.setText(self.tr("应急事件 {} · {}（{}）").format(
            incident.number, incident.cause, incident.scope))
        when = [self.tr("{:%H:%M} 起，已持续 {}").format(start, duration_text(_minutes(start, now))),
                self.tr("宣布人 {}").format(incident.declared_by),
                self.tr("应急包已打印") if incident.kit_printed else self.tr("应急包未打印")]
        told = [self.tr("告知群众：{}").format(incident.public_notice or self.tr("（未填写）")),
                self.tr("替代渠道：{}").format(incident.substitutes or self.tr("（未填写）"))]
        self.since.setText(" · ".join(when) + "\n" + " · ".join(told))
        self.steps.set_now(now)
        done = sum(1 for r in self.steps._rows if self.steps.done(r))
        late = sum(1 for r in self.steps._rows if self.steps.overdue(r))
        text = self.tr("已完成 {}/{} 步").format(done, len(self.steps._rows))
        if late:
            text += self.tr("，{} 步已超时").format(late)
        self.step_progress.setText(text)
        self.step_progress.setStyleSheet("color:#c62828;font-weight:bold;" if late else "")

    def _start_changed(self) -> None:
        self._start_edited = True

    def _reset_start(self) -> None:
        local = self.hall.ctx.local(self.hall.ctx.now())
        self.started.blockSignals(True)
        self.started.setDateTime(QDateTime(QDate(local.year, local.month, local.day),
                                           QTime(local.hour, local.minute)))
        self.started.blockSignals(False)
        self._start_edited = False

    # ------------------------------------------------------------ actions

    def _run(self, fn: Any, text: Any, then: Any = None) -> None:
        """``fn`` on the worker; ``text`` (or ``text(result)``) when it is done; refresh."""

        def done(result: object) -> None:
            self.message.show_message(text(result) if callable(text) else text, "ok")
            if then is not None:
                then(result)
            self.refresh()

        def failed(error: KnownError) -> None:
            self.message.show_error(error)
            self.refresh()

        self.runner.run(fn, done, failed)

    def _number(self) -> str | None:
        if self.state is None or self.state.incident is None:
            return None
        return self.state.incident.number

    def declare(self) -> None:
        if self.pages.currentIndex() != 0:
            return
        hall, actor = self.hall, self.actor
        cause, scope = self.cause.currentText(), self.scope.text()
        notice, substitutes = self.public_notice.text(), self.substitutes.text()
        started = None
        if self._start_edited:
            started = self.started.dateTime().toPython().replace(tzinfo=hall.ctx.tz)

        def cleared(_view: object) -> None:
            self.cause.setCurrentIndex(-1)
            self.cause.clearEditText()
            self.public_notice.clear()
            self.substitutes.clear()

        self._run(lambda: hall.fallback.declare(actor, cause, scope=scope or self.tr("全厅"), started_at=started,
                                                public_notice=notice, substitutes=substitutes),
                  self.tr("已宣布应急事件，全厅转入人工兜底。请按预案步骤逐项处理。"), cleared)

    def tick_step(self, step: str, done: bool) -> None:
        number = self._number()
        if number is None:
            return
        hall, actor = self.hall, self.actor
        what = next((r.step.what for r in self.steps._rows if r.step.id == step), step)
        what = what if len(what) <= 24 else what[:24] + "…"
        self._run(lambda: hall.fallback.tick_step(actor, number, step, done),
                  self.tr("已完成：{}").format(what) if done else self.tr("已取消勾选：{}").format(what))

    def print_kit(self) -> None:
        number = self._number()
        if number is None:
            return
        hall, actor = self.hall, self.actor
        self.actions["kit"].setEnabled(False)
        self.message.show_message(self.tr("正在生成应急包…"), "info", seconds=0)

        def work() -> Printed:
            data = hall.fallback.kit(actor, number)
            return save_document(hall, actor, render_kit(data), "kit", number)

        def shown(saved: Printed) -> None:
            self.actions["kit"].setEnabled(True)
            preview = PreviewDialog(hall, self.runner, actor, self.settings, saved,
                                    self.tr("应急包 {}").format(number), self)
            self.preview = preview
            dispose_on_close(preview, self, "preview").open()
            self.preview_opened.emit(preview)

        self._run(work, self.tr("应急包已生成并存档，号码已预留；可在预览中打印或另存"), shown)

    def edit_notice(self) -> None:
        if self.state is None or self.state.incident is None:
            return
        answer = NoticeDialog.ask(self, self.state.incident)
        if answer is None:
            return
        hall, actor, number = self.hall, self.actor, self.state.incident.number
        notice, substitutes = answer
        self._run(lambda: hall.fallback.update_incident(actor, number, public_notice=notice,
                                                        substitutes=substitutes),
                  self.tr("已更新告知方式和替代渠道"))

    def outstanding(self) -> dict[str, list[str]]:
        """Outstanding paper numbers by kind, in ledger order."""
        out: dict[str, list[str]] = {kind: [] for kind in PAPER_LABELS}
        if self.state is not None and self.state.ledger is not None:
            for number in self.state.ledger.outstanding_numbers:
                out[paper_kind(number)].append(number)
        return out

    def void_rest(self) -> None:
        number = self._number()
        outstanding = self.outstanding()
        if number is None or not any(outstanding.values()):
            self.message.show_message(self.tr("没有需要作废的号码"), "info")
            return
        rows = self.ledger_table.selectionModel().selectedRows()
        kind = self.ledger.row(rows[0].row()).kind if rows else None
        answer = VoidDialog.ask(self, outstanding, kind)
        if answer is None:
            return
        chosen, reason = answer
        hall, actor = self.hall, self.actor

        def work() -> int:
            return sum(hall.fallback.void(actor, number, k, refs, reason) for k, refs in chosen.items())

        self._run(work, lambda voided: self.tr("已作废 {} 个号码（原因：{}）").format(voided, reason))

    def resolve(self) -> None:
        rows = self.conflict_table.selectionModel().selectedRows()
        if not rows and self.conflicts.rowCount() == 1:
            rows = [self.conflicts.index(0, 0)]
        if not rows:
            self.message.show_message(self.tr("请先选择一条冲突"), "error")
            return
        conflict: ConflictView = self.conflicts.row(rows[0].row())
        note = ResolveDialog.ask(self, conflict)
        if note is None:
            return
        hall, actor = self.hall, self.actor
        self._run(lambda: hall.fallback.resolve(actor, conflict.key, note),
                  self.tr("冲突 {} 已处理").format(conflict.reference))

    def close_incident(self) -> None:
        number = self._number()
        if number is None or self.state is None or self.state.ledger is None:
            return
        answer = CloseDialog.ask(self, self.state.ledger.outstanding_numbers, len(self.state.conflicts))
        if answer is None:
            return
        review, override = answer
        hall, actor = self.hall, self.actor
        self._run(lambda: hall.fallback.close(actor, number, review, override=override),
                  self.tr("应急事件 {} 已结束").format(number))
