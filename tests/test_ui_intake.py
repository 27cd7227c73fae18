"""Reception's guided intake (智能引导) driven by the keyboard (pytest-qt): one key per answer,
Backspace back, the live list (qtmodeltester), the 办事指引 as real PDFs on 80 mm and A4 (text
read back with pypdf), the ticket issued with the encoded answers, and the v1 fallback of
today's database."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hall_app.domain.catalog import Catalog, load_catalog, parse_catalog
from hall_app.domain.intake import HallFacts
from hall_app.domain.intake_source import CatalogSource
from hall_app.services.catalog import CatalogEntry
from hall_app.services.hall import Hall
from hall_app.ui import intake as intake_ui
from hall_app.ui.intake import (
    PAPER_80MM,
    PAPER_A4,
    GuideModel,
    GuideRow,
    IntakeContext,
    IntakeDialog,
    guide_rows,
)
from hall_app.ui.models import ObjectRole
from hall_app.ui.reception import ReceptionView
from hall_app.ui.settings import PRINT_TICKETS, Settings
from hall_app.ui.worker import Runner
from tests.conftest import login

DATA = Path(__file__).parent / "data"
SHOP = CatalogEntry("bundle", "YJS05", "开办餐饮店一件事", "F", "企业开办", "")
HALL = HallFacts("重庆市垫江县政务服务中心", "023-74680000", "周一至周五 8:30-17:30", "一楼")
LICENCE = "烟草专卖零售许可证申请表"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return parse_catalog(load_catalog(DATA / "intake_hall.yaml"))


@pytest.fixture
def dialog(qtbot: QtBot, catalog: Catalog) -> IntakeDialog:
    context = IntakeContext(CatalogSource(catalog), HALL, dt.date(2026, 11, 25))
    box = IntakeDialog(SHOP, context)
    qtbot.addWidget(box)
    box.show()
    box.activateWindow()
    qtbot.waitExposed(box)
    return box


def names(model: GuideModel, kind: str) -> list[str]:
    rows = [model.data(model.index(r, 0), ObjectRole) for r in range(model.rowCount())]
    return [row.name for row in rows if row.kind == kind]


def pdf_text(pdf: bytes) -> str:
    """The text of every page, lines joined (a wrapped line is read on)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "".join(page.extract_text() for page in pages).replace("\n", "")


def test_the_tobacco_key_adds_the_licence_and_backspace_takes_it_away(
    qtbot: QtBot, dialog: IntakeDialog, qtmodeltester: Any
) -> None:
    model = dialog.model
    qtmodeltester.check(model, force_py=True)
    assert "问题 1/3" in dialog.question.text() and "公众聚集场所" in dialog.question.text()
    assert "[1] 是" in dialog.choices.text() and "[2] 否" in dialog.choices.text()
    assert LICENCE not in names(model, "bring")
    assert "营业执照" in names(model, "not_needed")
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # not a public place: no fire inspection
    assert "问题 2/3" in dialog.question.text() and "卷烟" in dialog.question.text()
    assert "（不回答按「否」）" in dialog.choices.text()
    assert not any("消防" in n for n in names(model, "item"))
    qtbot.keyClick(dialog, Qt.Key.Key_1)  # sells cigarettes
    assert LICENCE in names(model, "bring")
    assert "烟草专卖零售许可证核发" in names(model, "item")
    assert dialog.answers == {"public_place": "no", "tobacco": "yes"}
    assert "是否兼营卷烟、雪茄烟零售？ 答：是，兼营卷烟零售" in dialog.given.text()
    qtbot.keyClick(dialog, Qt.Key.Key_9)  # no such answer: nothing happens
    assert dialog.answers == {"public_place": "no", "tobacco": "yes"}
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    assert dialog.answers == {"public_place": "no"}
    assert LICENCE not in names(model, "bring")
    assert "问题 2/3" in dialog.question.text()
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # premises: 2 is 租用
    assert dialog.answers == {"public_place": "no", "tobacco": "no", "premises": "rent"}
    assert "已回答全部问题（共 3 题）" in dialog.question.text()
    assert dialog.note.text() == ""
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)  # nothing left to undo
    assert dialog.answers == {} and "问题 1/3" in dialog.question.text()
    assert "待确认" in dialog.note.text()


