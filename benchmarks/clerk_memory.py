"""Memory of a clerk terminal and the calling board over a day of tickets.

    .venv/bin/python benchmarks/clerk_memory.py [--tickets 1000] [--warmup 100]

Offscreen, on a fresh SQLite database holding the demo catalog: the clerk's main window
(window 1) and the board, each ticket issued at reception, then called (F1), started (F3),
finished (F4) and rated. By default the real rating dialog opens after F4 and the citizen
closes it (Esc, as ``reject()``); with ``--stub-rating`` its ``ask()`` is replaced by the
citizen's answer (``_rate`` below), measuring only the screens around it.

Prints the resident memory (VmRSS) at the start, after the warm-up and every 100 tickets, and
fails (exit 1) when it grows by more than ``--max-growth`` (10 %) after the warm-up. A dialog
created with the screen as parent and never deleted shows up here as a steady climb.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_TMP = Path(tempfile.mkdtemp(prefix="hall-memory-"))
for _var in ("HALL_DATA_DIR", "HALL_CONFIG_DIR", "HALL_LOG_DIR"):
    os.environ[_var] = str(_TMP / _var.lower())

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from hall_app import paths  # noqa: E402
from hall_app.config import Config  # noqa: E402
from hall_app.domain.tickets import TicketState  # noqa: E402
from hall_app.services.catalog import bootstrap_actor  # noqa: E402
from hall_app.services.hall import open_hall  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status (Linux only)")


def settle(until: Callable[[], bool], timeout: float = 30.0) -> None:
    """Run an event loop, as the app's main loop would (deferred deletions included),
    until ``until()`` holds."""
    deadline = time.monotonic() + timeout
    loop = QEventLoop()

    def check() -> None:
        if until():
            loop.quit()
        elif time.monotonic() > deadline:
            loop.exit(1)

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(2)
    code = loop.exec() if not until() else 0
    timer.stop()
    if code:
        raise TimeoutError("the screen did not reach the expected state")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--max-growth", type=float, default=0.10)
    parser.add_argument(
        "--stub-rating",
        action="store_true",
        help="replace RatingDialog.ask() instead of opening the real dialog",
    )
    args = parser.parse_args()

    from hall_app.ui.app import setup_application
    from hall_app.ui.board import BoardWindow
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.rating import RatingDialog
    from hall_app.ui.settings import PRINT_TICKETS, Settings
    from hall_app.ui.voice import Announcer, SilentBackend
    from hall_app.ui.worker import Runner

    app = setup_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(_TMP / "qs"))
    gc.disable()  # as in the app (ui/gc.py): collected on the GUI thread between tickets
    hall = open_hall(Config(db_url=f"sqlite:///{_TMP / 'hall.sqlite3'}", terminal="memory"))
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    settings = Settings()
    settings.set(PRINT_TICKETS, False)
    runner = Runner(app)

    def _rate(cls, parent, number):  # type: ignore[no-untyped-def]
        """The citizen presses 满意 (4): (level, comment, entered by staff)."""
        return 4, "", False

    if args.stub_rating:
        RatingDialog.ask = classmethod(_rate)  # type: ignore[method-assign,assignment]

    def close_modal() -> None:  # no return value: PySide6 slots returning bools crashed here
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            dialog.reject()

    citizen = QTimer()  # the citizen at the rating pad closes whatever modal dialog opens
    citizen.timeout.connect(close_modal)
    citizen.start(5)

    reception = hall.auth.login("2001", "demo2001")
    clerk = hall.auth.login("1001", "demo1001", 1)
    window = MainWindow(hall, runner, clerk, settings)
    window.show()
    board = BoardWindow(hall, runner, settings, Announcer(SilentBackend(), repeat=1))
    board.resize(1366, 768)
    board.show()
    view = window.clerk
    assert view is not None
    settle(lambda: not runner.busy)

    def one_ticket() -> None:
        number = hall.tickets.issue(reception, category_code="A").ticket.number
        view.actions["call"].trigger()
        settle(lambda: view.current is not None and view.current.number == number)
        view.actions["start"].trigger()
        settle(lambda: view.current is not None and view.current.state is TicketState.SERVING)
        view.actions["finish"].trigger()
        settle(lambda: view.current is None and not runner.busy)
        board.poll()
        settle(lambda: not runner.busy and not board._polling)
        gc.collect()

    start = rss_mb()
    print(
        f"rating dialog: {'stubbed ask()' if args.stub_rating else 'real, closed by the citizen'}"
    )
    print(f"start           {start:7.1f} MB")
    began = time.perf_counter()
    for _ in range(args.warmup):
        one_ticket()
    warm = rss_mb()
    print(f"after warm-up   {warm:7.1f} MB   ({args.warmup} tickets)")
    for done in range(1, args.tickets - args.warmup + 1):
        one_ticket()
        if done % 100 == 0:
            print(f"ticket {done + args.warmup:5d}    {rss_mb():7.1f} MB", flush=True)
    end = rss_mb()
    growth = (end - warm) / warm
    seconds = time.perf_counter() - began
    print(f"end             {end:7.1f} MB   ({args.tickets} tickets in {seconds:.0f} s)")
    print(
        f"growth after warm-up: {end - warm:+.1f} MB ({growth:+.1%}), "
        f"{(end - warm) / max(1, args.tickets - args.warmup) * 1024:.1f} KB per ticket; "
        f"limit {args.max_growth:.0%}"
    )
    alive = len(window.findChildren(QDialog)) + len(board.findChildren(QDialog))
    print(f"dialogs still alive under the clerk window and the board: {alive}")
    window.poll_timer.stop()
    window.close()
    board.close()
    runner.wait(10000)
    hall.close()
    return 0 if growth <= args.max_growth else 1


if __name__ == "__main__":
    sys.exit(main())
