"""Pure tests of the guided intake (domain/intake.py, domain/intake_source.py) on the small v2
catalog tests/data/intake_hall.yaml: 开办餐饮店 (tobacco and fire inspection by situation,
营业执照 produced by the first item, 不动产权证书 shared) and 新生儿出生 (出生医学证明 produced
by the first item); hand-written expected values."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from hall_app.domain.catalog import Catalog, load_catalog, parse_catalog
from hall_app.domain.errors import InvalidInput
from hall_app.domain.intake import (
    MAX_ANSWERS,
    MAX_ENCODED_CHARS,
    PLAIN_NOTE,
    Bring,
    Carried,
    GuideItem,
    HallFacts,
    Lane,
    NotNeeded,
    answer_rows,
    build_guide,
    decode_answers,
    encode_answers,
    matters_to_citizen,
    obtain_text,
    plain_guide,
)
from hall_app.domain.intake_source import CatalogSource, PlainSource
from hall_app.domain.materials import Requirement

DATA = Path(__file__).parent / "data"
SHOP, BABY = "YJS05", "YJS01"
GT, FOOD, SIGN = "个体工商户设立登记", "食品经营许可", "户外招牌设置审批"
FIRE, TOBACCO = "公众聚集场所投入使用、营业前消防安全检查", "烟草专卖零售许可证核发"
Q_PUBLIC = "经营场所是否属于公众聚集场所（如营业面积较大的餐馆）？"
Q_TOBACCO = "是否兼营卷烟、雪茄烟零售？"
Q_PREMISES = "经营场所是自有房产还是租用？"
HALL = HallFacts("重庆市垫江县政务服务中心", "023-74680000", "周一至周五", "一楼")
DAY = dt.date(2026, 11, 25)
ID = Bring(
    "居民身份证", "申请人", "原件", 1, "必要", "申请人自备", "原件现场核验后退还，须在有效期内",
    (GT, FOOD, SIGN),
)  # fmt: skip
LEASE = Bring(
    "房屋租赁合同", "申请人", "复印件", 1, "必要", "申请人自备", "在租赁期内，复印件由申请人签名",
    (GT, SIGN),
)  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return parse_catalog(load_catalog(DATA / "intake_hall.yaml"))


@pytest.fixture(scope="module")
def source(catalog: Catalog) -> CatalogSource:
    return CatalogSource(catalog)


def guide(catalog: Catalog, code: str, answers: dict[str, str]):  # type: ignore[no-untyped-def]
    source = CatalogSource(catalog)
    return build_guide(
        kind="bundle",
        code=code,
        subject="开办餐饮店一件事",
        result=source.resolve(code, answers),
        answers=answers,
        situations=catalog.situations,
        lane=Lane("F", "企业开办", source.windows("F")),
        hall=HALL,
        made_on=DAY,
    )


def test_tobacco_and_a_rented_public_place(catalog: Catalog) -> None:
    g = guide(catalog, SHOP, {"public_place": "yes", "tobacco": "yes", "premises": "rent"})
    # 个体工商户设立登记 is 川渝通办 in the test catalog; the others are not
    assert g.items == (
        GuideItem(GT, (), True),
        *(GuideItem(n) for n in (FOOD, SIGN, FIRE, TOBACCO)),
    )
    assert g.items[0].text() == "个体工商户设立登记（川渝通办）"
    assert g.subject_text() == "开办餐饮店一件事"  # a bundle's items carry the mark
    assert g.cross_region_note().startswith("标注「川渝通办」的事项在四川、重庆两地按同一标准办理")
    names = [b.name for b in g.bring]
    assert names == [
        "个体工商户登记申请书", "居民身份证", "房屋租赁合同", "食品经营许可申请书",
        "经营场所平面图及设备布局图", "户外招牌设计效果图",
        "公众聚集场所投入使用营业前消防安全检查申报表", "消防安全制度和灭火及应急疏散预案",
        "烟草专卖零售许可证申请表",
    ]  # fmt: skip
    assert len(set(names)) == len(names)  # the ID card asked by four items once
    assert g.bring[1] == replace(ID, items=(GT, FOOD, SIGN, TOBACCO))
    assert g.bring[2] == LEASE
    assert g.bring[8].obtain_from == "垫江县烟草专卖局窗口领取"
    # the 营业执照 the first item issues is never asked of the citizen
    assert g.not_needed == (NotNeeded("营业执照", "无需提交：由「个体工商户设立登记」出具"),)
    assert g.answers == (
        (Q_PUBLIC, "是"),
        (Q_TOBACCO, "是，兼营卷烟零售"),
        (Q_PREMISES, "租用"),
    )
    assert g.pending_note == ""
    assert g.lane.text() == "企业开办（F），7、8号窗口"
    assert g.points == (
        "经营场所与营业执照登记地址一致", "经营者本人签字", "须在有效期内", "照片与本人一致",
        "租赁合同在有效期内", "复印件须申请人签名", "经营者签字（盖章）", "填写内容完整",
        "申请人签字",
    )  # fmt: skip
    assert json.loads(g.encoded) == {
        "v": 1,
        "c": SHOP,
        "a": {"premises": "rent", "public_place": "yes", "tobacco": "yes"},
    }


def test_no_tobacco_an_owned_small_shop(catalog: Catalog) -> None:
    g = guide(catalog, SHOP, {"public_place": "no", "tobacco": "no", "premises": "own"})
    assert g.items == (GuideItem(GT, (), True), GuideItem(FOOD), GuideItem(SIGN))
    assert "烟草专卖零售许可证申请表" not in [b.name for b in g.bring]
    assert "房屋租赁合同" not in [b.name for b in g.bring]
    assert g.not_needed == (
        NotNeeded("不动产权证书", "无需提交：部门共享获取"),
        NotNeeded("营业执照", "无需提交：由「个体工商户设立登记」出具"),
    )
    assert g.answers[1] == (Q_TOBACCO, "否")


def test_unanswered_default_and_pending(catalog: Catalog) -> None:
    g = guide(catalog, SHOP, {})
    # tobacco has the default "no": shown as such, and its item does not apply
    assert g.answers == ((Q_TOBACCO, "否（未回答，按默认）"),)
    assert g.items[-1] == GuideItem(FIRE, (Q_PUBLIC,))
    assert g.items[-1].text() == FIRE + "（待确认）"
    assert TOBACCO not in [i.name for i in g.items]
    lease = next(b for b in g.bring if b.name == "房屋租赁合同")
    assert lease.pending == (Q_PREMISES,)
    assert lease.line() == "房屋租赁合同（复印件1份，必要）（待确认）"
    assert g.pending_note == (
        f"待确认：尚未回答「{Q_PUBLIC}」、「{Q_PREMISES}」；"
        "标有（待确认）的事项和材料，请按实际情况准备"
    )
    assert json.loads(g.encoded)["a"] == {}


def test_an_answer_to_a_question_no_longer_asked_is_dropped(catalog: Catalog) -> None:
    g = guide(catalog, BABY, {"married": "yes", "tobacco": "yes"})
    assert json.loads(g.encoded)["a"] == {"married": "yes"}
    assert g.not_needed == (
        NotNeeded("新生儿出生医学证明", "无需提交：由「出生医学证明签发」出具"),
    )
    assert [b.name for b in g.bring] == [
        "出生医学证明首次签发登记表", "母亲居民身份证", "户主居民户口簿", "结婚证",
    ]  # fmt: skip


def test_review_points_that_matter_to_the_citizen() -> None:
    for point in ("须在有效期内", "父母双方签字", "复印件须申请人签名", "加盖公章", "经营者签字（盖章）",
                  "原件", "填写内容完整", "照片与本人一致"):  # fmt: skip
        assert matters_to_citizen(point), point
    assert not matters_to_citizen("图上标明操作区域与设备位置")
    assert not matters_to_citizen("共享核验")


def test_points_of_materials_not_brought_are_left_out(catalog: Catalog) -> None:
    g = guide(catalog, SHOP, {"public_place": "no", "tobacco": "no", "premises": "own"})
    assert "经营范围与营业执照登记地址一致" not in g.points  # the 营业执照 is not brought
    assert "经营范围与申请事项一致" not in g.points
    assert "图上标明操作区域与设备位置" not in g.points
    assert g.points == ("经营者本人签字", "须在有效期内", "照片与本人一致", "经营者签字（盖章）", "填写内容完整")  # fmt: skip


def test_where_to_obtain() -> None:
    assert obtain_text("派出所", "申请人自备") == "派出所"
    assert obtain_text("", "申请人自备") == "申请人自备"
    assert obtain_text("", "政府部门核发") == "向核发部门申领"
    assert obtain_text("", "其他") == "其他"


@pytest.mark.parametrize(
    ("windows", "text"),
    [
        ((), "企业开办（F）"),
        ((7,), "企业开办（F），7号窗口"),
        ((8, 7), "企业开办（F），7、8号窗口"),
        ((1, 2, 3), "企业开办（F），1～3号窗口"),
        ((11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), "企业开办（F），1～11号窗口"),
        ((1, 2, 3, 5, 7, 8, 9, 9), "企业开办（F），1～3、5、7～9号窗口"),
        ((2, 4, 5), "企业开办（F），2、4、5号窗口"),
    ],
)
def test_the_lanes_windows_in_order_three_in_a_row_as_a_range(
    windows: tuple[int, ...], text: str
) -> None:
    assert Lane("F", "企业开办", windows).text() == text


def test_amount_and_line() -> None:
    assert ID.amount() == "原件1份"
    assert ID.line() == "居民身份证（原件1份，必要）"
    electronic = Bring("电子证照", "申请人", "电子", 0, "必要", "", "")
    assert electronic.amount() == "电子"
    assert Lane("A", "综合受理").text() == "综合受理（A）"


# ---------------------------------------------------------------- sources


def test_catalog_source_questions_follow_the_answers(source: CatalogSource) -> None:
    def ids(answers: dict[str, str]) -> list[str]:
        return [q.id for q in source.questions(SHOP, answers) or ()]

    assert ids({}) == ["public_place", "tobacco", "premises"]
    assert [q.id for q in source.questions(BABY, {}) or ()] == ["married"]
    assert source.windows("F") == (7, 8)
    assert source.windows("A") == (1, 2)
    assert source.item_names(BABY) == ("出生医学证明签发", "出生登记")
    assert source.cross_region(SHOP) == {GT} and source.cross_region(BABY) == frozenset()
    with pytest.raises(InvalidInput, match="NOPE"):
        source.questions("NOPE", {})


def test_a_v1_catalog_has_no_questions_and_gives_its_list() -> None:
    v1 = CatalogSource(parse_catalog(load_catalog(DATA / "mini_hall.yaml")))
    assert not v1.has_v2("YJS01")
    assert v1.questions("A-1", {}) is None
    assert v1.plain("YJS01") == (
        Requirement("居民户口簿", "原件", 1, "必要", "申请人自备", "核验后退还", items=("户口迁移",)),
        Requirement("居民身份证", "原件", 1, "必要", "申请人自备", "核验后退还", items=("社会保障卡申领",)),
    )  # fmt: skip


def test_a_v2_item_has_questions_only_when_it_asks(source: CatalogSource) -> None:
    assert source.has_v2("11500231MB1918730K1000133006000")
    assert source.questions("11500231MB1918730K1000133006000", {}) == ()


def test_plain_guide_and_plain_source() -> None:
    reqs = (
        Requirement("居民户口簿", "原件", 1, "必要", "申请人自备", "核验后退还", obtain_from="派出所"),
        Requirement("营业执照", "电子", 0, "必要", "共享免提交"),
        Requirement("委托书", "原件", 1, "必要", "申请人自备", situation="委托他人办理的"),
    )  # fmt: skip
    plain = PlainSource(reqs, ("户口迁移",))
    assert plain.questions("A-1", {}) is None
    assert plain.item_names("A-1") == ("户口迁移",)
    assert plain.windows("A") == ()
    with pytest.raises(InvalidInput, match="尚未配置业务情形"):
        plain.resolve("A-1", {})
    g = plain_guide(
        kind="item", code="A-1", subject="户口迁移", items=plain.item_names("A-1"),
        requirements=plain.plain("A-1"), lane=Lane("A", "综合受理"), hall=HALL, made_on=DAY,
    )  # fmt: skip
    assert g.plain and g.pending_note == PLAIN_NOTE and g.encoded == ""
    assert g.subject_text() == "户口迁移" and g.cross_region_note() == ""
    assert plain.cross_region("A-1") == frozenset()
    flagged = PlainSource(reqs, ("户口迁移",), cross_region=("户口迁移",))
    g = plain_guide(
        kind="item", code="A-1", subject="户口迁移", items=flagged.item_names("A-1"),
        requirements=flagged.plain("A-1"), lane=Lane("A", "综合受理"), hall=HALL, made_on=DAY,
        cross_region=flagged.cross_region("A-1"),
    )  # fmt: skip
    assert g.items == (GuideItem("户口迁移", (), True),)
    assert g.subject_text() == "户口迁移（川渝通办）" and g.cross_region_note()
    # an item's pending questions come after the mark
    assert GuideItem("户口迁移", ("是否委托？",), True).text() == "户口迁移（川渝通办）（待确认）"
    assert [(b.name, b.obtain_from, b.pending) for b in g.bring] == [
        ("居民户口簿", "派出所", ()),
        ("委托书", "申请人自备", ("委托他人办理的",)),
    ]
    assert g.not_needed == (NotNeeded("营业执照", "无需提交：部门共享获取"),)


# ---------------------------------------------------------------- carried answers


def test_encode_is_compact_sorted_and_round_trips() -> None:
    text = encode_answers("YJS05", {"tobacco": "yes", "premises": "rent"})
    assert text == '{"a":{"premises":"rent","tobacco":"yes"},"c":"YJS05","v":1}'
    assert decode_answers(text) == Carried("YJS05", {"premises": "rent", "tobacco": "yes"})


@pytest.mark.parametrize(
    ("code", "answers", "message"),
    [
        ("YJS 05", {}, "事项编码"),
        ("Y" * 65, {}, "事项编码"),
        ("YJS05", {"Tobacco": "yes"}, "问题编号"),
        ("YJS05", {"tobacco": "Yes"}, "答案"),
        ("YJS05", {"tobacco": ""}, "答案"),
    ],
)
def test_encode_refuses_what_the_catalog_could_not_hold(
    code: str, answers: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        encode_answers(code, answers)


def test_limits() -> None:
    many = {f"q{i}": "yes" for i in range(MAX_ANSWERS)}
    assert decode_answers(encode_answers("Y" * 64, many)).answers == many
    with pytest.raises(InvalidInput, match="情形答案过多"):
        encode_answers("YJS05", {**many, "extra": "yes"})
    long = {f"q{i}_" + "x" * 36: "y" * 20 for i in range(MAX_ANSWERS)}
    with pytest.raises(InvalidInput, match=f"最多 {MAX_ENCODED_CHARS} 字符"):
        encode_answers("YJS05", long)
    with pytest.raises(InvalidInput, match="情形答案过长"):
        decode_answers(" " * (MAX_ENCODED_CHARS + 1))
    assert decode_answers(" " * 10 + encode_answers("A", {})) == Carried("A", {})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "不是有效的 JSON"),
        ("[]", "应含 v、c、a"),
        ('{"v":1,"c":"A"}', "应含 v、c、a"),
        ('{"v":1,"c":"A","a":{},"x":1}', "应含 v、c、a"),
        ('{"v":2,"c":"A","a":{}}', "版本「2」不受支持"),
        ('{"v":1,"c":5,"a":{}}', "c 应为编码"),
        ('{"v":1,"c":"A","a":[]}', "a 应为问题与答案"),
        ('{"v":1,"c":"A","a":{"q":5}}', "答案「5」无效"),
        ('{"v":1,"c":"A","a":{"Q":"yes"}}', "问题编号「Q」无效"),
    ],
)
def test_decode_refuses_anything_encode_would_not_write(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        decode_answers(text)


def test_a_bundle_with_one_v1_item_falls_back_to_its_v1_list(catalog: Catalog) -> None:
    """A rebuilt catalog may hold a bundle whose items are not all v2 yet: no questions."""
    items = tuple(replace(i, refs=()) if i.name == SIGN else i for i in catalog.items)
    mixed = CatalogSource(replace(catalog, items=items))
    assert not mixed.has_v2(SHOP) and mixed.questions(SHOP, {}) is None
    assert mixed.has_v2(BABY)
    assert [r.name for r in mixed.plain(SHOP)][:2] == ["个体工商户登记申请书", "居民身份证"]


def test_a_guide_carries_its_hall_day_and_code(catalog: Catalog) -> None:
    g = guide(catalog, SHOP, {})
    assert (g.code, g.hall, g.made_on) == (SHOP, HALL, DAY)
    plain = plain_guide(
        kind="item", code="A-1", subject="户口迁移", items=("户口迁移",), requirements=(),
        lane=Lane("A", "综合受理"), hall=HALL, made_on=DAY,
    )  # fmt: skip
    assert (plain.code, plain.hall, plain.made_on) == ("A-1", HALL, DAY)


def test_answer_rows_skip_a_question_the_guide_does_not_know(catalog: Catalog) -> None:
    result = CatalogSource(catalog).resolve(SHOP, {"premises": "rent"})
    known = {s.id: s for s in catalog.situations if s.id != "public_place"}
    assert result.asked[0] == "public_place"  # unknown here: skipped, the rest still shown
    assert answer_rows(result, {"premises": "rent"}, known) == (
        (Q_TOBACCO, "否（未回答，按默认）"),
        (Q_PREMISES, "租用"),
    )