def test_print_80mm_and_a4(qtbot: QtBot, dialog: IntakeDialog) -> None:
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_2):  # public place, tobacco, rented
        qtbot.keyClick(dialog, key)
    with qtbot.waitSignal(dialog.print_requested) as slip:
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    pdf, paper = slip.args
    assert paper == PAPER_80MM
    text = pdf_text(pdf)
    for expected in (
        "办事指引", "重庆市垫江县政务服务中心", "2026年11月25日", "开办餐饮店一件事",
        LICENCE, "垫江县烟草专卖局窗口领取", "房屋租赁合同", "无需携带", "营业执照",
        "个体工商户设立登记", "企业开办（F），7、8号窗口", "周一至周五 8:30-17:30",
        "023-74680000", "是，兼营卷烟零售",
    ):  # fmt: skip
        assert expected in text, expected
    assert text.count("烟草专卖零售许可证申请表") == 1
    # the test catalog's 个体工商户设立登记 is 川渝通办: marked, and the mark explained once
    assert "个体工商户设立登记（川渝通办）" in text and text.count("标注「川渝通办」") == 1
    with qtbot.waitSignal(dialog.print_requested) as a4:
        qtbot.keyClick(
            dialog,
            Qt.Key.Key_P,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    pdf, paper = a4.args
    assert paper == PAPER_A4
    reader = PdfReader(io.BytesIO(pdf))
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4
    text = pdf_text(pdf)
    assert LICENCE in text and "请特别注意" in text and "经营者本人签字" in text
    assert "个体工商户设立登记（川渝通办）" in text and text.count("标注「川渝通办」") == 1


def test_f2_hands_the_encoded_answers_to_the_ticket_flow(
    qtbot: QtBot, dialog: IntakeDialog
) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    with qtbot.waitSignal(dialog.issue_requested) as blocker:
        qtbot.keyClick(dialog, Qt.Key.Key_F2)
    assert json.loads(blocker.args[0]) == {"v": 1, "c": "YJS05", "a": {"public_place": "yes"}}
    assert not dialog.isVisible()


# ---------------------------------------------------------------- on the reception screen


@pytest.fixture
def view(qtbot: QtBot, live_hall: Hall, runner: Runner) -> ReceptionView:
    settings = Settings()
    settings.qs.clear()
    settings.set(PRINT_TICKETS, False)
    screen = ReceptionView(live_hall, runner, login(live_hall, "2001"), settings)
    qtbot.addWidget(screen)
    screen.show()
    screen.load_catalog()
    qtbot.waitUntil(lambda: screen.catalog.rowCount() > 60)
    return screen


def _open(qtbot: QtBot, view: ReceptionView, kind: str, code: str) -> IntakeDialog:
    view.select_entry(kind, code)
    qtbot.keyClick(view, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: view.intake is not None and view.intake.isVisible())
    assert view.intake is not None
    return view.intake


def test_today_a_v1_item_shows_its_list_and_says_so(qtbot: QtBot, view: ReceptionView) -> None:
    item = "11500231MB1918730K1000133006000"  # 食品经营许可, v1 in today's database
    box = _open(qtbot, view, "item", item)
    assert box.plain
    assert "尚未配置业务情形" in box.question.text()
    assert "现行材料清单" in box.note.text()
    bring = names(box.model, "bring")
    assert bring[0] == "食品经营许可申请书" and "法定代表人身份证件" in bring
    assert "营业执照" in names(box.model, "not_needed")  # 共享免提交 in the demo catalog
    with qtbot.waitSignal(box.print_requested) as slip:
        qtbot.keyClick(box, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "现行材料清单" in pdf_text(slip.args[0])
    with qtbot.waitSignal(view.issued, timeout=10000) as issued:
        qtbot.keyClick(box, Qt.Key.Key_F2)
    outcome = issued.args[0]
    assert outcome.issued.ticket.item_code == item and outcome.answers == ""


def test_with_a_v2_catalog_the_answers_go_with_the_ticket(
    qtbot: QtBot, view: ReceptionView, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connection the lead makes after the merge: the same screen on a v2 source."""
    monkeypatch.setattr(intake_ui, "intake_source", lambda hall, entry: CatalogSource(catalog))
    box = _open(qtbot, view, "bundle", "YJS05")
    assert not box.plain and "问题 1/3" in box.question.text()
    qtbot.keyClick(box, Qt.Key.Key_2)
    qtbot.keyClick(box, Qt.Key.Key_1)
    assert LICENCE in names(box.model, "bring")
    with qtbot.waitSignal(view.issued, timeout=10000) as issued:
        qtbot.keyClick(box, Qt.Key.Key_F2)
    outcome = issued.args[0]
    assert outcome.issued.ticket.bundle_code == "YJS05"
    assert json.loads(outcome.answers)["a"] == {"public_place": "no", "tobacco": "yes"}
    # kept with the ticket for the clerk's material check
    assert dict(outcome.issued.ticket.intake_answers) == {"public_place": "no", "tobacco": "yes"}


def test_f6_on_the_assistants_answer_and_on_a_lane(qtbot: QtBot, view: ReceptionView) -> None:
    view.select_entry("category", "A")
    qtbot.keyClick(view, Qt.Key.Key_F6)
    assert view.intake is None and "事项或一件事" in view.message.text()
    from PySide6.QtWidgets import QListWidgetItem

    from hall_app.ui.ask_box import ChoiceRole

    row = QListWidgetItem("开办餐饮店一件事")
    row.setData(ChoiceRole, ("bundle", "YJS05"))
    view.ask_box.results.addItem(row)
    view.ask_box.results.show()
    view.ask_box.results.setCurrentRow(0)
    view.ask_box.results.setFocus()
    qtbot.waitUntil(view.ask_box.results.hasFocus)
    qtbot.keyClick(view.ask_box.results, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: view.intake is not None and view.intake.isVisible())
    assert view.intake is not None and view.intake.entry.code == "YJS05"


def test_the_clerks_check_of_the_ticket_starts_from_receptions_answers(
    qtbot: QtBot, live_hall: Hall, runner, settings
) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QWidget

    from hall_app.domain.intake import encode_answers
    from hall_app.services.catalog import bootstrap_actor
    from hall_app.ui.casework import Casework

    live_hall.catalog.import_file(
        bootstrap_actor(), Path(__file__).parent / "data" / "catalog_v2_catering.yaml"
    )
    answers = {"tobacco": "yes", "premises": "no"}
    issued = live_hall.tickets.issue(
        login(live_hall, "2001"),
        bundle_code="YJS05",
        intake_answers=encode_answers("YJS05", answers),
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    work = Casework(live_hall, runner, login(live_hall, "1001", 1), settings, parent)
    with qtbot.waitSignal(work.dialog_opened, timeout=10000) as opened:
        work.check_ticket(issued.ticket)
    dialog = opened.args[0]
    assert dict(dialog.plan.answers) == answers
    assert any(r.name.startswith("烟草专卖零售许可证申请表") for r in dialog.plan.requirements)
    dialog.close()


def test_the_names_keep_their_column_beside_long_notes(qtbot: QtBot, dialog: IntakeDialog) -> None:
    """A long 获取途径 once took the width and cut every name to 「…」."""
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_2):
        qtbot.keyClick(dialog, key)
    long_note = "申请人自行填写，培训考核合格证明由培训机构出具" * 3  # as the demo's are
    rows = guide_rows(dialog.guide)
    dialog.model.set_rows(
        [*rows, GuideRow("bring", "食品安全管理人员培训考核合格证明", "", long_note)]
    )
    qtbot.waitUntil(lambda: dialog.view.columnWidth(1) > 0)
    view = dialog.view
    widths = [view.columnWidth(i) for i in range(4)]
    room = view.viewport().width()
    assert sum(widths) <= room + 2, (widths, room)  # no sideways scrolling to read a row
    assert widths[1] >= 0.25 * room and widths[3] >= 0.25 * room, (widths, room)
