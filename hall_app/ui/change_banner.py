"""The banner at a window when the supervisor (or the automatic mode, a plan, or the end of a
time box) has changed which categories it calls: what changed, who did it, until when."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from hall_app.services.hall import Hall
from hall_app.services.tidal import WindowNotice
from hall_app.ui.common import log_failure
from hall_app.ui.worker import Runner


class WindowChangeBanner(QFrame):
    """Hidden until this window's categories change today; the clerk dismisses it with
    知道了 (a newer change shows again)."""

    def __init__(
        self, hall: Hall, runner: Runner, window_number: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.window_number = hall, runner, window_number
        self.notice: WindowNotice | None = None
        self._dismissed: int | None = None
        self.setObjectName("windowChangeBanner")
        self.setStyleSheet("#windowChangeBanner{background:#fff3cd;border:1px solid #e0a800;}")
        self.text = QLabel()
        self.text.setObjectName("windowChangeText")
        self.text.setWordWrap(True)
        ok = QPushButton(self.tr("知道了"))
        ok.setObjectName("windowChangeDismiss")
        ok.setAutoDefault(False)
        ok.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(ok)
        self.hide()

    def refresh(self) -> None:
        hall, number = self.hall, self.window_number
        self.runner.run(
            lambda: hall.tidal.window_notice(number),
            self.show_notice,
            log_failure("window change notice"),
        )  # the clerk view shows database errors itself; the log keeps this one's reason

    def show_notice(self, notice: WindowNotice | None) -> None:
        self.notice = notice
        if notice is None or notice.change_id == self._dismissed:
            self.hide()
            return
        local = self.hall.ctx.local
        until = (
            self.tr("，至 {}").format(f"{local(notice.until):%H:%M}")
            if notice.until
            else self.tr("，长期有效")
        )
        self.text.setText(
            self.tr("本窗口叫号业务已调整：{} → {}（{} 于 {} 调整{}；原因：{}）").format(
                notice.old, notice.new, notice.by, f"{local(notice.at):%H:%M}", until, notice.reason
            )
        )
        self.show()

    def dismiss(self) -> None:
        if self.notice is not None:
            self._dismissed = self.notice.change_id
        self.hide()
