"""The main window: one view per role, a status bar, and polling for others' changes."""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol, cast

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import DatabaseError, DatabaseUnavailable, KnownError
from hall_app.domain.fallback import OutageDetector
from hall_app.domain.roles import Permission, Role
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.terminals import Displaced, PollResult
from hall_app.ui.appointments import AppointmentsView, WeekView
from hall_app.ui.back_entry import BackEntryView
from hall_app.ui.cases import CasesView
from hall_app.ui.change_watch import FeedBridge, WriteWatch
from hall_app.ui.clerk import ClerkView
from hall_app.ui.common import log_failure
from hall_app.ui.conflicts import ConflictsView
from hall_app.ui.followups_view import FollowUpsView
from hall_app.ui.halltime import hall_time
from hall_app.ui.incident import IncidentView
from hall_app.ui.inquiry import InquiriesView
from hall_app.ui.labels import label
from hall_app.ui.leaving import LeaveGuard
from hall_app.ui.main_fallback import FallbackMixin
from hall_app.ui.main_menu import MenuMixin
from hall_app.ui.offline import OfflineDeskView
from hall_app.ui.offline_widgets import OfflineBanner
from hall_app.ui.overview import OverviewView
from hall_app.ui.reception import ReceptionView
from hall_app.ui.refresh_gate import RefreshGate
from hall_app.ui.reminders import CalendarReminder
from hall_app.ui.rota import add_rota_action
from hall_app.ui.server_clock import ClockBanner
from hall_app.ui.settings import GEOMETRY, Settings
from hall_app.ui.stranded import StrandedView
from hall_app.ui.takeover import TakeoverBanner
from hall_app.ui.tidal import TidalView
from hall_app.ui.worker import Runner

log = logging.getLogger("hall_app.ui")

POLL_MS = 1000
SWEEP_TICKS = 120  # polls between no-show sweep attempts (two minutes)
RETRY_MS = 30 * 1000  # try again to merge what is left in the journal
DESK_ROLES = (Role.CLERK, Role.RECEPTION, Role.SUPERVISOR)


class _Screen(Protocol):
    """What the main window asks of each of its views."""

    def refresh(self) -> None: ...


class _Progress(QObject):
    """The reconciliation reports progress through a plain callable; this makes it a signal."""

    step = Signal(int, int)


