"""The hall at a glance for supervisors and admins: every lane and every window."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from hall_app.services.hall import Hall
from hall_app.services.queues import QueueStatus
from hall_app.ui.common import MessageBar, table_view
from hall_app.ui.models import LaneTableModel, WindowTableModel
from hall_app.ui.server_clock import OffClockBox
from hall_app.ui.worker import Runner

MAX_LANE_ROWS = 12


class OverviewView(QWidget):
    def __init__(self, hall: Hall, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall = hall
        self.runner = runner
        self.message = MessageBar(self)
        self.lanes = LaneTableModel(self)
        self.windows = WindowTableModel(self)
        lanes_box = QGroupBox(self.tr("业务类别"))
        self.lane_view = table_view(self.lanes)
        QVBoxLayout(lanes_box).addWidget(self.lane_view)
        windows_box = QGroupBox(self.tr("窗口"))
        QVBoxLayout(windows_box).addWidget(table_view(self.windows, stretch_column=3))
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(lanes_box)  # as tall as its lanes (see _fit_lanes)
        layout.addWidget(windows_box, 1)
        self.off_clocks = OffClockBox(hall, runner, self)  # PCs whose clocks are off
        layout.addWidget(self.off_clocks)
        self._fit_lanes()

    def refresh(self) -> None:
        self.runner.run(self.hall.queues.status, self._apply, self.message.show_error)
        self.off_clocks.refresh()

    def _apply(self, status: QueueStatus) -> None:
        self.lanes.set_status(list(status.lanes), status.at)
        self.windows.set_rows(list(status.windows))
        self._fit_lanes()
        if status.closed:  # counted apart from waiting and finished
            self.message.show_message(
                self.tr("今日未办结（闭厅）：{} 张，已提供下一工作日预约").format(status.closed),
                "info",
                seconds=0,
            )

    def _fit_lanes(self) -> None:
        """Every lane in view without scrolling (a demo hall's 11 fit at 1366×768); the
        windows, a longer list, scroll below."""
        view = self.lane_view
        rows = max(4, min(self.lanes.rowCount(), MAX_LANE_ROWS))
        header = view.horizontalHeader()
        height = (
            max(header.sizeHint().height(), header.minimumHeight())
            + rows * view.verticalHeader().defaultSectionSize()
            + 2 * view.frameWidth()
            + 2
        )
        view.setFixedHeight(height)
