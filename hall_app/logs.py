"""Logging by area into a rotating file in the user's log folder. No personal data: every
handler carries :class:`ScrubFilter`, so an ID or mobile number that reaches a log line (a
database driver's text with the row's values, an exception message, a traceback) is masked."""

from __future__ import annotations

import logging
import logging.handlers

from hall_app import paths
from hall_app.domain.masking import scrub

_TRACEBACKS = logging.Formatter()


class ScrubFilter(logging.Filter):
    """Masks ID and mobile numbers in a record's message, its exception text and its stack
    (:func:`hall_app.domain.masking.scrub`). It changes the record in place, before any
    handler formats it, and lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "_scrubbed", False):
            try:
                message = record.getMessage()
            except Exception:  # a bad format string: logging reports it as it would
                return True
            record.msg, record.args = scrub(message), None
            if record.exc_info and not record.exc_text:
                record.exc_text = _TRACEBACKS.formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = scrub(record.exc_text)
            if record.stack_info:
                record.stack_info = scrub(record.stack_info)
            setattr(record, "_scrubbed", True)  # noqa: B010  (a record passes every handler)
        return True


def add_handler(handler: logging.Handler, logger: logging.Logger | None = None) -> logging.Handler:
    """Attach ``handler`` to ``logger`` (the app's, by default) with the scrubbing filter: the
    one way a handler is added, so none writes personal data."""
    if not any(isinstance(f, ScrubFilter) for f in handler.filters):
        handler.addFilter(ScrubFilter())
    (logger or logging.getLogger("hall_app")).addHandler(handler)
    return handler


def setup_logging(level: int = logging.INFO, *, to_file: bool = True) -> None:
    root = logging.getLogger("hall_app")
    if root.handlers:
        return
    root.setLevel(level)
    # a full disk must not turn every log line into a traceback on the user's console
    logging.raiseExceptions = False
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if to_file:
        try:
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                paths.log_dir() / "hall_app.log",
                maxBytes=2_000_000,
                backupCount=5,
                encoding="utf-8",
            )
        except OSError:
            handler = logging.StreamHandler()
    else:
        handler = logging.StreamHandler()
    handler.setFormatter(fmt)
    add_handler(handler, root)
