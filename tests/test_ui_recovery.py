"""A damaged embedded database at start-up: a clear message and a way out, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hall_app import paths
from hall_app.ui.app import GuiSession


@pytest.fixture
def damaged() -> Path:
    path = paths.data_dir() / "hall.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)  # the header, then garbage
    return path


def _session(qtbot: QtBot, demo: bool) -> GuiSession:
    session = GuiSession(QApplication.instance(), demo)  # type: ignore[arg-type]
    session.start()
    assert session.login is not None
    qtbot.addWidget(session.login)
    qtbot.waitUntil(lambda: session.login.recovery.isVisible(), timeout=10000)  # type: ignore[union-attr]
    return session


def test_a_damaged_file_is_set_aside_and_a_new_database_opens(
    qtbot: QtBot, damaged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _session(qtbot, demo=True)
    login = session.login
    assert login is not None
    assert "损坏" in login.message.text()
    assert login.fresh_button.isVisible() and not login.backup_button.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(
        login.fresh_button, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: login.hall is not None, timeout=20000)
    assert login.ok_button.isEnabled() and not login.recovery.isVisible()
    assert "损坏的文件保留为" in login.message.text()
    kept = list(damaged.parent.glob("hall.sqlite3.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"SQLite format 3")
    session.runner.wait(5000)
    session.hall.close()  # type: ignore[union-attr]


def test_the_newest_backup_can_be_restored(
    qtbot: QtBot, damaged: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = damaged.with_name("hall.sqlite3.bak-0007")
    backup.write_bytes(sqlite_template.read_bytes())
    session = _session(qtbot, demo=False)
    login = session.login
    assert login is not None and login.backup_button.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    login.backup_button.click()
    qtbot.waitUntil(lambda: login.hall is not None, timeout=20000)
    assert "已从备份 hall.sqlite3.bak-0007 恢复" in login.message.text()
    assert login.window_box.count() > 1  # the windows of the restored hall
    session.runner.wait(5000)
    session.hall.close()  # type: ignore[union-attr]
