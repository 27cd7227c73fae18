"""Logging by area into a rotating file in the user's log folder. No personal data."""

from __future__ import annotations

import logging
import logging.handlers

from hall_app import paths


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
                paths.log_dir() / "hall_app.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError:
            handler = logging.StreamHandler()
    else:
        handler = logging.StreamHandler()
    handler.setFormatter(fmt)
    root.addHandler(handler)
