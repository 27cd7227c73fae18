"""Offline from cold, on screen: a terminal that starts while its server is unreachable offers
the offline login (离线登录) to the staff it keeps and opens the offline desk; a terminal
with nobody kept points to the paper kit; login windows try the server again by themselves
(a real PostgreSQL stopped and started again, tests/test_ui_reconnect.py).

The unreachable server here is a real one: a PostgreSQL URL on a port nothing listens on."""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hall_app.config import Config
from hall_app.services.hall import open_hall
from hall_app.services.local_cache import LoginCache
from hall_app.ui.app import GuiSession
from hall_app.ui.offline_start import OfflineStartWindow
from hall_app.ui.settings import WINDOW_NUMBER, Settings

TERMINAL = "window01-pc"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def worked_here(url: str, staff: list[tuple[str, int | None]]) -> None:
    """This PC's past: the staff logged in here while online, and the offline numbers and
    catalog snapshot were prepared (as the main window does after a login)."""
    hall = open_hall(Config(db_url=url, terminal=TERMINAL), upgrade=False)
    try:
        hall.auth.keep_logins(LoginCache.for_terminal(TERMINAL))
        for staff_no, window in staff:
            actor = hall.auth.login(staff_no, f"demo{staff_no}", window)
            if window:  # what the login window remembers
                Settings().set(WINDOW_NUMBER, window)
            hall.fallback.prepare(actor, hall.journal)
            hall.auth.refresh_cache()  # what the main window does after each preparation
    finally:
        hall.close()


