"""A terminal process for the concurrency tests: its own engine, its own connections."""

from __future__ import annotations

from hall_app.config import Config
from hall_app.domain.errors import DatabaseLocked, NotAllowed
from hall_app.services.hall import open_hall


def run_terminal(args: tuple[str, int, str, str, int]) -> dict[str, list[str] | int]:
    url, window, clerk_no, item_code, rounds = args
    hall = open_hall(Config(db_url=url, terminal=f"proc-{window}"), upgrade=False)
    try:
        reception = hall.auth.login("2001", "demo2001")
        clerk = hall.auth.login(clerk_no, f"demo{clerk_no}", window)
        issued: list[str] = []
        called: list[str] = []
        refused = 0
        for _ in range(rounds):
            issued.append(hall.tickets.issue(reception, item_code=item_code).ticket.number)
            try:
                ticket = hall.tickets.call_next(clerk, window)
            except (NotAllowed, DatabaseLocked):
                refused += 1
                continue
            if ticket is None:
                continue
            called.append(ticket.number)
            hall.tickets.start(clerk, window)
            hall.tickets.finish(clerk, window)
        return {"issued": issued, "called": called, "refused": refused}
    finally:
        hall.close()
