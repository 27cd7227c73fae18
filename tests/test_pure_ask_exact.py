"""The reception assistant's ranking pinned number by number (domain/ask.py, domain/ask_text.py):
the why's exact text, the phrases, the field weights, BM25 per channel on a four-document index
worked out by hand, the question's exact terms, search's arguments and tie order, and the
segmenter's lazy start. Expected values are written by hand, not computed by the code."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from hall_app.domain import ask
from hall_app.domain.ask import AskDocument, AskIndex, AskResult
from hall_app.domain.ask_text import Segmenter, Synonyms


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("jieba")


def _index(docs: list[AskDocument], synonyms: dict[str, tuple[str, ...]], cache: Path) -> AskIndex:
    # a fresh segmenter each time: words added by one index must not cut another's texts
    return AskIndex(docs, Synonyms(synonyms), Segmenter(cache))


# ---------------------------------------------------------------- _clip


def test_clip_keeps_24_characters_and_cuts_longer_ones_to_23_and_an_ellipsis() -> None:
    assert ask._clip("出生登记") == "出生登记"
    assert ask._clip("一" * 24) == "一" * 24
    assert ask._clip("一" * 23 + "二三") == "一" * 23 + "…"
    assert ask._clip("abcdef", 4) == "abc…"
    assert ask._clip("abcd", 4) == "abcd"


# ---------------------------------------------------------------- _phrases


def test_phrases_are_synonym_keys_and_each_alias_and_short_name_for_itself() -> None:
    docs = [
        AskDocument(
            "item",
            "1",
            "户口迁移",
            fields=(
                ("name", ("户口迁移",)),
                ("alias", ("迁户口", "户", "上户口", "ETC卡")),
                ("short_name", ("户口",)),
                ("member", ("护照",)),
                ("description", ("离婚",)),
            ),
        ),
        AskDocument("item", "2", "x", fields=(("short_name", ("迁户口",)),)),
    ]
    synonyms = Synonyms({"上户口": ("出生登记", "户口"), "户口": ("户籍",)})
    assert ask._phrases(synonyms, docs) == {
        "上户口": ("出生登记", "户口", "上户口"),
        "户口": ("户籍", "户口"),
        "迁户口": ("迁户口",),
        "ETC卡": ("ETC卡",),
    }


def test_the_index_keeps_its_vocabulary_longest_first_and_sounds_of_all_chinese_keys(
    cache: Path,
) -> None:
    doc = AskDocument("item", "1", "x", fields=(("alias", ("IC卡", "户口本")),))
    index = _index([doc], {"上户口": ("出生登记", "户口"), "证": ("身份证",)}, cache)
    assert index._vocabulary[0] == "出生登记"
    assert index._vocabulary[-1] == "证"
    assert [len(v) for v in index._vocabulary] == [4, 3, 3, 3, 3, 2, 1]
    assert set(index._vocabulary) == {
        "出生登记",
        "上户口",
        "身份证",
        "IC卡",
        "户口本",
        "户口",
        "证",
    }
    assert index._sounds == {"上户口": ("shang", "hu", "kou"), "户口本": ("hu", "kou", "ben")}


def test_an_empty_catalog_averages_one_and_answers_nothing(cache: Path) -> None:
    index = _index([], {}, cache)
    assert index._avg == {"word": 1.0, "bigram": 1.0, "pinyin": 1.0}
    assert index.search("登记", threshold=0.0, evidence=0.0) == []


# ---------------------------------------------------------------- _all_phrases_in


def test_phrases_written_and_by_sound_and_the_longest_of_overlapping_ones(cache: Path) -> None:
    index = _index(
        [],
        {"社保卡": ("社会保障卡",), "公积金": ("住房公积金",), "社保": ("社会保险",)},
        cache,
    )
    # 社保卡 is written, so its sound is not looked for; 公积金 is still found by its sound
    assert index._all_phrases_in("社保卡和公基金") == [
        ("社保卡", "社保卡", 1.0),
        ("社保", "社保", 1.0),
        ("公积金", "公基金", 0.8),
    ]
    assert index._phrases_in("社保卡和公基金") == [
        ("社保卡", "社保卡", 1.0),
        ("公积金", "公基金", 0.8),
    ]
    # 社保 is written inside 社保咔, 社保卡 only sounds: the longer reading wins
    assert index._all_phrases_in("社保咔") == [("社保", "社保", 1.0), ("社保卡", "社保咔", 0.8)]
    assert index._phrases_in("社保咔") == [("社保卡", "社保咔", 0.8)]
    assert index._all_phrases_in("公基金 公鸡金") == [("公积金", "公基金", 0.8)]  # first run only


# ---------------------------------------------------------------- _document


def test_each_field_weighs_its_own_and_the_best_field_is_where_a_term_was_found(
    cache: Path,
) -> None:
    every = AskDocument(
        "item",
        "1",
        "护照",
        fields=(
            ("alias", ("户口",)),
            ("name", ("护照",)),
            ("short_name", ("签证",)),
            ("member", ("结婚",)),
            ("description", ("离婚",)),
            ("situation", ("死亡",)),
            ("category", ("民政",)),
        ),
    )
    best = AskDocument(
        "item",
        "2",
        "死亡登记",
        fields=(
            ("category", ("死亡",)),
            ("name", ("死亡登记",)),
            ("situation", ("死亡",)),
            ("short_name", ("死亡登记",)),
        ),
    )
    index = _index([every, best], {}, cache)
    one, two = index.docs
    assert one.source is every and two.source is best
    weights = {"户口": 3.0, "护照": 2.5, "签证": 2.5, "结婚": 0.6, "离婚": 0.4, "死亡": 0.3}
    weights["民政"] = 0.5
    assert dict(one.tf["word"]) == pytest.approx(weights)
    assert dict(one.tf["bigram"]) == pytest.approx(weights)
    sounds = {"hu kou": 3.0, "hu zhao": 2.5, "qian zheng": 2.5, "jie hun": 0.6, "li hun": 0.4}
    sounds.update({"si wang": 0.3, "min zheng": 0.5})
    assert dict(one.tf["pinyin"]) == pytest.approx(sounds)
    assert one.length == pytest.approx({"word": 9.8, "bigram": 9.8, "pinyin": 9.8})
    assert one.where[("word", "结婚")] == ("member", "结婚")
    # 死亡: category 0.5, name 2.5, situation 0.3, short name 2.5 (死亡登记 is a phrase: a word)
    assert dict(two.tf["word"]) == pytest.approx({"死亡": 5.8, "登记": 5.0, "死亡登记": 5.0})
    assert dict(two.tf["bigram"]) == pytest.approx({"死亡": 5.8, "亡登": 5.0, "登记": 5.0})
    # words: 0.5·1 + 2.5·3 + 0.3·1 + 2.5·3; bigrams and sounds the same counts
    assert two.length == pytest.approx({"word": 15.8, "bigram": 15.8, "pinyin": 15.8})
    assert two.where[("word", "死亡")] == ("name", "死亡登记")  # not the later, weaker field
    assert two.where[("word", "死亡登记")] == ("name", "死亡登记")  # an equal one keeps the first
    assert two.where[("pinyin", "si wang")] == ("name", "死亡登记")
    assert index._avg == pytest.approx({"word": 12.8, "bigram": 12.8, "pinyin": 12.8})


# ---------------------------------------------------------------- terms


def test_the_exact_terms_of_a_short_question(cache: Path) -> None:
    doc = AskDocument("item", "1", "出生登记", fields=(("alias", ("上户口",)),))
    index = _index([doc], {"上户口": ("出生登记", "户口")}, cache)
    terms = index.terms("上户口护照")
    # 上户, 户口, 上户口 (words), 上户, 户口 (bigrams) lie inside the phrase 上户口
    assert [(t.channel, t.term, t.said, t.via, t.shown) for t in terms] == [
        ("word", "护照", "护照", "", ""),
        ("word", "出生登记", "上户口", "上户口", ""),
        ("word", "户口", "上户口", "上户口", ""),
        ("word", "上户口", "上户口", "上户口", ""),
        ("bigram", "口护", "口护", "", "口护"),
        ("bigram", "护照", "护照", "", "护照"),
        ("pinyin", "kou hu", "口护", "", "口护"),
        ("pinyin", "hu zhao", "护照", "", "护照"),
    ]
    assert [t.weight for t in terms] == pytest.approx([1.0, 0.9, 0.675, 1.0, 1.0, 1.0, 1.0, 1.0])
    heard = {t.term: t.weight for t in index.terms("尚户口") if t.channel == "word"}
    assert heard == pytest.approx({"出生登记": 0.72, "户口": 0.54, "上户口": 0.8})


# ---------------------------------------------------------------- scores and search

# Four names of two words, three bigrams, three sounds each (weight 2.5): every length is the
# same, so norm = 1.2 · (1 − 0.5 + 0.5 · 1) = 1.2 and a name's part is tf·2.2/(tf+1.2) with
# tf = 2.5: 5.5/3.7. 登记 (word and bigram) is in three of four names: idf = ln(1 + 1.5/3.5);
# its sound deng ji in all four (等级 sounds the same): idf = ln(1 + 0.5/4.5).
PART = 5.5 / 3.7
IDF_3 = math.log(10 / 7)
IDF_4 = math.log(10 / 9)
NAMED = PART * (IDF_3 * (1.0 + 0.35) + 0.25 * IDF_4)  # 0.75491…
SOUNDED = PART * 0.25 * IDF_4  # 0.03915…
WHY = "「登记」→ 名称「{0}」；「登记」（字面相近）→ 名称「{0}」"


@pytest.fixture(scope="module")
def four(cache: Path) -> AskIndex:
    def doc(kind: str, code: str, name: str) -> AskDocument:
        return AskDocument(kind, code, name, f"b{code}", f"L{code}", (("name", (name,)),))

    docs = [
        doc("item", "M", "等级评定"),
        doc("item", "B", "死亡登记"),
        doc("item", "A", "出生登记"),
        doc("bundle", "Z", "离婚登记"),
    ]
    return _index(docs, {}, cache)


def test_scores_are_bm25_per_channel_with_each_channels_own_idf(four: AskIndex) -> None:
    assert four._avg == pytest.approx({"word": 5.0, "bigram": 7.5, "pinyin": 7.5})
    assert four._idf("word", "登记") == pytest.approx(0.356675, abs=1e-6)
    assert four._idf("pinyin", "deng ji") == pytest.approx(0.105361, abs=1e-6)
    scores = {doc.source.code: score for score, doc, _ in four.scores("登记")}
    assert scores == pytest.approx({"A": NAMED, "B": NAMED, "Z": NAMED, "M": SOUNDED})
    # the same, as decimals worked out on paper
    assert scores["A"] == pytest.approx(0.754914, abs=1e-6)
    assert scores["M"] == pytest.approx(0.039154, abs=1e-6)


def test_search_gives_every_field_of_a_result_ties_bundle_first_then_by_code(
    four: AskIndex,
) -> None:
    def result(kind: str, code: str, name: str, score: float, why: str) -> AskResult:
        return AskResult(kind, code, name, f"b{code}", f"L{code}", score, why)

    everything = [
        result("bundle", "Z", "离婚登记", 0.75, WHY.format("离婚登记")),
        result("item", "A", "出生登记", 0.75, WHY.format("出生登记")),
        result("item", "B", "死亡登记", 0.75, WHY.format("死亡登记")),
        result("item", "M", "等级评定", 0.04, "「登记」（音近）→ 名称「等级评定」"),
    ]
    assert four.search("登记", top=4, threshold=0.0, evidence=0.0) == everything
    assert four.search("登记", threshold=0.0, evidence=0.0) == everything[:3]  # TOP = 3
    assert four.search("登记", top=1, threshold=0.0, evidence=0.0) == everything[:1]
    assert four.search("登记", top=-1, threshold=0.0, evidence=0.0) == []
    assert four.search("登记") == []  # below THRESHOLD 3.0


def _codes(index: AskIndex, question: str, **limits: Any) -> list[str]:
    return [r.code for r in index.search(question, top=9, **limits)]


def test_search_keeps_a_score_reaching_the_threshold_and_the_evidence(four: AskIndex) -> None:
    assert _codes(four, "登记", threshold=0.03915, evidence=0.0) == ["Z", "A", "B", "M"]
    assert _codes(four, "登记", threshold=0.03916, evidence=0.0) == ["Z", "A", "B"]
    assert _codes(four, "登记", threshold=0.7549, evidence=0.0) == ["Z", "A", "B"]
    assert _codes(four, "登记", threshold=0.755, evidence=0.0) == []
    # 登记 is the one content word and every result explains it: evidence = the score
    assert _codes(four, "登记", threshold=0.0, evidence=0.03915) == ["Z", "A", "B", "M"]
    assert _codes(four, "登记", threshold=0.0, evidence=0.03916) == ["Z", "A", "B"]
    # at least: a score equal to the threshold, or evidence equal to it, is kept
    sounded = next(score for score, doc, _ in four.scores("登记") if doc.source.code == "M")
    assert _codes(four, "登记", threshold=sounded, evidence=0.0) == ["Z", "A", "B", "M"]
    assert _codes(four, "登记", threshold=0.0, evidence=sounded) == ["Z", "A", "B", "M"]
    # so with both at 0 even the names 出生 is not in are kept (score 0), after A
    assert _codes(four, "出生", threshold=0.0, evidence=0.0) == ["A", "Z", "B", "M"]
    assert _codes(four, "出生", threshold=0.0, evidence=0.01) == ["A"]
    # 护照 is explained by none: not counted, so 登记 is every known word and the score is
    # the evidence (under the old rule, a share of all content words, half of it)
    assert _codes(four, "登记护照", threshold=0.7549, evidence=0.7549) == ["Z", "A", "B"]
    assert _codes(four, "登记护照", threshold=0.7549, evidence=0.755) == []


# ---------------------------------------------------------------- _why


def _doc(where: dict[tuple[str, str], tuple[str, str]]) -> Any:
    return ask._Doc(AskDocument("item", "1", "x"), {}, {}, where)


def test_why_lists_the_three_strongest_matches_in_order() -> None:
    doc = _doc(
        {
            ("word", "出生登记"): ("name", "出生登记"),
            ("pinyin", "gong ji"): ("name", "住房公积金提取"),
            ("word", "户口"): ("alias", "户口"),
            ("bigram", "登记"): ("name", "出生登记"),
            ("word", "社保"): ("category", "社保医保"),
        }
    )
    parts = [
        (0.5, ask._Term("bigram", "登记", 1.0, "登记", shown="登记")),
        (0.3, ask._Term("word", "社保", 1.0, "社保")),
        (2.0, ask._Term("word", "出生登记", 0.9, "上户口", "上户口")),
        (0.8, ask._Term("word", "户口", 1.0, "户口")),  # inside 上户口: left out
        (0.0, ask._Term("word", "护照", 1.0, "上户口护照")),  # no match hides nothing
        (1.0, ask._Term("pinyin", "gong ji", 1.0, "公基", shown="公基")),
    ]
    assert ask._why(doc, parts) == (
        "「上户口」即「出生登记」→ 名称「出生登记」；"
        "「公基」（音近）→ 名称「住房公积金提取」；"
        "「登记」（字面相近）→ 名称「出生登记」"
    )
    assert ask._why(doc, parts[:2]) == (
        "「登记」（字面相近）→ 名称「出生登记」；「社保」→ 类别「社保医保」"
    )
    assert ask._why(doc, [(0.0, parts[1][1])]) == ""


def test_why_says_how_a_term_was_reached_once_each_and_clips_the_field() -> None:
    long = "重庆市某某县某某街道社会保障卡申领及补换卡业务办理"  # 25 characters
    doc = _doc(
        {
            ("word", "社会保障卡"): ("name", long),
            ("word", "社保卡"): ("short_name", "社保卡申领"),
            ("pinyin", "gong ji"): ("name", "住房公积金提取"),
            ("word", "公积"): ("name", "住房公积金提取"),
        }
    )
    parts = [
        (3.0, ask._Term("word", "社会保障卡", 0.72, "社保咔", "社保卡")),
        (2.0, ask._Term("word", "社保卡", 0.8, "社保咔", "社保卡")),
        (1.5, ask._Term("pinyin", "gong ji", 1.0, "公积", shown="公积")),
        (1.0, ask._Term("word", "公积", 1.0, "公积")),  # the same line as the sound: once
    ]
    assert ask._why(doc, parts) == (
        "「社保咔」（音同「社保卡」）即「社会保障卡」→ 名称「重庆市某某县某某街道社会保障卡申领及补换卡业务…」；"
        "「社保咔」（音同「社保卡」）→ 简称「社保卡申领」；"
        "「公积」→ 名称「住房公积金提取」"
    )


# ---------------------------------------------------------------- the segmenter


def test_the_segmenter_starts_on_first_use_with_its_cache_in_the_given_folder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cache" / "jieba"
    segmenter = Segmenter(folder)
    assert segmenter._tokenizer is None and not folder.exists()
    assert segmenter.words("出生登记") == ["出生", "登记"]
    tokenizer: Any = segmenter._tokenizer
    assert tokenizer.tmp_dir == str(folder)
    assert (folder / "jieba.cache").is_file()
    assert segmenter._ready() is tokenizer  # set up once


def test_words_are_added_once_and_only_of_two_characters_or_more(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    segmenter = Segmenter(cache)
    tokenizer = segmenter._ready()
    added: list[str] = []
    real = tokenizer.add_word

    def add_word(word: str) -> None:
        added.append(word)
        real(word)

    monkeypatch.setattr(tokenizer, "add_word", add_word)
    segmenter.add_words(["上户口", "证", "  ", "上户口", "社保卡"])
    segmenter.add_words(["社保卡", "公积金"])
    assert added == ["上户口", "社保卡", "公积金"]
    assert segmenter._words == {"上户口", "社保卡", "公积金"}
    assert segmenter.words("上户口") == ["上户", "户口", "上户口"]
