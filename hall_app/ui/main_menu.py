"""The main window's 系统 menu and what its entries open: 首问登记, 办不成事登记, the reprint
queue, the catalog import, the audit log, 闭厅, the offline status, the standby, log out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow

from hall_app.domain.fallback import OutageDetector
from hall_app.domain.roles import Permission
from hall_app.services.catalog import CatalogEntry, ImportReport
from hall_app.services.context import Actor
from hall_app.services.followups import FollowUpView
from hall_app.services.hall import Hall
from hall_app.ui.audit_view import add_audit_action
from hall_app.ui.closing import Closing
from hall_app.ui.common import dispose_on_close
from hall_app.ui.followups_view import CannotDoDialog
from hall_app.ui.inquiry import InquiryDialog
from hall_app.ui.print_queue import PrintQueueDialog
from hall_app.ui.settings import Settings
from hall_app.ui.standby import add_standby_action
from hall_app.ui.worker import Runner

if TYPE_CHECKING:
    from hall_app.ui.clerk import ClerkView
    from hall_app.ui.followups_view import FollowUpsView
    from hall_app.ui.inquiry import InquiriesView
    from hall_app.ui.offline import OfflineDeskView
    from hall_app.ui.reception import ReceptionView

    _Host = QMainWindow  # the class this is mixed into
else:
    _Host = object


class MenuMixin(_Host):
    """Mixed into the main window; its texts keep the main window's translation context.
    The host's attributes it uses are declared here for the type checker."""

    hall: Hall
    runner: Runner
    actor: Actor
    settings: Settings
    detector: OutageDetector
    clerk: ClerkView | None
    reception: ReceptionView | None
    inquiries: InquiriesView
    followups: FollowUpsView | None
    desk_view: OfflineDeskView | None
    _online_actions: list[QAction]
    refresh_action: QAction
    refresh_views: Callable[[], None]
    show_offline_status: Callable[[], None]

    def _build_menu(self) -> None:
        translate = QCoreApplication.translate
        menu = self.menuBar().addMenu(translate("MainWindow", "系统(&S)"))
        self.system_menu = menu
        refresh = QAction(translate("MainWindow", "刷新"), self)
        refresh.setShortcut(QKeySequence("F5" if self.clerk is None else "Ctrl+R"))
        refresh.triggered.connect(self.refresh_views)
        menu.addAction(refresh)
        self.refresh_action = refresh
        self._online_actions.append(refresh)
        inquiry = QAction(translate("MainWindow", "首问登记…"), self)
        inquiry.setShortcut(QKeySequence("Ctrl+I"))
        inquiry.triggered.connect(self.log_inquiry)
        menu.addAction(inquiry)
        cannot = QAction(translate("MainWindow", "办不成事登记…"), self)
        cannot.triggered.connect(self.report_cannot_do)
        menu.addAction(cannot)
        self._online_actions.append(cannot)
        queue = QAction(translate("MainWindow", "补打队列…"), self)
        queue.triggered.connect(
            lambda: dispose_on_close(
                PrintQueueDialog(self.hall, self.runner, self.actor, self.settings, self)
            ).open()
        )
        menu.addAction(queue)
        self._online_actions.append(queue)
        if self.actor.may(Permission.IMPORT_CATALOG):
            importer = QAction(translate("MainWindow", "导入事项目录…"), self)
            importer.triggered.connect(self.import_catalog)
            menu.addAction(importer)
            self._online_actions.append(importer)
        if audit_action := add_audit_action(menu, self.hall, self.runner, self.actor, self):
            self._online_actions.append(audit_action)  # 审计日志… (VIEW_AUDIT)
        self.closing: Closing | None = None
        closes = self.actor.may(Permission.CLOSE_HALL)  # 闭厅, also after closing time
        if closes or self.actor.may(Permission.ISSUE_TICKET):
            self.closing = Closing(
                self.hall,
                self.runner,
                self.actor,
                self.settings,
                lambda text: self.statusBar().showMessage(text, 60000),
                self,
            )
            if closes:
                self._online_actions.append(self.closing.add_to(menu))
            self._online_actions.append(self.closing.add_booking_to(menu))
        menu.addSeparator()
        self.offline_status_action = QAction(translate("MainWindow", "离线状态…"), self)
        self.offline_status_action.triggered.connect(self.show_offline_status)
        menu.addAction(self.offline_status_action)
        # the hot standby on this PC (issue 15): not an online action, it is for outages
        self.standby_action = add_standby_action(menu, self.hall, self.runner, self.actor, self)
        menu.addSeparator()
        quit_action = QAction(translate("MainWindow", "退出登录"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    def log_inquiry(self) -> None:
        """首问登记 from any screen: the catalog is loaded off the GUI thread first."""
        if self.detector.offline and self.desk_view is not None:
            self.desk_view.log_inquiry()
            return

        def saved(view: Any) -> None:  # services.inquiries.InquiryView
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "已登记首问 {}").format(view.number),
                10000,
            )
            self.inquiries.refresh()

        def opened(entries: list[CatalogEntry]) -> None:
            dialog = InquiryDialog(self.hall, self.runner, self.actor, entries, self)
            dialog.saved.connect(saved)
            self.inquiry_dialog: InquiryDialog | None = dialog
            dispose_on_close(dialog, self, "inquiry_dialog").open()

        self.runner.run(self.hall.catalog.entries, opened)

    def report_cannot_do(self) -> None:
        answer = CannotDoDialog.ask(self)
        if answer is None:
            return
        hall, actor = self.hall, self.actor

        def done(view: FollowUpView) -> None:
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "已登记办不成事 {}").format(view.number),
                10000,
            )
            if self.followups is not None:
                self.followups.refresh()

        self.runner.run(lambda: hall.followups.report_cannot_do(actor, *answer), done)

    def import_catalog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("MainWindow", "选择事项目录文件"),
            "",
            QCoreApplication.translate("MainWindow", "目录文件 (*.yaml *.yml)"),
        )
        if not path:
            return
        hall, actor = self.hall, self.actor

        def done(report: ImportReport) -> None:
            self.statusBar().showMessage(report.summary(), 15000)
            if self.reception is not None:
                self.reception.load_catalog()

        self.runner.run(lambda: hall.catalog.import_file(actor, Path(path)), done)
