"""Pure tests of merging the materials of a bundle's items (materials.merge), field by field,
with values written out by hand."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hall_app.domain.materials import Requirement, merge

BASE = Requirement("身份证", "原件", 1, "必要", "申请人自备", "有效期内")


def req(name: str = "身份证", **kw: Any) -> Requirement:
    return replace(BASE, name=name, **kw)


def test_one_item_is_kept_as_it_is_with_its_item_named() -> None:
    got = merge([("甲事项", [req(obtain_from="派出所", defer_days=2, situation="已婚的")])])
    assert got == [
        Requirement(
            "身份证",
            "原件",
            1,
            "必要",
            "申请人自备",
            "有效期内",
            "已婚的",
            ("甲事项",),
            "派出所",
            2,
        )
    ]


def test_the_same_material_twice_is_asked_once() -> None:
    got = merge(
        [
            ("甲", [req(copies=1, requirement="非必要", standard="有效期内")]),
            ("乙", [req(copies=3, requirement="容缺后补", standard="复印件签名", form="复印件")]),
            ("丙", [req(copies=2, requirement="非必要", standard="有效期内")]),
        ]
    )
    assert got == [
        Requirement(
            "身份证",
            "原件和复印件",
            3,
            "容缺后补",
            "申请人自备",
            "有效期内；复印件签名",
            "",
            ("甲", "乙", "丙"),
            "",
            0,
        )
    ]


def test_strictest_requirement_wins_in_any_order() -> None:
    for first, second, want in (
        ("必要", "非必要", "必要"),
        ("非必要", "必要", "必要"),
        ("容缺后补", "必要", "必要"),
        ("非必要", "容缺后补", "容缺后补"),
        ("非必要", "其他", "非必要"),  # an unknown wording ranks below every known one
        ("其他", "容缺后补", "容缺后补"),
    ):
        got = merge([("甲", [req(requirement=first)]), ("乙", [req(requirement=second)])])
        assert got[0].requirement == want, (first, second)


def test_same_form_kept_and_standard_not_repeated() -> None:
    got = merge(
        [
            ("甲", [req(form="复印件", standard="A4纸；签名")]),
            ("乙", [req(form="复印件", standard="签名")]),
        ]
    )
    assert (got[0].form, got[0].standard) == ("复印件", "A4纸；签名")
    got = merge([("甲", [req(standard="")]), ("乙", [req(standard="加盖公章")])])
    assert got[0].standard == "加盖公章"  # no leading separator


def test_shared_only_when_every_item_shares_it() -> None:
    shared = req(source="共享免提交", form="电子", copies=0)
    own = req(source="申请人自备")
    assert merge([("甲", [shared]), ("乙", [own])])[0].source == "申请人自备"
    assert merge([("甲", [own]), ("乙", [shared])])[0].source == "申请人自备"
    assert merge([("甲", [shared]), ("乙", [shared])])[0].source == "共享免提交"


def test_where_to_obtain_and_the_shortest_deferral() -> None:
    got = merge(
        [
            ("甲", [req(obtain_from="", defer_days=0)]),
            ("乙", [req(obtain_from="派出所", defer_days=5)]),
            ("丙", [req(obtain_from="民政局", defer_days=3)]),
            ("丁", [req(defer_days=0)]),
        ]
    )
    assert (got[0].obtain_from, got[0].defer_days) == ("派出所", 3)
    got = merge([("甲", [req(defer_days=4)]), ("乙", [req(defer_days=0)])])
    assert got[0].defer_days == 4


def test_a_different_situation_is_a_different_material_and_order_is_kept() -> None:
    got = merge(
        [
            ("甲", [req("户口簿"), req(situation="委托他人办理的")]),
            ("乙", [req(), req("户口簿")]),
        ]
    )
    assert [(r.name, r.situation, r.items) for r in got] == [
        ("户口簿", "", ("甲", "乙")),
        ("身份证", "委托他人办理的", ("甲",)),
        ("身份证", "", ("乙",)),
    ]
