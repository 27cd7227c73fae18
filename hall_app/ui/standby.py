"""值班长's 提升备用服务器: on the PC that holds the hot standby (config file ``[standby]
data_dir``), a dialog that shows what each database server is now and promotes the standby
when the primary is gone. The same rules as ``hall-app db promote`` (services/standby.py):
refused while a server still answers as the primary, unless 强制 is ticked; audited as soon as
the new primary takes writes. The entry is in the 系统 menu and stays enabled offline, when it
is needed most."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.domain.roles import Role
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.standby import (
    PRIMARY,
    HostState,
    Promotion,
    audit_promotion,
    probe_all,
    promote,
)
from hall_app.ui.common import MessageBar
from hall_app.ui.worker import Runner

log = logging.getLogger("hall_app.ui")


class StandbyDialog(QDialog):
    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        url: str,
        data_dir: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.actor = hall, runner, actor
        self.url, self.data_dir = url, data_dir
        self.setWindowTitle(self.tr("提升备用服务器"))
        self.message = MessageBar(self)
        self.hosts = QLabel(self.tr("正在查询各台数据库服务器…"))
        self.hosts.setWordWrap(True)
        note = QLabel(
            self.tr(
                "只在主服务器已停机、且确认它不会再次启动时提升。提升后各终端自动改连到本机的服务器；"
                "旧主服务器必须按 docs/postgresql.md 重建为备用服务器后才能再开机。"
            )
        )
        note.setWordWrap(True)
        self.force = QCheckBox(self.tr("强制提升（主服务器仍应答时；会出现两个主服务器，慎用）"))
        self.refresh_button = QPushButton(self.tr("重新检查"))
        self.refresh_button.clicked.connect(self.refresh)
        self.promote_button = QPushButton(self.tr("提升本机备用服务器"))
        self.promote_button.clicked.connect(self.promote)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.promote_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(self.tr("本机备用服务器数据文件夹：{}").format(data_dir)))
        layout.addWidget(self.hosts)
        layout.addWidget(note)
        layout.addWidget(self.force)
        layout.addWidget(buttons)
        self.resize(560, 300)

    def refresh(self) -> None:
        url = self.url
        self.runner.run(lambda: probe_all(url), self._show_hosts, self.message.show_error)

    def _show_hosts(self, states: list[HostState]) -> None:
        lines = [self.tr("{}：{}").format(state.host, state.role_name) for state in states]
        primaries = [state for state in states if state.role == PRIMARY]
        if len(primaries) > 1:
            lines.append(self.tr("警告：两台服务器都是主服务器！请立即停用旧主服务器"))
        elif not primaries:
            lines.append(self.tr("没有可写的主服务器：可以提升本机备用服务器"))
        self.hosts.setText("\n".join(lines))

    def promote(self) -> None:
        hall, actor, url, data_dir = self.hall, self.actor, self.url, self.data_dir
        force = self.force.isChecked()
        self.promote_button.setEnabled(False)
        self.message.show_message(self.tr("正在提升备用服务器…"), "info", seconds=0)

        def work() -> tuple[Promotion, bool]:
            done = promote(url, data_dir, force=force)
            return done, audit_promotion(hall.db, hall.ctx, actor, done, "app")

        self.runner.run(work, self._promoted, self._failed)

    def _promoted(self, result: tuple[Promotion, bool]) -> None:
        _done, audited = result
        text = self.tr("备用服务器已提升为主服务器，各终端将自动改连到它")
        if not audited:
            text += self.tr("（操作记录暂未写入数据库，详情见日志）")
        self.message.show_message(text, "info", seconds=0)
        self.refresh()

    def _failed(self, error: KnownError) -> None:
        self.promote_button.setEnabled(True)
        self.message.show_error(error)


def add_standby_action(
    menu: QMenu, hall: Hall, runner: Runner, actor: Actor, parent: QWidget
) -> QAction | None:
    """The menu entry, for supervisors and admins on the PC that holds a standby (the config
    file's ``[standby] data_dir``); None elsewhere."""
    from hall_app.config import load_config

    if actor.role not in (Role.SUPERVISOR, Role.ADMIN) or hall.db.is_sqlite:
        return None
    try:
        config = load_config()
    except KnownError as error:
        log.warning("standby menu left out: %s", error.headline())
        return None
    if not config.standby_data_dir:
        return None
    action = QAction(QCoreApplication.translate("StandbyDialog", "提升备用服务器…"), parent)

    def show() -> None:
        dialog = StandbyDialog(hall, runner, actor, hall.db.url, config.standby_data_dir, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.refresh()
        dialog.open()

    action.triggered.connect(show)
    menu.addAction(action)
    return action
