"""Every CSV export goes through one function: EXPORT_DATA, an audit entry, and the cell rule
(full ID and mobile numbers in free text masked, formula prefixes neutralised). The inquiries
export wrote the question and the answer as typed, full ID and phone numbers included."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import select

from hall_app.domain.errors import NotAllowed
from hall_app.domain.followups import InquiryInput, Outcome
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login
from tests.leak_grep import id_number, leaks

CITIZEN_ID = id_number("110105", "19491231", "002")


def _rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _exports(hall: Hall) -> list[m.AuditEntry]:
    with hall.ctx.db.read() as s:
        return list(s.scalars(select(m.AuditEntry).where(m.AuditEntry.action == "export")))


def test_the_inquiries_export_masks_free_text_neutralises_formulas_and_is_audited(
    hall: Hall,
) -> None:
    clerk = login(hall, "1001", 1)
    hall.followups.log_inquiry(
        clerk,
        InquiryInput(
            f"身份证{CITIZEN_ID}，手机 139 1234 5678，问社保卡",
            "现场",
            Outcome.ANSWERED,
            visitor_name="张三丰",
            visitor_phone="13812345678",
            answer=f"已告知：凭 {CITIZEN_ID.lower()} 到3号窗口，回电13812345678",
        ),
    )
    hall.followups.log_inquiry(
        clerk,
        InquiryInput('=HYPERLINK("http://x","点我")', "电话", Outcome.ANSWERED, answer="@SUM(1+1)"),
    )
    rows = hall.followups.inquiries()
    supervisor = login(hall, "3001")
    text = hall.followups.export_inquiries(supervisor, rows)
    assert not leaks(text), leaks(text)
    table = _rows(text)
    assert table[0][0] == "编号" and len(table) == 3
    by_question = {r[6]: r for r in table[1:]}
    assert "身份证110105********002X，手机 139****5678，问社保卡" in by_question
    answered = by_question["身份证110105********002X，手机 139****5678，问社保卡"]
    assert answered[12] == "已告知：凭 110105********002X 到3号窗口，回电138****5678"
    assert answered[3] == "张**" and answered[4] == "138****5678"
    formula = by_question['\'=HYPERLINK("http://x","点我")']
    assert formula[12] == "'@SUM(1+1)"
    (entry,) = _exports(hall)
    assert entry.staff_id == supervisor.staff_id
    assert json.loads(entry.detail) == {"kind": "inquiries", "rows": 2}


def test_exports_need_the_export_permission(hall: Hall) -> None:
    clerk = login(hall, "1001", 1)
    hall.followups.log_inquiry(clerk, InquiryInput("问题", "现场", Outcome.ANSWERED, answer="答"))
    rows = hall.followups.inquiries()
    for who in (clerk, login(hall, "2001")):
        with pytest.raises(NotAllowed, match="导出数据"):
            hall.followups.export_inquiries(who, rows)
        with pytest.raises(NotAllowed, match="导出数据"):
            hall.followups.export_report(who, [(["编号"], [["X"]])])
    assert _exports(hall) == []
    assert hall.followups.export_inquiries(login(hall, "9001"), rows).startswith("\ufeff编号")


def test_the_followups_report_goes_through_the_same_rule(hall: Hall) -> None:
    supervisor = login(hall, "3001")
    text = hall.followups.export_report(
        supervisor,
        [
            (["维度", "名称"], [["窗口", "1号窗口"]]),
            (
                ["编号", "事由"],
                [["HC-1", f"市民 {CITIZEN_ID} 投诉，电话 13812345678"], ["HC-2", "-1+2"]],
            ),
        ],
    )
    assert not leaks(text)
    table = _rows(text)
    assert table == [
        ["维度", "名称"],
        ["窗口", "1号窗口"],
        [],
        ["编号", "事由"],
        ["HC-1", "市民 110105********002X 投诉，电话 138****5678"],
        ["HC-2", "'-1+2"],
    ]
    (entry,) = _exports(hall)
    assert json.loads(entry.detail) == {"kind": "followups_report", "rows": 3}


def test_the_inquiries_screen_exports_through_the_service(
    qtbot,
    sqlite_hall: Hall,
    runner,
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QFileDialog, QPushButton

    from hall_app.ui.inquiry import InquiriesView

    clerk = login(sqlite_hall, "1001", 1)
    sqlite_hall.followups.log_inquiry(
        clerk,
        InquiryInput(
            f"身份证{CITIZEN_ID}问社保", "现场", Outcome.ANSWERED, answer="回电13812345678"
        ),
    )

    def view_of(staff: str) -> InquiriesView:
        view = InquiriesView(sqlite_hall, runner, login(sqlite_hall, staff))
        qtbot.addWidget(view)
        view.mine.setChecked(False)  # every inquiry, not only one's own or the open ones
        view.open_only.setChecked(False)
        view.refresh()
        qtbot.waitUntil(lambda: view.model.rowCount() == 1)
        return view

    def export_button(view: InquiriesView) -> QPushButton:
        return next(b for b in view.findChildren(QPushButton) if b.text() == "导出CSV…")

    assert not export_button(view_of("1001")).isEnabled()
    view = view_of("3001")
    assert export_button(view).isEnabled()
    target = tmp_path / "inquiries.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    export_button(view).click()
    qtbot.waitUntil(lambda: "已导出 1 条" in view.message.text())
    text = target.read_text(encoding="utf-8")
    assert "110105********002X" in text and "138****5678" in text and not leaks(text)
    assert len(_exports(sqlite_hall)) == 1
