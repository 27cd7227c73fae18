"""排班 (系统 → 当天排班…, Ctrl+Shift+B): the supervisors' rota editor (issue 19 §2).

A date, the day's shifts in a table edited in place (Insert adds a row after the current one,
Delete removes the selected rows), the lane minimums beside it, the staff-hours at windows
as planned, and Import CSV… / Export CSV… / Save. A day without a saved rota opens on the
hall's default, and says so. Saving is refused with every problem listed; the edits stay on
screen to be put right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.roles import Permission
from hall_app.domain.rota import DEFAULT_PERIODS, Kind, Rota, clock
from hall_app.domain.rota_csv import to_csv
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.rota import HallFacts, StaffingChangeView
from hall_app.ui.common import MessageBar, dispose_on_close, table_view
from hall_app.ui.halltime import hall_today
from hall_app.ui.rota_model import MinimumModel, Row, ShiftModel
from hall_app.ui.worker import Runner

SHORTCUT = "Ctrl+Shift+B"


def _table(model: ShiftModel | MinimumModel) -> QTableView:
    """The common table, edited in place (double click, F2, or typing over a cell)."""
    view = table_view(model)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    return view


class RotaDialog(QDialog):
    def __init__(
        self, hall: Hall, runner: Runner, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.facts: HallFacts | None = None
        self.setWindowTitle(self.tr("当天排班"))
        self.resize(1000, 640)
        self.message = MessageBar(self)

        self.date = QDateEdit(hall_today(hall.ctx))
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setCalendarPopup(True)
        self.date.dateChanged.connect(lambda _: self.load())
        self.note = QLabel()
        self.note.setObjectName("rotaNote")
        self.hours = QLabel()
        self.hours.setObjectName("rotaHours")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日期")))
        top.addWidget(self.date)
        top.addWidget(self.note, 1)
        top.addWidget(self.hours)

        self.shifts = ShiftModel(self)
        self.shifts.invalid.connect(self._refused)
        self.shifts.edited.connect(self._show_hours)
        self.table = _table(self.shifts)
        self.minimums = MinimumModel(self)
        self.minimums.invalid.connect(self._refused)
        self.minimum_table = _table(self.minimums)
        self.add_action = self._key_action(self.tr("添加一行"), "Ins", self.add_row)
        self.remove_action = self._key_action(self.tr("删除所选行"), "Del", self.remove_rows)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 3)
        self.table.setMinimumWidth(520)
        self.changes = QListWidget()
        self.changes.setObjectName("rotaChanges")
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("各类业务最少窗口数")))
        side.addWidget(self.minimum_table, 3)
        side.addWidget(QLabel(self.tr("当天人员调整（潮汐调度台）")))
        side.addWidget(self.changes, 2)
        middle.addLayout(side, 2)

        add = QPushButton(self.tr("添加 (Ins)"))
        add.clicked.connect(self.add_row)
        remove = QPushButton(self.tr("删除 (Del)"))
        remove.clicked.connect(self.remove_rows)
        self.import_button = QPushButton(self.tr("导入 CSV…"))
        self.import_button.clicked.connect(self.choose_import)
        export = QPushButton(self.tr("导出 CSV…"))
        export.clicked.connect(self.choose_export)
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"))
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (add, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.import_button, export, self.save_button, close):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(buttons)
        self.runner.run(self.hall.rota.facts, self._facts, self.message.show_error)

    def _key_action(self, text: str, key: str, slot: object) -> QAction:
        action = QAction(text, self.table)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    # ------------------------------------------------------------ loading

    def day(self) -> dt.date:
        value = self.date.date().toPython()
        assert isinstance(value, dt.date)
        return value

    def _facts(self, facts: HallFacts) -> None:
        self.facts = facts
        self.shifts.names = facts.names
        self.shifts.windows = frozenset(facts.window_lanes)
        self.load()

    def load(self) -> None:
        day, service = self.day(), self.hall.rota

        def shown(found: tuple[Rota, list[StaffingChangeView]]) -> None:
            self.show_rota(found[0])
            self.show_changes(found[1])

        self.runner.run(
            lambda: (service.day(day), service.changes(day)), shown, self.message.show_error
        )

    def show_changes(self, changes: list[StaffingChangeView]) -> None:
        """The staffing changes applied that day (from the tidal console), newest first."""
        self.changes.clear()
        kinds = {
            "call_in": self.tr("调人开窗"),
            "close": self.tr("关闭窗口"),
            "move_break": self.tr("调整休息"),
            "reopen": self.tr("重新开窗"),
        }
        for c in reversed(changes):
            at = c.at.astimezone(self.hall.ctx.tz).strftime("%H:%M")
            where = self.tr("{}号窗口").format(c.window) if c.window is not None else ""
            span = f"{clock(c.from_minute or 0)}→{clock(c.to_minute or 0)}"
            self.changes.addItem(
                f"{at} {kinds.get(c.kind, c.kind)} {c.staff_no} {where} {span}\n   {c.reason}"
            )
        if not changes:
            self.changes.addItem(self.tr("当天没有人员调整"))

    def show_rota(self, rota: Rota) -> None:
        self.shifts.set_rota(rota)
        self.minimums.set_minimums(dict(rota.minimums))
        self.note.setText(self.tr("当天未保存排班，使用大厅默认排班") if rota.note else "")

    def current(self) -> Rota:
        return self.shifts.rota(self.minimums.minimums())

    def _show_hours(self) -> None:
        minutes = self.current().staff_minutes()
        self.hours.setText(
            self.tr("窗口在岗合计 {} 小时 {} 分钟").format(minutes // 60, minutes % 60)
        )

    def _refused(self, text: str) -> None:
        self.message.show_message(text, "error", seconds=20)

    # ------------------------------------------------------------ editing

    def add_row(self) -> None:
        """A new row after the current one, copying its person (a break by default)."""
        current = self.table.currentIndex()
        if current.isValid():
            near = self.shifts.row(current.row())
            start = min(near.start + 60, near.end - 15) if near.end - near.start > 15 else 600
            row = Row(Kind.BREAK, near.staff_no, None, start, start + 15)
        else:
            staff = next(iter(sorted(self.facts.names)), "") if self.facts else ""
            first, last = DEFAULT_PERIODS[0]
            row = Row(Kind.BACK_OFFICE, staff, None, first, last)
        at = self.shifts.add_row(current.row() if current.isValid() else -1, row)
        self.table.setCurrentIndex(self.shifts.index(at, 0))

    def remove_rows(self) -> None:
        rows = [i.row() for i in self.table.selectionModel().selectedRows()]
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        self.shifts.remove_rows(rows)

    # ------------------------------------------------------------ saving, files

    def save(self) -> None:
        rota, day, service, actor = self.current(), self.day(), self.hall.rota, self.actor

        def saved(stored: Rota) -> None:
            self.show_rota(stored)
            self.message.show_message(self.tr("已保存 {} 的排班").format(day.isoformat()), "ok")

        self.runner.run(lambda: service.save(actor, day, rota), saved, self._failed)

    def _failed(self, error: KnownError) -> None:
        self.message.show_message(str(error), "error", seconds=0)  # every problem listed

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入排班"), "", self.tr("CSV 文件 (*.csv)")
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> None:
        """Read ``path`` as the day's rota (stored at once, as ``hall-app rota import``)."""
        day, service, actor = self.day(), self.hall.rota, self.actor

        def done(rota: Rota) -> None:
            self.show_rota(rota)
            self.message.show_message(
                self.tr("已导入 {}：{} 个时段").format(path.name, len(rota.shifts)), "ok"
            )

        self.runner.run(lambda: service.import_csv(actor, day, path), done, self._failed)

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出排班"),
            f"rota-{self.day().isoformat()}.csv",
            self.tr("CSV 文件 (*.csv)"),
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, out: Path) -> None:
        """The rota on screen (saved or not) as a CSV file."""
        try:
            out.write_text(to_csv(self.current()), encoding="utf-8")
        except OSError as error:
            self._refused(self.tr("无法写入 {}：{}").format(out.name, error.strerror or error))
            return
        self.message.show_message(self.tr("已导出到 {}").format(out.name), "ok")


def add_rota_action(
    menu: QMenu, before: QAction | None, hall: Hall, runner: Runner, actor: Actor, parent: QWidget
) -> QAction | None:
    """系统 → 当天排班… (Ctrl+Shift+B), for those who manage the tidal windows; None else."""
    if not actor.may(Permission.MANAGE_TIDAL):
        return None
    action = QAction(QCoreApplication.translate("RotaDialog", "当天排班…"), parent)
    action.setShortcut(QKeySequence(SHORTCUT))
    action.triggered.connect(
        lambda: dispose_on_close(RotaDialog(hall, runner, actor, parent)).open()
    )
    if before is not None:
        menu.insertAction(before, action)
    else:
        menu.addAction(action)
    return action
