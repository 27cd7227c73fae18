"""What the hall does not do (domain/ask.py ``AskIndex.answer``, domain/ask_text.py
``parse_elsewhere``): a question naming a word of the 本厅不办 table that no item explains gets
no result and the place to go instead — 二手车过户 is not the 二手房 transfer."""

from __future__ import annotations

from pathlib import Path

import pytest

from hall_app.domain.ask import AskDocument, AskIndex
from hall_app.domain.ask_text import (
    Segmenter,
    Synonyms,
    parse_elsewhere,
    read_elsewhere,
    read_synonyms,
)
from hall_app.domain.errors import InvalidInput

SHIPPED = Path(__file__).parents[1] / "resources" / "ask"


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    return Segmenter(tmp_path_factory.mktemp("jieba"))


def _item(code: str, name: str, *aliases: str) -> AskDocument:
    return AskDocument("item", code, name, code, "B", (("name", (name,)), ("alias", aliases)))


DOCS = (
    _item("1", "二手房转移登记", "二手房过户", "房子过户"),
    _item("2", "有线电视宽带过户", "宽带过户"),
    _item("3", "港澳通行证签发", "港澳通行证"),
    _item("4", "居民身份证换领", "换身份证"),
    *(_item(f"f{n}", name) for n, name in enumerate(["契税申报", "结婚登记", "出生登记"])),
)
ELSEWHERE = {
    "二手车": "车管所",
    "车过户": "车管所",
    "汽车过户": "车管所的汽车窗口",
    "台湾": "出入境管理部门",
    "宽带": "运营商",
    "宽带坏": "运营商的报修电话",
}


@pytest.fixture(scope="module")
def index(segmenter: Segmenter) -> AskIndex:
    return AskIndex(DOCS, Synonyms({"过户": ("过户",)}), segmenter, (), ELSEWHERE)


def test_a_word_done_elsewhere_answers_nothing_and_says_where(index: AskIndex) -> None:
    # 过户 alone finds the house transfer (a small index: no threshold, no evidence needed)
    assert index.search("房子过户去哪办", threshold=0.0, evidence=0.0)[0].code == "1"
    assert index.answer("二手车过户去哪里办", threshold=0.0, evidence=0.0) == (
        [],
        ("二手车", "车管所"),
    )
    assert index.search("二手车过户去哪里办", threshold=0.0, evidence=0.0) == []


def test_the_longest_word_of_the_table_is_named(index: AskIndex) -> None:
    # 汽车过户 and the 车过户 inside it are both unexplained: the longer is named;
    # 二手车 and 车过户 are as long: the first in character order
    assert index.answer("汽车过户")[1] == ("汽车过户", "车管所的汽车窗口")
    assert index.answer("二手车过户")[1] == ("二手车", "车管所")
    assert index.answer("宽带坏了找谁来修")[1] == ("宽带坏", "运营商的报修电话")


def test_a_word_an_item_explains_is_no_redirect(index: AskIndex) -> None:
    # the hall transfers broadband accounts: 宽带 is explained, 宽带过户 is answered
    results, redirect = index.answer("宽带过户", threshold=0.0, evidence=0.0)
    assert redirect is None and results[0].code == "2"


def test_a_table_word_inside_another_word_counts_only_when_unexplained(index: AskIndex) -> None:
    # 台湾 is no part of any item: the Hong Kong pass is not offered for Taiwan
    assert index.answer("去台湾的通行证在哪办") == ([], ("台湾", "出入境管理部门"))
    assert index.answer("港澳通行证过期了")[1] is None


def test_without_a_table_nothing_changes(segmenter: Segmenter) -> None:
    plain = AskIndex(DOCS, Synonyms({"过户": ("过户",)}), segmenter)
    results, redirect = plain.answer("二手车过户去哪里办", threshold=0.0, evidence=0.0)
    assert redirect is None and results and results[0].code == "1"


def test_the_table_reads_entries_and_skips_comments() -> None:
    table = parse_elsewhere("# 注释\n\n二手车\t车管所\n台湾\t 出入境管理部门 \n")
    assert table == {"二手车": "车管所", "台湾": "出入境管理部门"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("二手车 车管所\n", "x.tsv 第 1 行：应为两列「词<Tab>去处」，用一个 Tab 分隔，实际为 1 列"),
        ("# c\n二手车\t \n", "x.tsv 第 2 行：词「二手车」后缺少去处"),
        ("车\t车管所\n", "x.tsv 第 1 行：词「车」至少两个字"),
        ("二手 车\t车管所\n", "x.tsv 第 1 行：词不能为空，也不能含空格"),
        ("二手车\t车管所\n二手车\t交警\n", "x.tsv 第 2 行：词「二手车」与第 1 行重复"),
        ("车" * 21 + "\t车管所\n", f"x.tsv 第 1 行：词「{'车' * 21}」超过 20 个字"),
        ("二手车\t" + "所" * 41 + "\n", "x.tsv 第 1 行：去处超过 40 个字"),
    ],
)
def test_a_bad_line_is_refused_with_its_number(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_elsewhere(text, "x.tsv")
    assert caught.value.message == "本厅不办事项表有误：\n" + message


def test_problems_are_listed_in_line_order_and_the_limits_are_allowed() -> None:
    text = "车\t所\n二手车\t车管所\n" + "车" * 20 + "\t" + "所" * 40 + "\n二手车\t交警\nab\n"
    with pytest.raises(InvalidInput) as caught:
        parse_elsewhere(text, "x.tsv")
    lines = caught.value.message.splitlines()[1:]
    assert [line.split("：")[0] for line in lines] == [
        "x.tsv 第 1 行",
        "x.tsv 第 4 行",
        "x.tsv 第 5 行",
    ]


def test_the_shipped_table_loads_and_names_no_everyday_word_of_the_hall(tmp_path: Path) -> None:
    table = read_elsewhere(SHIPPED / "elsewhere.tsv")
    assert len(table) >= 100 and table["二手车"] == "公安交管部门的车管所"
    synonyms = read_synonyms(SHIPPED / "synonyms.tsv")
    assert not set(table) & set(synonyms.entries)  # the hall's word or elsewhere, never both
    with pytest.raises(InvalidInput, match="无法读取本厅不办事项表"):
        read_elsewhere(tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_bytes("二手车\t车管所".encode("gbk"))
    with pytest.raises(InvalidInput, match="不是 UTF-8"):
        read_elsewhere(bad)
