"""The main window: one view per role, a status bar, and polling for others' changes."""

from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QTabWidget, QWidget

from hall_app.domain.errors import DatabaseError, KnownError
from hall_app.domain.roles import Permission, Role, allowed
from hall_app.services.catalog import ImportReport
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.ui.appointments import AppointmentsView, WeekView
from hall_app.ui.cases import CasesView
from hall_app.ui.clerk import ClerkView
from hall_app.ui.followups_view import CannotDoDialog, FollowUpsView
from hall_app.ui.inquiry import InquiriesView, InquiryDialog
from hall_app.ui.overview import OverviewView
from hall_app.ui.print_queue import PrintQueueDialog
from hall_app.ui.reception import ReceptionView
from hall_app.ui.settings import GEOMETRY, Settings
from hall_app.ui.tidal import TidalView
from hall_app.ui.worker import Runner

log = logging.getLogger("hall_app.ui")

POLL_MS = 1000


class MainWindow(QMainWindow):
    refreshed = Signal()
    connection_changed = Signal(bool)

    def __init__(self, hall: Hall, runner: Runner, actor: Actor, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall = hall
        self.runner = runner
        self.actor = actor
        self.settings = settings
        self.marker: int | None = None
        self.connected = True
        self._polling = False
        self._poll_started = 0.0
        self.views: list[QWidget] = []
        title = self.tr("政务服务大厅窗口系统 — {}（{}）").format(actor.name, actor.role.label)
        if actor.window_number:
            title += self.tr(" — {}号窗口").format(actor.window_number)
        self.setWindowTitle(title)

        self._case_flags = (0, 0)
        self._inquiry_overdue = 0
        self.clerk: ClerkView | None = None
        self.reception: ReceptionView | None = None
        self.overview: OverviewView | None = None
        self.tidal: TidalView | None = None
        if actor.role in (Role.SUPERVISOR, Role.ADMIN):
            self.overview = OverviewView(hall, runner, self)
            self.views.append(self.overview)
            self.tidal = TidalView(hall, runner, actor, self)
            self.views.append(self.tidal)
        if actor.window_number is not None and allowed(actor.role, Permission.SERVE_AT_WINDOW):
            self.clerk = ClerkView(hall, runner, actor, settings, self)
            self.views.insert(0, self.clerk)
        if allowed(actor.role, Permission.ISSUE_TICKET):
            self.reception = ReceptionView(hall, runner, actor, settings, self)
            self.views.append(self.reception)
        self.cases: CasesView | None = None
        if allowed(actor.role, Permission.SERVE_AT_WINDOW):
            self.cases = CasesView(hall, runner, actor, settings, self)
            self.cases.flags_changed.connect(self._show_flags)
            self.views.append(self.cases)
        self.appointments: AppointmentsView | None = None
        if allowed(actor.role, Permission.ISSUE_TICKET):
            self.appointments = AppointmentsView(hall, runner, actor, settings, self)
            self.views.append(self.appointments)
        self.week: WeekView | None = None
        if actor.role in (Role.SUPERVISOR, Role.ADMIN):
            self.week = WeekView(hall, runner, self)
            self.views.append(self.week)
        self.inquiries = InquiriesView(hall, runner, actor, self)
        self.inquiries.overdue_changed.connect(self._show_inquiry_flag)
        self.views.append(self.inquiries)
        self.followups: FollowUpsView | None = None
        if actor.role in (Role.SUPERVISOR, Role.ADMIN):
            self.followups = FollowUpsView(hall, runner, actor, self)
            self.views.append(self.followups)
        if len(self.views) == 1:
            self.setCentralWidget(self.views[0])
        else:
            tabs = QTabWidget()
            names = {ClerkView: self.tr("窗口办理"), ReceptionView: self.tr("取号"),
                     OverviewView: self.tr("大厅总览"), CasesView: self.tr("办件"),
                     InquiriesView: self.tr("首问登记"), FollowUpsView: self.tr("整改回访"),
                     AppointmentsView: self.tr("预约"), WeekView: self.tr("预约负荷周视图"),
                     TidalView: self.tr("潮汐调度")}
            for view in self.views:
                tabs.addTab(view, names[type(view)])
            self.setCentralWidget(tabs)
        self._build_menu()

        self.user_label = QLabel(self._user_text())
        self.db_label = QLabel(hall.db.describe())
        self.flags_label = QLabel()
        self.flags_label.setObjectName("flagsLabel")
        self.conn_label = QLabel()
        self.conn_label.setObjectName("connectionLabel")
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.flags_label)
        bar.addPermanentWidget(self.db_label)
        bar.addPermanentWidget(self.conn_label)
        self._set_connected(True)

        runner.known_error.connect(self._known_error)
        self.poll_timer = QTimer(self)
        self.poll_timer.timeout.connect(self.poll)
        self.poll_timer.start(POLL_MS)
        geometry = settings.get(GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if self.reception is not None:
            self.reception.load_catalog()
        self.refresh_views()
        if actor.role in (Role.SUPERVISOR, Role.ADMIN):
            self.runner.run(self._calendar_reminder, self._remind, lambda _e: None)

    def _calendar_reminder(self) -> int | None:
        return self.hall.calendar.calendar().missing_next_year(self.hall.ctx.today())

    def _remind(self, year: int | None) -> None:
        if year is not None:
            self.statusBar().showMessage(
                self.tr("提醒：{} 年的法定节假日和调休安排尚未录入，跨年办件的承诺日期将按周一至周五推算"
                        "（系统管理员用 hall-app calendar 录入）").format(year), 60000)

    def log_inquiry(self) -> None:
        """首问登记 from any screen: the catalog is loaded off the GUI thread first."""

        def opened(entries: list) -> None:  # type: ignore[type-arg]
            dialog = InquiryDialog(self.hall, self.runner, self.actor, entries, self)
            dialog.saved.connect(lambda view: (
                self.statusBar().showMessage(self.tr("已登记首问 {}").format(view.number), 10000),
                self.inquiries.refresh()))
            self.inquiry_dialog = dialog
            dialog.open()

        self.runner.run(self.hall.catalog.entries, opened)

    def report_cannot_do(self) -> None:
        answer = CannotDoDialog.ask(self)
        if answer is None:
            return
        hall, actor = self.hall, self.actor

        def done(view: object) -> None:
            self.statusBar().showMessage(self.tr("已登记办不成事 {}").format(view.number), 10000)  # type: ignore[attr-defined]
            if self.followups is not None:
                self.followups.refresh()

        self.runner.run(lambda: hall.followups.report_cannot_do(actor, *answer), done)

    def _show_inquiry_flag(self, overdue: int) -> None:
        self._inquiry_overdue = overdue
        self._render_flags()

    def _show_flags(self, due_soon: int, overdue: int) -> None:
        self._case_flags = (due_soon, overdue)
        self._render_flags()

    def _render_flags(self) -> None:
        due_soon, overdue = self._case_flags
        inquiries = self._inquiry_overdue
        parts = []
        if due_soon or overdue:
            parts.append(self.tr("办件即将到期 {} 件，已超期 {} 件").format(due_soon, overdue))
        if inquiries:
            parts.append(self.tr("首问超期未办结 {} 件").format(inquiries))
        self.flags_label.setText(("⚠ " + "；".join(parts)) if parts else "")
        self.flags_label.setStyleSheet("color:#c62828;font-weight:bold;" if overdue or inquiries
                                       else "color:#ef6c00;font-weight:bold;")

    def _user_text(self) -> str:
        text = self.tr("{} 工号{} · {}").format(self.actor.name, self.actor.staff_no,
                                                self.actor.role.label)
        if self.actor.window_number:
            text += self.tr(" · {}号窗口").format(self.actor.window_number)
        return text

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("系统(&S)"))
        refresh = QAction(self.tr("刷新"), self)
        refresh.setShortcut(QKeySequence("F5" if self.clerk is None else "Ctrl+R"))
        refresh.triggered.connect(self.refresh_views)
        menu.addAction(refresh)
        inquiry = QAction(self.tr("首问登记…"), self)
        inquiry.setShortcut(QKeySequence("Ctrl+I"))
        inquiry.triggered.connect(self.log_inquiry)
        menu.addAction(inquiry)
        cannot = QAction(self.tr("办不成事登记…"), self)
        cannot.triggered.connect(self.report_cannot_do)
        menu.addAction(cannot)
        queue = QAction(self.tr("补打队列…"), self)
        queue.triggered.connect(
            lambda: PrintQueueDialog(self.hall, self.runner, self.actor, self.settings, self).open())
        menu.addAction(queue)
        if allowed(self.actor.role, Permission.IMPORT_CATALOG):
            importer = QAction(self.tr("导入事项目录…"), self)
            importer.triggered.connect(self.import_catalog)
            menu.addAction(importer)
        menu.addSeparator()
        quit_action = QAction(self.tr("退出登录"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    # ------------------------------------------------------------ polling

    def poll(self) -> None:
        """Ask the database for its change marker; refresh the views when it moved."""
        if self._polling and time.monotonic() - self._poll_started < 10:
            return
        self._polling = True
        self._poll_started = time.monotonic()

        self._ticks = getattr(self, "_ticks", 0) + 1
        if self.tidal is not None and self._ticks % 30 == 1:
            self.runner.run(self.hall.tidal.tick_all, None, lambda _e: None)

        def done(marker: int) -> None:
            self._polling = False
            self._set_connected(True)
            if marker != self.marker:
                self.marker = marker
                self.refresh_views()

        def failed(error: KnownError) -> None:
            self._polling = False
            if isinstance(error, DatabaseError):
                self._set_connected(False, error.message)
            else:
                self._known_error(error)

        self.runner.run(self.hall.queues.marker, done, failed)

    def refresh_views(self) -> None:
        for view in self.views:
            view.refresh()  # type: ignore[attr-defined]
        self.refreshed.emit()

    def _set_connected(self, ok: bool, why: str = "") -> None:
        changed = ok != self.connected
        self.connected = ok
        if ok:
            stamp = dt.datetime.now().strftime("%H:%M:%S")
            self.conn_label.setText(self.tr("● 已连接 {}").format(stamp))
            self.conn_label.setStyleSheet("color:#2e7d32;")
            self.conn_label.setToolTip("")
        else:
            self.conn_label.setText(self.tr("● 数据库连接中断"))
            self.conn_label.setStyleSheet("color:#c62828;font-weight:bold;")
            self.conn_label.setToolTip(why)
        if changed:
            log.warning("database connection %s", "restored" if ok else "lost")
            self.connection_changed.emit(ok)

    def _known_error(self, error: KnownError) -> None:
        self.statusBar().showMessage(f"{error.title}：{error.message}", 15000)

    # ------------------------------------------------------------ admin

    def import_catalog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择事项目录文件"), "", self.tr("目录文件 (*.yaml *.yml)"))
        if not path:
            return
        hall, actor = self.hall, self.actor

        def done(report: ImportReport) -> None:
            self.statusBar().showMessage(report.summary(), 15000)
            if self.reception is not None:
                self.reception.load_catalog()

        self.runner.run(lambda: hall.catalog.import_file(actor, Path(path)), done)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.poll_timer.stop()
        self.settings.set(GEOMETRY, self.saveGeometry())
        hall, actor = self.hall, self.actor
        self.runner.run(lambda: hall.auth.logout(actor), None, lambda _e: None)
        self.runner.wait(5000)
        super().closeEvent(event)
