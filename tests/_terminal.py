"""A terminal process for the concurrency tests: its own engine, its own connections."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.pool import Pool
from typing import TypeVar

from hall_app.config import Config
from hall_app.domain.errors import DatabaseLocked, NotAllowed
from hall_app.services.hall import open_hall

T = TypeVar("T")
ATTEMPTS = 5


def _again_when_busy(action: Callable[[], T]) -> T:
    """What a person does when told 数据库正忙: try again (a bounded number of times).

    Twenty SQLite processes logging in (or starting and finishing a service) at once on two
    loaded cores can wait past the 5 s busy timeout; the supported SQLite size and its limits
    are issue 14's. A write told so did nothing (``BEGIN IMMEDIATE`` was refused), and this
    test is about duplicates and double calls, which a retried attempt cannot hide.
    """
    for attempt in range(ATTEMPTS):
        try:
            return action()
        except DatabaseLocked:
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def run_terminal(args: tuple[str, int, str, str, int]) -> dict[str, list[str] | int]:
    url, window, clerk_no, item_code, rounds = args
    hall = open_hall(Config(db_url=url, terminal=f"proc-{window}"), upgrade=False)
    try:
        reception = _again_when_busy(lambda: hall.auth.login("2001", "demo2001"))
        clerk = _again_when_busy(lambda: hall.auth.login(clerk_no, f"demo{clerk_no}", window))
        issued: list[str] = []
        called: list[str] = []
        refused = 0
        for _ in range(rounds):
            issued.append(_again_when_busy(
                lambda: hall.tickets.issue(reception, item_code=item_code)).ticket.number)
            try:
                ticket = hall.tickets.call_next(clerk, window)
            except (NotAllowed, DatabaseLocked):
                refused += 1
                continue
            if ticket is None:
                continue
            called.append(ticket.number)
            _again_when_busy(lambda: hall.tickets.start(clerk, window))
            _again_when_busy(lambda: hall.tickets.finish(clerk, window))
        return {"issued": issued, "called": called, "refused": refused}
    finally:
        hall.close()


def terminal_pool(processes: int) -> Pool:
    """A pool of terminal processes, each with its own engine and connections.

    The processes are forked from a clean server process (no threads, no Qt, no database
    connection) that has imported the app once ("forkserver"), instead of each starting a
    new interpreter that imports it again ("spawn": ~2.5 s of CPU each, twenty of them on
    two cores). They start working nearly together, so SQLite's writers meet more often;
    what a terminal told 数据库正忙 does is :func:`_again_when_busy`."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests._terminal", "psycopg"])
    return context.Pool(processes)
