"""Pure tests of the booking slip's material lines: each form, copies and requirement wording."""

from __future__ import annotations

from hall_app.domain.booking_slip import SlipMaterial, material_lines


def test_form_and_copies() -> None:
    assert material_lines(
        [
            SlipMaterial("甲", "原件", 2),
            SlipMaterial("乙", "电子", 1),  # electronic: no copies to count
            SlipMaterial("丙", "复印件", 0),  # no count given: the form alone
            SlipMaterial("丁", "", 1),  # no form: the name alone
        ]
    ) == ("甲（原件2份）", "乙（电子）", "丙（复印件）", "丁")


def test_requirement_wording() -> None:
    assert material_lines(
        [
            SlipMaterial("甲", "原件", 1, requirement="容缺后补"),
            SlipMaterial("乙", "原件", 1, requirement="非必要", situation="已婚的"),
            SlipMaterial("丙", "原件", 1, requirement="必要"),
        ]
    ) == ("甲（原件1份）（可容缺后补）", "乙（原件1份）〔已婚的〕（如有）", "丙（原件1份）")


def test_shared_left_out_and_first_wording_kept() -> None:
    assert material_lines(
        [
            SlipMaterial("甲", "电子", 0, source="共享免提交"),
            SlipMaterial("乙", "原件", 1, source="政府部门核发"),
            SlipMaterial("乙", "复印件", 3),
        ]
    ) == ("乙（原件1份）",)
