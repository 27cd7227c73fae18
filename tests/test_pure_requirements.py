"""Pure tests of the v2 requirements rule (domain/requirements.py) on the small 新生儿出生
catalog of tests/catalog_v2_text.py: hand-written expected values for every rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hall_app.domain.catalog import Catalog, parse_catalog
from hall_app.domain.catalog_v2_schema import Answer, Situation
from hall_app.domain.errors import InvalidInput
from hall_app.domain.materials import Requirement
from hall_app.domain.requirements import (
    Applied,
    Need,
    asked_questions,
    check_answers,
    match,
    resolve,
    window_rows,
)
from tests.catalog_v2_text import v2

B1, B2, B3 = "出生医学证明签发", "出生登记", "医保参保"

FORM = Need(
    "M-FORM", "申请人", "首次签发登记表", "原件", 1, "必要", "申请人自备", "父母签字",
    obtain_from="医院窗口", items=(B1,),
)  # fmt: skip
MOTHER = Need(
    "M-ID", "母亲", "母亲居民身份证", "原件和复印件", 2, "必要", "申请人自备", "原件核验后退还",
    items=(B1, B2, B3), review_points=("在有效期内", "照片与本人一致"),
)  # fmt: skip
BIRTH = Need(
    "M-BIRTH", "新生儿", "新生儿出生医学证明", "原件", 1, "必要", "政府部门核发",
    "婴儿姓名与申报一致；共享核验", items=(B2, B3), internal_from=B1,
    review_points=("婴儿姓名与申报一致",),
)  # fmt: skip
BOOK = Need(
    "M-BOOK", "户主", "户主居民户口簿", "原件", 1, "必要", "申请人自备", "加页后退还",
    obtain_from="派出所", items=(B2, B3),
)  # fmt: skip
MARRY = Need(
    "M-MARRY", "申请人", "结婚证", "原件", 1, "非必要", "申请人自备", "原件核验后退还；复印件留存",
    items=(B2,), pending=("in_county", "married"),
)  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return parse_catalog(v2())


def test_a_bundle_unanswered_merges_by_material_and_role(catalog: Catalog) -> None:
    result = resolve(catalog, "K1")
    assert result.items == (
        Applied("B1", B1),
        Applied("B2", B2, ("in_county",), ("申请人与户主关系一致",), True),  # 川渝通办
        Applied("B3", B3),
    )
    # father has the default "no": 父亲居民身份证 is not asked; no (material, role) twice
    assert result.needs == (FORM, MOTHER, BIRTH, BOOK, MARRY)
    assert result.unanswered == ("in_county", "married")
    assert result.all_points() == ("申请人与户主关系一致", "在有效期内", "照片与本人一致")
    assert [n.asked for n in result.needs] == [True, True, False, True, True]


def test_an_item_left_out_by_its_bundle_condition(catalog: Catalog) -> None:
    result = resolve(catalog, "K1", {"in_county": "no"})
    assert [a.code for a in result.items] == ["B1", "B3"]
    assert result.needs == (
        FORM,
        replace(MOTHER, form="原件和复印件", items=(B1, B3)),
        Need("M-BIRTH", "新生儿", "新生儿出生医学证明", "电子", 0, "必要", "共享免提交", "共享核验",
             items=(B3,), internal_from=B1, review_points=("婴儿姓名与申报一致",)),
        replace(BOOK, items=(B3,)),
    )  # fmt: skip
    assert result.unanswered == ()  # married is B2's, and B2 does not apply


def test_every_answer_given(catalog: Catalog) -> None:
    answers = {"in_county": "yes", "married": "yes", "father": "yes"}
    result = resolve(catalog, "K1", answers)
    father = Need(
        "M-ID", "父亲", "父亲居民身份证", "原件", 1, "非必要", "申请人自备", "原件核验后退还",
        items=(B1,), review_points=("在有效期内", "照片与本人一致"),
    )  # fmt: skip
    assert result.needs == (FORM, MOTHER, father, BIRTH, BOOK, replace(MARRY, pending=()))
    assert result.items[1] == Applied("B2", B2, (), ("申请人与户主关系一致",), True)
    assert result.unanswered == ()
    assert resolve(catalog, "K1", {**answers, "married": "no"}).needs[-1] == BOOK


def test_a_single_item_never_has_internal_materials(catalog: Catalog) -> None:
    result = resolve(catalog, "B2", {"married": "no"})
    assert result.items == (Applied("B2", B2, (), ("申请人与户主关系一致",), True),)
    assert result.needs == (
        Need("M-BIRTH", "新生儿", "新生儿出生医学证明", "原件", 1, "必要", "政府部门核发",
             "婴儿姓名与申报一致", items=(B2,), review_points=("婴儿姓名与申报一致",)),
        Need("M-ID", "母亲", "母亲居民身份证", "原件", 1, "必要", "申请人自备", "原件核验后退还",
             items=(B2,), review_points=("在有效期内", "照片与本人一致")),
        Need("M-BOOK", "户主", "户主居民户口簿", "原件", 1, "容缺后补", "申请人自备", "加页后退还",
             defer_days=5, items=(B2,)),
    )  # fmt: skip
    assert resolve(catalog, "B2").unanswered == ("married",)


def test_internal_only_when_the_producer_surely_applies_and_comes_earlier(catalog: Catalog) -> None:
    waiting = resolve(catalog, "K2")  # B1 (the producer) waits for in_county
    assert waiting.items[0] == Applied("B1", B1, ("in_county",))
    birth = next(n for n in waiting.needs if n.material == "M-BIRTH")
    assert (birth.internal_from, birth.source) == ("", "共享免提交")
    sure = resolve(catalog, "K2", {"in_county": "yes"})
    assert next(n for n in sure.needs if n.material == "M-BIRTH").internal_from == B1
    assert resolve(catalog, "K2", {"in_county": "no"}).items == (Applied("B3", B3),)
    later = resolve(catalog, "K3")  # B3 needs it before B1 produces it
    assert next(n for n in later.needs if n.material == "M-BIRTH").internal_from == ""


def test_internal_only_when_every_item_needing_it_comes_after_the_producer() -> None:
    base = parse_catalog(v2())
    b1 = base.items[0]
    refs = (*b1.refs, replace(base.items[2].refs[0]))  # B1 itself also needs 出生医学证明
    catalog = replace(base, items=(replace(b1, refs=refs), *base.items[1:]))
    birth = next(n for n in resolve(catalog, "K1").needs if n.material == "M-BIRTH")
    assert birth.items == (B1, B2, B3)
    assert birth.internal_from == ""  # B1 needs it before it exists: still asked
    assert birth.asked


def test_strictest_requirement_and_the_deferral_it_keeps() -> None:
    base = parse_catalog(v2())
    b3 = base.items[2]
    loose = replace(b3.refs[2], requirement="非必要")
    catalog = replace(base, items=(*base.items[:2], replace(b3, refs=(*b3.refs[:2], loose))))
    book = next(n for n in resolve(catalog, "K1").needs if n.material == "M-BOOK")
    assert (book.requirement, book.defer_days) == ("容缺后补", 5)  # 容缺后补 beats 非必要
    deferred = replace(b3.refs[2], requirement="容缺后补", defer_days=3)
    catalog = replace(base, items=(*base.items[:2], replace(b3, refs=(*b3.refs[:2], deferred))))
    book = next(n for n in resolve(catalog, "K1").needs if n.material == "M-BOOK")
    assert (book.requirement, book.defer_days) == ("容缺后补", 3)  # the shorter period


def test_pending_only_while_every_item_needing_it_waits() -> None:
    base = parse_catalog(v2())
    marry = base.items[1].refs[3]
    b3 = base.items[2]
    catalog = replace(
        base, items=(*base.items[:2], replace(b3, refs=(*b3.refs, replace(marry, when=()))))
    )
    result = resolve(catalog, "K1")
    assert next(n for n in result.needs if n.material == "M-MARRY").pending == ()
    b3_waits = replace(marry, when=(("married", ("yes",)),))
    catalog = replace(
        base,
        items=(*base.items[:2], replace(b3, refs=(*b3.refs, b3_waits), situations=("married",))),
    )
    marry_need = next(n for n in resolve(catalog, "K1").needs if n.material == "M-MARRY")
    assert marry_need.pending == ("in_county", "married")
    assert marry_need.items == (B2, B3)


def test_match_uses_answers_then_defaults_and_reports_what_is_open() -> None:
    yes_no = (Answer("1", "yes", "是"), Answer("2", "no", "否"))
    situations = {"a": Situation("a", "甲？", yes_no, "no"), "b": Situation("b", "乙？", yes_no)}
    when = (("a", ("no",)), ("b", ("yes", "no")))
    assert match(when, {}, situations) == (True, ("b",))
    assert match(when, {"b": "no"}, situations) == (True, ())
    assert match(when, {"a": "yes"}, situations) == (False, ())
    assert match((("b", ("yes",)),), {"b": "no"}, situations) == (False, ())
    assert match((), {}, situations) == (True, ())
    assert match((("zz", ("yes",)),), {}, situations) == (True, ("zz",))


def test_as_a_window_requirement(catalog: Catalog) -> None:
    result = resolve(catalog, "K1")
    rows = [n.requirement_row() for n in result.needs]
    assert rows[2] == Requirement(
        "新生儿出生医学证明", "原件", 1, "必要", "共享免提交",
        "婴儿姓名与申报一致；共享核验；内部流转：由「出生医学证明签发」出具", "", (B2, B3),
    )  # fmt: skip
    assert rows[4] == Requirement(
        "结婚证", "原件", 1, "非必要", "申请人自备", "原件核验后退还；复印件留存",
        "待确认：in_county、married", (B2,),
    )  # fmt: skip
    assert rows[1].situation == "" and rows[1].source == "申请人自备"


def test_unknown_code(catalog: Catalog) -> None:
    with pytest.raises(InvalidInput, match="事项或一件事「ZZ」不存在"):
        resolve(catalog, "ZZ")


def test_a_bundle_asks_its_own_questions_then_its_members(catalog: Catalog) -> None:
    assert [s.id for s in asked_questions(catalog, "K1")] == ["in_county", "father", "married"]
    assert [s.id for s in asked_questions(catalog, "B2")] == ["married"]
    assert asked_questions(catalog, "B3") == ()


def test_answers_are_checked_against_the_questions_asked(catalog: Catalog) -> None:
    assert check_answers(catalog, "K1", {"married": "yes", "in_county": ""}) == {"married": "yes"}
    with pytest.raises(InvalidInput) as exc:
        check_answers(catalog, "K1", {"zz": "yes"})
    assert exc.value.message == (
        "「K1」不问业务情形「zz」；可回答的情形：in_county（是否在本县落户？）、"
        "father（是否填写父亲信息？）、married（父母是否已登记结婚？）"
    )
    with pytest.raises(InvalidInput) as exc:
        check_answers(catalog, "B3", {"married": "yes"})
    assert exc.value.message == "「B3」不问业务情形「married」；可回答的情形：无"
    with pytest.raises(InvalidInput) as exc:
        check_answers(catalog, "K1", {"married": "9"})
    assert exc.value.message == (
        "业务情形「父母是否已登记结婚？」没有答案「9」，可选：1 是（yes）、2 否（no）"
    )


def test_the_window_rows_of_a_bundle(catalog: Catalog) -> None:
    rows = window_rows(resolve(catalog, "K1"), asked_questions(catalog, "K1"))
    assert rows[0] == Requirement(
        "首次签发登记表（申请人）", "原件", 1, "必要", "申请人自备", "父母签字", "", (B1,),
        "医院窗口",
    )  # fmt: skip
    assert rows[1].standard == "原件核验后退还；审查要点：在有效期内、照片与本人一致"
    assert rows[2] == Requirement(
        "出生医学证明（新生儿）", "原件", 1, "必要", "共享免提交",
        "婴儿姓名与申报一致；共享核验；内部流转：由「出生医学证明签发」出具", "", (B2, B3),
        internal_from=B1,
    )  # fmt: skip
    assert rows[4].situation == "待确认：是否在本县落户？、父母是否已登记结婚？"
    assert [r.situation for r in rows[:4]] == ["", "", "", ""]
