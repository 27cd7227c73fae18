"""One refresh round at a time: what keeps the change feed from flooding the database worker.

The change feed can announce a change every few tens of milliseconds in a busy hall, and a
refresh round of the supervisor console queues a read per view on the single :class:`Runner`
thread. Started on every announcement, rounds piled up without limit and the user's own
actions (call, issue) waited behind them (issue 14 review: 96 queued jobs, a call waiting
1.7 s). :class:`RefreshGate` runs at most one round at a time, the way the calling board
reads its snapshot: a change while a round is on its way only marks the views dirty, and one
more round starts when it has ended, and not before ``MIN_GAP_MS`` after it ended, so the
worker always has room for a user's action between two rounds.

A round has ended when a marker job queued behind its reads has run: the runner runs its
jobs one at a time in order, so by then every read of the round has run and been delivered.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from hall_app.ui.worker import Runner

MIN_GAP_MS = 400  # quiet time on the worker between the end of one round and the next


class RefreshGate(QObject):
    """``request()`` as often as you like: ``start_round`` runs at most once at a time."""

    finished = Signal()  # a round's reads have all run and been delivered

    def __init__(
        self,
        runner: Runner,
        start_round: Callable[[], None],
        parent: QObject | None = None,
        gap_ms: int = MIN_GAP_MS,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._start_round = start_round
        self.in_flight = False
        self.dirty = False
        self.rounds = 0
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(gap_ms)
        self._quiet.timeout.connect(self._quiet_over)

    def request(self) -> None:
        """Refresh now, or once the round on its way (and the quiet time after it) is over."""
        if self.in_flight or self._quiet.isActive():
            self.dirty = True
            return
        self._run()

    def _run(self) -> None:
        self.dirty = False
        self.in_flight = True
        self.rounds += 1
        try:
            self._start_round()
        finally:
            # behind the round's reads on the same worker: it runs when they have
            self.runner.run(_nothing, self._ended, self._ended)

    def _ended(self, _result: object) -> None:
        self.in_flight = False
        self._quiet.start()
        self.finished.emit()

    def _quiet_over(self) -> None:
        if self.dirty:
            self._run()

    def stop(self) -> None:
        self._quiet.stop()
        self.dirty = False


def _nothing() -> None:
    return None
