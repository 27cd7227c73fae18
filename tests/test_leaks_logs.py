"""Logs and the crash dialog hold no full ID or mobile number: every handler of the app's
logger carries the scrubbing filter (message, arguments, exception text, stack)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hall_app import paths
from hall_app.logs import ScrubFilter, add_handler, setup_logging
from tests.leak_grep import id_number, leaks

CITIZEN_ID = id_number("440524", "18800101", "001")
MASKED_ID = CITIZEN_ID[:6] + "********" + CITIZEN_ID[-4:]


@pytest.fixture
def app_log() -> Iterator[Path]:
    """The app's logging as ``setup_logging`` makes it, into this test's log folder."""
    root = logging.getLogger("hall_app")
    saved, level = root.handlers[:], root.level
    root.handlers.clear()
    setup_logging(logging.INFO)
    yield paths.log_dir() / "hall_app.log"
    for handler in root.handlers:
        handler.close()
    root.handlers[:] = saved
    root.setLevel(level)


def test_every_log_line_is_scrubbed(app_log: Path) -> None:
    root = logging.getLogger("hall_app")
    assert root.handlers and all(
        any(isinstance(f, ScrubFilter) for f in h.filters) for h in root.handlers
    )
    log = logging.getLogger("hall_app.test")
    log.warning("row %s phone %s", CITIZEN_ID, "13812345678")
    log.info(f"inline {CITIZEN_ID} and 100% done")  # no arguments: % is not a format
    try:
        raise ValueError(f"duplicate key (id_number)=({CITIZEN_ID}), phone 139-1234-5678")
    except ValueError:
        log.exception("insert failed for %s", CITIZEN_ID)
    log.error("with a stack", stack_info=True, extra={"who": "13812345678"})
    for handler in root.handlers:
        handler.flush()
    text = app_log.read_text(encoding="utf-8")
    assert not leaks(text), leaks(text)
    assert f"row {MASKED_ID} phone 138****5678" in text and "100% done" in text
    assert f"duplicate key (id_number)=({MASKED_ID}), phone 139****5678" in text
    assert "Traceback" in text and "with a stack" in text


def test_add_handler_puts_the_filter_on_once() -> None:
    logger = logging.getLogger("hall_app.test_add_handler")
    handler = logging.NullHandler()
    try:
        add_handler(handler, logger)
        add_handler(handler, logger)
        assert sum(isinstance(f, ScrubFilter) for f in handler.filters) == 1
    finally:
        logger.removeHandler(handler)


def _crash() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise RuntimeError(f"row for {CITIZEN_ID} / 13812345678 could not be drawn")
    except RuntimeError:
        kind, error, tb = sys.exc_info()
    assert kind is not None and error is not None
    return kind, error, tb


def test_the_crash_dialog_and_its_log_line_are_scrubbed(
    qapp,
    app_log: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from hall_app.ui import crash

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.detailedText()) or 0)
    crash.excepthook(*_crash())  # type: ignore[arg-type]
    (details,) = shown
    assert "RuntimeError: row for " + MASKED_ID + " / 138****5678" in details
    assert not leaks(details)
    text = app_log.read_text(encoding="utf-8")
    assert "unhandled exception" in text and not leaks(text)


def test_the_crash_hook_without_a_window_prints_the_scrubbed_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hall_app.ui import crash

    monkeypatch.setattr(crash.QApplication, "instance", staticmethod(lambda: None))
    crash.excepthook(*_crash())  # type: ignore[arg-type]
    err = capsys.readouterr().err
    assert "Traceback" in err and MASKED_ID in err and not leaks(err)
