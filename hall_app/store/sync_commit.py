"""Commits that wait for a synchronous standby, with a bound.

With ``synchronous_standby_names`` set on the primary (docs/postgresql.md), a COMMIT returns
only once the standby has the transaction. When the standby itself is gone, the primary waits
for it for ever: ``statement_timeout`` does not cover the wait at commit, so every terminal
would hang on its next write. A terminal therefore lets a commit wait at most
:data:`COMMIT_WAIT_S`: then it cancels the wait (PostgreSQL keeps the transaction, committed
locally, and says so with a warning) and commits with ``synchronous_commit = local`` for
:data:`LOCAL_RETRY_S` before it tries synchronous commits again. While that lasts what the
primary acknowledges is on its own disk only (the bound of asynchronous replication in
docs/postgresql.md); the log says so, and :attr:`CommitGuard.unconfirmed` counts the commits
let go.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.orm import Session

log = logging.getLogger("hall_app.store")

#: how long a commit may wait for the standby before it is let go (committed locally); below
#: the lock timeout (3 s), so the writes queued behind its row locks do not fail meanwhile
COMMIT_WAIT_S = 2.0
#: after that, commits do not wait for the standby for this long
LOCAL_RETRY_S = 60.0

_LOCAL = text("SET LOCAL synchronous_commit = local")


class CommitGuard:
    def __init__(self, ticks: Callable[[], float] = time.monotonic) -> None:
        self.ticks = ticks
        self.local_until: float | None = None
        self.unconfirmed = 0

    @property
    def local(self) -> bool:
        """Commits do not wait for the standby now (it failed to confirm one lately)."""
        return self.local_until is not None and self.ticks() < self.local_until

    def begin(self, session: Session) -> None:
        if self.local:
            session.execute(_LOCAL)

    def commit(self, session: Session) -> None:
        """``session.commit()``, its wait for the standby bounded."""
        if self.local:
            session.commit()
            return
        # the ORM's pending statements first: their lock waits are lock_timeout's business,
        # and a cancel meant for the wait at commit must not hit one of them
        session.flush()
        raw = session.connection().connection.driver_connection
        assert raw is not None  # the psycopg connection of a live session
        lock = threading.Lock()
        waiting = [True]
        fired: list[bool] = []

        def let_go() -> None:
            # under the lock: the committing thread sends nothing more on this connection
            # until the cancel has reached the server, so it cannot hit a later statement
            with lock:
                if not waiting[0]:
                    return
                fired.append(True)
                try:
                    raw.cancel_safe(timeout=COMMIT_WAIT_S)
                except Exception as error:  # the commit goes on waiting; say why
                    log.warning("could not cancel the wait for the standby: %s", error)

        timer = threading.Timer(COMMIT_WAIT_S, let_go)
        timer.daemon = True
        timer.start()
        try:
            session.commit()
        finally:
            with lock:
                waiting[0] = False
            timer.cancel()
        if fired:
            self.unconfirmed += 1
            self.local_until = self.ticks() + LOCAL_RETRY_S
            log.error(
                "the standby did not confirm a commit within %.0f s: committed on the primary "
                "only; commits do not wait for the standby for the next %.0f s",
                COMMIT_WAIT_S,
                LOCAL_RETRY_S,
            )
