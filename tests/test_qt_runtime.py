"""The Qt binding itself must hold up for a whole day of signals.

PySide6 6.12.0 drops a reference to ``True`` on every ``Signal.emit()``; a clerk terminal
aborted with "Fatal Python error: bool_dealloc" after about 300 tickets. The pinned version
must not do that.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    number = Signal(int)
    flag = Signal(bool)


def test_emitting_signals_keeps_the_reference_counts_of_true_and_false(qapp) -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.number.connect(seen.append)
    emitter.flag.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(50):  # few enough that a leaking binding fails here instead of aborting
        emitter.number.emit(i)
        emitter.flag.emit(i % 2 == 0)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(seen) == 100
    assert after[0] >= before[0] - 5, f"emit() leaked references to True: {before} -> {after}"
    assert after[1] >= before[1] - 5, f"emit() leaked references to False: {before} -> {after}"
