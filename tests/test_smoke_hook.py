"""The smoke run of scripts/bundle-smoke (hall_app/ui/smoke.py), in-process on the source tree:
each demo role logs in through the real login dialog and services on a fresh demo database,
and every tab of its main window is built, shown and painted. A screen that fails to build
fails here without building the bundle."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hall_app.ui import smoke
from hall_app.ui.app import GuiSession

# importing QtMultimedia on a machine without PipeWire says so once: not a failure here
# the smoke answers the real 'ticket in hand' question at logout itself (smoke._answer_leave)
pytestmark = [pytest.mark.qt_log_ignore("pipewire"), pytest.mark.modal_dialogs]

WHOLE_RUN_MS = 1_800_000  # a guard only: each step has its own limit in SmokeRun


@pytest.fixture(autouse=True)
def _stay_logged_in_with_a_ticket() -> list[str]:
    """Overrides conftest's stub: the smoke answers the real 'ticket in hand' question."""
    return []


@pytest.fixture
def session(qtbot: QtBot) -> Iterator[GuiSession]:
    """``hall-app gui --demo`` in this process: the login dialog, the demo database opening."""
    s = GuiSession(QApplication.instance(), demo=True)  # type: ignore[arg-type]
    s.start()
    yield s
    s.runner.wait(10000)
    for widget in (s.window, s.login):
        try:
            if widget is not None and widget.isVisible():
                if widget is s.login:
                    widget.rejected.disconnect()  # it would quit the application
                widget.close()
        except RuntimeError:  # already deleted
            pass
    s.runner.wait(10000)
    if s.hall is not None:
        s.hall.close()


def _run(
    qtbot: QtBot,
    session: GuiSession,
    roles: tuple[tuple[str, int | None], ...],
    material_check: bool = True,
) -> smoke.SmokeRun:
    run = smoke.SmokeRun(session, roles, material_check=material_check, step_seconds=300)
    with qtbot.waitSignal(run.finished, timeout=WHOLE_RUN_MS):
        run.start()
    return run


@pytest.mark.parametrize(("staff_no", "window"), smoke.ROLES, ids=[s for s, _w in smoke.ROLES])
def test_every_tab_builds_for_each_demo_role(
    qtbot: QtBot, session: GuiSession, staff_no: str, window: int | None
) -> None:
    run = _run(qtbot, session, ((staff_no, window),))
    assert run.failures == []
    tabs = run.tabs[staff_no]
    assert len(tabs) >= (8 if staff_no in ("3001", "9001") else 4)
    for name in tabs:  # each built, shown, painted and loaded
        assert f"{staff_no} 标签页 / tab {name}" in run.passed
    assert f"{staff_no} 退出登录 / log out" in run.passed
    if window is not None:  # the clerk got as far as the notice slip's PDF preview
        assert f"{staff_no} 预览已载入 PDF / preview loaded the PDF" in run.passed
    assert sys.excepthook is not run._excepthook  # restored


def test_a_screen_whose_module_is_missing_fails_the_run(
    qtbot: QtBot, session: GuiSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundle's defect, reproduced in the source tree: PySide6.QtCharts cannot be imported
    (as when build.spec excluded it), so the main window fails after the login."""
    for name in ("hall_app.ui.main_window", "hall_app.ui.tidal"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "PySide6.QtCharts", None)  # import fails
    monkeypatch.setattr(smoke, "QT_MODULES", ("QtCore",))  # met first in the login's path
    run = _run(qtbot, session, (("3001", None),), material_check=False)
    assert run.failures
    assert run.failures[0].startswith("未处理的异常 / unhandled exception")  # the crash dialog's
    assert "PySide6.QtCharts" in run.failures[0]
    assert "3001 登录 / log in" not in run.passed


def test_a_tab_that_fails_when_shown_fails_the_run(
    qtbot: QtBot, session: GuiSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hall_app.ui.followups_view import FollowUpsView

    painted: list[object] = []

    def broken(self: FollowUpsView, event: object) -> None:
        painted.append(event)
        if len(painted) == 1:  # once: later repaints must not fail outside the run
            raise RuntimeError("broken tab")

    monkeypatch.setattr(FollowUpsView, "paintEvent", broken)
    run = _run(qtbot, session, (("3001", None),), material_check=False)
    assert any("broken tab" in f for f in run.failures)
    assert "3001 标签页 / tab 整改回访" not in run.passed


def test_the_hook_needs_the_variable_the_demo_and_the_offscreen_platform(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv(smoke.ENV, raising=False)
    assert not smoke.requested(demo=True)
    monkeypatch.setenv(smoke.ENV, "1")
    assert smoke.requested(demo=True)
    assert not smoke.requested(demo=False)  # never on a real hall's database
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert not smoke.requested(demo=True)  # never on a real screen


def test_the_run_imports_every_qt_module_the_app_uses() -> None:
    """A module only one screen or the board's voice imports must be in the bundle too."""
    used: set[str] = set()
    for path in Path(smoke.__file__).resolve().parents[1].rglob("*.py"):
        used |= set(re.findall(r"^\s*from PySide6\.(\w+) import", path.read_text("utf-8"), re.M))
    assert used <= set(smoke.QT_MODULES), sorted(used - set(smoke.QT_MODULES))
