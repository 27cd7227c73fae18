"""The reception assistant's rules without a database (domain/ask.py, domain/ask_text.py):
cutting a question into words, widening it through synonyms and sounds, BM25 order, the
threshold, the why, and the synonym table's loader."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hall_app.domain import ask
from hall_app.domain.ask import AskDocument, AskIndex
from hall_app.domain.ask_text import (
    Segmenter,
    Synonyms,
    char_bigrams,
    find_sounds,
    parse_synonyms,
    pinyin_bigrams,
    read_synonyms,
    syllables,
)
from hall_app.domain.errors import InvalidInput


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    return Segmenter(tmp_path_factory.mktemp("jieba"))


def _item(code: str, name: str, **fields: tuple[str, ...]) -> AskDocument:
    return AskDocument("item", code, name, f"b{code}", "D", (("name", (name,)), *fields.items()))


DOCS = (
    _item("1", "出生登记", category=("公安户政",)),
    _item("2", "户口迁移（迁入）", category=("公安户政",)),
    _item("3", "户口注销（死亡）", category=("公安户政",)),
    _item("4", "社会保障卡申领", short_name=("社保卡申领",), category=("社保医保",)),
    _item("5", "住房公积金提取", category=("住房公积金",)),
    _item("6", "法律援助申请", category=("综合受理",)),
    _item("7", "结婚登记", alias=("领结婚证",), category=("民政",)),
    *(
        _item(f"f{n}", name, category=("综合受理",))
        for n, name in enumerate(
            [
                "契税申报",
                "发票领用",
                "供水过户",
                "供电过户",
                "燃气过户",
                "失业保险金申领",
                "遗体火化",
                "离婚登记",
                "最低生活保障审核确认",
                "食品经营许可",
                "印章刻制备案",
                "企业设立登记",
                "普通护照签发",
            ]
        )
    ),
    AskDocument(
        "bundle",
        "YJS01",
        "新生儿出生一件事",
        "YJS01",
        "A",
        (("name", ("新生儿出生一件事",)), ("member", ("出生登记", "社会保障卡申领"))),
    ),
)
SYNONYMS = Synonyms(
    {
        "上户口": ("出生登记", "户口"),
        "社保卡": ("社会保障卡",),
        "社保": ("社会保险", "社会保障卡"),
        "公积金": ("住房公积金",),
        "哪些手续": ("一件事",),
        "刚出生": ("新生儿", "出生"),
    }
)


@pytest.fixture(scope="module")
def index(segmenter: Segmenter) -> AskIndex:
    return AskIndex(DOCS, SYNONYMS, segmenter)


# ---------------------------------------------------------------- words


def test_words_keep_catalog_terms_whole_and_drop_stopwords_single_characters_and_digits(
    segmenter: Segmenter,
) -> None:
    segmenter.add_words(["社保卡", "公积金"])
    assert segmenter.words("我想办社保卡") == ["社保", "社保卡"]  # and the word inside
    assert "公积金" in segmenter.words("公积金怎么取")
    assert "怎么" not in segmenter.words("公积金怎么取")  # a stopword
    assert "取" not in segmenter.words("公积金怎么取")  # a single character
    assert segmenter.words("2024年，！") == []


def test_bigrams_stay_inside_runs_of_chinese_and_sound_without_tones() -> None:
    assert char_bigrams("公积金 丢了!") == ["公积", "积金", "丢了"]
    assert pinyin_bigrams("公基金") == [("gong ji", "公基"), ("ji jin", "基金")]
    assert pinyin_bigrams("公积金")[0][0] == pinyin_bigrams("公基金")[0][0]
    assert find_sounds("我的社保咔", ["wo", "de", "she", "bao", "ka"], ("she", "bao", "ka")) == (
        "社保咔"
    )
    assert find_sounds("社保", ["she", "bao"], ("she", "bao", "ka")) is None


# ---------------------------------------------------------------- expansion


def _word_terms(index: AskIndex, question: str) -> dict[str, float]:
    return {t.term: t.weight for t in index.terms(question) if t.channel == "word"}


def test_a_synonym_brings_its_terms_the_first_one_weighing_most(index: AskIndex) -> None:
    terms = _word_terms(index, "上户口")
    assert terms["出生登记"] == pytest.approx(ask.SYNONYM_WEIGHT)
    assert terms["户口"] == pytest.approx(ask.SYNONYM_WEIGHT * ask.SECONDARY_WEIGHT)
    # the words inside a recognised phrase do not count again on their own
    assert not [t for t in index.terms("上户口") if t.channel == "bigram"]


def test_the_longest_phrase_wins_and_a_homophone_finds_its_phrase(index: AskIndex) -> None:
    assert index._phrases_in("办社保卡") == [("社保卡", "社保卡", 1.0)]
    assert index._phrases_in("社保咔丢了") == [("社保卡", "社保咔", ask.SOUND_WEIGHT)]
    terms = _word_terms(index, "公基金怎么取")
    assert terms["住房公积金"] == pytest.approx(ask.SOUND_WEIGHT * ask.SYNONYM_WEIGHT)


# ---------------------------------------------------------------- ranking


def _first(index: AskIndex, question: str) -> str:
    return index.search(question, threshold=0.01, evidence=0.0)[0].code


def test_bm25_ranks_the_meant_item_first(index: AskIndex) -> None:
    assert _first(index, "上户口") == "1"
    assert _first(index, "社保咔丢了") == "4"
    assert _first(index, "公基金") == "5"
    assert _first(index, "孩子刚出生要办哪些手续") == "YJS01"
    assert _first(index, "领结婚证") == "7"


def test_results_are_best_first_and_at_most_top(index: AskIndex) -> None:
    results = index.search("户口", top=2)
    assert len(results) == 2
    assert results[0].score >= results[1].score
    assert {r.code for r in results} <= {"1", "2", "3"}
    assert index.search("户口", top=0) == []


def test_rarer_terms_weigh_more(index: AskIndex) -> None:
    assert index._idf("word", "出生登记") > index._idf("word", "登记")
    # BM25's idf: 出生登记 is in two of the documents (the item and the bundle's members)
    assert index._idf("word", "出生登记") == pytest.approx(
        math.log(1 + (len(DOCS) - 2 + 0.5) / (2 + 0.5))
    )


def test_below_the_threshold_nothing_is_answered(index: AskIndex) -> None:
    assert index.search("今天天气怎么样", threshold=0.01, evidence=0.0) == []
    weak = max(score for score, _, _ in index.scores("美国签证申请"))
    assert weak > 0  # it matched something (申请) …
    assert index.search("美国签证申请", threshold=weak + 0.01) == []  # … too little
    assert [r.code for r in index.search("美国签证申请", threshold=weak, evidence=0.0)] == ["6"]
    assert all(r.score >= ask.THRESHOLD for r in index.search("户口"))
    assert 2.0 < ask.THRESHOLD < 4.0  # calibrated on the demo catalog (docs/ask.md)


# ---------------------------------------------------------------- why


def test_why_names_the_words_the_synonym_and_the_field(index: AskIndex) -> None:
    (first, *_) = index.search("上户口", threshold=0.01, evidence=0.0)
    assert first.why.split("；")[0] == "「上户口」即「出生登记」→ 名称「出生登记」"
    (alias, *_) = index.search("领结婚证", threshold=0.01, evidence=0.0)
    assert alias.why.split("；")[0] == "「领结婚证」→ 俗称「领结婚证」"
    (card, *_) = index.search("社保咔", threshold=0.01, evidence=0.0)
    assert (
        card.why.split("；")[0]
        == "「社保咔」（音同「社保卡」）即「社会保障卡」→ 名称「社会保障卡申领」"
    )


def test_why_lists_at_most_three_matches_longest_words_only(index: AskIndex) -> None:
    (bundle, *_) = index.search("孩子刚出生要办哪些手续")
    lines = bundle.why.split("；")
    assert 1 <= len(lines) <= 3
    assert "「哪些手续」即「一件事」→ 名称「新生儿出生一件事」" in lines
    (many, *_) = index.search("刚出生 哪些手续 社保卡 上户口", threshold=0.01, evidence=0.0)
    assert many.code == "YJS01" and len(many.why.split("；")) == 3  # of four matches


# ---------------------------------------------------------------- the synonym table


def test_the_table_reads_entries_and_skips_comments_and_blank_lines() -> None:
    table = parse_synonyms("# comment\n\n上户口\t出生登记 户口\n社保咔\t社会保障卡\n")
    assert table.entries == {"上户口": ("出生登记", "户口"), "社保咔": ("社会保障卡",)}
    assert table.words() == {"上户口", "出生登记", "户口", "社保咔", "社会保障卡"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "上户口 出生登记\n",
            "x.tsv 第 1 行：应为两列「俗称<Tab>目录用语」，用一个 Tab 分隔，实际为 1 列",
        ),
        ("# c\n上户口\t\n", "x.tsv 第 2 行：俗称「上户口」后缺少目录用语"),
        ("\t出生登记\n", "x.tsv 第 1 行：俗称不能为空，也不能含空格"),
        ("上 户口\t出生登记\n", "x.tsv 第 1 行：俗称不能为空，也不能含空格"),
        ("上户口\t出生登记\n\n上户口\t户口\n", "x.tsv 第 3 行：俗称「上户口」与第 1 行重复"),
        ("上户口\t户口 户口\n", "x.tsv 第 1 行：俗称「上户口」的目录用语有重复"),
        ("a\tb\tc\n", "x.tsv 第 1 行：应为两列「俗称<Tab>目录用语」，用一个 Tab 分隔，实际为 3 列"),
        ("户" * 21 + "\t户口\n", f"x.tsv 第 1 行：俗称「{'户' * 21}」超过 20 个字"),
        ("上户口\t" + "户" * 21 + "\n", "x.tsv 第 1 行：目录用语超过 20 个字"),
    ],
)
def test_a_bad_line_is_refused_with_its_number(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_synonyms(text, "x.tsv")
    assert caught.value.message == "同义词表有误：\n" + message


def test_every_bad_line_is_reported_and_longest_limits_are_allowed() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_synonyms("a\n好\t\n" + "户" * 20 + "\t" + "口" * 20 + "\n", "x.tsv")
    assert caught.value.message.count("\n") == 2  # lines 1 and 2; line 3 is fine


def test_an_indented_comment_is_a_comment() -> None:
    assert parse_synonyms("  # 说明\n上户口\t户口\n").entries == {"上户口": ("户口",)}


def test_the_table_is_read_as_utf_8_under_any_locale() -> None:
    # a hall PC's locale may be GBK (Windows) or ASCII (a bare service): the table is UTF-8
    code = (
        "from pathlib import Path; from hall_app.domain.ask_text import read_synonyms; "
        "print(read_synonyms(Path('resources/ask/synonyms.tsv')).entries['\\u4e0a\\u6237\\u53e3'][0])"
    )  # 上户口, escaped: the command line itself is ASCII there
    ascii_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **ascii_locale, "PYTHONIOENCODING": "utf-8"},
        cwd=Path(__file__).parents[1],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "出生登记"), done.stderr


def test_syllables_read_a_phrase_as_a_phrase() -> None:
    assert syllables("银行") == ["yin", "hang"]  # not 行 xing, as the character alone
    # a character without a reading keeps its place and its neighbours their phrase reading
    assert syllables("银行兙") == ["yin", "hang", "兙"]


def test_the_shipped_table_loads(tmp_path: Path) -> None:
    shipped = Path(__file__).parents[1] / "resources" / "ask" / "synonyms.tsv"
    table = read_synonyms(shipped)
    assert len(table.entries) >= 100 and table.entries["上户口"][0] == "出生登记"
    with pytest.raises(InvalidInput, match="无法读取同义词表"):
        read_synonyms(tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_bytes("上户口\t出生登记".encode("gbk"))
    with pytest.raises(InvalidInput, match="不是 UTF-8"):
        read_synonyms(bad)


def test_one_terms_part_is_bm25_with_k1_1_2_and_b_0_5(index: AskIndex) -> None:
    doc = next(d for d in index.docs if d.source.code == "1")
    (term,) = [t for t in index.terms("出生登记") if (t.channel, t.term) == ("word", "出生登记")]
    tf = doc.tf["word"]["出生登记"]
    assert tf == pytest.approx(2.5)  # once, in the name (weight 2.5)
    norm = 1.2 * (1 - 0.5 + 0.5 * doc.length["word"] / index._avg["word"])
    expected = index._idf("word", "出生登记") * tf * 2.2 / (tf + norm)
    assert index._contribution(doc, term) == pytest.approx(expected)


def test_a_v2_question_is_searched_as_its_situation() -> None:
    questions = {"agent": "是否委托他人办理？", "fire": "经营场所是否属于公众聚集场所?", "x": "？"}
    assert ask.situation_texts(["fire", "agent", "nope", "agent", "x"], questions) == (
        "经营场所属于公众聚集场所",
        "委托他人办理",
    )
