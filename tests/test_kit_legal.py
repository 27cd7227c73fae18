"""The kit's blank documents read as a legal officer reads them (review of issue 15): the
refusal notice names the reconsideration body and the court as the online notice does
(a vertically managed office names its own body); an on-the-spot item (promised limit 0)
says 即时办结, not "0 个工作日（自受理次日起算）"; the one-time notice has the time the
materials were received (it starts the 5-day clock) and the office's seal. On SQLite and
PostgreSQL, from the demo catalog."""

from __future__ import annotations

from sqlalchemy import select

from hall_app.printing.kit import render_kit
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login
from tests.test_kit_anyday import _accept
from tests.test_print_kit import page_texts, section

TAX_ITEM = "契税申报"  # 即办件 of a vertically managed office (税务)


def _tax_kit_pages(hall: Hall) -> tuple[Actor, list[str], str, str]:
    clerk = login(hall, "1001", 1)
    with hall.ctx.db.read() as s:
        item = s.scalars(select(m.ServiceItem).where(m.ServiceItem.name == TAX_ITEM)).one()
        code, department = item.code, item.department
        assert item.promised_limit_days == 0
        body = s.scalar(
            select(m.Department.reconsideration_body).where(m.Department.name == department)
        )
        court = s.scalar(select(m.HallSetting.value).where(m.HallSetting.key == "hall.court"))
    assert body and court
    for _ in range(3):
        _accept(hall, clerk, code)
    boss = login(hall, "3001")
    kit = hall.fallback.kit(boss)
    assert kit.refusals[0].item_code == code  # the busiest item comes first
    return boss, page_texts(render_kit(kit)), body, court


def test_the_kits_refusal_notice_names_the_reconsideration_body_and_the_court(
    hall: Hall,
) -> None:
    _, texts, body, court = _tax_kit_pages(hall)
    refusal = section(texts, "不予受理通知书（应急）")[0]
    assert TAX_ITEM in refusal
    assert f"六十日内向{body}申请行政复议" in refusal
    assert f"六个月内向{court}提起行政诉讼" in refusal


def test_an_on_the_spot_item_says_immediate_not_zero_working_days(hall: Hall) -> None:
    _, texts, _, _ = _tax_kit_pages(hall)
    notice = section(texts, "一次性告知单（应急）")[0]
    receipt = section(texts, "受理回执（应急）")[0]
    for page in (notice, receipt):
        assert TAX_ITEM in page
        assert "0个工作日" not in page
        assert "即时办结" in page


def test_the_one_time_notice_has_the_receipt_time_and_the_seal(hall: Hall) -> None:
    _, texts, _, _ = _tax_kit_pages(hall)
    notice = section(texts, "一次性告知单（应急）")[0]
    assert "材料接收时间" in notice
    assert "（盖章）" in notice


def test_a_licence_refusal_names_the_art32_sub_item_of_each_ground(hall: Hall) -> None:
    clerk = login(hall, "1001", 1)
    with hall.ctx.db.read() as s:
        code = s.scalar(
            select(m.ServiceItem.code).where(m.ServiceItem.name == "建设工程规划许可证核发")
        )
    assert code
    for _ in range(3):
        _accept(hall, clerk, code)
    kit = hall.fallback.kit(login(hall, "3001"))
    assert kit.refusals[0].item_code == code
    refusal = section(page_texts(render_kit(kit)), "不予受理通知书（应急）")[0]
    assert "申请事项依法不需要取得行政许可（第三十二条第一款第（一）项）" in refusal
    assert "申请事项依法不属于本机关职权范围（第三十二条第一款第（二）项）" in refusal
