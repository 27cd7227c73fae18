"""The window's 审查要点清单 on the shipped 垫江县 demo catalog, pure: one block per material
handed in (named as the material check's row), none for 内部流转 or shared ones, the items'
own points, the answers it was resolved under."""

from __future__ import annotations

from collections import Counter

import pytest

from hall_app import paths
from hall_app.domain.catalog import load_catalog, parse_catalog
from hall_app.domain.catalog_schema import Catalog
from hall_app.domain.requirements import asked_questions, resolve, window_rows
from hall_app.domain.review_checklist import ReviewChecklist, review_checklist
from tests.test_pure_demo_catalog import BIRTH, RESTAURANT

ID_POINTS = ("在有效期内", "人证一致", "姓名、公民身份号码与申请表一致")


@pytest.fixture(scope="module")
def demo() -> Catalog:
    return parse_catalog(load_catalog(paths.demo_catalog()))


def _checklist(demo: Catalog, code: str, answers: dict[str, str]) -> ReviewChecklist:
    return review_checklist(resolve(demo, code, answers), asked_questions(demo, code), answers)


def _points(c: ReviewChecklist) -> dict[str, tuple[str, ...]]:
    return {b.name: b.points for b in c.materials}


@pytest.mark.parametrize("father", ["yes", "no"])
def test_newborn_checklist_has_a_block_per_material_handed_in(demo: Catalog, father: str) -> None:
    answers = {**BIRTH, "father_registered": father, "mother_employee_insured": "yes"}
    c = _checklist(demo, "YJS01", answers)
    names = [b.name for b in c.materials]
    assert max(Counter(names).values()) == 1  # no row twice
    points = _points(c)
    assert points["居民身份证（母亲）"] == ID_POINTS
    assert points.get("居民身份证（父亲）") == (ID_POINTS if father == "yes" else None)
    assert points["居民户口簿（户主）"] == ("户主页和本人页齐全", "户籍信息与居民身份证一致")
    # 内部流转 (issued by 出生医学证明签发) and shared materials: nothing to check at the window
    assert not [n for n in names if "出生医学证明（" in n or n.startswith("住院分娩记录")]
    assert "新生儿出生医学证明信息（新生儿）" not in names
    # a material the catalog gives no points keeps its block
    assert points["首针乙肝疫苗和卡介苗接种记录（新生儿）"] == ()
    (form,) = [b for b in c.materials if b.name == "出生医学证明首次签发登记表（申请人）"]
    assert (form.amount(), form.requirement, form.pending) == ("原件1份", "必要", "")
    assert [(i.name, i.points) for i in c.items] == [
        ("出生医学证明签发", ("住院分娩记录与新生儿出生时间、性别一致",)),
        ("出生登记", ("新生儿出生之日起一个月内申报，逾期的询问原因", "新生儿姓名用字规范")),
        ("生育津贴申领", ("母亲生育时参加职工生育保险",)),
    ]
    assert c.answers[0] == (
        "是否登记父亲信息（出生医学证明及户口登记填写父亲）？",
        "是，登记父亲信息" if father == "yes" else "否，不登记",
    )
    assert c.unanswered == ()


@pytest.mark.parametrize("code", ["YJS01", "YJS05"])
def test_blocks_are_the_material_checks_rows_handed_in(demo: Catalog, code: str) -> None:
    """The checklist and the window's list never disagree on a row's name."""
    answers = BIRTH if code == "YJS01" else RESTAURANT
    result = resolve(demo, code, answers)
    rows = window_rows(result, asked_questions(demo, code))
    c = _checklist(demo, code, answers)
    asked = [r.name for r, n in zip(rows, result.needs, strict=True) if n.asked]
    assert [b.name for b in c.materials] == asked
    assert len(asked) < len(rows)  # both cases have materials not handed in


def test_open_questions_stay_on_the_list(demo: Catalog) -> None:
    """Only the father answered: a 待确认 material keeps its block with the row's note; the
    open item is named with its question."""
    c = _checklist(demo, "YJS01", {"father_registered": "yes"})
    (guardian,) = [b for b in c.materials if b.name == "居民身份证（监护人）"]
    assert guardian.pending == "待确认：是否申请人为未成年人？、是否为新生儿办理？"
    assert guardian.points == ID_POINTS
    allowance = c.items[-1]
    assert allowance.name == "生育津贴申领"
    assert allowance.pending == ("母亲是否由用人单位参加职工基本医疗保险（职工生育保险）？",)
    assert "是否父母已登记结婚？" in c.unanswered


@pytest.mark.parametrize("tobacco", ["yes", "no"])
def test_restaurant_checklist_follows_the_tobacco_answer(demo: Catalog, tobacco: str) -> None:
    c = _checklist(demo, "YJS05", {**RESTAURANT, "sells_tobacco": tobacco})
    points = _points(c)
    form = "烟草专卖零售许可证申请表（申请人）"
    assert (form in points) == (tobacco == "yes")
    items = {i.name: i.points for i in c.items}
    assert items.get("烟草专卖零售许可证核发") == (
        ("经营场所符合本县烟草零售点合理布局规定",) if tobacco == "yes" else None
    )
    assert "户外招牌设置审批" not in items  # an item without points of its own: no block
    assert "营业执照（申请人）" not in points  # produced by 个体工商户设立登记
    assert points["居民身份证（申请人）"] == ID_POINTS
    assert c.point_count() == sum(len(p) for p in points.values()) + sum(
        len(p) for p in items.values()
    )
