"""The calling board (叫号屏) for the hall's big screen: readable from ten metres.

It shows the latest call large, the recent calls, every open window's current number, each
lane's waiting count and estimated wait, and a scrolling notice; it announces each new call
by voice. It needs no login to show; changing its settings needs a supervisor.

It fetches its snapshot when the change feed moves (another terminal called, issued, …),
and every ``SAFETY_POLL_MS`` anyway. The calls are typed records (``domain.calls.CallEvent``,
written by the calling services in the call's transaction, ``store.call_events``), never the
audit log's JSON. A call is announced once, by its event id: without a row
that serialised every writer, two calls can commit out of their ids' order, so the board asks
for every call since its first look and skips those it announced already.

When its audio fails (no output device, a clip that will not play, a speech engine error) it
shows a marker and records the fault (system actor) for the supervisor console's alerts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hall_app.domain.announce import call_announcement
from hall_app.domain.errors import DatabaseError, KnownError, NotAllowed
from hall_app.domain.roles import Permission
from hall_app.domain.waits import NO_WINDOW
from hall_app.services.board import BoardSnapshot, LaneLine
from hall_app.services.hall import Hall
from hall_app.ui.change_watch import FeedBridge
from hall_app.ui.common import MessageBar
from hall_app.ui.settings import Option, Settings
from hall_app.ui.voice import Announcer
from hall_app.ui.worker import Runner

REPEAT = Option("board/repeat", 2, int)
MUTED = Option("board/muted", False, bool)
VOLUME = Option("board/volume", 80, int)

_UNKNOWN = object()
SAFETY_POLL_MS = 5000  # the feed brings changes; this only catches what it could not
FLASH_MS = 4000
BG, FG, ACCENT, GREEN, DIM = "#0b1a2e", "#ffffff", "#ffd54f", "#69f0ae", "#90a4ae"
BASE_PX = "basePixelSize"
DESIGN = (1920, 1080)  # the sizes in this module are for this screen (or 1080×1920)


def _label(text: str = "", size: int = 28, color: str = FG, bold: bool = False) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPixelSize(size)
    font.setBold(bold)
    label.setFont(font)
    label.setStyleSheet(f"color:{color};")
    label.setProperty(BASE_PX, size)  # the size on a 1920×1080 screen; scaled to the board's
    return label


class Marquee(QLabel):
    """The scrolling notice at the foot of the board."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._offset = 0
        # the text changes every step: it must never drive the window's width
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._step)
        self.timer.start(120)

    def set_notice(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._offset = 0
            self._step()

    def _step(self) -> None:
        if not self._text:
            self.setText("")
            return
        loop = self._text + "　　　　"
        self._offset = (self._offset + 1) % len(loop)
        glyph = max(1, self.fontMetrics().horizontalAdvance("国"))
        self.setText((loop[self._offset :] + loop)[: max(20, self.width() // glyph)])


class BoardWindow(QWidget):
    call_shown = Signal(object)  # domain.calls.CallEvent

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        settings: Settings,
        announcer: Announcer,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.hall, self.runner, self.settings, self.announcer = hall, runner, settings, announcer
        self.last_event: int | None = None
        self._horizon: int | None = None  # the newest call at the first look
        self._announced: set[int] = set()
        self._again = False
        self.snapshot: BoardSnapshot | None = None
        self.connected = True
        self._polling = False
        self.setWindowTitle(self.tr("叫号屏"))
        self.setObjectName("board")
        self.setStyleSheet(f"QWidget#board {{ background:{BG}; }}")
        self.setAutoFillBackground(True)

        self.title = _label("", 40, FG, True)
        self.clock = _label("", 34, DIM)
        self.offline = _label(
            self.tr("⚠ 与服务器的连接中断，显示的可能不是最新信息"), 30, "#ff8a80", True
        )
        self.offline.hide()
        self.audio_marker = _label("", 30, "#ff8a80", True)
        self.audio_marker.setObjectName("audioFault")
        self.audio_marker.setWordWrap(True)
        self.audio_marker.hide()
        self.audio_problem: str | None = None  # what the announcer last said is wrong
        # what the database last heard from us: unknown at start, so a fault left from an
        # earlier run of this board is cleared (or confirmed) at the first poll
        self._audio_recorded: object = _UNKNOWN
        self._audio_sending = False
        self.latest_number = _label("—", 200, ACCENT, True)
        self.latest_number.setObjectName("latestNumber")
        self.latest_window = _label("", 96, FG, True)
        self.latest_window.setObjectName("latestWindow")
        self.latest_english = _label("", 40, DIM)
        for label in (self.latest_number, self.latest_window, self.latest_english):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # "Please go to Window 12 for service" is wider than a portrait 1366×768 screen: wrap
        self.latest_window.setWordWrap(True)
        self.latest_window.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.latest_box = QWidget()
        self.latest_box.setObjectName("latestBox")
        latest_layout = QVBoxLayout(self.latest_box)
        latest_layout.addWidget(self.latest_number)
        latest_layout.addWidget(self.latest_window)
        latest_layout.addWidget(self.latest_english)
        self.recent = _label("", 40, FG)
        self.recent.setObjectName("recentCalls")
        self.recent.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.windows = _label("", 40, FG)
        self.windows.setObjectName("windowNumbers")
        self.windows.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.windows.setWordWrap(True)
        self.lanes = _label("", 36, FG)
        self.lanes.setObjectName("laneWaits")
        self.lanes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        for label in (self.recent, self.windows, self.lanes):
            # long lists are cut at the foot rather than make the board taller than the screen
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.scale = 1.0
        self.marquee = Marquee()
        self.marquee.setStyleSheet(f"color:{ACCENT}; font-size:40px;")

        header = QGridLayout()
        header.addWidget(self.title, 0, 0)
        header.addWidget(self.clock, 0, 1, Qt.AlignmentFlag.AlignRight)
        left = QVBoxLayout()
        left.addWidget(self.latest_box, 3)
        left.addWidget(_label(self.tr("最近呼叫"), 30, DIM))
        left.addWidget(self.recent, 2)
        right = QVBoxLayout()
        right.addWidget(_label(self.tr("各窗口当前号"), 30, DIM))
        right.addWidget(self.windows, 3)
        right.addWidget(_label(self.tr("等候人数 · 预计等待"), 30, DIM))
        right.addWidget(self.lanes, 2)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addLayout(left, 3)
        self.body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.offline)
        layout.addWidget(self.audio_marker)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.marquee)

        self.flash_timer = QTimer(self)
        self.flash_timer.setSingleShot(True)
        self.flash_timer.timeout.connect(lambda: self._flash(False))
        self.poll_timer = QTimer(self)
        self.poll_timer.timeout.connect(self.poll)
        self.poll_timer.start(SAFETY_POLL_MS)
        self.feed = FeedBridge(hall.changes, self)
        self.feed.changed.connect(self.poll)
        self.clock_timer = QTimer(self)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start(1000)
        settings_action = QAction(self.tr("叫号屏设置"), self)
        settings_action.setShortcut(QKeySequence("F2"))
        settings_action.triggered.connect(self.open_settings)
        self.addAction(settings_action)
        quit_action = QAction(self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
        announcer.failed.connect(self._audio_failed)
        announcer.recovered.connect(lambda: self._audio_failed(None))
        if announcer.problem:
            self._audio_failed(announcer.problem)
        self._tick()
        self.poll()

    # ------------------------------------------------------------ data

    def poll(self) -> None:
        if self._polling:
            self._again = True  # a change while the snapshot was read: read again after
            return
        self._polling = True
        self._again = False
        after = self._horizon
        self.runner.run(lambda: self.hall.board.snapshot(after), self._apply, self._failed)

    def _audio_failed(self, problem: str | None) -> None:
        self.audio_problem = problem
        self.audio_marker.setText(
            self.tr("⚠ 叫号语音故障：{}。请留意屏幕上的号码").format(problem) if problem else ""
        )
        self.audio_marker.setVisible(bool(problem))
        self._record_audio()

    def _record_audio(self) -> None:
        """Tell the supervisor terminals (through the database); retried at each poll until
        it is written, so a fault during an outage is still reported."""
        problem = self.audio_problem
        if self._audio_sending or problem == self._audio_recorded:
            return
        self._audio_sending = True

        def done(_: bool) -> None:
            self._audio_sending = False
            self._audio_recorded = problem
            self._record_audio()  # it may have changed meanwhile

        def failed(_: KnownError) -> None:
            self._audio_sending = False

        self.runner.run(lambda: self.hall.board.report_audio(problem), done, failed)

    def _failed(self, error: KnownError) -> None:
        self._polling = False
        self._again = False  # the safety poll tries again
        if isinstance(error, DatabaseError):
            self.connected = False
            self.offline.show()

    def _apply(self, snap: BoardSnapshot) -> None:
        self._polling = False
        self.connected = True
        self.offline.hide()
        self.snapshot = snap
        self._record_audio()
        newest = snap.calls[0].event_id if snap.calls else 0
        if self._horizon is None:
            self._horizon = newest  # from the first look on, later calls are "new"
        if self.last_event is None or newest > self.last_event:
            self.last_event = newest
        fresh = [event for event in snap.new if event.event_id not in self._announced]
        self._announced.update(event.event_id for event in fresh)
        if self._again:
            QTimer.singleShot(0, self.poll)
        self.title.setText(snap.hall_name)
        self.marquee.set_notice(snap.notice)
        latest = snap.calls[0] if snap.calls else None
        if latest is not None:
            self.latest_number.setText(latest.number)
            action = self.tr("优先办理") if latest.green else self.tr("办理")
            self.latest_window.setText(self.tr("请到 {} 号窗口{}").format(latest.window, action))
            english = call_announcement(latest).english
            self.latest_english.setText(english if snap.english else "")
        self.latest_english.setVisible(snap.english)
        # the same words as on the clerk's screen and in the tables (already translated there)
        window_name = QCoreApplication.translate("ClerkView", "{}号窗口")
        window_no = QCoreApplication.translate("Models", "{}号")
        self.recent.setText(
            "<br>".join(
                f"<span style='color:{GREEN if c.green else FG}'>{c.number}</span>"
                f" <span style='color:{DIM}'>→</span> {window_name.format(c.window)}"
                for c in snap.calls[1:6]
            )
        )
        pad = round(28 * self.scale)
        cells = [
            f"<td style='padding:4px {pad}px 4px 0'><span style='color:{DIM}'>{window_no.format(n)}</span>"
            f" <b>{cur or '—'}</b></td>"
            for n, cur in snap.windows
        ]
        columns = 3 if self.width() > self.height() else 4
        rows = ["".join(cells[i : i + columns]) for i in range(0, len(cells), columns)]
        self.windows.setText("<table>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>")
        self.lanes.setText("<br>".join(self._lane_line(lane) for lane in snap.lanes))
        if snap.closed:
            self.lanes.setText(
                self.lanes.text()
                + f"<br><span style='color:{ACCENT}'>"
                + self.tr("未办结（闭厅）：{}，请到导服台领取下一工作日预约").format(
                    "、".join(snap.closed)
                )
                + "</span>"
            )
        for event in fresh:
            self.announcer.announce_call(event)
            self.call_shown.emit(event)
        if fresh:
            self._flash(True)

    def _lane_line(self, lane: LaneLine) -> str:
        if lane.no_window:
            # on a line of its own, a little smaller: it must not be cut off at the edge
            return self.tr(
                "{} {}：{} 人<br><span style='color:{}; font-size:{}px'>　{}</span>"
            ).format(
                lane.prefix,
                lane.name,
                lane.waiting,
                ACCENT,
                round(30 * self.scale),
                QCoreApplication.translate("Waits", NO_WINDOW),
            )
        return self.tr("{} {}：{} 人，约 {} 分钟").format(
            lane.prefix, lane.name, lane.waiting, lane.estimated_minutes
        )

    # ------------------------------------------------------------ look

    def _flash(self, on: bool) -> None:
        color = "#1565c0" if on else BG
        self.latest_box.setStyleSheet(
            f"QWidget#latestBox {{ background:{color}; border-radius:24px; }}"
        )
        if on:
            self.flash_timer.start(FLASH_MS)

    def _tick(self) -> None:
        hall_time = self.hall.ctx.local(self.hall.ctx.now())  # the hall's clock, not the PC's
        self.clock.setText(hall_time.strftime("%Y-%m-%d %H:%M:%S"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        portrait = size.height() > size.width()
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        # standing up, the windows and the waits below need more of the height than the call
        self.body.setStretch(0, 2 if portrait else 3)
        self.body.setStretch(1, 3 if portrait else 2)
        wide, high = (DESIGN[1], DESIGN[0]) if portrait else DESIGN
        self._set_scale(min(size.width() / wide, size.height() / high))
        super().resizeEvent(event)

    def _set_scale(self, scale: float) -> None:
        """Text in proportion to the screen: a 1366×768 television shows what a 1920×1080
        one does, smaller, instead of cutting off the right half."""
        scale = max(0.4, min(scale, 2.0))
        if abs(scale - self.scale) < 0.01:
            return
        self.scale = scale
        for label in self.findChildren(QLabel):
            base = label.property(BASE_PX)
            if base:
                font = QFont(label.font())
                font.setPixelSize(max(8, round(int(base) * scale)))
                label.setFont(font)
        self.marquee.setStyleSheet(f"color:{ACCENT}; font-size:{round(40 * scale)}px;")
        # the lists' HTML (padding, the smaller no-window line) follows at the next poll

    # ------------------------------------------------------------ settings

    def open_settings(self) -> None:
        BoardSettingsDialog(self).open()


class BoardSettingsDialog(QDialog):
    """Only a supervisor (or admin) may change the board: staff number and password first."""

    def __init__(self, board: BoardWindow) -> None:
        super().__init__(board)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)  # opened anew each time
        self.board = board
        self.setWindowTitle(self.tr("叫号屏设置（值班长）"))
        snap = board.snapshot
        self.message = MessageBar(self)
        self.staff_no = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.notice = QLineEdit(snap.notice if snap else "")
        self.english = QCheckBox(self.tr("显示英文提示（Ticket A012, please go to window 5）"))
        self.english.setChecked(bool(snap and snap.english))
        settings = board.settings
        self.repeat = QSpinBox()
        self.repeat.setRange(1, 3)
        self.repeat.setValue(int(settings.get(REPEAT)))
        self.volume = QSpinBox()
        self.volume.setRange(0, 100)
        self.volume.setValue(int(settings.get(VOLUME)))
        self.muted = QCheckBox(self.tr("静音"))
        self.muted.setChecked(bool(settings.get(MUTED)))
        form = QFormLayout(self)
        form.addRow(self.message)
        form.addRow(self.tr("值班长工号："), self.staff_no)
        form.addRow(self.tr("密码："), self.password)
        form.addRow(self.tr("滚动通知："), self.notice)
        form.addRow(self.english)
        form.addRow(self.tr("每次呼叫播报次数："), self.repeat)
        form.addRow(self.tr("音量："), self.volume)
        form.addRow(self.muted)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.clicked.connect(self.save)
        form.addRow(self.save_button)

    def save(self) -> None:
        board = self.board
        hall = board.hall
        staff, password = self.staff_no.text(), self.password.text()
        notice, english = self.notice.text(), self.english.isChecked()

        def work() -> None:
            actor = hall.auth.login(staff, password, take_window=False)
            if not actor.may(Permission.CONFIGURE_BOARD):
                raise NotAllowed(f"{actor.role.label}不能修改叫号屏设置，请值班长操作")
            hall.board.configure(actor, notice, english)

        def done(_: None) -> None:
            board.settings.set(REPEAT, self.repeat.value())
            board.settings.set(VOLUME, self.volume.value())
            board.settings.set(MUTED, self.muted.isChecked())
            board.announcer.repeat = self.repeat.value()
            board.announcer.volume = self.volume.value() / 100
            board.announcer.muted = self.muted.isChecked()
            board.poll()
            self.accept()

        board.runner.run(work, done, self.message.show_error)
