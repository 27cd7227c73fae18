"""Login: staff number, password and, for window staff, the window of this PC."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError
from hall_app.ui.common import MessageBar, big_label
from hall_app.ui.settings import LAST_STAFF, WINDOW_NUMBER, Settings
from hall_app.ui.worker import Runner

if TYPE_CHECKING:  # kept off the start-up path: the login window shows before SQLAlchemy loads
    from hall_app.services.auth import WindowChoice
    from hall_app.services.context import Actor
    from hall_app.services.hall import Hall


class LoginDialog(QDialog):
    logged_in = Signal(object)  # Actor

    def __init__(self, runner: Runner, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.hall: Hall | None = None
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("政务服务大厅窗口系统 — 登录"))
        self.setMinimumWidth(420)

        self.title = big_label(self.tr("政务服务大厅"), size=20)
        self.status = QLabel(self.tr("正在打开数据库……"))
        self.message = MessageBar(self)
        self.staff_no = QLineEdit(settings.get(LAST_STAFF))
        self.staff_no.setPlaceholderText(self.tr("工号"))
        self.staff_no.setObjectName("staffNo")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.password.setObjectName("password")
        self.window_box = QComboBox()
        self.window_box.setObjectName("windowBox")
        self.window_box.addItem(self.tr("（不在窗口：导服、值班长）"), 0)

        form = QFormLayout()
        form.addRow(self.tr("工号："), self.staff_no)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("本机窗口："), self.window_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("登录"))
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self.try_login)
        self.staff_no.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.try_login)
        self._pending = False
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        (self.password if self.staff_no.text() else self.staff_no).setFocus()

    def set_hall(self, hall: Hall, windows: list[WindowChoice], note: str | None = None) -> None:
        """The database is open: fill the windows and allow logging in."""
        self.hall = hall
        wanted = int(self.settings.get(WINDOW_NUMBER))
        for w in windows:
            self.window_box.addItem(self.tr("{}号窗口 {}").format(w.number, w.name).strip(), w.number)
            if w.number == wanted:
                self.window_box.setCurrentIndex(self.window_box.count() - 1)
        self.status.setText(note or self.tr("数据库：{}").format(hall.db.describe()))
        self.ok_button.setEnabled(True)

    def set_failed(self, error: KnownError) -> None:
        self.status.setText(self.tr("数据库不可用"))
        self.message.show_error(error)

    def try_login(self) -> None:
        if self.hall is None or self._pending:  # Enter and the default button both fire
            return
        self._pending = True
        hall = self.hall
        staff_no = self.staff_no.text().strip()
        password = self.password.text()
        window = int(self.window_box.currentData() or 0) or None
        self.ok_button.setEnabled(False)
        self.message.show_message(self.tr("正在登录……"), "info", seconds=0)

        def done(actor: Actor) -> None:
            self._pending = False
            self.actor = actor
            self.settings.set(LAST_STAFF, staff_no)
            if actor.window_number:
                self.settings.set(WINDOW_NUMBER, actor.window_number)
            self.logged_in.emit(actor)
            self.accept()

        def failed(error: KnownError) -> None:
            self._pending = False
            self.ok_button.setEnabled(True)
            self.password.clear()
            self.password.setFocus()
            self.message.show_error(error)

        self.runner.run(lambda: hall.auth.login(staff_no, password, window), done, failed)
