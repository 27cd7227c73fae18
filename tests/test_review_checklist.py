"""The window's 审查要点清单 from the stored catalog (SQLite and PostgreSQL): the v2 plan carries
it, a v1 plan and an offline one do not; the printed A4 sheet read back as text."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from hall_app.domain.errors import InvalidInput
from hall_app.domain.review_checklist import (
    ChecklistSheet,
    ItemPoints,
    MaterialPoints,
    ReviewChecklist,
)
from hall_app.printing.checklist import render_checklist_a4
from hall_app.services.hall import Hall
from tests.test_pure_demo_catalog import BIRTH, RESTAURANT
from tests.test_v2_window import import_demo_v2, text_of

FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可 (v1 in the seeded catalog)


def test_the_v2_plan_carries_the_checklist_of_its_rows(hall: Hall, tmp_path: Path) -> None:
    v1 = hall.documents.plan(item_code=FOOD)
    assert v1.checklist is None  # v1 data has no review points: nothing to print
    with pytest.raises(InvalidInput, match="没有审查要点清单"):
        hall.documents.review_sheet(v1)
    import_demo_v2(hall, tmp_path)
    plan = hall.documents.plan(bundle_code="YJS01", answers=BIRTH)
    assert plan.checklist is not None
    rows = {r.name for r in plan.requirements}
    names = [b.name for b in plan.checklist.materials]
    assert set(names) <= rows and len(names) == len(set(names))
    assert "出生医学证明（新生儿）" in rows and "出生医学证明（新生儿）" not in names
    sheet = hall.documents.review_sheet(plan)
    assert (sheet.hall, sheet.kind, sheet.code, sheet.subject) == (
        hall.settings.get().name,
        "bundle",
        "YJS01",
        "新生儿出生一件事",
    )
    assert sheet.made_on == hall.ctx.today()
    # an older snapshot (or the offline list) builds a plan without one
    fields = [f.name for f in dataclasses.fields(plan)]
    assert fields[-1] == "checklist"
    offline = type(plan)(*(getattr(plan, f) for f in fields[:8]))
    assert offline.checklist is None


def test_the_printed_checklist_reads_as_the_window_checks(hall: Hall, tmp_path: Path) -> None:
    import_demo_v2(hall, tmp_path)
    answers = {**RESTAURANT, "public_premises": "yes", "sells_tobacco": "yes"}
    plan = hall.documents.plan(bundle_code="YJS05", answers=answers)
    pdf = render_checklist_a4(hall.documents.review_sheet(plan))
    text = text_of(pdf)
    hall_name = "".join(hall.settings.get().name.split())
    assert text.startswith(f"{hall_name}窗口审查要点清单日期：")
    assert "办理一件事：开办餐饮店一件事（YJS05）" in text
    assert "是否从事餐饮服务？答：是" in text and "答：是，销售烟草制品" in text
    assert "2.居民身份证（申请人）原件1份，必要□在有效期内□人证一致" in text
    assert "烟草专卖零售许可证申请表（申请人）原件1份，必要□申请人签字或盖章" in text
    assert "营业执照（申请人）" not in text  # produced inside the bundle: no block
    assert "事项审查要点：" in text and "□经营场所符合本县烟草零售点合理布局规定" in text
    assert text.count("□") == plan.checklist.point_count()  # type: ignore[union-attr]
    assert re.search(r"核验人（签名）：_+核验时间：", text)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


ANSWERS = (("是否委托他人办理？", "否"),)


@pytest.mark.parametrize("materials", range(18, 26))
def test_no_heading_is_left_alone_at_a_page_foot(materials: int) -> None:
    """However many blocks come before it, 事项审查要点 starts on the page of its first item,
    and a block is never cut between pages."""
    point = MaterialPoints("居民身份证（申请人）", "原件", 1, "必要", "", ("在有效期内",) * 3)
    item = ItemPoints("出生登记", (), ("新生儿姓名用字规范",))
    sheet = ChecklistSheet(
        "垫江县政务服务中心",
        "item",
        "X1",
        "出生登记",
        dt.date(2025, 3, 14),
        ReviewChecklist(ANSWERS, (), (point,) * materials, (item,) * 3),
    )
    pages = [
        "".join(pg.extract_text().split())
        for pg in PdfReader(io.BytesIO(render_checklist_a4(sheet))).pages
    ]
    for page in pages:
        body = re.sub(r"第\d+页共\d+页$", "", page)
        assert not body.endswith("事项审查要点："), page[-40:]
        assert not body.endswith("必要"), page[-40:]  # a block's name without its points
    assert not [page for page in pages[1:] if page.startswith("□")]  # nor its points cut
    assert sum(pg.count("□") for pg in pages) == materials * 3 + 3
