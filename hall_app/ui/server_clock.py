"""One clock for the hall, on screen: the banner of a PC whose clock is more than
``WARN_SECONDS`` off the database server's, and the supervisor's list of such PCs
(``services/server_clock.py`` measures; ``domain/server_time.py`` decides)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from hall_app.domain.i18n import QT_TRANSLATE_NOOP
from hall_app.domain.server_time import WARN_SECONDS, is_off, short, warning
from hall_app.services.hall import Hall
from hall_app.services.server_clock import OffClock
from hall_app.ui.common import log_failure, table_view
from hall_app.ui.labels import label
from hall_app.ui.models import ObjectRole, SortRole, _Index, _ListModel
from hall_app.ui.worker import Runner

CHECK_MS = 5 * 1000  # the banner looks at the reckoned offset (memory, no database work)
REFRESH_MS = 30 * 1000  # heartbeats move no change marker: the supervisor's list looks again


def warning_text(skew_ms: int) -> str:
    text, seconds = warning(skew_ms)
    return label(text).format(seconds)


class ClockBanner(QLabel):
    """Above the main window's views, hidden while this PC's clock agrees with the server's
    (and always on SQLite, where this PC's clock is the hall's)."""

    def __init__(self, hall: Hall, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hall = hall
        self.setObjectName("clockBanner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "#clockBanner{background:#fff3cd;color:#7a4f01;border:1px solid #e0a800;"
            "padding:4px 8px;}"
        )
        self.hide()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_MS)
        self.check()

    def check(self) -> None:
        self.show_skew(self.hall.clocks.skew_ms())

    def show_skew(self, skew_ms: int | None) -> None:
        if skew_ms is None or not is_off(skew_ms):
            self.hide()
            return
        self.setText(warning_text(skew_ms))
        self.show()


class OffClockModel(_ListModel):
    headers = (
        QT_TRANSLATE_NOOP("Models", "终端"),
        QT_TRANSLATE_NOOP("Models", "工作人员"),
        QT_TRANSLATE_NOOP("Models", "窗口"),
        QT_TRANSLATE_NOOP("Models", "时钟偏差"),
        QT_TRANSLATE_NOOP("Models", "终端最后响应"),
    )

    def __init__(self, tz: zoneinfo.ZoneInfo, parent: Any = None) -> None:
        super().__init__(parent)
        self.tz = tz

    def _clock(self, moment: dt.datetime) -> str:
        return moment.astimezone(self.tz).strftime("%H:%M:%S")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        off: OffClock = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text, seconds = short(off.skew_ms)
            window = (
                QCoreApplication.translate("Models", "{}号").format(off.window_number)
                if off.window_number is not None
                else "—"
            )
            return (
                off.terminal,
                QCoreApplication.translate("Stranded", "{}（{}）").format(
                    off.staff_name, off.staff_no
                ),
                window,
                label(text).format(seconds),
                self._clock(off.last_seen_at),
            )[col]
        if role == SortRole:
            return (
                off.terminal,
                off.staff_no,
                off.window_number or 0,
                abs(off.skew_ms),
                off.last_seen_at.timestamp(),
            )[col]
        if role == ObjectRole:
            return off
        return None


class OffClockBox(QGroupBox):
    """The supervisor console's list of logged-in PCs whose clocks are off (silent ones, whose
    offsets are stale, are left out: ``ClockService.off_terminals``); hidden while there are
    none."""

    def __init__(self, hall: Hall, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("时钟偏差超过 {} 秒的终端").format(WARN_SECONDS))
        self.hall = hall
        self.runner = runner
        self.setObjectName("offClockBox")
        self.model = OffClockModel(hall.ctx.tz, self)
        self.table = table_view(self.model)
        self.table.setObjectName("offClockTable")
        note = QLabel(
            self.tr(
                "这些电脑的系统时间与数据库服务器不一致；记录已按服务器时间保存，请校准其时间。"
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        self.hide()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)

    def refresh(self) -> None:
        self.runner.run(
            self.hall.clocks.off_terminals, self._apply, log_failure("terminal clocks check")
        )  # the overview beside it shows database errors itself; the log keeps this one's

    def _apply(self, rows: list[OffClock]) -> None:
        self.model.set_rows(rows)
        self.setVisible(bool(rows))
