"""Login: staff number, password and, for window staff, the window of this PC."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
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

from hall_app.domain.errors import DatabaseUnavailable, KnownError, WindowHeld
from hall_app.domain.logins import OFFLINE_DAYS
from hall_app.services.terminals import WindowHolder
from hall_app.ui.common import MessageBar, big_label
from hall_app.ui.settings import LAST_STAFF, WINDOW_NUMBER, Settings
from hall_app.ui.takeover import TakeoverQuestion, holder_text, window_label
from hall_app.ui.worker import Runner

if TYPE_CHECKING:  # kept off the start-up path: the login window shows before SQLAlchemy loads
    from hall_app.services.auth import WindowChoice
    from hall_app.services.context import Actor
    from hall_app.services.hall import Hall

#: how often a login window whose server is unreachable tries again by itself
RETRY_MS = 5000


@dataclass(frozen=True)
class OfflineAccess:
    """Who may log in here without the server (services/local_cache.py), and how."""

    login: Callable[[str, str, int | None], Actor]  # runs on the worker
    people: int  # staff who may log in offline on this terminal
    windows: tuple[Any, ...]  # CachedWindow: the hall's windows as last seen


class LoginDialog(QDialog):
    logged_in = Signal(object)  # Actor
    offline_logged_in = Signal(object)  # Actor, logged in without the server (离线登录)
    recover = Signal(str)  # "retry" | "backup" | "fresh": the way out of a database failure
    retry_due = Signal()  # the server was unreachable: time to try again (no click needed)

    def __init__(self, runner: Runner, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.hall: Hall | None = None
        self.actor: Actor | None = None
        #: asked when the server is unreachable: who may log in offline (the GUI session)
        self.offline_source: Callable[[], OfflineAccess | None] | None = None
        self.offline: OfflineAccess | None = None
        self.unreachable = False
        self._last_failure = ""
        self.setWindowTitle(self.tr("登录"))  # Qt appends the application's display name
        self.setMinimumWidth(420)

        self.title = big_label(self.tr("政务服务大厅"), size=20)
        self.offline_mark = QLabel(self.tr("离线登录"))
        self.offline_mark.setObjectName("offlineMark")
        self.offline_mark.setStyleSheet(
            "color:white;background:#e65100;font-weight:bold;font-size:16px;padding:4px 10px;"
        )
        self.offline_mark.hide()
        self.offline_note = QLabel()
        self.offline_note.setObjectName("offlineNote")
        self.offline_note.setWordWrap(True)
        self.offline_note.setStyleSheet("color:#e65100;")
        self.offline_note.hide()
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self._retry_now)
        self.status = QLabel(self.tr("正在打开数据库……"))
        self.status.setWordWrap(True)
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
        for button, action in (
            (self.retry_button, "retry"),
            (self.backup_button, "backup"),
            (self.fresh_button, "fresh"),
        ):
            button.clicked.connect(lambda _=False, a=action: self._recover(a))
            row.addWidget(button)
        self.recovery.hide()

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.offline_mark)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.offline_note)
        layout.addWidget(self.recovery)
        layout.addWidget(self.buttons)
        (self.password if self.staff_no.text() else self.staff_no).setFocus()

    def event(self, e: QEvent) -> bool:
        """Messages, notes and the window's holder come and go: grow to fit them rather than
        squeeze the fields (wrapped labels need more height in English)."""
        handled = super().event(e)
        if e.type() == QEvent.Type.LayoutRequest and (layout := self.layout()) is not None:
            need = layout.totalHeightForWidth(self.width())
            if need > self.height():
                self.resize(self.width(), need)
        return handled

    def set_hall(self, hall: Hall, windows: list[WindowChoice], note: str | None = None) -> None:
        """The database is open: fill the windows and allow logging in."""
        self.hall = hall
        reconnected = self.unreachable  # the server answers again: the login, with no click
        if reconnected:
            self._leave_offline()
        if reconnected or not self.recovery.isHidden():
            # opened after a failure: the old error no longer holds
            self.recovery.hide()
            opened = (
                self.tr("已重新连接数据库，可以登录") if reconnected else self.tr("数据库已打开")
            )
            self.message.show_message(note or opened, "info", seconds=0)
        self._clear_windows()
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

    def set_failed(
        self, error: KnownError, *, damaged_file: bool = False, has_backup: bool = False
    ) -> None:
        """The database did not open: say why and offer the ways out that apply, the
        offline login among them; try again by itself every few seconds (a damaged file
        waits for a person's choice)."""
        self.message.show_error(error)
        self._last_failure = error.message
        self.recovery.show()
        self.backup_button.setVisible(damaged_file and has_backup)
        self.fresh_button.setVisible(damaged_file)
        for button in (self.retry_button, self.backup_button, self.fresh_button):
            button.setEnabled(True)
        self._enter_offline()
        if damaged_file:
            self.status.setText(self.tr("数据库不可用"))
        else:
            self.status.setText(
                self.tr("数据库不可用：每 {} 秒自动重试，恢复后即可正常登录").format(
                    RETRY_MS // 1000
                )
            )
            self.retry_timer.start()

    def _enter_offline(self) -> None:
        """Offer the offline login when this terminal has someone to offer it to, or say
        where to turn when it has not."""
        self.unreachable = True
        if not self._pending:
            self.offline = self.offline_source() if self.offline_source is not None else None
        if self.offline is not None and self.offline.people:
            self.offline_mark.show()
            self.ok_button.setText(self.tr("离线登录"))
            self.ok_button.setEnabled(not self._pending)
            self.offline_note.setText(
                self.tr(
                    "服务器无法连接：近 {} 天在本机登录过的人员可离线登录，所办业务记入本机离线日志，"
                    "服务器恢复后自动合并。"
                ).format(OFFLINE_DAYS)
            )
            if self.window_box.count() == 1:
                self._fill_offline_windows(self.offline.windows)
        else:
            self.offline_mark.hide()
            self.ok_button.setEnabled(False)
            self.offline_note.setText(
                self.tr(
                    "服务器无法连接，本机没有可离线登录的人员：请使用纸质应急包登记，并联系管理员"
                )
            )
        self.offline_note.show()

    def _leave_offline(self) -> None:
        self.unreachable = False
        self.retry_timer.stop()
        self.offline_mark.hide()
        self.offline_note.hide()
        self.ok_button.setText(self.tr("登录"))

    def _clear_windows(self) -> None:
        while self.window_box.count() > 1:
            self.window_box.removeItem(self.window_box.count() - 1)
        self._holders.clear()

    def _fill_offline_windows(self, windows: tuple[Any, ...]) -> None:
        wanted = int(self.settings.get(WINDOW_NUMBER))
        for w in windows:
            self.window_box.addItem(window_label(w.number, w.name), w.number)
            if w.number == wanted:
                self.window_box.setCurrentIndex(self.window_box.count() - 1)

    def _retry_now(self) -> None:
        if self.unreachable and not self._pending:
            self.status.setText(self.tr("正在重新连接数据库……"))
            self.retry_due.emit()
        elif self.unreachable:
            self.retry_timer.start()

    def still_unreachable(self, error: KnownError) -> None:
        """A retry failed: try again later. The message changes only when the reason did
        (a wrong password just shown stays readable)."""
        if error.message != self._last_failure:
            self.message.show_error(error)
            self._last_failure = error.message
        for button in (self.retry_button, self.backup_button, self.fresh_button):
            button.setEnabled(True)
        if self.unreachable:
            self.status.setText(
                self.tr("数据库不可用：每 {} 秒自动重试，恢复后即可正常登录").format(
                    RETRY_MS // 1000
                )
            )
            if not self._pending:  # an offline login under way restarts it if it fails
                self.retry_timer.start()

    def _recover(self, action: str) -> None:
        if action in ("backup", "fresh"):
            text = (
                self.tr("当前数据库文件将改名保留（不会删除），并用最近的备份替换。继续？")
                if action == "backup"
                else self.tr(
                    "当前数据库文件将改名保留（不会删除），并新建一个空数据库。"
                    "新库中没有原有数据：请管理员用 hall-app catalog import 导入本厅目录，"
                    "并尽快处理原文件。继续？"
                )
            )
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
        offline = self.unreachable and self.offline is not None and self.offline.people > 0
        if self._pending or (self.hall is None and not offline):  # Enter and the button both fire
            return
        if self.unreachable and not offline:
            return
        if self.staff_no.text().strip() and not self.password.text():
            # Enter after the staff number also reaches the default button: go on to the
            # password instead of a failed login that would clear what is typed next
            self.password.setFocus()
            return
        if offline:
            self._login_offline()
            return
        hall = self.hall
        assert hall is not None  # no database: only the offline login above
        self._pending = True
        staff_no = self.staff_no.text().strip()
        password = self.password.text()
        window = int(self.window_box.currentData() or 0) or None
        self.ok_button.setEnabled(False)
        self.message.show_message(self.tr("正在登录……"), "info", seconds=0)
        self._login(hall, staff_no, password, window, take_over=False)

    def _show_holder(self) -> None:
        text = self._holders.get(int(self.window_box.currentData() or 0), "")
        self.holder_label.setText(
            self.tr("该窗口当前：{}；登录将接管该窗口").format(text) if text else ""
        )
        self.holder_label.setVisible(bool(text))

    def _login(
        self, hall: Hall, staff_no: str, password: str, window: int | None, *, take_over: bool
    ) -> None:

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
                holder = error.holder
                assert isinstance(holder, WindowHolder)  # domain/ keeps it untyped
                if TakeoverQuestion.ask(self, error.number, holder, hall.ctx.tz):
                    self._login(hall, staff_no, password, error.number, take_over=True)
                    return
                self._pending = False
                self.ok_button.setEnabled(True)
                self.message.show_message(
                    self.tr("未登录：{}。请选择本机实际所在的窗口").format(error.message),
                    "info",
                    seconds=0,
                )
                self.window_box.setFocus()
                return
            self._pending = False
            self.ok_button.setEnabled(True)
            self.password.clear()
            self.password.setFocus()
            self.message.show_error(error)
            if isinstance(error, DatabaseUnavailable):  # the server went away meanwhile
                self.set_failed(error)

        self.runner.run(
            lambda: hall.auth.login(staff_no, password, window, take_over=take_over), done, failed
        )

    def _login_offline(self) -> None:
        """离线登录: the cached verifier, checked on the worker (scrypt takes a while)."""
        access = self.offline
        assert access is not None
        self._pending = True
        self.retry_timer.stop()
        staff_no = self.staff_no.text().strip()
        password = self.password.text()
        window = int(self.window_box.currentData() or 0) or None
        self.ok_button.setEnabled(False)
        self.message.show_message(self.tr("正在离线登录……"), "info", seconds=0)

        def done(actor: Actor) -> None:
            self._pending = False
            self.retry_timer.stop()
            self.actor = actor
            self.settings.set(LAST_STAFF, staff_no)
            if actor.window_number:
                self.settings.set(WINDOW_NUMBER, actor.window_number)
            self.offline_logged_in.emit(actor)
            self.accept()

        def failed(error: KnownError) -> None:
            self._pending = False
            self.password.clear()
            self.password.setFocus()
            self.message.show_error(error)
            if self.unreachable:
                self.ok_button.setEnabled(True)
                self.retry_timer.start()
            else:  # the server came back meanwhile: the normal login is ready
                self.ok_button.setEnabled(self.hall is not None)

        self.runner.run(lambda: access.login(staff_no, password, window), done, failed)
