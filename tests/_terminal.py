"""A terminal process for the concurrency tests: its own engine, its own connections."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import TypeVar

from hall_app.config import Config
from hall_app.domain.errors import KnownError
from hall_app.services.hall import open_hall

T = TypeVar("T")


def run_terminal(args: tuple[str, int, str, str, int]) -> dict[str, object]:
    """Log in (reception and clerk) and work ``rounds`` tickets, with no retry: every known
    error (``DatabaseLocked`` included) is counted by operation and kind, and the test
    requires none at the supported number of processes."""
    url, window, clerk_no, item_code, rounds = args
    hall = open_hall(Config(db_url=url, terminal=f"proc-{window}"), upgrade=False)
    issued: list[str] = []
    called: list[str] = []
    failed: Counter[str] = Counter()

    def attempt(what: str, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except KnownError as error:
            failed[f"{what}: {type(error).__name__}"] += 1
            return None

    try:
        reception = attempt("login", lambda: hall.auth.login("2001", "demo2001"))
        clerk = attempt("login", lambda: hall.auth.login(clerk_no, f"demo{clerk_no}", window))
        if reception is None or clerk is None:
            return {"issued": issued, "called": called, "failed": dict(failed)}
        for _ in range(rounds):
            ticket = attempt("issue", lambda: hall.tickets.issue(reception, item_code=item_code))
            if ticket is not None:
                issued.append(ticket.ticket.number)
            called_ticket = attempt("call", lambda: hall.tickets.call_next(clerk, window))
            if called_ticket is None:  # nothing waiting (another window took it) or failed
                continue
            called.append(called_ticket.number)
            attempt("start", lambda: hall.tickets.start(clerk, window))
            attempt("finish", lambda: hall.tickets.finish(clerk, window))
        return {"issued": issued, "called": called, "failed": dict(failed)}
    finally:
        hall.close()


def terminal_pool(processes: int) -> Pool:
    """A pool of terminal processes, each with its own engine and connections.

    The processes are forked from a clean server process (no threads, no Qt, no database
    connection) that has imported the app once ("forkserver"), instead of each starting a
    new interpreter that imports it again ("spawn": ~2.5 s of CPU each, twenty of them on
    two cores). They start working nearly together, so SQLite's writers meet more often."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests._terminal", "psycopg"])
    return context.Pool(processes)
