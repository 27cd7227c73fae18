"""Login windows try the server again by themselves: a real PostgreSQL of the test's own,
stopped the hard way (``scripts/pg-server halt``) and started again (``resume``).

One terminal's morning: it starts while the server is down (offline login offered), the
server comes back and the normal login is ready with no click; the server goes away again
while a clerk logs in, who then logs in offline and works at the offline desk; the server
comes back, the desk offers the way back, the clerk logs in online and the journal is
merged, the offline login written once to the audit trail."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hall_app import paths
from hall_app.config import Config
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.hall import open_hall
from hall_app.store import models as m
from hall_app.ui.app import GuiSession
from hall_app.ui.main_window import MainWindow
from hall_app.ui.offline_start import OfflineStartWindow
from hall_app.ui.settings import Settings
from tests.test_ui_cold_start import TERMINAL, finish, free_port, start, worked_here

ROOT = Path(__file__).resolve().parent.parent
PG = str(ROOT / "scripts" / "pg-server")


@pytest.fixture
def own_server(pg_server: object) -> Iterator[tuple[str, Callable[[str], None]]]:
    """A PostgreSQL only this test uses (the shared one must not stop), seeded with the demo
    hall; ``ctl("halt")`` stops it abruptly, ``ctl("resume")`` starts it again."""
    work = Path(tempfile.mkdtemp(prefix="hall-reconnect-"))
    work.chmod(0o755)  # the server runs as the postgres user when the tests run as root
    pg_dir, port = work / "pg", free_port()
    url = subprocess.run(
        [PG, "start", str(pg_dir), str(port)], check=True, capture_output=True, text=True
    ).stdout.strip()

    def ctl(command: str) -> None:
        subprocess.run([PG, command, str(pg_dir), str(port)], check=True)

    try:
        hall = open_hall(Config(db_url=url, terminal="seed"), upgrade=True)
        try:
            hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        finally:
            hall.close()
        yield url, ctl
    finally:
        subprocess.run([PG, "stop", str(pg_dir)], check=False)
        shutil.rmtree(work, ignore_errors=True)


def _offline_logins(session: GuiSession) -> int:
    assert session.hall is not None
    with session.hall.db.read() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(m.AuditEntry)
                .where(m.AuditEntry.action == "offline_login")
            )
            or 0
        )


@pytest.mark.postgres
@pytest.mark.slow
def test_login_windows_reconnect_by_themselves_and_the_offline_login_is_merged(
    qtbot: QtBot,
    own_server: tuple[str, Callable[[str], None]],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, ctl = own_server
    worked_here(url, [("1001", 1)])
    monkeypatch.setenv("HALL_DB_URL", url)
    monkeypatch.setenv("HALL_TERMINAL", TERMINAL)
    ctl("halt")
    s = start(qtbot)  # waits until the login says the server is unreachable
    try:
        login = s.login
        assert login is not None and s.hall is None
        assert login.offline_mark.isVisible() and login.ok_button.text() == "离线登录"

        # the server comes back: the normal login is ready, nobody clicked anything
        ctl("resume")
        qtbot.waitUntil(lambda: login.hall is not None and not login.unreachable)
        assert login.ok_button.isEnabled() and login.ok_button.text() == "登录"
        assert not login.offline_mark.isVisible() and not login.recovery.isVisible()
        assert login.window_box.count() > 20  # the hall's windows, from the server

        # … and goes away again while a clerk logs in: the offline login is offered
        ctl("halt")
        login.staff_no.setText("1001")
        login.password.setText("demo1001")
        qtbot.mouseClick(login.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: login.unreachable and login.offline_mark.isVisible())
        assert login.ok_button.text() == "离线登录" and s.window is None
        login.password.setText("demo1001")
        qtbot.mouseClick(login.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(s.window, OfflineStartWindow))
        desk_window = s.window
        qtbot.waitUntil(lambda: desk_window.desk.catalog.rowCount() > 60)
        assert not desk_window.back_button.isVisible()

        # the server is back: the desk offers the way back; the online login merges
        ctl("resume")
        qtbot.waitUntil(lambda: desk_window.back_button.isVisible())
        assert "服务器已恢复连接" in desk_window.banner.text()
        qtbot.mouseClick(desk_window.back_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: (
                s.login is not None
                and s.login.hall is not None
                and s.login.ok_button.isEnabled()
                and not s.login.unreachable
            )
        )
        again = s.login
        assert again is not None
        qtbot.addWidget(again)
        again.staff_no.setText("1001")
        again.password.setText("demo1001")
        qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(s.window, MainWindow))
        qtbot.waitUntil(lambda: _offline_logins(s) == 1)
        main = s.window
        qtbot.waitUntil(lambda: not main._reconciling and main.hall.desk.status().pending == 0)
        assert _offline_logins(s) == 1
    finally:
        finish(s)
        settings.qs.clear()
