"""A refusal notice handed out on paper (the kit's numbered 不予受理通知书, BY-…) is a legal
decision with a 60-day and six-month remedy clock: it must come back into the system. It
had no back-entry kind and the ledger did not count the BY numbers, so a used refusal was
lost while the ledger said 台账已平. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hall_app.domain.errors import InvalidInput
from hall_app.services.context import FakeClock
from hall_app.services.fallback import BackEntry
from hall_app.services.hall import Hall
from hall_app.store import models as m
from hall_app.ui.back_entry import BackEntryView
from hall_app.ui.incident import IncidentView
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.conftest import login
from tests.test_ui_incident import _enter, _refresh, _show

ID = "11010519491231002X"


def test_a_paper_refusal_is_entered_and_counted_in_the_ledger(hall: Hall, clock: FakeClock) -> None:
    fb, boss, clerk = hall.fallback, login(hall, "3001"), login(hall, "1005", 5)
    incident = fb.declare(boss, "服务器故障")
    kit = fb.kit(boss, incident.number)
    refusal = kit.refusals[0]
    clock.advance(minutes=30)
    refusals = next(x for x in fb.ledger(incident.number).lines if x.kind == "refusal")
    assert refusals.reserved == len(kit.refusals) and refusals.entered == 0

    time = f"{hall.ctx.local(clock.now):%H:%M}"
    entry = BackEntry(
        kind="refusal",
        number=refusal.serial,
        time=time,
        paper_ref="不予受理通知书存根",
        item_code=refusal.item_code,
        name="赵六",
        id_number=ID,
        phone="13900000000",
    )
    with pytest.raises(InvalidInput, match="不予受理理由"):
        fb.back_enter(clerk, incident.number, entry)
    entry = BackEntry(
        **{**entry.__dict__, "reason": "申请事项依法不属于本机关职权范围，请向市局申请"}
    )
    assert fb.back_enter(clerk, incident.number, entry) == refusal.serial
    with hall.ctx.db.read() as s:
        row = s.scalars(select(m.Notice).where(m.Notice.serial == refusal.serial)).one()
        assert row.kind == "refusal" and "职权范围" in row.refusal_reason
        assert hall.ctx.local(row.issued_at).strftime("%H:%M") == time
    refusals = next(x for x in fb.ledger(incident.number).lines if x.kind == "refusal")
    assert refusals.entered == 1 and refusals.outstanding == len(kit.refusals) - 1


@pytest.mark.qt_log_ignore("This plugin does not support (grabbing the keyboard|raise)")
def test_the_back_entry_screen_takes_a_refusal_with_ctrl_5(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, clock: FakeClock
) -> None:
    hall = sqlite_hall
    boss = login(hall, "3001")
    number = hall.fallback.declare(boss, "网络中断").number
    refusal = hall.fallback.kit(boss, number).refusals[0]
    clock.advance(minutes=30)
    view = BackEntryView(hall, runner, login(hall, "1005", 5), Settings())
    _show(qtbot, view)
    _refresh(qtbot, view)
    qtbot.keyClick(view.number, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert view.kind == "refusal" and view.answer.isVisibleTo(view)
    assert "不予受理理由" in view.form.labelForField(view.answer).text()  # type: ignore[attr-defined]
    _enter(qtbot, view, refusal.serial.rsplit("-", 1)[1])  # the digits alone
    _enter(qtbot, view, f"{hall.ctx.local(clock.now):%H%M}")
    _enter(qtbot, view, refusal.item_code)
    _enter(qtbot, view, "赵六", chinese=True)
    _enter(qtbot, view, ID)
    _enter(qtbot, view, "13900000000")
    assert QApplication.focusWidget() is view.answer
    view.answer.insert("不属于本机关职权范围")
    view.paper_ref.setText("不予受理通知书存根 第1张")
    with qtbot.waitSignal(view.saved, timeout=10000) as saved:
        qtbot.keyClick(view.answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0] == refusal.serial
    with hall.ctx.db.read() as s:
        row = s.scalars(select(m.Notice).where(m.Notice.serial == refusal.serial)).one()
        assert (row.kind, row.refusal_reason) == ("refusal", "不属于本机关职权范围")


def test_the_console_names_the_drawer_kits_before_the_incident_has_one(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner
) -> None:
    """A kit printed in advance is what the hall hands out when the server fails; the console
    said only 尚未打印应急包 and offered to print a new kit (other numbers) beside it."""
    hall = sqlite_hall
    boss = login(hall, "3001")
    hall.fallback.kit(boss)  # K01, K02 for the drawer
    hall.fallback.kit(boss)
    hall.fallback.declare(boss, "服务器故障")
    view = IncidentView(hall, runner, boss, Settings())
    _show(qtbot, view)
    _refresh(qtbot, view)
    state = view.ledger_state.text()
    assert "K01、K02" in state and "台账已平" not in state
