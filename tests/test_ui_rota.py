"""The rota editor (系统 → 当天排班…, Ctrl+Shift+B) on a real database: the day's shifts with
names and the staff-hours, a break edited by keyboard and saved, a bad value and a bad row
refused with their messages and nothing lost, a CSV imported, rows added and removed by
keyboard, the menu entry for supervisors only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from hall_app.domain.rota import Kind
from hall_app.services.hall import Hall
from hall_app.store import models as m
from hall_app.ui.rota import SHORTCUT, RotaDialog
from hall_app.ui.rota_model import END, START, WINDOW
from hall_app.ui.worker import Runner
from tests.conftest import login, system_menu_entries


def _dialog(qtbot: QtBot, hall: Hall, runner: Runner) -> RotaDialog:
    dialog = RotaDialog(hall, runner, login(hall, "3001"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: dialog.shifts.rowCount() > 0)
    return dialog


def _row_of(dialog: RotaDialog, kind: Kind, staff_no: str, start: int) -> int:
    return next(
        r
        for r in range(dialog.shifts.rowCount())
        if (dialog.shifts.row(r).kind, dialog.shifts.row(r).staff_no, dialog.shifts.row(r).start)
        == (kind, staff_no, start)
    )


def _saved_days(hall: Hall) -> int:
    with hall.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(m.RotaDay)) or 0)


def _type_into(qtbot: QtBot, dialog: RotaDialog, row: int, column: int, text: str) -> None:
    """Select a cell, F2, type over it, Enter: the way a supervisor edits it."""
    dialog.table.setCurrentIndex(dialog.shifts.index(row, column))
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editors = dialog.table.viewport().findChildren(QLineEdit)
    qtbot.waitUntil(lambda: any(e.isVisible() for e in editors))
    (editor,) = [e for e in editors if e.isVisible()]
    assert editor.text() == dialog.shifts.data(dialog.shifts.index(row, column))
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QTest cannot type Chinese: an input method's commit
        editor.insert(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits on the next turn of the event loop, then deletes the editor
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)


def test_the_default_day_with_names_and_staff_hours(
    qtbot: QtBot, qtmodeltester, live_hall: Hall, runner: Runner
) -> None:
    dialog = _dialog(qtbot, live_hall, runner)
    qtmodeltester.check(dialog.shifts)
    qtmodeltester.check(dialog.minimums)
    first = [dialog.shifts.data(dialog.shifts.index(0, c)) for c in range(6)]
    assert first == ["上岗", "1001", "王丽", "1", "08:30", "12:00"]
    assert dialog.note.text() == "当天未保存排班，使用大厅默认排班"
    assert dialog.hours.text() == "窗口在岗合计 208 小时 0 分钟"  # 32 × (7 h − 30 min)
    assert dialog.minimums.minimums() == dict.fromkeys("ABCDEFGHKP", 1)


def test_a_break_edited_by_keyboard_and_saved(
    qtbot: QtBot, live_hall: Hall, runner: Runner
) -> None:
    dialog = _dialog(qtbot, live_hall, runner)
    row = _row_of(dialog, Kind.BREAK, "1001", 600)
    _type_into(qtbot, dialog, row, END, "10:50")
    _type_into(qtbot, dialog, row, START, "10:30")
    assert (dialog.shifts.row(row).start, dialog.shifts.row(row).end) == (630, 650)
    assert dialog.hours.text() == "窗口在岗合计 207 小时 55 分钟"  # the break is 20 min now
    dialog.save()
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text())
    assert dialog.note.text() == ""
    stored = live_hall.rota.day(live_hall.ctx.today())
    assert stored.breaks("1001")[0].start == 630 and stored.breaks("1001")[0].end == 650


def test_a_bad_value_and_a_bad_row_are_refused_and_nothing_is_lost(
    qtbot: QtBot, live_hall: Hall, runner: Runner
) -> None:
    dialog = _dialog(qtbot, live_hall, runner)
    _type_into(qtbot, dialog, 0, WINDOW, "99")
    assert dialog.message.text() == "第 1 行：99号窗口不存在"
    _type_into(qtbot, dialog, 0, START, "8点半")
    assert dialog.message.text() == "第 1 行：时间「8点半」不正确，应如 08:30"
    _type_into(qtbot, dialog, 0, END, "08:30")
    assert dialog.message.text() == "第 1 行：结束时间应晚于开始时间"
    assert dialog.shifts.data(dialog.shifts.index(0, WINDOW)) == "1"
    assert dialog.shifts.data(dialog.shifts.index(0, END)) == "12:00"
    assert dialog.shifts.data(dialog.shifts.index(0, START)) == "08:30"
    # a row that is fine alone but not in the hall: 1034 at window 11 (lane C, not his)
    rows = dialog.shifts.rowCount()
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.shifts.index(rows - 1, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    assert dialog.shifts.rowCount() == rows + 1
    new = dialog.table.currentIndex().row()
    for column, text in (
        (0, "上岗"),
        (1, "1034"),
        (WINDOW, "11"),
        (START, "09:00"),
        (END, "10:00"),
    ):
        assert dialog.shifts.setData(dialog.shifts.index(new, column), text)
    assert dialog.shifts.data(dialog.shifts.index(new, 2)) == "沈佳怡"
    dialog.save()
    qtbot.waitUntil(lambda: "未保存" in dialog.message.text())
    assert "工号 1034 不具备11号窗口任一业务类别（C）的办理资格" in dialog.message.text()
    assert "11号窗口在 09:00 同时排了 1011 和 1034" in dialog.message.text()
    assert dialog.shifts.rowCount() == rows + 1  # the edits stay to be put right
    assert _saved_days(live_hall) == 0
    dialog.table.setFocus()
    dialog.table.selectRow(new)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert dialog.shifts.rowCount() == rows
    dialog.save()
    qtbot.waitUntil(lambda: "已保存" in dialog.message.text())
    assert _saved_days(live_hall) == 1


def test_the_days_staffing_changes_are_listed(
    qtbot: QtBot, live_hall: Hall, runner: Runner
) -> None:
    boss = login(live_hall, "3001")
    live_hall.rota.close_window(boss, 32, 580, {"p95": [48, 31]}, "工程建设项目窗口空闲")
    live_hall.auth.logout(boss)
    dialog = _dialog(qtbot, live_hall, runner)
    qtbot.waitUntil(lambda: dialog.changes.count() == 1)
    line = dialog.changes.item(0).text()
    assert " 关闭窗口 1032 32号窗口 09:40→12:00\n   工程建设项目窗口空闲" in line
    assert dialog.note.text() == ""  # the change saved the day's rota
    dialog.date.setDate(QDate(2026, 12, 7))
    qtbot.waitUntil(lambda: dialog.changes.item(0).text() == "当天没有人员调整")


def test_import_a_csv_and_another_date(
    qtbot: QtBot, live_hall: Hall, runner: Runner, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, live_hall, runner)
    dialog.date.setDate(QDate(2026, 12, 7))
    path = tmp_path / "monday.csv"
    path.write_text(
        "kind,staff_no,window,start,end\nwork,1033,11,09:00,12:00\nbreak,1033,,10:00,10:30\n"
        "minimum,C,2,,\n",
        encoding="utf-8-sig",
    )
    dialog.import_path(path)
    qtbot.waitUntil(lambda: "已导入" in dialog.message.text())
    assert dialog.shifts.rowCount() == 2
    assert dialog.hours.text() == "窗口在岗合计 2 小时 30 分钟"
    assert dialog.minimums.minimums()["C"] == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,staff_no,window,start,end\nwork,1033,11,9点,12:00\n")
    dialog.import_path(bad)
    qtbot.waitUntil(lambda: "第 2 行" in dialog.message.text())
    assert dialog.shifts.rowCount() == 2
    out = tmp_path / "out.csv"
    dialog.export_to(out)
    assert out.read_text(encoding="utf-8").startswith(
        "kind,staff_no,window,start,end\nwork,1033,11,09:00,12:00\n"
    )


def test_only_supervisors_and_admins_have_the_menu_entry(
    qtbot: QtBot, live_hall: Hall, runner: Runner
) -> None:
    def entry(staff_no: str, window: int | None = None) -> list[object]:
        return system_menu_entries(qtbot, live_hall, runner, "当天排班…", staff_no, window)

    (action,) = entry("3001")
    assert action.shortcut().toString() == SHORTCUT
    assert entry("2001") == []
    assert entry("1001", 1) == []


def test_the_rota_models_pass_the_model_tester(qtmodeltester, live_hall: Hall) -> None:  # type: ignore[no-untyped-def]
    from hall_app.ui.rota_model import MinimumModel, ShiftModel

    rota = live_hall.rota.day(live_hall.ctx.today())
    shifts = ShiftModel()
    shifts.set_rota(rota)
    assert shifts.rowCount() > 30
    qtmodeltester.check(shifts, force_py=True)
    minimums = MinimumModel()
    minimums.set_minimums(dict(rota.minimums) or {"A": 1, "C": 2})
    assert minimums.rowCount() > 0
    qtmodeltester.check(minimums, force_py=True)