@pytest.fixture
def server_down(monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"postgresql+psycopg://app@127.0.0.1:{free_port()}/postgres"
    monkeypatch.setenv("HALL_DB_URL", url)
    monkeypatch.setenv("HALL_TERMINAL", TERMINAL)
    return url


def start(qtbot: QtBot) -> GuiSession:
    session = GuiSession(QApplication.instance(), demo=False)  # type: ignore[arg-type]
    session.start()
    assert session.login is not None
    qtbot.addWidget(session.login)
    login = session.login
    qtbot.waitUntil(lambda: login.unreachable, timeout=20000)
    return session


def finish(session: GuiSession) -> None:
    """Leave nothing running: the windows are closed without going back to the login."""
    window = session.window
    if window is not None:
        window.destroyed.disconnect()
        if isinstance(window, OfflineStartWindow):
            window.probe_timer.stop()
        window.close()
    if session.login is not None:
        session.login.retry_timer.stop()
    assert session.runner.wait(20000) and session.prober.wait(20000)
    for hall in {id(h): h for h in (session._cold, session.hall) if h is not None}.values():
        hall.close()


@pytest.fixture
def session(qtbot: QtBot, server_down: str, settings: Settings) -> Iterator[list[GuiSession]]:
    """The sessions a test starts, finished at its end (and this PC's settings cleared)."""
    holder: list[GuiSession] = []
    yield holder
    for s in holder:
        finish(s)
    settings.qs.clear()


def test_a_cold_start_with_the_server_down_offers_the_offline_login_and_opens_the_desk(
    qtbot: QtBot, sqlite_url: str, server_down: str, session: list[GuiSession]
) -> None:
    worked_here(sqlite_url, [("1001", 1)])
    s = start(qtbot)
    session.append(s)
    login = s.login
    assert login is not None
    assert login.offline_mark.isVisible() and login.offline_mark.text() == "离线登录"
    assert login.ok_button.text() == "离线登录" and login.ok_button.isEnabled()
    assert "数据库无法连接" in login.message.text() or "无法连接" in login.message.text()
    assert login.window_box.currentData() == 1  # this PC's window, from the kept list
    # the notes grow the window instead of squeezing the fields (seen in English under Xvfb)
    layout = login.layout()
    qtbot.waitUntil(lambda: layout.totalHeightForWidth(login.width()) <= login.height())

    login.staff_no.setText("1001")
    login.password.setText("wrong")
    qtbot.mouseClick(login.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "工号或密码不正确" in login.message.text())
    assert s.window is None and login.isVisible()

    login.password.setText("demo1001")
    qtbot.mouseClick(login.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(s.window, OfflineStartWindow))
    window = s.window
    assert isinstance(window, OfflineStartWindow)
    assert "离线登录" in window.banner.text() and "1号窗口" in window.banner.text()
    desk = window.desk
    qtbot.waitUntil(lambda: desk.catalog.rowCount() > 60)  # the snapshot kept in the journal
    qtbot.waitUntil(lambda: desk.status is not None and desk.status.pending >= 2)
    kinds = [r.kind for r in window.hall.journal.records()]
    assert kinds[:2] == ["offline_login", "offline_enter"]
    assert not window.back_button.isVisible()  # the server is still down


def test_staff_not_seen_here_for_30_days_are_refused(
    qtbot: QtBot,
    sqlite_url: str,
    server_down: str,
    session: list[GuiSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime as dt

    from hall_app.services import context

    worked_here(sqlite_url, [("1001", 1)])
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    monkeypatch.setattr(context, "system_clock", lambda: later)
    s = start(qtbot)
    session.append(s)
    login = s.login
    assert login is not None
    # nobody left to offer the offline login to: the paper kit
    assert not login.offline_mark.isVisible() and not login.ok_button.isEnabled()
    assert "请使用纸质应急包登记，并联系管理员" in login.offline_note.text()


def test_a_pc_nobody_worked_on_points_to_the_paper_kit(
    qtbot: QtBot, server_down: str, session: list[GuiSession]
) -> None:
    s = start(qtbot)
    session.append(s)
    login = s.login
    assert login is not None
    assert login.offline_note.isVisible()
    assert "请使用纸质应急包登记，并联系管理员" in login.offline_note.text()
    assert not login.ok_button.isEnabled() and not login.offline_mark.isVisible()
    assert "自动重试" in login.status.text()


def test_a_login_window_opens_the_database_by_itself_once_it_is_there(
    qtbot: QtBot,
    sqlite_url: str,
    session: list[GuiSession],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The simple case on SQLite: the database's folder (a network share, say) is not there
    at start-up; once it is, the login window opens it and enables the login, no click."""
    worked_here(sqlite_url, [("1001", 1)])
    share = tmp_path / "share"
    monkeypatch.setenv("HALL_DB_URL", f"sqlite:///{share / 'hall.sqlite3'}")
    s = start(qtbot)
    session.append(s)
    login = s.login
    assert login is not None and login.offline_mark.isVisible()
    assert not login.backup_button.isVisible() and not login.fresh_button.isVisible()
    login.staff_no.setText("1001")  # the clerk waits at the login window
    source = Path(sqlite_url.removeprefix("sqlite:///"))
    staging = tmp_path / "staging"
    staging.mkdir()
    shutil.copy(source, staging / "hall.sqlite3")
    staging.rename(share)  # the share appears, database and all
    qtbot.waitUntil(lambda: login.hall is not None and not login.unreachable)
    assert login.ok_button.isEnabled() and login.ok_button.text() == "登录"
    assert login.window_box.count() > 20 and login.window_box.currentData() == 1


def test_work_from_cold_is_merged_after_the_way_back(
    qtbot: QtBot,
    sqlite_url: str,
    session: list[GuiSession],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """From cold to online: offline login, a ticket issued at the desk; the database is back,
    the desk offers the way back, the online login merges the journal (the offline login
    audited once, the ticket in the queue)."""
    from sqlalchemy import select

    from hall_app.store import models as m
    from hall_app.ui.main_window import MainWindow

    worked_here(sqlite_url, [("2001", None)])  # reception
    share = tmp_path / "share"
    monkeypatch.setenv("HALL_DB_URL", f"sqlite:///{share / 'hall.sqlite3'}")
    s = start(qtbot)
    session.append(s)
    login = s.login
    assert login is not None
    login.staff_no.setText("2001")
    login.password.setText("demo2001")
    qtbot.mouseClick(login.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(s.window, OfflineStartWindow))
    window = s.window
    assert isinstance(window, OfflineStartWindow) and s.hall is None  # an unopened hall
    desk = window.desk
    qtbot.waitUntil(lambda: desk.catalog.rowCount() > 60)
    desk.search.setText("A")
    qtbot.waitUntil(lambda: desk.selected_entry() is not None)
    with qtbot.waitSignal(desk.issued):
        desk.issue_selected()
    number = desk.last_number.text()

    staging = tmp_path / "staging"
    staging.mkdir()
    shutil.copy(Path(sqlite_url.removeprefix("sqlite:///")), staging / "hall.sqlite3")
    staging.rename(share)
    qtbot.waitUntil(lambda: window.back_button.isVisible())
    qtbot.mouseClick(window.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: s.login is not None and s.login.ok_button.isEnabled())
    again = s.login
    assert again is not None and not again.unreachable
    qtbot.addWidget(again)
    again.staff_no.setText("2001")
    again.password.setText("demo2001")
    qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(s.window, MainWindow))
    main = s.window
    qtbot.waitUntil(lambda: not main._reconciling and main.hall.desk.status().pending == 0)
    assert s.hall is not None
    with s.hall.db.read() as db:
        audited = db.scalars(
            select(m.AuditEntry.terminal).where(m.AuditEntry.action == "offline_login")
        ).all()
        issued = db.scalars(select(m.Ticket.number).where(m.Ticket.number.like("S%"))).all()
    assert audited == [TERMINAL]
    assert len(issued) == 1 and issued[0] in number
