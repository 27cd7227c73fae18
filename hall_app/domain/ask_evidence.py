"""How much of a citizen's question a document explains (the reception assistant's refusals).

BM25 adds up whatever matches, so a question about something the hall does not do can still
score well on one word it shares with an item: 驾照到期了换证 matched 居民身份证 on 到期,
银行卡密码忘了 matched 企业银行账户 on 银行. An answer therefore also needs evidence: the
share of the question's **content words** the document explains.

- Content words are the question's words and recognised phrases (the longest reading of each
  span), without :data:`GENERIC` words (people, generic acts, times, places as such: 孩子, 补办,
  到期, 外地), without question words (any word holding 哪, 几, 啥, 怎 …: 哪办, 要办什么) and
  without a verb with its measure word (开个, 办张, 做点). 办, the verb of every question, is
  no part of a content word: 办完 is generic, 办执照 is explained by 执照.
- A content word is explained only when the document's matches cover all of its characters:
  银行 does not explain 银行卡.
"""

from __future__ import annotations

from collections.abc import Iterable

# Words that say who asks, when, where from, or which generic act they want, but not which
# service: they rank (孩子 still helps 新生儿) but are no evidence on their own.
_GENERIC_TEXT = """
    孩子 小孩 娃儿 老人 老婆 老公 父亲 母亲 父母 爸爸 妈妈 家里 家人 亲人 别人 本人
    补办 补领 换证 办证 到期 过期 丢了 丢失 报名 证件 证明 地方 部门 事情 条件 材料 资料
    费用 时间 时候 期间 开始 第一次 一次 多久 本地 外地 老家 县城 县里 当地
    """
GENERIC = frozenset(_GENERIC_TEXT.split())
QUESTION_CHARS = frozenset("哪几啥咋怎么吗谁")
MEASURE_CHARS = frozenset("个些张点趟下次份")
GENERIC_VERB = "办"


def is_generic(word: str) -> bool:
    """Whether ``word`` is no evidence of which service is meant."""
    return (
        word in GENERIC
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


def content_words(words: Iterable[str], phrases: Iterable[str]) -> list[str]:
    """The content words of a question: its ``phrases`` (as the citizen typed them) and those
    of its ``words`` not inside a phrase, each kept only when no longer one holds it, generic
    ones dropped; sorted."""
    spans = set(phrases)
    spans.update(w for w in words if not any(w in p for p in spans))
    longest = {w for w in spans if not any(w != other and w in other for other in spans)}
    return sorted(w for w in longest if not is_generic(w))


def explained_share(question: str, content: list[str], matched: Iterable[str]) -> float:
    """The share of ``content`` words of ``question`` whose every character lies in one of
    the ``matched`` spans (what the citizen typed of each matching term); 0 with no content."""
    if not content:
        return 0.0
    covered = set(positions(question, GENERIC_VERB))
    for said in matched:
        covered.update(positions(question, said))
    whole = 0
    for word in content:
        where = positions(question, word)
        whole += bool(where) and where <= covered
    return whole / len(content)
