"""Pure tests of the catalog check that a mutation sample showed missing: each field is read
as the kind it is declared (text, true/false), under its own key, and reported under its own
path."""

from __future__ import annotations

from typing import Any

from hall_app.domain.catalog_schema import COLUMN_CHARS
from tests.test_pure_catalog_check import I1, M1, base, found

WRONG_TEXT = "应为文本，实际为 [1]"


def paths(data: Any) -> list[tuple[str, str]]:
    return [(path, message) for _line, path, message in found(data)]


def test_a_department_s_vertical_flag_must_be_true_or_false() -> None:
    data = base()
    data["departments"][0]["vertical"] = "yes"
    assert paths(data) == [("departments[1]（县局）.vertical", "应为 true 或 false，实际为 'yes'")]


def test_legal_texts_of_an_item_must_be_text() -> None:
    for key in ("correction_basis", "correction_terms", "refusal_basis", "conditions"):
        data = base()
        data["items"][0][key] = [1]
        assert paths(data) == [(f"{I1}.{key}", WRONG_TEXT)], key


def test_unknown_keys_are_reported_under_their_section_path() -> None:
    data = base()
    data["categories"][0]["colour"] = 1
    data["items"][0]["colour"] = 1
    data["items"][0]["materials"][0]["colour"] = 1
    data["bundles"][0]["colour"] = 1
    assert paths(data) == [
        ("categories[1].colour", "未知字段（拼写错误？）"),
        ("items[1].colour", "未知字段（拼写错误？）"),
        (f"{M1}.colour", "未知字段（拼写错误？）"),
        ("bundles[1].colour", "未知字段（拼写错误？）"),
    ]


def test_a_category_name_too_long_and_a_description_not_text() -> None:
    data = base()
    longest = COLUMN_CHARS["category.name"]
    data["categories"][0]["name"] = "类" * (longest + 1)
    data["categories"][0]["description"] = [1]
    assert paths(data) == [
        ("categories[1].name", f"不能超过 {longest} 个字，实际 {longest + 1} 个字"),
        ("categories[1].description", WRONG_TEXT),
    ]


def test_material_texts_are_checked_under_the_material_path() -> None:
    data = base()
    mat = data["items"][0]["materials"][0]
    mat["name"] = [1]
    longest = COLUMN_CHARS["material.situation"]
    mat["situation"] = "情" * (longest + 1)
    mat["obtain_from"] = [1]
    assert paths(data) == [
        (f"{M1}.name", WRONG_TEXT),
        (f"{M1}.situation", f"不能超过 {longest} 个字，实际 {longest + 1} 个字"),
        (f"{M1}.obtain_from", WRONG_TEXT),
    ]


def test_an_item_code_is_non_empty_text_of_bounded_length() -> None:
    data = base()
    longest = COLUMN_CHARS["service_item.code"]
    data["items"][0]["code"] = "C" * (longest + 1)
    assert ("items[1].code", f"不能超过 {longest} 个字，实际 {longest + 1} 个字") in paths(data)
    data = base()
    data["items"][0]["code"] = " "
    assert ("items[1].code", "不能为空") in paths(data)


def test_an_item_department_is_cleaned_text() -> None:
    data = base()
    data["items"][0]["department"] = " 县局 "  # stripped: the listed department
    assert paths(data) == []
    data["items"][0]["department"] = ""
    assert paths(data) == [(f"{I1}.department", "不能为空")]


def test_a_bundle_code_is_non_empty_text() -> None:
    data = base()
    data["bundles"][0]["code"] = ""
    assert paths(data) == [("bundles[1].code", "不能为空")]
    data["bundles"][0]["code"] = " K1 "
    assert paths(data) == []


def test_bundle_texts_are_checked_under_the_bundle_path() -> None:
    data = base()
    longest = COLUMN_CHARS["bundle.name"]
    data["bundles"][0]["name"] = "事" * (longest + 1)
    data["bundles"][0]["description"] = [1]
    assert paths(data) == [
        ("bundles[1].name", f"不能超过 {longest} 个字，实际 {longest + 1} 个字"),
        ("bundles[1].description", WRONG_TEXT),
    ]
    data = base()
    data["bundles"][0]["category"] = ""
    assert paths(data) == [("bundles[1]（一件事）.category", "不能为空")]


def test_window_name_and_zone_are_cleaned_bounded_text() -> None:
    data = base()
    longest = COLUMN_CHARS["window.name"]
    data["windows"][0]["name"] = "窗" * (longest + 1)
    data["windows"][0]["zone"] = " Z1 "  # stripped: the zone listed
    assert paths(data) == [
        ("windows[1].name", f"不能超过 {longest} 个字，实际 {longest + 1} 个字"),
    ]


def test_staff_name_and_qualifications_are_of_their_kind() -> None:
    data = base()
    longest = COLUMN_CHARS["staff.name"]
    data["staff"][0]["name"] = "名" * (longest + 1)
    data["staff"][0]["qualifications"] = "A"
    assert paths(data) == [
        ("staff[1].name", f"不能超过 {longest} 个字，实际 {longest + 1} 个字"),
        ("staff[1].qualifications", "应为列表"),
    ]
    data = base()
    data["staff"][0]["name"] = [1]
    assert paths(data) == [("staff[1].name", WRONG_TEXT)]


def test_a_section_must_be_a_list_and_a_text_field_s_control_character_is_named() -> None:
    data = base()
    data["zones"] = "Z1"
    assert paths(data) == [("顶层.zones", "应为列表"), ("windows[1].zone", "区域「Z1」不存在")]
    data = base()
    data["zones"][0]["name"] = "综合\x07区"
    assert paths(data) == [("zones[1].name", "包含不可见的控制字符（U+0007），请重新输入")]
