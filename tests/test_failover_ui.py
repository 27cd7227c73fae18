"""The supervisor's 提升备用服务器 in the app, on the PC that holds the standby: it shows what
each server is, refuses while the primary answers, promotes once it is gone (audited), and the
same window's services go on with the new primary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from hall_app import paths
from hall_app.config import Config
from hall_app.services.hall import Hall, open_hall
from hall_app.store import models as m
from hall_app.ui.standby import StandbyDialog, add_standby_action
from tests._standby import Pair, schema_and_catalog, start_pair
from tests.conftest import WAIT_FLOOR_MS


@pytest.fixture
def pair() -> Iterator[Pair]:
    yield from start_pair(schema_and_catalog)


@pytest.fixture
def standby_hall(pair: Pair) -> Iterator[Hall]:
    hall = open_hall(Config(db_url=pair.url(), terminal="值班长-PC"), upgrade=False)
    yield hall
    hall.close()


def test_the_supervisor_promotes_the_standby_from_the_app(
    qtbot,
    runner,
    pair: Pair,
    standby_hall: Hall,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hall = standby_hall
    supervisor = hall.auth.login("3001", "demo3001")
    from PySide6.QtWidgets import QMenu, QWidget

    # the menu entry exists only where the config file names a standby
    parent = QWidget()
    qtbot.addWidget(parent)
    menu = QMenu(parent)
    assert add_standby_action(menu, hall, runner, supervisor, parent) is None
    config = Path(paths.config_dir()) / "hall_app.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[standby]\ndata_dir = "{pair.standby_data}"\n', encoding="utf-8")
    action = add_standby_action(menu, hall, runner, supervisor, parent)
    assert action is not None and action.text() == "提升备用服务器…"
    clerk = hall.auth.login("1001", "demo1001", 1)
    assert add_standby_action(menu, hall, runner, clerk, parent) is None

    dialog = StandbyDialog(hall, runner, supervisor, hall.db.url, str(pair.standby_data))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.refresh()
    qtbot.waitUntil(lambda: "主服务器（可写）" in dialog.hosts.text(), timeout=WAIT_FLOOR_MS)
    assert f"127.0.0.1:{pair.standby_port}：备用服务器（只读）" in dialog.hosts.text()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_FLOOR_MS)

    dialog.promote_button.click()  # the primary still answers: refused
    qtbot.waitUntil(lambda: "仍在应答" in dialog.message.text(), timeout=WAIT_FLOOR_MS)
    assert dialog.promote_button.isEnabled()

    pair.pg("kill", str(pair.primary_dir))
    dialog.refresh()
    qtbot.waitUntil(lambda: "没有可写的主服务器" in dialog.hosts.text(), timeout=WAIT_FLOOR_MS)
    dialog.promote_button.click()
    qtbot.waitUntil(lambda: "已提升为主服务器" in dialog.message.text(), timeout=WAIT_FLOOR_MS)
    assert "暂未写入" not in dialog.message.text()
    qtbot.waitUntil(
        lambda: f"127.0.0.1:{pair.standby_port}：主服务器（可写）" in dialog.hosts.text(),
        timeout=WAIT_FLOOR_MS,
    )
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_FLOOR_MS)
    # the same services, without a restart, on the new primary; the promotion is audited
    with hall.db.read() as s:
        entry = s.execute(
            select(m.AuditEntry.staff_id, m.AuditEntry.detail).where(
                m.AuditEntry.action == "standby_promote"
            )
        ).one()
    assert entry.staff_id == supervisor.staff_id and '"how": "app"' in entry.detail
    assert hall.db.server() == f"127.0.0.1:{pair.standby_port}"
