"""The audit viewer (系统 → 审计日志…): supervisors and admins only; a table over a model that
passes the model tester, filtered by staff, window, action and time, details masked; the
chain verified on demand (a tampered row named); the filtered entries exported."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from hall_app.services.context import audit
from hall_app.services.hall import Hall
from hall_app.ui.audit_view import SHORTCUT, AuditDialog
from hall_app.ui.worker import Runner
from tests.conftest import login, system_menu_entries

ID = "110105199001011234"


def _dialog(qtbot: QtBot, hall: Hall, runner: Runner, staff_no: str = "3001") -> AuditDialog:
    dialog = AuditDialog(hall, runner, login(hall, staff_no))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and dialog.action.count() > 1)
    return dialog


def test_the_model_passes_the_tester_and_shows_masked_details(
    qtbot: QtBot, qtmodeltester, live_hall: Hall, runner: Runner
) -> None:
    clerk = login(live_hall, "1001", 1)
    with live_hall.db.write() as s:
        audit(s, live_hall.ctx, clerk, "call", "ticket", 7, note=f"申请人 {ID}")
    live_hall.auth.logout(clerk)  # the supervisor below logs in at this terminal afterwards
    dialog = _dialog(qtbot, live_hall, runner)
    qtmodeltester.check(dialog.model)
    shown = [
        [dialog.model.data(dialog.model.index(r, c)) for c in range(dialog.model.columnCount())]
        for r in range(dialog.model.rowCount())
    ]
    assert not [cell for row in shown for cell in row if ID in cell]
    call = next(row for row in shown if row[5] == "叫号")  # the label, not the code
    assert call[2:4] == ["1001", "王丽"] and "110105********1234" in call[7]
    assert call[6] == "ticket 7"

    dialog.action.setCurrentIndex(dialog.action.findData("call"))
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    dialog.action.setCurrentIndex(0)
    dialog.staff.setCurrentIndex(dialog.staff.findData("3001"))
    dialog.refresh()
    qtbot.waitUntil(
        lambda: {dialog.model.row(r).staff_no for r in range(dialog.model.rowCount())} == {"3001"}
    )
    dialog.staff.setCurrentIndex(0)
    dialog.window_no.setValue(1)  # entries made while a session held window 1
    dialog.refresh()
    qtbot.waitUntil(
        lambda: (
            "call" in {dialog.model.row(r).action for r in range(dialog.model.rowCount())}
            and "3001" not in {dialog.model.row(r).staff_no for r in range(dialog.model.rowCount())}
        )
    )
    # an empty time range is refused with a message, not a query
    dialog.until.setDateTime(dialog.since.dateTime())
    dialog.refresh()
    assert "起始时间应早于截止时间" in dialog.message.text()


def test_verify_names_a_tampered_row_and_export_writes_csv(
    qtbot: QtBot, live_hall: Hall, runner: Runner, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, live_hall, runner, "9001")
    dialog.verify()
    qtbot.waitUntil(lambda: "哈希链完整" in dialog.message.text())
    with live_hall.db.engine.begin() as conn:
        victim = conn.execute(text("SELECT max(id) FROM audit_log")).scalar_one()
        conn.execute(text("UPDATE audit_log SET terminal = 'x' WHERE id = :i"), {"i": victim})
    dialog.verify()
    qtbot.waitUntil(lambda: "哈希链断开" in dialog.message.text())
    assert f"记录 #{victim}" in dialog.message.text() and "记录被改过" in dialog.message.text()
    (selected,) = dialog.table.selectionModel().selectedRows()
    assert dialog.model.row(selected.row()).id == victim
    out = tmp_path / "audit.csv"
    dialog.export_to(out)
    qtbot.waitUntil(lambda: "已导出" in dialog.message.text())
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["编号", "时间", "工号"] and len(rows) > 1


def test_only_supervisors_and_admins_have_the_menu_entry(
    qtbot: QtBot, live_hall: Hall, runner: Runner
) -> None:
    def entry(staff_no: str, window: int | None = None) -> list[object]:
        return system_menu_entries(qtbot, live_hall, runner, "审计日志…", staff_no, window)

    (action,) = entry("3001")
    assert action.shortcut().toString() == SHORTCUT
    assert entry("2001") == []
    assert entry("1001", 1) == []


def test_actions_are_shown_and_filtered_by_their_chinese_label(
    qtbot: QtBot, live_hall: Hall, runner: Runner
) -> None:
    clerk = login(live_hall, "1001", 1)
    with live_hall.db.write() as s:
        audit(s, live_hall.ctx, clerk, "command_refused", "command", None)
        audit(s, live_hall.ctx, clerk, "someday_new", "command", None)  # no label yet
    live_hall.auth.logout(clerk)
    dialog = _dialog(qtbot, live_hall, runner)
    combo = {
        dialog.action.itemData(i): dialog.action.itemText(i)
        for i in range(1, dialog.action.count())
    }
    assert combo["command_refused"] == "命令被拒绝" and combo["login"] == "登录"
    assert combo["someday_new"] == "someday_new"  # an unknown code is shown as itself
    refused = dialog.action.findData("command_refused")
    assert dialog.action.itemData(refused, Qt.ItemDataRole.ToolTipRole) == "command_refused"

    dialog.action.setCurrentIndex(refused)  # the filter still selects by the stored code
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    cell = dialog.model.index(0, 5)
    assert dialog.model.data(cell) == "命令被拒绝"
    assert dialog.model.data(cell, Qt.ItemDataRole.ToolTipRole) == "command_refused"


def test_the_range_opens_on_the_halls_day_not_the_pcs(
    qtbot: QtBot, sqlite_url: str, runner: Runner
) -> None:
    """The range was taken from the PC's clock and read back in the hall's zone: at night
    (UTC evening, the next morning in 重庆) or on a hall clock set apart from the PC's, the
    trail opened empty."""
    import datetime as dt

    from hall_app.config import Config
    from hall_app.services.context import FakeClock
    from hall_app.services.hall import open_hall
    from tests.conftest import SHANGHAI

    clock = FakeClock(dt.datetime(2026, 1, 15, 0, 30, tzinfo=SHANGHAI))  # far from the PC's day
    hall = open_hall(Config(db_url=sqlite_url, terminal="t"), upgrade=False, clock=clock)
    try:
        login(hall, "1001", 1)  # audited at the hall's 00:30
        dialog = _dialog(qtbot, hall, runner)
        assert dialog.since.dateTime().toPython() == dt.datetime(2026, 1, 8, 0, 0)
        assert dialog.until.dateTime().toPython() == dt.datetime(2026, 1, 16, 0, 0)
        assert dialog.model.rowCount() >= 1
        runner.wait(20000)
    finally:
        hall.close()
