"""Running service calls off the GUI thread, one at a time, results back on the GUI thread."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from hall_app.domain.errors import KnownError

log = logging.getLogger("hall_app.ui")


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as error:  # handed to the GUI thread, never swallowed
            self.signals.failed.emit(error)
        else:
            self.signals.done.emit(result)


class Runner(QObject):
    """A single database worker thread (Anki's taskman, in small).

    ``run(fn, on_done, on_error)``: ``fn`` runs on the worker; ``on_done(result)`` or
    ``on_error(known_error)`` run on the GUI thread. A known error without ``on_error`` goes
    to :attr:`known_error`; anything else is a bug and goes to ``sys.excepthook``.
    """

    known_error = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._pending: set[_Signals] = set()

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[KnownError], None] | None = None,
    ) -> None:
        signals = _Signals()
        self._pending.add(signals)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)

        def finished() -> None:
            self._pending.discard(signals)
            if not self._pending:
                self.busy_changed.emit(False)

        def done(result: Any) -> None:
            finished()
            if on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            finished()
            if isinstance(error, KnownError):
                log.info("known error: %s", type(error).__name__)
                if on_error is not None:
                    on_error(error)
                else:
                    self.known_error.emit(error)
            else:
                sys.excepthook(type(error), error, error.__traceback__)

        signals.done.connect(done)
        signals.failed.connect(failed)
        self.pool.start(_Job(fn, signals))

    def wait(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)
