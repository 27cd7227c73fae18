"""Login: staff number, password and, for window staff, the window of this PC."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.errors import KnownError, WindowHeld
from hall_app.ui.common import MessageBar, big_label
from hall_app.ui.settings import LAST_STAFF, WINDOW_NUMBER, Settings
from hall_app.ui.takeover import TakeoverQuestion, holder_text, window_label
from hall_app.ui.worker import Runner

if TYPE_CHECKING:  # kept off the start-up path: the login window shows before SQLAlchemy loads
    from hall_app.services.auth import WindowChoice
    from hall_app.services.context import Actor
    from hall_app.services.hall import Hall


class LoginDialog(QDialog):
    logged_in = Signal(object)  # Actor
    recover = Signal(str)  # "retry" | "backup" | "fresh": the way out of a database failure

    def __init__(self, runner: Runner, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.hall: Hall | None = None
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("登录"))  # Qt appends the application's display name
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
        self.holder_label = QLabel()  # who is logged in at the chosen window, since when
        self.holder_label.setObjectName("holderLabel")
        self.holder_label.setWordWrap(True)
        self.holder_label.setStyleSheet("color:#e65100;")
        self.holder_label.hide()
        self.window_box.currentIndexChanged.connect(self._show_holder)
        self._holders: dict[int, str] = {}

        form = QFormLayout()
        form.addRow(self.tr("工号："), self.staff_no)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("本机窗口："), self.window_box)
        form.addRow("", self.holder_label)
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

        # shown when the database cannot be opened: never a dead end
        self.recovery = QWidget(self)
        row = QHBoxLayout(self.recovery)
        row.setContentsMargins(0, 0, 0, 0)
        self.retry_button = QPushButton(self.tr("重试"))
        self.backup_button = QPushButton(self.tr("从最近的备份恢复"))
        self.fresh_button = QPushButton(self.tr("移开损坏文件，新建数据库"))
        for button, action in ((self.retry_button, "retry"), (self.backup_button, "backup"),
                               (self.fresh_button, "fresh")):
            button.clicked.connect(lambda _=False, a=action: self._recover(a))
            row.addWidget(button)
        self.recovery.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.recovery)
        layout.addWidget(self.buttons)
        (self.password if self.staff_no.text() else self.staff_no).setFocus()

    def set_hall(self, hall: Hall, windows: list[WindowChoice], note: str | None = None) -> None:
        """The database is open: fill the windows and allow logging in."""
        self.hall = hall
        if not self.recovery.isHidden():  # opened after a failure: the old error no longer holds
            self.recovery.hide()
            self.message.show_message(note or self.tr("数据库已打开"), "info", seconds=0)
        wanted = int(self.settings.get(WINDOW_NUMBER))
        me = self.staff_no.text().strip()
        for w in windows:
            label = window_label(w.number, w.name)
            if w.holder is not None:
                self._holders[w.number] = holder_text(w.holder, hall.ctx.tz)
                label = self.tr("{} — {}").format(label, self._holders[w.number])
            self.window_box.addItem(label, w.number)
            # this PC's window is chosen again, unless someone else is logged in there
            if w.number == wanted and (w.holder is None or w.holder.staff_no == me):
                self.window_box.setCurrentIndex(self.window_box.count() - 1)
        self._show_holder()
        self.status.setText(note or self.tr("数据库：{}").format(hall.db.describe()))
        self.ok_button.setEnabled(True)

    def set_failed(self, error: KnownError, *, damaged_file: bool = False,
                   has_backup: bool = False) -> None:
        """The database did not open: say why and offer the ways out that apply."""
        self.status.setText(self.tr("数据库不可用"))
        self.message.show_error(error)
        self.recovery.show()
        self.backup_button.setVisible(damaged_file and has_backup)
        self.fresh_button.setVisible(damaged_file)
        for button in (self.retry_button, self.backup_button, self.fresh_button):
            button.setEnabled(True)

    def _recover(self, action: str) -> None:
        if action in ("backup", "fresh"):
            text = (self.tr("当前数据库文件将改名保留（不会删除），并用最近的备份替换。继续？")
                    if action == "backup" else
                    self.tr("当前数据库文件将改名保留（不会删除），并新建一个空数据库。"
                            "新库中没有原有数据：请管理员用 hall-app catalog import 导入本厅目录，"
                            "并尽快处理原文件。继续？"))
            answer = QMessageBox.question(self, self.tr("数据库恢复"), text)
            if answer != QMessageBox.StandardButton.Yes:
                return
        for button in (self.retry_button, self.backup_button, self.fresh_button):
            button.setEnabled(False)
        self.status.setText(self.tr("正在打开数据库……"))
        self.recover.emit(action)

    def set_recovered(self, note: str) -> None:
        self.recovery.hide()
        self.message.show_message(note, "info", seconds=0)

    def try_login(self) -> None:
        if self.hall is None or self._pending:  # Enter and the default button both fire
            return
        if self.staff_no.text().strip() and not self.password.text():
            # Enter after the staff number also reaches the default button: go on to the
            # password instead of a failed login that would clear what is typed next
            self.password.setFocus()
            return
        self._pending = True
        hall = self.hall
        staff_no = self.staff_no.text().strip()
        password = self.password.text()
        window = int(self.window_box.currentData() or 0) or None
        self.ok_button.setEnabled(False)
        self.message.show_message(self.tr("正在登录……"), "info", seconds=0)
        self._login(hall, staff_no, password, window, take_over=False)

    def _show_holder(self) -> None:
        text = self._holders.get(int(self.window_box.currentData() or 0), "")
        self.holder_label.setText(self.tr("该窗口当前：{}；登录将接管该窗口").format(text)
                                  if text else "")
        self.holder_label.setVisible(bool(text))

    def _login(self, hall: Hall, staff_no: str, password: str, window: int | None, *,
               take_over: bool) -> None:

        def done(actor: Actor) -> None:
            self._pending = False
            self.actor = actor
            self.settings.set(LAST_STAFF, staff_no)
            if actor.window_number:
                self.settings.set(WINDOW_NUMBER, actor.window_number)
            self.logged_in.emit(actor)
            self.accept()

        def failed(error: KnownError) -> None:
            if isinstance(error, WindowHeld):
                if TakeoverQuestion.ask(self, error.number, error.holder, hall.ctx.tz):  # type: ignore[arg-type]
                    self._login(hall, staff_no, password, error.number, take_over=True)
                    return
                self._pending = False
                self.ok_button.setEnabled(True)
                self.message.show_message(
                    self.tr("未登录：{}。请选择本机实际所在的窗口").format(error.message), "info",
                    seconds=0)
                self.window_box.setFocus()
                return
            self._pending = False
            self.ok_button.setEnabled(True)
            self.password.clear()
            self.password.setFocus()
            self.message.show_error(error)

        self.runner.run(lambda: hall.auth.login(staff_no, password, window, take_over=take_over),
                        done, failed)