class MainWindow(FallbackMixin, MenuMixin, QMainWindow):
    refreshed = Signal()
    connection_changed = Signal(bool)
    offline_changed = Signal(bool)
    prepared = Signal(object)  # PrepareReport
    reconciled = Signal(object)  # ReconcileReport

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall = hall
        self.runner = runner
        self.actor = actor
        self.settings = settings
        self.connected = True
        self._polling = False
        self._poll_started = 0.0
        self.views: list[QWidget] = []
        # Qt appends the application's display name (政务服务大厅窗口系统) itself
        title = self.tr("{}（{}）").format(actor.name, label(actor.role.label))
        if actor.window_number:
            title += self.tr(" — {}号窗口").format(actor.window_number)
        self.setWindowTitle(title)

        self._case_flags = (0, 0)
        self._inquiry_overdue = 0
        self.clerk: ClerkView | None = None
        self.reception: ReceptionView | None = None
        self.overview: OverviewView | None = None
        self.tidal: TidalView | None = None
        if actor.may(Permission.MANAGE_TIDAL):  # the hall overview and the tidal console
            self.overview = OverviewView(hall, runner, self)
            self.views.append(self.overview)
            self.tidal = TidalView(hall, runner, actor, self)
            self.views.append(self.tidal)
        if actor.window_number is not None and actor.may(Permission.SERVE_AT_WINDOW):
            self.clerk = ClerkView(hall, runner, actor, settings, self)
            self.views.insert(0, self.clerk)
        if actor.may(Permission.ISSUE_TICKET):
            self.reception = ReceptionView(hall, runner, actor, settings, self)
            self.views.append(self.reception)
        self.cases: CasesView | None = None
        if actor.may(Permission.SERVE_AT_WINDOW):
            self.cases = CasesView(hall, runner, actor, settings, self)
            self.cases.flags_changed.connect(self._show_flags)
            self.views.append(self.cases)
        self.appointments: AppointmentsView | None = None
        if actor.may(Permission.ISSUE_TICKET):
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
        # manual fallback: the supervisor's incident console; back-entry for everyone serving
        self.incident: IncidentView | None = None
        self.conflicts_view: ConflictsView | None = None  # offline conflicts, at any time
        if actor.role in (Role.SUPERVISOR, Role.ADMIN):
            self.incident = IncidentView(hall, runner, actor, settings, self)
            self.conflicts_view = ConflictsView(hall, runner, actor, self)
            self.views += [self.incident, self.conflicts_view]
        self.stranded: StrandedView | None = None  # tickets left at unattended windows
        if actor.role in (Role.SUPERVISOR, Role.ADMIN):
            self.stranded = StrandedView(hall, runner, actor, self)
            self.views.append(self.stranded)
        self.back_entry: BackEntryView | None = None
        if actor.may(Permission.SERVE_AT_WINDOW) or actor.may(Permission.ISSUE_TICKET):
            self.back_entry = BackEntryView(hall, runner, actor, settings, self)
            self.views.append(self.back_entry)
        if len(self.views) == 1:
            self.normal: QWidget = self.views[0]
        else:
            tabs = QTabWidget()
            names = {
                ClerkView: self.tr("窗口办理"),
                ReceptionView: self.tr("取号"),
                OverviewView: self.tr("大厅总览"),
                CasesView: self.tr("办件"),
                InquiriesView: self.tr("首问登记"),
                FollowUpsView: self.tr("整改回访"),
                AppointmentsView: self.tr("预约"),
                WeekView: self.tr("预约负荷周视图"),
                TidalView: self.tr("潮汐调度"),
                IncidentView: self.tr("应急事件"),
                BackEntryView: self.tr("补录"),
                StrandedView: self.tr("滞留号票"),
                ConflictsView: self.tr("离线冲突"),
            }
            for view in self.views:
                tabs.addTab(view, names[type(view)])
            self.normal = tabs
        # manual fallback: the banner above everything, the offline desk beside the views
        self.detector = OutageDetector()
        self.banner = OfflineBanner(self)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.normal)
        self.desk_view: OfflineDeskView | None = None
        if actor.role in DESK_ROLES:
            self.desk_view = OfflineDeskView(hall, runner, actor, settings, self)
            self.desk_view.status_changed.connect(self._desk_status)
            self.stack.addWidget(self.desk_view)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.takeover = TakeoverBanner(self)
        column.addWidget(self.takeover)
        column.addWidget(self.banner)
        self.clock_banner = ClockBanner(hall, self)  # this PC's clock far off the server's
        column.addWidget(self.clock_banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._reconciling = False
        self._stop = threading.Event()
        self._progress = _Progress(self)
        self._progress.step.connect(self._reconcile_step)
        self._online_actions: list[QAction] = []
        self.leave_guard = (
            LeaveGuard(self, self.clerk, hall, runner, actor) if self.clerk is not None else None
        )
        self._build_menu()
        if self.tidal is not None:  # F5 also checks the staffing proposals forward afresh
            self.refresh_action.triggered.connect(self.tidal.recompute_staffing)
        # supervisors: 系统 → 当天排班… (Ctrl+Shift+B), the rota editor, beside the tidal console
        menu, before = self.system_menu, self.offline_status_action
        if rota_action := add_rota_action(menu, before, hall, runner, actor, self):
            self._online_actions.append(rota_action)

        self.writes = WriteWatch(hall, actor, self)  # the heartbeat write, sent apart
        self.writes.changed.connect(self._writes_changed)
        self.user_label = QLabel(self._user_text())
        self.db_label = QLabel(hall.db.describe())
        self.flags_label = QLabel()
        self.flags_label.setObjectName("flagsLabel")
        self.conn_label = QLabel()
        self.conn_label.setObjectName("connectionLabel")
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.flags_label)
        self.calendar_reminder = CalendarReminder()
        bar.addWidget(self.calendar_reminder, 1)
        bar.addPermanentWidget(self.db_label)
        bar.addPermanentWidget(self.conn_label)
        self._set_connected(True)

        runner.known_error.connect(self._known_error)
        # any action that finds the server gone switches to the offline desk at once (seen
        # before the action's own handler runs, so its message and the status bar agree)
        runner.job_failed.connect(self._job_finished)
        self.prober = Runner(self)
        # others' changes arrive through the change feed, promptly; one round at a time
        self.gate = RefreshGate(runner, self._refresh_round, self)
        self.gate.finished.connect(self.refreshed)
        self.feed = FeedBridge(hall.changes, self)
        self.feed.changed.connect(self._feed_moved)
        self.poll_timer = QTimer(self)
        self.poll_timer.timeout.connect(self.poll)
        self.poll_timer.start(POLL_MS)
        self._fallback_timers()
        geometry = settings.get(GEOMETRY)
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        if self.reception is not None:
            self.reception.load_catalog()
        self.refresh_views()
        if actor.role is Role.ADMIN:
            self.runner.run(self._calendar_reminder, self._remind, log_failure("calendar reminder"))
        self.runner.run(self._fallback_state, self._fallback_started, self._fallback_failed)

    def _calendar_reminder(self) -> int | None:
        return self.hall.calendar.calendar().missing_next_year(self.hall.ctx.today())

    def _remind(self, year: int | None) -> None:
        if year is not None:
            self.calendar_reminder.show_missing(year)

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
        self.flags_label.setStyleSheet(
            "color:#c62828;font-weight:bold;"
            if overdue or inquiries
            else "color:#ef6c00;font-weight:bold;"
        )

    def _user_text(self) -> str:
        text = self.tr("{} 工号{} · {}").format(
            self.actor.name, self.actor.staff_no, label(self.actor.role.label)
        )
        if self.actor.window_number:
            text += self.tr(" · {}号窗口").format(self.actor.window_number)
        return text

    # ------------------------------------------------------------ polling

    def poll(self) -> None:
        """Probe the database (one read) and send the heartbeat when it is due. Others'
        changes come through the change feed alone (``_feed_moved``), which moves on its own
        safety schedule too: the poll does not refresh the views as well.

        The probe has a thread of its own (``self.prober``): it never waits behind a long job
        such as a reconciliation, and offline work never waits behind a probe to a server
        that does not answer. Every answer goes to the outage detector; a probe still
        running after the grace period counts as a failure at each tick, so a server that
        stops answering (cable pulled) is declared gone within seconds.
        """
        now = time.monotonic()
        if self._polling:
            if now - self._poll_started >= self.detector.grace_seconds:
                self._observe(False, now, self.tr("数据库服务器无响应"))
            if now - self._poll_started < 10:
                return
        self._polling = True
        self._poll_started = now

        self._ticks = getattr(self, "_ticks", 0) + 1
        if not self.detector.offline and self._ticks % SWEEP_TICKS == 1:
            # the no-show sweep: every terminal offers, the first to claim the slot runs it
            self.runner.run(
                self.hall.appointments.sweep_no_shows, None, log_failure("no-show sweep")
            )
        if self.tidal is not None and not self.detector.offline and self._ticks % 30 == 1:
            self.runner.run(self.hall.tidal.tick_all, None, self._tidal_tick_failed)
            if self.closing is not None:
                self.closing.tick()

        def done(result: PollResult) -> None:
            self._polling = False
            self._set_connected(True)
            self._observe(True, time.monotonic())
            if result.displaced is not None:
                self._displaced(result.displaced)
            if self.writes.blocked:  # while stuck: do the rows this terminal needs come free?
                self.writes.probe()
            elif result.heartbeat_due:
                self.writes.send()

        def failed(error: KnownError) -> None:
            self._polling = False
            if isinstance(error, DatabaseError):
                self._set_connected(False, error.message)
            else:
                self._known_error(error)
            if isinstance(error, DatabaseUnavailable):
                self._observe(False, time.monotonic(), error.message)

        hall, actor = self.hall, self.actor
        self.prober.run(lambda: hall.terminals.poll(actor, heartbeat=False), done, failed)

    def _feed_moved(self) -> None:
        if not self.detector.offline:
            self.refresh_views()

    def _writes_changed(self, message: str) -> None:
        self._set_connected(self.connected)
        if message:
            self.statusBar().showMessage(message, 15000)

    def _displaced(self, displaced: Displaced) -> None:
        """Another login took this window over: lock the window screen, say who and when."""
        if not self.takeover.isHidden() or self.actor.window_number is None:
            return
        log.warning("window %s taken over by another login", self.actor.window_number)
        text = self.takeover.show_displaced(self.actor.window_number, displaced, self.hall.ctx.tz)
        if self.clerk is not None:
            self.clerk.lock(text)

    def refresh_views(self) -> None:
        """Refresh every view: now, or once the round on its way has ended (``self.gate``);
        ``refreshed`` when a round's reads have all been delivered."""
        self.gate.request()

    def _refresh_round(self) -> None:
        for view in self.views:
            cast(_Screen, view).refresh()  # every view in self.views has one
        self.check_conflicts()  # the banner's count, as the server has it now

    def _set_connected(self, ok: bool, why: str = "") -> None:
        changed = ok != self.connected
        self.connected = ok
        if ok and self.writes.blocked:
            self.writes.paint(self.conn_label)
        elif ok:
            stamp = hall_time(self.hall.ctx)
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
        self.statusBar().showMessage(error.headline(), 15000)

    def _tidal_tick_failed(self, error: KnownError) -> None:
        """The supervisor terminal's tidal tick (time-boxed changes reverted when due, planned
        schedules, the automatic mode) failed: a window may stay on its temporary lanes, so
        the supervisor is told (the tidal console and the status bar) and the log keeps it."""
        log.warning("tidal tick (reverts, plans, auto mode) failed: %s", error.headline())
        text = self.tr(
            "潮汐调度自动执行失败（到期恢复、计划或自动模式），请检查窗口业务：{}"
        ).format(error.headline())
        self.statusBar().showMessage(text, 60000)
        if self.tidal is not None:
            self.tidal.message.show_message(text, "error", seconds=0)

    # ------------------------------------------------------------ manual fallback

    def _observe(self, ok: bool, now: float, why: str = "") -> None:
        event = self.detector.observe(ok, now)
        if event == "offline":
            self._go_offline(why)
        elif event == "online":
            self._go_online()

    def _job_finished(self, error: object) -> None:
        self.writes.note(error)
        if isinstance(error, DatabaseUnavailable) and self.detector.force_offline():
            self._go_offline(error.message)

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            self.leave_guard is not None
            and not self.detector.offline
            and not self.leave_guard.allow_close()
        ):
            event.ignore()  # the ticket in hand first; the guard closes again when done
            return
        self.poll_timer.stop()
        self.feed.close()
        self.gate.stop()
        self.prepare_timer.stop()
        self.queue_timer.stop()
        self.retry_timer.stop()
        self._stop.set()  # a reconciliation under way stops after its current record
        self.settings.set(GEOMETRY, self.saveGeometry())
        hall, actor = self.hall, self.actor
        self.runner.run(lambda: hall.auth.logout(actor), None, log_failure("logout on closing"))
        self.prober.wait(5000)
        self.writes.wait(5000)
        self.runner.wait(5000)
        super().closeEvent(event)
