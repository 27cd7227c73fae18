"""How much of a citizen's question a document explains (the reception assistant's refusals).

BM25 adds up whatever matches, so a question about something the hall does not do can still
score well on one word it shares with an item: 驾照到期了换证 matched 居民身份证 on 到期,
银行卡密码忘了 matched 企业银行账户 on 银行. An answer therefore also needs evidence: the
share of the question's **content words** the document explains, among those the catalog
knows at all (that some document explains): a word no item knows (爷爷, 狂犬) is evidence
neither for nor against any item; what the hall does not do is named by the elsewhere table.

- Content words are the question's words and recognised phrases (the longest reading of each
  span), without :data:`GENERIC` words (people, generic acts, times, places as such: 孩子, 补办,
  到期, 外地), without question words (any word holding 哪, 几, 啥, 怎 …: 哪办, 要办什么) and
  without a verb with its measure word (开个, 办张, 做点). 办, the verb of every question, is
  no part of a content word: 办完 is generic, 办执照 is explained by 执照.
- A content word is explained only when the document's matches cover all of its characters:
  银行 does not explain 银行卡.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Words that say who asks, when, where from, or which generic act they want, but not which
# service: they rank (孩子 still helps 新生儿) but are no evidence on their own.
_GENERIC_TEXT = """
    孩子 小孩 娃儿 老人 老婆 老公 父亲 母亲 父母 爸爸 妈妈 家里 家人 亲人 别人 本人
    补办 补领 换证 办证 到期 过期 丢了 丢失 报名 证件 证明 地方 部门 事情 条件 材料 资料
    费用 时间 时候 期间 开始 第一次 一次 多久 本地 外地 老家 县城 县里 当地
    主城 城里 市里 省里 外省 本县 这边 那边 回来 过来
    """
GENERIC = frozenset(_GENERIC_TEXT.split())
QUESTION_CHARS = frozenset("哪几啥咋怎么吗谁")
MEASURE_CHARS = frozenset("个些张点趟下次份")
GENERIC_VERB = "办"


# A place name as written in the hall's name or address: 重庆市, 垫江县, 桂溪街道.
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,}?)(自治区|自治州|自治县|街道|省|市|州|县|区|镇|乡)")


def place_words(*texts: str) -> frozenset[str]:
    """The place names in the hall's name and address (重庆市垫江县… → 重庆市, 重庆, 垫江县,
    垫江): where the citizen is, never which service is meant."""
    out: set[str] = set()
    for text in texts:
        for stem, suffix in _PLACE.findall(text):
            out.update((stem + suffix, stem))
    return frozenset(out)


def is_generic(word: str, places: frozenset[str] = frozenset()) -> bool:
    """Whether ``word`` is no evidence of which service is meant (``places``: the hall's
    place names, :func:`place_words`)."""
    return (
        word in GENERIC
        or word in places
        or any(ch in QUESTION_CHARS for ch in word)
        or (len(word) == 2 and word[1] in MEASURE_CHARS)
        or len(word.replace(GENERIC_VERB, "")) < 2
    )


def positions(text: str, part: str) -> frozenset[int]:
    """The character positions of every occurrence of ``part`` in ``text``."""
    out: set[int] = set()
    start = text.find(part)
    while start >= 0:
        out.update(range(start, start + len(part)))
        start = text.find(part, start + 1)
    return frozenset(out)


def content_words(
    words: Iterable[str], phrases: Iterable[str], places: frozenset[str] = frozenset()
) -> list[str]:
    """The content words of a question: its ``phrases`` (as the citizen typed them) and those
    of its ``words`` not inside a phrase, each kept only when no longer one holds it, generic
    ones dropped; sorted."""
    spans = set(phrases)
    spans.update(w for w in words if not any(w in p for p in spans))
    longest = {w for w in spans if not any(w != other and w in other for other in spans)}
    return sorted(w for w in longest if not is_generic(w, places))


def explained_words(question: str, content: list[str], matched: Iterable[str]) -> frozenset[str]:
    """The ``content`` words of ``question`` whose every character lies in one of the
    ``matched`` spans (what the citizen typed of each matching term)."""
    covered = set(positions(question, GENERIC_VERB))
    for said in matched:
        covered.update(positions(question, said))
    out = set()
    for word in content:
        where = positions(question, word)
        if where and where <= covered:
            out.add(word)
    return frozenset(out)


def known_words(
    question: str, content: list[str], matches: Iterable[Iterable[str]]
) -> frozenset[str]:
    """The ``content`` words some document explains (``matches``: each document's matched
    spans): the words the catalog knows at all."""
    out: set[str] = set()
    for matched in matches:
        out |= explained_words(question, content, matched)
    return frozenset(out)


def explained_share(
    question: str,
    content: list[str],
    matched: Iterable[str],
    known: frozenset[str] | None = None,
) -> float:
    """The share of the ``known`` content words (default: all of ``content``) that
    :func:`explained_words` finds for one document; 0 when none is known. A word no document
    explains (狂犬, 爷爷) is evidence neither for nor against any document: what the hall does
    not do is named by the elsewhere table instead (``AskIndex.answer``)."""
    known = frozenset(content) if known is None else known
    if not known:
        return 0.0
    return len(explained_words(question, content, matched) & known) / len(known)


@dataclass(frozen=True)
class Ranked:
    """A result as the item-before-bundle rule sees it: its code, its member items' codes
    (a bundle; empty for an item) and the content words of the question it explains."""

    code: str
    members: frozenset[str]
    explained: frozenset[str]


def items_before_bundles(ranked: Sequence[Ranked]) -> list[Ranked]:
    """``ranked`` (best first) with a member item moved just before its bundle when the
    question names that one item: it is the only member among ``ranked`` that explains any
    of the question, and it explains everything the bundle explains (离婚了户口迁过来: the
    户口迁移 item before 户口迁移一件事; 孩子刚出生, which several members explain, and
    生娃上户口办医保, which the bundle explains best: the bundle stays first)."""
    out = list(ranked)
    for bundle in list(out):
        if not bundle.members:
            continue
        place = out.index(bundle)
        members = [r for r in out if r.code in bundle.members]
        for item in members:
            if (
                item.explained
                and bundle.explained <= item.explained
                and not any(other.explained for other in members if other is not item)
            ):
                if out.index(item) > place:
                    out.remove(item)
                    out.insert(place, item)
                break
    return out
