"""The acceptance options dialog (delivery, 容缺 dates, the signed commitment) and the case
list's columns: both dates, 超承诺期, pause kinds, 容缺 deferrals, notices, the legal
extension (issue 13, items 3–5 and 9)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from hall_app.domain.materials import Check, Mark
from hall_app.domain.roles import Role
from hall_app.services.acceptance import AcceptanceChoices, DeferredDefault
from hall_app.services.context import FakeClock
from hall_app.services.documents import Applicant
from hall_app.services.hall import Hall
from hall_app.store import models as m
from hall_app.ui.acceptance import AcceptanceOptions
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner
from tests.actors import actor_for
from tests.conftest import login

D = dt.date
FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可: legal 10, promised 3 working days
DEFERRABLE = "食品安全管理人员信息"
DEFAULT = DeferredDefault(f"{DEFERRABLE}|从事餐饮服务的", DEFERRABLE, 3, D(2026, 11, 30))


def _ok(dialog: AcceptanceOptions):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_dialog_asks_delivery_dates_and_the_commitment(qtbot: QtBot) -> None:
    dialog = AcceptanceOptions([DEFAULT], D(2026, 11, 25))
    qtbot.addWidget(dialog)
    assert not _ok(dialog).isEnabled() and "承诺书" in dialog.hint.text()
    dialog.commitment.setChecked(True)
    assert _ok(dialog).isEnabled()
    dialog.method.setCurrentIndex(dialog.method.findData("邮寄"))
    assert not _ok(dialog).isEnabled() and "地址" in dialog.hint.text()
    dialog.address.insert("垫江县澄溪镇1号")  # keyClicks cannot type Chinese
    assert _ok(dialog).isEnabled()
    edit = dialog.dates[DEFAULT.key]
    edit.setDate(QDate(2026, 12, 10))  # later than the catalog allows: held at the default
    assert edit.date().toPython() == D(2026, 11, 30)
    edit.setDate(QDate(2026, 11, 27))
    assert dialog.values() == AcceptanceChoices(
        "邮寄", "垫江县澄溪镇1号", {DEFAULT.key: D(2026, 11, 27)}, True
    )
    dialog.method.setCurrentIndex(dialog.method.findData("电子证照"))
    assert dialog.values().delivery_address == "" and not dialog.address.isEnabled()


def test_without_deferred_materials_no_commitment_is_asked(qtbot: QtBot) -> None:
    dialog = AcceptanceOptions([], D(2026, 11, 25))
    qtbot.addWidget(dialog)
    assert _ok(dialog).isEnabled() and dialog.commitment.isHidden()
    assert dialog.values() == AcceptanceChoices()


def test_going_back_leaves_no_dialog_behind(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = QWidget()
    qtbot.addWidget(screen)
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    for _ in range(3):
        assert AcceptanceOptions.ask(screen, [DEFAULT], D(2026, 11, 25)) is None
    qtbot.waitUntil(lambda: not screen.findChildren(QDialog), timeout=5000)


def _accept(hall: Hall, *, defer: bool = False) -> str:
    clerk = login(hall, "1026", 26)
    plan = hall.documents.plan(item_code=FOOD)
    checks = []
    for r in plan.requirements:
        c = Check(r, mark=Mark.RECEIVED)
        c.applies = not r.conditional or (defer and r.name == DEFERRABLE)
        if defer and r.name == DEFERRABLE:
            c.mark = Mark.MISSING
        checks.append(c)
    choices = AcceptanceChoices(commitment_signed=defer)
    return hall.documents.accept(clerk, plan, Applicant("李四"), checks, choices=choices).case_no


def test_the_case_list_shows_both_dates_and_flags_a_missed_promise_and_deferral(
    qtbot: QtBot,
    sqlite_hall: Hall,
    runner: Runner,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from hall_app.ui.cases import CasesView, LegalExtensionDialog, PauseDialog

    with sqlite_hall.ctx.db.write() as s:
        s.execute(update(m.Material).where(m.Material.name == DEFERRABLE).values(defer_days=2))
    case_no = _accept(sqlite_hall, defer=True)
    clock.advance(days=6)  # Tue 1 Dec: promise (30 Nov) missed, legal date (9 Dec) holds
    # this hall lets its window staff extend (roles.grants, issue 16)
    sqlite_hall.settings.set(
        actor_for(sqlite_hall, Role.ADMIN), "roles.grants", "clerk:+extend_case"
    )
    view = CasesView(sqlite_hall, runner, login(sqlite_hall, "1026", 26), Settings())
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.flags_changed, timeout=10000) as flags:
        view.refresh()
    assert flags.args == [0, 1]
    model = view.model
    headers = [
        model.headerData(i, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal, 0)
        for i in range(model.columnCount())
    ]
    assert headers[4:10] == ["承诺办结日期", "剩余", "法定办结日期", "状态", "容缺后补", "告知单"]
    row = [model.data(model.index(0, i)) for i in range(model.columnCount())]
    assert row[0] == case_no
    assert row[4:9] == ["2026-11-30", "-1 个工作日", "2026-12-09", "超承诺期", "逾期 1 项"]

    def click(name: str) -> None:
        qtbot.waitUntil(lambda: not runner.busy)
        view.table.selectRow(0)
        view.buttons[name].click()

    monkeypatch.setattr(
        PauseDialog, "ask", classmethod(lambda cls, parent: ("专家评审", "组织评审"))
    )
    click("pause")
    qtbot.waitUntil(lambda: model.data(model.index(0, 7)) == "暂停计时（专家评审）")
    click("resume")
    qtbot.waitUntil(lambda: model.data(model.index(0, 7)) == "超承诺期")
    monkeypatch.setattr(
        LegalExtensionDialog,
        "ask",
        classmethod(lambda cls, parent: ("县市场监管局局长 王某", "需专家评审")),
    )
    click("extend_legal")
    qtbot.waitUntil(lambda: "已依法延长" in str(model.data(model.index(0, 6))))
    assert model.data(model.index(0, 6)).startswith("2026-12-23")
    qtbot.waitUntil(lambda: bool(view.findChildren(QDialog)))  # the notice's preview
    for preview in view.findChildren(QDialog):
        preview.close()
    from hall_app.ui.cases import DeferredDialog

    monkeypatch.setattr(DeferredDialog, "ask", classmethod(lambda cls, parent, names: 0))
    click("deferred")
    qtbot.waitUntil(lambda: model.data(model.index(0, 8)) == "已补齐")
    qtbot.waitUntil(lambda: not runner.busy)


def test_accepting_with_a_deferred_material_asks_and_prints_the_commitment(
    qtbot: QtBot, sqlite_hall: Hall, runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hall_app.ui.casework import Casework
    from hall_app.ui.materials import MaterialCheckDialog

    with sqlite_hall.ctx.db.write() as s:
        s.execute(update(m.Material).where(m.Material.name == DEFERRABLE).values(defer_days=2))
    asked: list[list[DeferredDefault]] = []

    def answer(cls, parent, deferred, today):  # type: ignore[no-untyped-def]
        asked.append(list(deferred))
        return AcceptanceChoices("电子证照", "", {deferred[0].key: deferred[0].due_on}, True)

    monkeypatch.setattr(AcceptanceOptions, "ask", classmethod(answer))
    screen = QWidget()
    qtbot.addWidget(screen)
    casework = Casework(sqlite_hall, runner, login(sqlite_hall, "1026", 26), Settings(), screen)
    plan = sqlite_hall.documents.plan(item_code=FOOD)
    checks = []
    for r in plan.requirements:
        c = Check(r, mark=Mark.RECEIVED)
        c.applies = not r.conditional or r.name == DEFERRABLE
        if r.name == DEFERRABLE:
            c.mark = Mark.MISSING
        checks.append(c)
    dialog = MaterialCheckDialog(plan, screen)
    qtbot.addWidget(dialog)
    previews: list[object] = []
    casework.preview_opened.connect(previews.append)
    with qtbot.waitSignal(casework.issued, timeout=10000) as issued:
        casework._submit(dialog, plan, "accept", Applicant("李四"), checks, None, None, None)
    qtbot.waitUntil(lambda: len(previews) == 2)  # the receipt, then the 承诺书
    assert [d.name for d in asked[0]] == [DEFERRABLE] and asked[0][0].defer_days == 2
    assert previews[1].windowTitle().startswith("容缺受理承诺书")  # type: ignore[attr-defined]
    case_no = issued.args[0].reference
    receipt = sqlite_hall.documents.reprint_receipt(login(sqlite_hall, "1026", 26), case_no)
    assert (
        receipt.delivery_method == "电子证照" and receipt.deferred[0].due_on == asked[0][0].due_on
    )
    for preview in previews:
        preview.close()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not runner.busy)
