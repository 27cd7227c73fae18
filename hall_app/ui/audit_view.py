"""审计日志: the audit trail for supervisors and admins (issue 16). A table of entries, newest
first, filtered by staff, window, action and time; details masked by the service. The hash
chain is verified on demand; the filtered entries are exported as a masked CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain import audit_chain
from hall_app.domain.audit_actions import action_label
from hall_app.domain.errors import KnownError
from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.roles import Permission
from hall_app.services.audit_trail import AuditFilter, AuditRow, Verdict
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.ui.common import MessageBar, dispose_on_close
from hall_app.ui.halltime import hall_today
from hall_app.ui.labels import label
from hall_app.ui.models import _ListModel
from hall_app.ui.worker import Runner

_Index = QModelIndex | QPersistentModelIndex
SHOWN = 2000  # the newest entries shown at once; narrow the filters for older ones
SHORTCUT = "Ctrl+Shift+A"


class AuditModel(_ListModel):
    """``AuditRow``s as a table; times in the hall's zone."""

    headers = (
        QT_TRANSLATE_NOOP("Models", "编号"),
        QT_TRANSLATE_NOOP("Models", "时间"),
        QT_TRANSLATE_NOOP("Models", "工号"),
        QT_TRANSLATE_NOOP("Models", "姓名"),
        QT_TRANSLATE_NOOP("Models", "终端"),
        QT_TRANSLATE_NOOP("Models", "操作"),
        QT_TRANSLATE_NOOP("Models", "对象"),
        QT_TRANSLATE_NOOP("Models", "详情"),
    )

    def __init__(self, tz: dt.tzinfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: AuditRow = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            entity = r.entity if r.entity_id is None else f"{r.entity} {r.entity_id}"
            return (
                str(r.id),
                r.at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M:%S"),
                r.staff_no,
                r.staff_name,
                r.terminal,
                label(action_label(r.action)),
                entity,
                r.detail,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole and col == 5:
            return r.action  # the stored code, as `hall-app audit list --action` takes it
        if role == Qt.ItemDataRole.ToolTipRole and col == 7:
            return r.detail
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AuditDialog(QDialog):
    def __init__(
        self, hall: Hall, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.setWindowTitle(self.tr("审计日志"))
        self.resize(1200, 640)
        self.message = MessageBar(self)

        self.staff = QComboBox()
        self.staff.addItem(self.tr("全部人员"), "")
        self.window_no = QSpinBox()
        self.window_no.setRange(0, 999)
        self.window_no.setSpecialValueText(self.tr("全部窗口"))
        self.action = QComboBox()
        self.action.addItem(self.tr("全部操作"), "")
        # the hall's day (its clock, its time zone), not this PC's: the range is read back in
        # the hall's zone, so a PC clock in another zone once showed an empty trail at night
        today = QDateTime(hall_today(self.hall.ctx), QTime(0, 0))
        self.since = QDateTimeEdit(today.addDays(-7))
        self.until = QDateTimeEdit(today.addDays(1))
        for edit in (self.since, self.until):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        search = QPushButton(self.tr("查询"))
        search.setDefault(True)
        search.clicked.connect(self.refresh)
        form = QHBoxLayout()  # one row of filters, then the table
        for caption, widget in (
            (self.tr("人员"), self.staff),
            (self.tr("窗口"), self.window_no),
            (self.tr("操作"), self.action),
            (self.tr("时间"), self.since),
            (self.tr("至"), self.until),
        ):
            form.addWidget(QLabel(caption))
            form.addWidget(widget)
        form.addWidget(search)
        form.addStretch(1)
        self.staff.setMinimumContentsLength(10)
        self.action.setMinimumContentsLength(12)
        self.window_no.setMinimumWidth(90)

        self.model = AuditModel(hall.ctx.tz, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.count = QLabel()
        self.verify_button = QPushButton(self.tr("校验哈希链"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("导出 CSV…"))
        self.export_button.clicked.connect(self.choose_export)
        self.export_button.setVisible(actor.may(Permission.EXPORT_AUDIT))
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count)
        buttons.addStretch(1)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._load_choices()
        self.refresh()

    # ------------------------------------------------------------ filters

    def _load_choices(self) -> None:
        trail, actor = self.hall.audit, self.actor

        def load() -> tuple[list[tuple[str, str]], list[str]]:
            return trail.staff_choices(actor), trail.actions(actor)

        def show(found: tuple[list[tuple[str, str]], list[str]]) -> None:
            staff, actions = found
            for staff_no, name in staff:
                self.staff.addItem(f"{staff_no} {name}", staff_no)
            for action in actions:  # the label shown, the code filtered on (and as tooltip)
                self.action.addItem(label(action_label(action)), action)
                self.action.setItemData(
                    self.action.count() - 1, action, Qt.ItemDataRole.ToolTipRole
                )

        self.runner.run(load, show, self.message.show_error)

    def current_filter(self) -> AuditFilter:
        since, until = self.since.dateTime().toPython(), self.until.dateTime().toPython()
        assert isinstance(since, dt.datetime) and isinstance(until, dt.datetime)  # naive, local
        tz = self.hall.ctx.tz
        return AuditFilter(
            staff_no=self.staff.currentData() or None,
            window=self.window_no.value() or None,
            action=self.action.currentData() or None,
            since=since.replace(tzinfo=tz),
            until=until.replace(tzinfo=tz),
        )

    def refresh(self) -> None:
        wanted = self.current_filter()
        if wanted.since is not None and wanted.until is not None and wanted.since >= wanted.until:
            self.message.show_message(self.tr("起始时间应早于截止时间"), "error")
            return
        shown = AuditFilter(**{**wanted.__dict__, "limit": SHOWN})
        trail, actor = self.hall.audit, self.actor
        self.runner.run(lambda: trail.entries(actor, shown), self._show, self.message.show_error)

    def _show(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        if len(rows) >= SHOWN:
            self.count.setText(self.tr("显示最新 {} 条，请缩小查询范围").format(SHOWN))
        else:
            self.count.setText(self.tr("共 {} 条").format(len(rows)))

    # ------------------------------------------------------------ verify, export

    def verify(self) -> None:
        trail, actor = self.hall.audit, self.actor
        self.runner.run(lambda: trail.verify(actor), self._verdict, self.message.show_error)

    def _verdict(self, verdict: Verdict) -> None:
        if verdict.ok:
            self.message.show_message(
                self.tr("哈希链完整：已校验 {} 条记录（{} 天）").format(
                    verdict.checked, verdict.days
                ),
                "ok",
                seconds=0,
            )
            return
        broken = verdict.broken
        assert broken is not None
        where = self.tr("记录 #{}").format(broken.entry_id) if broken.entry_id else ""
        if broken.day is not None:
            where += self.tr("（链日期 {}）").format(broken.day.isoformat())
        self.select_entry(broken.entry_id)
        self.message.show_message(
            self.tr("哈希链断开：前 {} 条完好；第一处断链在{}：{}").format(
                verdict.checked, where, label(audit_chain.REASONS[broken.reason])
            ),
            "error",
            seconds=0,
        )

    def select_entry(self, entry_id: int | None) -> None:
        """Select and show the entry ``entry_id`` if the table holds it."""
        for r in range(self.model.rowCount()):
            if self.model.row(r).id == entry_id:
                self.table.selectRow(r)
                self.table.scrollTo(self.model.index(r, 0))
                return

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出审计日志"), "audit.csv", self.tr("CSV 文件 (*.csv)")
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, out: Path) -> None:
        if out.suffix.lower() != ".csv":
            out = out.with_suffix(out.suffix + ".csv")
        wanted = self.current_filter()
        trail, actor = self.hall.audit, self.actor

        def done(count: int) -> None:
            self.message.show_message(self.tr("已导出 {} 条到 {}").format(count, out.name), "ok")

        def failed(error: KnownError) -> None:
            self.message.show_error(error)

        self.runner.run(lambda: trail.export(actor, out, wanted), done, failed)


def add_audit_action(
    menu: QMenu, hall: Hall, runner: Runner, actor: Actor, parent: QWidget
) -> QAction | None:
    """系统 → 审计日志… (Ctrl+Shift+A), for those who may view the audit trail; None else."""
    if not actor.may(Permission.VIEW_AUDIT):
        return None
    action = QAction(QCoreApplication.translate("AuditDialog", "审计日志…"), parent)
    action.setShortcut(QKeySequence(SHORTCUT))
    action.triggered.connect(
        lambda: dispose_on_close(AuditDialog(hall, runner, actor, parent)).open()
    )
    menu.addAction(action)
    return action
