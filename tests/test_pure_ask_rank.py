"""The hall's place names and the item-before-bundle rule of the reception assistant (pure)."""

from __future__ import annotations

from pytest import TempPathFactory

from hall_app.domain.ask import AskDocument, AskIndex
from hall_app.domain.ask_evidence import (
    Ranked,
    content_words,
    is_generic,
    items_before_bundles,
    place_words,
)
from hall_app.domain.ask_text import Segmenter, Synonyms


def test_place_words_from_the_halls_name_and_address() -> None:
    assert place_words("重庆市垫江县政务服务中心", "重庆市垫江县桂溪街道一至三层") == {
        "重庆市",
        "重庆",
        "垫江县",
        "垫江",
        "桂溪街道",
        "桂溪",
    }
    assert place_words("成都市武侯区政务服务中心") == {"成都市", "成都", "武侯区", "武侯"}
    assert place_words("政务服务中心") == frozenset()
    assert place_words("某某自治州某镇") == {"某某自治州", "某某"}


def test_a_place_is_generic_only_when_it_is_the_halls() -> None:
    places = frozenset({"垫江"})
    assert is_generic("垫江", places)
    assert not is_generic("垫江")
    assert content_words(["垫江", "护照"], [], places) == ["护照"]
    assert content_words(["垫江", "护照"], []) == ["垫江", "护照"]


def _item(code: str, *words: str) -> Ranked:
    return Ranked(code, frozenset(), frozenset(words))


def _bundle(code: str, members: set[str], *words: str) -> Ranked:
    return Ranked(code, frozenset(members), frozenset(words))


def _codes(ranked: list[Ranked]) -> list[str]:
    return [r.code for r in items_before_bundles(ranked)]


def test_the_only_member_named_goes_just_before_its_bundle() -> None:
    ranked = [
        _item("X", "户口"),
        _bundle("B", {"M", "N"}, "迁户口"),
        _item("Y", "迁户口"),
        _item("M", "迁户口"),
    ]
    assert _codes(ranked) == ["X", "M", "B", "Y"]


def test_the_bundle_stays_when_it_explains_more_than_the_item() -> None:
    ranked = [_bundle("B", {"M"}, "迁户口", "医保"), _item("M", "迁户口")]
    assert _codes(ranked) == ["B", "M"]


def test_the_item_moves_when_it_explains_more_than_the_bundle() -> None:
    ranked = [_bundle("B", {"M"}, "迁户口"), _item("M", "迁户口", "离婚")]
    assert _codes(ranked) == ["M", "B"]


def test_the_bundle_stays_when_another_member_explains_anything() -> None:
    ranked = [_bundle("B", {"M", "N"}, "出生"), _item("M", "出生"), _item("N", "出生")]
    assert _codes(ranked) == ["B", "M", "N"]
    ranked = [_bundle("B", {"M", "N"}, "出生"), _item("M", "出生"), _item("N")]
    assert _codes(ranked) == ["M", "B", "N"]


def test_a_member_explaining_nothing_or_a_stranger_does_not_move() -> None:
    assert _codes([_bundle("B", {"M"}), _item("M")]) == ["B", "M"]
    assert _codes([_bundle("B", {"M"}, "出生"), _item("Z", "出生")]) == ["B", "Z"]


def test_an_item_already_before_its_bundle_keeps_its_place() -> None:
    ranked = [_item("M", "迁户口"), _item("X", "户口"), _bundle("B", {"M"}, "迁户口")]
    assert _codes(ranked) == ["M", "X", "B"]


def _docs() -> list[AskDocument]:
    move = AskDocument("item", "I1", "企业迁移登记", "I1", "Q", (("alias", ("公司搬到垫江",)),))
    passport = AskDocument("item", "I2", "普通护照签发", "I2", "Q", (("alias", ("办护照",)),))
    hukou = AskDocument(
        "item",
        "I3",
        "户口迁移（迁入）",
        "I3",
        "Q",
        (("alias", ("迁户口",)), ("situation", ("夫妻投靠", "子女投靠父母", "购房入户"))),
    )
    birth = AskDocument("item", "I4", "出生登记", "I4", "Q", (("alias", ("上户口",)),))
    bundle = AskDocument(
        "bundle",
        "B1",
        "户口迁移一件事",
        "B1",
        "Q",
        (("alias", ("迁户口", "迁户口一次办", "迁户口全套")), ("member", ("户口迁移", "出生登记"))),
        ("I3", "I4"),
    )
    return [move, passport, hukou, birth, bundle]


def test_the_halls_place_makes_no_term_in_a_search(tmp_path_factory: TempPathFactory) -> None:
    segmenter = Segmenter(tmp_path_factory.mktemp("jieba"))
    placed = AskIndex(_docs(), Synonyms({}), segmenter, {"垫江"})
    assert [r.code for r in placed.search("在垫江办护照", threshold=0.0, evidence=0.01)] == ["I2"]
    plain = AskIndex(_docs(), Synonyms({}), segmenter)
    assert "I1" in [r.code for r in plain.search("在垫江办护照", threshold=0.0, evidence=0.01)]
    assert {t.said for t in placed.terms("在垫江办护照") if "垫" in t.said} == {"在垫"}


def test_search_puts_the_only_named_member_before_its_bundle(
    tmp_path_factory: TempPathFactory,
) -> None:
    index = AskIndex(_docs(), Synonyms({}), Segmenter(tmp_path_factory.mktemp("jieba")))
    results = index.search("迁户口", threshold=0.0, evidence=0.01)
    assert [r.code for r in results][:2] == ["I3", "B1"]
    assert results[0].score < results[1].score  # moved by the rule, not by its score
