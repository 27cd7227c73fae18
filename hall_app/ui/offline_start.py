"""The window of an offline login (离线登录): a terminal that started while its server is
unreachable, or whose login window lost the server, works at the offline desk.

The desk is the same ``OfflineDeskView`` the main window shows when its server dies, in its
offline state; everything goes to this terminal's journal. The window keeps trying the
server (off the GUI thread, through the session) and, when it answers, offers the way back
to the normal login; that login merges the journal, the offline login included.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.ui.labels import label
from hall_app.ui.login import RETRY_MS
from hall_app.ui.offline import OfflineDeskView
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner

_OFFLINE = "color:white;background:#e65100;font-weight:bold;padding:6px 12px;font-size:15px;"
_BACK = "color:white;background:#2e7d32;font-weight:bold;padding:6px 12px;font-size:15px;"


class OfflineStartWindow(QMainWindow):
    probe_due = Signal()  # time to ask the server again (the session runs the probe)
    server_back = Signal()  # the server answered: the way back is offered

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.setWindowTitle(self.tr("离线办理"))
        where = (
            self.tr("{}号窗口").format(actor.window_number)
            if actor.window_number
            else label(actor.role.label)
        )
        self.who = self.tr("离线登录　{}（工号 {}）　{}").format(actor.name, actor.staff_no, where)
        self.banner = QLabel()
        self.banner.setObjectName("offlineLoginBanner")
        self.banner.setWordWrap(True)
        self.back_button = QPushButton(self.tr("返回联网登录"))
        self.back_button.setObjectName("backOnline")
        self.back_button.clicked.connect(self.close)
        self.back_button.hide()
        self.desk = OfflineDeskView(hall, runner, actor, settings, self)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.banner, 1)
        top.addWidget(self.back_button)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.desk, 1)
        self.setCentralWidget(body)
        self._show_offline()

        self.probe_timer = QTimer(self)
        self.probe_timer.setSingleShot(True)
        self.probe_timer.setInterval(RETRY_MS)
        self.probe_timer.timeout.connect(self.probe_due.emit)

    def start(self) -> None:
        """Mark the terminal offline (journaled once, as after an outage) and load the desk."""
        hall, actor = self.hall, self.actor
        reason = QCoreApplication.translate("OfflineStartWindow", "离线登录：数据库服务器无法连接")
        # queued first on the one worker: the desk's first status already counts it
        self.runner.run(lambda: hall.desk.enter(actor, reason), None, self.desk.message.show_error)
        self.desk.activate("")
        self.probe_timer.start()

    def _show_offline(self) -> None:
        self.banner.setText(
            self.tr(
                "{}　|　服务器无法连接：所办业务记入本机离线日志，服务器恢复后重新联网登录即自动合并"
            ).format(self.who)
        )
        self.banner.setStyleSheet(_OFFLINE)

    def still_offline(self) -> None:
        self.probe_timer.start()

    def server_is_back(self) -> None:
        self.banner.setText(
            self.tr(
                "{}　|　服务器已恢复连接：办完手头的业务后请点击「返回联网登录」，登录后离线记录自动合并"
            ).format(self.who)
        )
        self.banner.setStyleSheet(_BACK)
        self.back_button.show()
        self.server_back.emit()
