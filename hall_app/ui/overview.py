"""The hall at a glance for supervisors and admins: every lane and every window."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from hall_app.services.hall import Hall
from hall_app.services.queues import QueueStatus
from hall_app.ui.common import MessageBar, table_view
from hall_app.ui.models import LaneTableModel, WindowTableModel
from hall_app.ui.worker import Runner


class OverviewView(QWidget):
    def __init__(self, hall: Hall, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall = hall
        self.runner = runner
        self.message = MessageBar(self)
        self.lanes = LaneTableModel(self)
        self.windows = WindowTableModel(self)
        lanes_box = QGroupBox(self.tr("业务类别"))
        QVBoxLayout(lanes_box).addWidget(table_view(self.lanes))
        windows_box = QGroupBox(self.tr("窗口"))
        QVBoxLayout(windows_box).addWidget(table_view(self.windows, stretch_column=3))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(lanes_box, 2)
        layout.addWidget(windows_box, 3)

    def refresh(self) -> None:
        self.runner.run(self.hall.queues.status, self._apply, self.message.show_error)

    def _apply(self, status: QueueStatus) -> None:
        self.lanes.set_status(list(status.lanes), status.at)
        self.windows.set_rows(list(status.windows))
        if status.closed:  # counted apart from waiting and finished
            self.message.show_message(self.tr("今日未办结（闭厅）：{} 张，已提供下一工作日预约")
                                      .format(status.closed), "info", seconds=0)
