"""Riding on the change feed, and telling a stuck write from a server that does not answer.

:class:`FeedBridge` turns the change feed's callback (called on the feed's own thread) into a
Qt signal queued to the GUI thread, coalescing a burst of changes into one ``changed`` a few
tens of milliseconds later: the main window and the calling board refresh when another
terminal changes something, well under a second after its commit, with no hot row behind it.

:class:`WriteWatch` sends the terminal's periodic heartbeat (a write of its own session row)
apart from the once-a-second read probe, on a worker of its own. When that write, or any
other, fails with a lock timeout the hall's writes are stuck (a frozen terminal holding a row)
while reads still answer: the status bar says so, distinct from "server unreachable", until a
probe of the rows this terminal's writes need passes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from hall_app.domain.errors import DatabaseBlocked, KnownError
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.ui.worker import Runner

log = logging.getLogger("hall_app.ui")

COALESCE_MS = 80


class FeedBridge(QObject):
    """``changed`` on the GUI thread after the feed moved (bursts coalesced)."""

    changed = Signal()
    _moved = Signal(int)

    def __init__(self, feed: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._feed = feed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.changed)
        self._moved.connect(self._start)  # queued: emitted on the feed's thread
        signal = self._moved

        def on_move(version: int) -> None:  # the feed's thread; holds no Qt object alive
            try:
                signal.emit(version)
            except RuntimeError:  # the screen was closed: stop listening for it
                feed.unsubscribe(on_move)

        self._callback: Callable[[int], None] = on_move
        feed.subscribe(on_move)

    def _start(self, _version: int) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def close(self) -> None:
        self._feed.unsubscribe(self._callback)
        self._timer.stop()


class WriteWatch(QObject):
    """The heartbeat write, sent apart; ``blocked`` holds the message while writes are stuck.

    Writes are stuck when a write ended in a lock timeout (:class:`DatabaseBlocked`). They
    count as going through again only when :meth:`probe` succeeds: it takes, in a
    transaction that changes nothing, the rows this terminal's call or issue takes first
    (``TerminalService.write_probe``). The heartbeat's success says nothing: it writes only
    this terminal's own session row, which a frozen terminal almost never holds. A statement
    timeout (:class:`DatabaseTimeout`) is slowness, not a stuck hall, and marks nothing.
    """

    changed = Signal(str)  # the message, or "" once a write went through again

    def __init__(self, hall: Hall, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hall, self.actor = hall, actor
        self.runner = Runner(self)
        self.blocked = ""
        self._sending = False

    def send(self) -> None:
        """Send the heartbeat unless a heartbeat or probe is still on its way."""
        if self._sending:
            return
        self._sending = True
        hall, actor = self.hall, self.actor
        self.runner.run(lambda: hall.terminals.heartbeat(actor), self._sent, self._failed)

    def probe(self) -> None:
        """While stuck: try the rows this terminal's writes need; clear the state if they
        can be had (unless a heartbeat or probe is still on its way)."""
        if self._sending:
            return
        self._sending = True
        hall, actor = self.hall, self.actor
        self.runner.run(lambda: hall.terminals.write_probe(actor), self._probed, self._failed)

    def _sent(self, _result: object) -> None:
        self._sending = False

    def _probed(self, _result: object) -> None:
        self._sending = False
        if self.blocked:
            log.warning("database writes go through again")
            self.blocked = ""
            self.changed.emit("")

    def _failed(self, error: KnownError) -> None:
        self._sending = False
        self.note(error)

    def note(self, error: object) -> None:
        """Any job's failure: a lock timeout means writes are stuck (until a probe passes)."""
        if isinstance(error, DatabaseBlocked):
            if not self.blocked:
                log.warning("database writes are stuck: %s", type(error).__name__)
            self.blocked = self.tr(
                "数据库写入受阻：服务器能访问，但写入超时未完成（可能有终端卡住或数据被锁定）。"
                "取号、叫号可能失败，请联系值班长或管理员"
            )
            self.changed.emit(self.blocked)
        # a server that does not answer is the read probe's to report; a statement timeout
        # is the failed action's own message

    def paint(self, label: QLabel) -> None:
        """Show the stuck state on the connection label (the probe paints the rest)."""
        label.setText(self.tr("● 数据库写入受阻"))
        label.setStyleSheet("color:#e65100;font-weight:bold;")
        label.setToolTip(self.blocked)

    def wait(self, msecs: int) -> bool:
        return self.runner.wait(msecs)
