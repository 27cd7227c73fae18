"""The main window's part in the manual fallback: going offline to the desk and back,
the reconciliation with its progress, preparing number blocks and the emergency plan."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from hall_app.domain.errors import KnownError
from hall_app.domain.fallback import EmergencyPlan, OutageDetector
from hall_app.domain.roles import Role
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.queue_snapshot import keep_queue
from hall_app.ui.common import dispose_on_close
from hall_app.ui.halltime import hall_now
from hall_app.ui.offline_widgets import OfflineBanner, OfflineStatusDialog
from hall_app.ui.worker import Runner

if TYPE_CHECKING:
    from hall_app.ui.clerk import ClerkView
    from hall_app.ui.offline import OfflineDeskView

    _Host = QMainWindow  # the class this is mixed into
else:
    _Host = object

log = logging.getLogger("hall_app.ui")

POLL_MS = 1000
PREPARE_MS = 10 * 60 * 1000  # top up offline numbers and the catalog snapshot
RETRY_MS = 30 * 1000  # try again to merge what is left in the journal
QUEUE_MS = 10 * 1000  # refresh the journal's picture of the server's queue
QUEUE_SOON_S = 5.0  # … and after a refresh of the views, at most this often
DESK_ROLES = (Role.CLERK, Role.RECEPTION, Role.SUPERVISOR)


class FallbackMixin(_Host):
    """Mixed into the main class: it uses that class's hall, runner, actor and widgets,
    declared here for the type checker (the main window sets them in ``__init__``)."""

    hall: Hall
    runner: Runner
    actor: Actor
    detector: OutageDetector
    banner: OfflineBanner
    stack: QStackedWidget
    normal: QWidget
    clerk: ClerkView | None
    desk_view: OfflineDeskView | None
    _online_actions: list[QAction]
    _reconciling: bool
    _stop: threading.Event
    _progress: Any  # main_window._Progress: its ``step`` signal reports (done, total)
    _set_connected: Callable[..., None]
    refresh_views: Callable[[], None]
    refreshed: ClassVar[Signal]
    offline_changed: ClassVar[Signal]
    prepared: ClassVar[Signal]
    reconciled: ClassVar[Signal]

    _banner_conflicts = 0  # the server's open conflicts of this terminal, as last shown
    _checking_conflicts = False

    def _fallback_timers(self) -> None:
        """Top up the offline numbers, keep the queue snapshot, retry a merge that stopped."""
        self.prepare_timer = QTimer(self)
        self.prepare_timer.timeout.connect(self.prepare_offline)
        self.prepare_timer.start(PREPARE_MS)
        self.queue_timer = QTimer(self)
        self.queue_timer.timeout.connect(self.keep_queue)
        self.queue_timer.start(QUEUE_MS)
        self._queue_taken = -QUEUE_SOON_S  # monotonic time of the last snapshot
        self.refreshed.connect(lambda: self.keep_queue(soon=True))
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.reconcile)

    def _go_offline(self, why: str) -> None:
        log.warning("server unreachable: switching to the offline desk")
        self._set_connected(False, why)
        self.banner.show_offline(hall_now(self.hall.ctx), None)
        for action in self._online_actions:
            action.setEnabled(False)
        self.offline_changed.emit(True)
        if self.desk_view is None:
            return
        hall, actor = self.hall, self.actor
        reason = why or QCoreApplication.translate("MainWindow", "数据库服务器无法连接")
        # queued first on the one worker: the desk's first status already counts it
        self.runner.run(lambda: hall.desk.enter(actor, reason), None, self._fallback_failed)
        current = self.clerk.current if self.clerk is not None else None
        self.stack.setCurrentWidget(self.desk_view)
        self.desk_view.activate(
            current.number if current is not None else "",
            current.state.value if current is not None else "called",
        )

    def _desk_status(self, status: Any) -> None:
        if self.detector.offline:
            since = (
                status.offline_since.astimezone(self.hall.ctx.tz) if status.offline_since else None
            )
            self.banner.show_offline(since, status.pending)

    def _go_online(self) -> None:
        log.warning("server answers again: reconciling the offline journal")
        for action in self._online_actions:
            action.setEnabled(True)
        self.stack.setCurrentWidget(self.normal)
        self.offline_changed.emit(False)
        self.reconcile()

    def reconcile(self) -> None:
        """Merge the journal into the server, off the GUI thread (after an outage, at
        start-up when records were left, and again later while some are left)."""
        if self._reconciling or self.detector.offline:
            return
        self._reconciling = True
        self.banner.show_reconciling()
        hall, actor, stop, progress = self.hall, self.actor, self._stop, self._progress

        def work() -> tuple[Any, Any, int]:
            hall.desk.leave(actor)  # nothing when this terminal was not marked offline
            report = hall.fallback.reconcile(
                hall.journal, actor, stop=stop.is_set, progress=progress.step.emit
            )
            # the banner counts the server's open conflicts of this terminal (earlier runs'
            # too, less those a supervisor has settled), not only this run's
            return report, hall.desk.status(), hall.fallback.open_conflicts(hall.ctx.terminal)

        self.runner.run(work, self._reconciled, self._reconcile_failed)

    def _reconcile_step(self, done: int, total: int) -> None:
        if self._reconciling and not self.detector.offline:
            self.banner.show_reconciling(done, total)

    def _reconciled(self, result: tuple[Any, Any, int]) -> None:
        report, status, conflicts = result
        self._reconciling = False
        if report.merged or report.conflicts or report.refused or report.left or report.error:
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "离线记录核对：{}").format(
                    report.summary()
                ),
                30000,
            )
        self.reconciled.emit(report)
        if self.detector.offline:  # the server went away again meanwhile
            self._desk_status(status)
            return
        self._banner_conflicts = conflicts
        if conflicts:
            self.banner.show_conflicts(conflicts, status.pending)
        elif status.pending:
            self.banner.show_unmerged(status.pending, report.error)
        else:
            self.banner.clear()
        self.refresh_views()
        if status.pending:
            self.retry_timer.start(RETRY_MS)
        else:  # top up the numbers used meanwhile (otherwise the 10-minute timer does)
            self.prepare_offline()

    def check_conflicts(self) -> None:
        """In each refresh round (so after each move of the change feed): this terminal's open
        conflicts as the server counts them, so the amber banner shows a new count, or goes
        once a supervisor has settled them all (one read at a time)."""
        if self._checking_conflicts or not self._banner_free():
            return
        self._checking_conflicts = True
        hall = self.hall

        def show(count: int) -> None:
            self._checking_conflicts = False
            if not self._banner_free() or count == self._banner_conflicts:
                return
            self._banner_conflicts = count
            if count:
                self.banner.show_conflicts(count, 0)
            elif self.banner.state == "conflicts":
                self.banner.clear()

        def failed(error: KnownError) -> None:
            self._checking_conflicts = False
            log.info("open conflicts not counted: %s", error.headline())

        self.runner.run(lambda: hall.fallback.open_conflicts(hall.ctx.terminal), show, failed)

    def _banner_free(self) -> bool:
        """The banner says nothing more urgent (offline, merging, records left)."""
        return (
            not self.detector.offline
            and not self._reconciling
            and self.banner.state in ("", "conflicts")
        )

    def _reconcile_failed(self, error: KnownError) -> None:
        self._reconciling = False
        log.warning("reconciliation failed: %s", type(error).__name__)
        if not self.detector.offline:
            self.banner.show_unmerged(None, error.message)
            self.retry_timer.start(RETRY_MS)

    def prepare_offline(self) -> None:
        """While online: reserve this terminal's offline numbers and snapshot the catalog.
        Quiet: a failure is logged and shown in the status bar, never a dialog."""
        if self.desk_view is None or self.detector.offline or self._reconciling:
            return
        hall, actor = self.hall, self.actor

        def done(report: Any) -> None:
            log.info("offline numbers in hand: %s", report.in_hand)
            self.prepared.emit(report)
            self.keep_queue()

        def failed(error: KnownError) -> None:
            log.warning("offline preparation failed: %s", type(error).__name__)
            self.statusBar().showMessage(
                QCoreApplication.translate(
                    "MainWindow", "离线准备未完成（稍后自动重试）：{}"
                ).format(error.message),
                15000,
            )

        self.runner.run(lambda: hall.fallback.prepare(actor, hall.journal), done, failed)

    def keep_queue(self, *, soon: bool = False) -> None:
        """While online: the picture of the server's queue an offline desk starts from (the
        tickets waiting, the windows and their lanes), every QUEUE_MS and after the views'
        refreshes (``soon``: at most every QUEUE_SOON_S). Quiet: a failure is only logged."""
        if self.desk_view is None or self.detector.offline or self._reconciling:
            return
        now = time.monotonic()
        if soon and now - self._queue_taken < QUEUE_SOON_S:
            return
        self._queue_taken = now
        hall, actor = self.hall, self.actor

        def failed(error: KnownError) -> None:
            log.info("queue snapshot not taken: %s", type(error).__name__)

        self.runner.run(lambda: keep_queue(hall.ctx, actor, hall.journal), None, failed)

    def _fallback_state(self) -> tuple[EmergencyPlan, Any]:
        return self.hall.fallback.plan, self.hall.desk.status()

    def _fallback_started(self, result: tuple[EmergencyPlan, Any]) -> None:
        plan, status = result
        self.detector.grace_seconds = plan.grace_seconds
        if status.pending or status.offline_since is not None:
            self.reconcile()  # left from a session that ended while offline
        else:
            self.prepare_offline()
            self.check_conflicts()  # left from earlier outages, not yet settled

    def _fallback_failed(self, error: KnownError) -> None:
        log.warning("offline journal: %s", type(error).__name__)
        self.statusBar().showMessage(error.headline(), 30000)

    def show_offline_status(self) -> None:
        tz = self.hall.ctx.tz

        def show(status: Any) -> None:
            self.status_dialog = OfflineStatusDialog(status, tz, self)
            dispose_on_close(self.status_dialog, self, "status_dialog").open()

        hall, online = self.hall, not self.detector.offline

        def work() -> Any:
            status = hall.desk.status()
            if online:  # the server's count: conflicts settled elsewhere are gone
                try:
                    return replace(
                        status, conflicts=hall.fallback.open_conflicts(hall.ctx.terminal)
                    )
                except KnownError as error:  # the journal's own count is shown instead
                    log.warning("offline status: server's conflict count unread: %s", error)
            return status

        self.runner.run(work, show, self._fallback_failed)

    # ------------------------------------------------------------ admin
