"""How soon a displaced terminal notices that its window was taken over (issue 12, item 3).

A real clerk main window (offscreen) polls as the GUI does (``POLL_MS``); another terminal
(a second engine on the same SQLite file, in a thread) logs in at that window at a random
moment and takes it over. Measured: from the takeover's commit to the locked banner shown.

    .venv/bin/python benchmarks/takeover.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from hall_app.services.catalog import bootstrap_actor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def bench_takeover(rounds: int = 10) -> None:
    for var in ("HALL_DATA_DIR", "HALL_CONFIG_DIR", "HALL_LOG_DIR"):
        os.environ[var] = tempfile.mkdtemp()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from hall_app import paths
    from hall_app.config import Config
    from hall_app.services.hall import open_hall
    from hall_app.ui.main_window import POLL_MS, MainWindow
    from hall_app.ui.settings import ASK_RATING, Settings
    from hall_app.ui.worker import Runner

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(
        f"== 11. window takeover seen by the displaced terminal (GUI poll every {POLL_MS} ms, "
        "two engines, SQLite)"
    )
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'takeover.sqlite3'}"
    mine = open_hall(Config(db_url=url, terminal="clerk-pc"))
    mine.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    other = open_hall(Config(db_url=url, terminal="other-pc"))
    runner = Runner(app)
    settings = Settings()
    settings.set(ASK_RATING, False)
    rng = random.Random(12)
    delays: list[float] = []
    for _ in range(rounds):
        window = MainWindow(mine, runner, mine.auth.login("1001", "demo1001", 1), settings)
        window.show()
        deadline = time.perf_counter() + 3
        while time.perf_counter() < deadline:  # settle: first polls and refreshes
            app.processEvents()
            time.sleep(0.01)
        at: list[float] = []

        def take(at: list[float] = at) -> None:
            time.sleep(rng.uniform(0.0, POLL_MS / 1000))
            taker = other.auth.login("1002", "demo1002", 1, take_over=True)
            at.append(time.perf_counter())
            other.auth.logout(taker)  # the window is free again for the next round

        thread = threading.Thread(target=take)
        thread.start()
        while not window.takeover.isVisible():  # the GUI's own event loop, polling
            app.processEvents()
            time.sleep(0.002)
        seen = time.perf_counter()
        thread.join()
        delays.append(seen - at[0])
        window.close()
        runner.wait(5000)
        window.deleteLater()
        app.processEvents()
    print(
        f"   locked after median {statistics.median(delays):.2f} s, max {max(delays):.2f} s "
        f"(n={len(delays)})"
    )
    runner.wait(5000)
    mine.close()
    other.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    bench_takeover(parser.parse_args().rounds)


if __name__ == "__main__":
    main()
