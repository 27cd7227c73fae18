"""Reading the PostgreSQL server's clock, timed against this PC's clock (see
``domain/server_time.py`` for what the samples mean)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import exc, text

from hall_app.domain.server_time import RoundTrip, best
from hall_app.store.db import Database, known_error

SAMPLES = 3
_SERVER_CLOCK = text("SELECT clock_timestamp()")  # the time now, not the transaction's start


def measure(
    db: Database,
    local: Callable[[], dt.datetime],
    ticks: Callable[[], float],
    samples: int = SAMPLES,
) -> RoundTrip:
    """The least uncertain of ``samples`` round trips on one connection (taken from the pool
    first, so connecting and its ping are not timed), timed on this PC's wall clock
    (``local``) and its monotonic clock (``ticks``). PostgreSQL only."""
    if db.is_sqlite:
        raise ValueError("SQLite runs on this PC's clock: nothing to measure")
    try:
        with db.engine.connect() as conn:
            found = []
            for _ in range(samples):
                sent, sent_tick = local(), ticks()
                server = conn.execute(_SERVER_CLOCK).scalar_one()
                received_tick, received = ticks(), local()
                found.append(RoundTrip(sent, server, received, sent_tick, received_tick))
            conn.rollback()
    except exc.DBAPIError as error:
        raise known_error(error) from error
    return best(found)
