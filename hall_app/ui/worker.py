"""Running service calls off the GUI thread, one at a time, results back on the GUI thread.

Qt objects must be destroyed on the thread that owns them. So the worker never holds the
last reference to anything made on the GUI thread: the callable stays in a GUI-side table
until its result has been delivered, and the one bridge QObject lives as long as the
Runner. (Cyclic garbage collection is kept on the GUI thread too: see ``ui/gc.py``.)
"""

from __future__ import annotations

import itertools
import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from hall_app.domain.errors import KnownError

log = logging.getLogger("hall_app.ui")


class _Bridge(QObject):
    finished = Signal(int, object, object)  # job id, result, error


class _Job(QRunnable):
    def __init__(
        self, take: Callable[[int], Callable[[], Any]], bridge: _Bridge, job_id: int
    ) -> None:
        super().__init__()
        self.take = take  # the job's callable, looked up in the Runner's GUI-side table
        self.bridge = bridge
        self.job_id = job_id
        self.setAutoDelete(True)

    def run(self) -> None:
        fn = self.take(self.job_id)
        result: Any = None
        error: BaseException | None = None
        try:
            result = fn()
        except BaseException as exc:  # handed to the GUI thread, never swallowed
            error = exc
        del fn
        self.bridge.finished.emit(self.job_id, result, error)
        del result, error


class Runner(QObject):
    """A single database worker thread (Anki's taskman, in small).

    ``run(fn, on_done, on_error)``: ``fn`` runs on the worker; ``on_done(result)`` or
    ``on_error(known_error)`` run on the GUI thread. A known error without ``on_error`` goes
    to :attr:`known_error`; anything else is a bug and goes to ``sys.excepthook``.

    Public signals, all emitted on the GUI thread:

    - :attr:`job_failed` ``(error)``: every job that raised, a :class:`KnownError` or a bug,
      before the job's own handler runs. Whoever watches the whole application (the main
      window: a lost server switches to the offline desk) listens here.
    - :attr:`known_error` ``(error)``: a known error whose job gave no ``on_error``.
    - :attr:`busy_changed` ``(busy)``: the first job queued, the last one delivered.

    :attr:`pending` counts the jobs queued or running; :meth:`wait` waits for them.
    """

    #: ``(KnownError)``: a known error whose job has no ``on_error`` of its own
    known_error = Signal(object)
    #: ``(bool)``: True when the first job is queued, False when the last is delivered
    busy_changed = Signal(bool)
    #: ``(BaseException)``: any job's error, before the job's own error handler runs
    job_failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._finished)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._jobs: dict[int, tuple[Callable[[], Any], Any, Any, Any]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    @property
    def pending(self) -> int:
        """Jobs queued or running whose result has not been delivered yet."""
        with self._lock:
            return len(self._jobs)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], object] | None = None,
        on_error: Callable[[KnownError], object] | None = None,
        *,
        after: Callable[[], None] | None = None,
    ) -> None:
        """Queue ``fn``; ``after()``, if given, runs on the GUI thread once the job's outcome
        has been delivered, whatever it was (a result, a known error or a bug)."""
        job_id = next(self._ids)
        with self._lock:
            self._jobs[job_id] = (fn, on_done, on_error, after)
            first = len(self._jobs) == 1
        if first:
            self.busy_changed.emit(True)
        self.pool.start(_Job(self._callable, self._bridge, job_id))

    def _callable(self, job_id: int) -> Callable[[], Any]:
        with self._lock:
            return self._jobs[job_id][0]

    def _finished(self, job_id: int, result: Any, error: BaseException | None) -> None:
        with self._lock:
            _fn, on_done, on_error, after = self._jobs.pop(job_id)
            idle = not self._jobs
        if idle:
            self.busy_changed.emit(False)
        if error is not None:
            self.job_failed.emit(error)
        try:
            self._deliver(result, error, on_done, on_error)
            if after is not None:
                after()
        except RuntimeError as gone:
            # the screen that asked was closed while its job ran: its result has no reader
            if "already deleted" not in str(gone):
                raise
            log.info("result for a closed screen dropped (%s)", gone)

    def _deliver(
        self,
        result: Any,
        error: BaseException | None,
        on_done: Callable[[Any], object] | None,
        on_error: Callable[[KnownError], object] | None,
    ) -> None:
        if error is None:
            if on_done is not None:
                on_done(result)
        elif isinstance(error, KnownError):
            log.info("known error: %s", type(error).__name__)
            if on_error is not None:
                on_error(error)
            else:
                self.known_error.emit(error)
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    def wait(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)
