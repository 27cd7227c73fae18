"""The words of a citizen's question, for the reception assistant (``domain/ask.py``).

Word segmentation with jieba (offline: its dictionary ships inside the package), character
bigrams and toneless pinyin bigrams (for the typos a phone keyboard makes: 社保咔, 公基金), and
the synonym table that maps everyday words to the catalog's terms (``resources/ask/synonyms.tsv``,
format in docs/ask.md).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hall_app.domain.errors import InvalidInput

# Function words and the verbs every question has (办, 申请, 手续): they say nothing about
# which item is meant. Single characters are dropped anyway (the bigrams keep them).
_STOPWORD_TEXT = """
    请问 你好 您好 我们 我家 我的 你们 他们 自己 一下 一个 这个 那个 哪个 哪些 什么 怎么
    怎样 怎么样 如何 为啥 为什么 多少 哪里 哪儿 那里 这里 可以 能不能 需要 需不需要 是不是
    要不要 应该 还要 还是 或者 已经 现在 刚刚 然后 就是 还有 所以 因为 但是 没有 有没有
    办理 办个 办一下 手续 申请 申办 咨询 问问 想问 问下 一般 到底 一起 具体 东西 要求
    窗口 大厅 政务 服务 中心 在哪 在哪里 去哪 去哪里 哪儿办 能办 怎么办 咋办 如何办
    """
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_CJK = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a token worth keeping holds a letter or Hanzi
_LOG_LEVEL = logging.WARNING


def cjk_runs(text: str) -> list[str]:
    """The runs of Chinese characters in ``text`` (``社保卡 丢了!`` → ``社保卡``, ``丢了``)."""
    return _CJK.findall(text)


def char_bigrams(text: str) -> list[str]:
    """Overlapping pairs of Chinese characters, within each run (``公积金`` → 公积, 积金)."""
    return [run[i : i + 2] for run in cjk_runs(text) for i in range(len(run) - 1)]


def syllables(run: str) -> list[str]:
    """Toneless pinyin of a run of Chinese characters, one syllable per character."""
    from pypinyin import Style, lazy_pinyin  # on demand: it loads a large dictionary

    out = lazy_pinyin(run, style=Style.NORMAL, errors="default")
    if len(out) != len(run):  # a polyphone phrase read as one unit: fall back per character
        out = [lazy_pinyin(ch, style=Style.NORMAL)[0] for ch in run]
    return [s.lower() for s in out]


def pinyin_bigrams(text: str) -> list[tuple[str, str]]:
    """``(pinyin bigram, the two characters)`` within each run: 公积 → ("gong ji", "公积")."""
    out = []
    for run in cjk_runs(text):
        sounds = syllables(run)
        out += [(f"{sounds[i]} {sounds[i + 1]}", run[i : i + 2]) for i in range(len(run) - 1)]
    return out


def find_sounds(run: str, sounds: list[str], wanted: tuple[str, ...]) -> str | None:
    """The part of ``run`` (its syllables ``sounds``) that is pronounced ``wanted``, if any."""
    size = len(wanted)
    for i in range(len(sounds) - size + 1):
        if tuple(sounds[i : i + size]) == wanted:
            return run[i : i + size]
    return None


class Segmenter:
    """jieba, set up once and on first use: its prefix-dictionary cache goes to ``cache_dir``
    (the app's cache folder), its log stays quiet, and the catalog's terms are added as words
    so 社保卡, 公积金, 不动产 stay whole."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self._tokenizer: Any = None
        self._lock = threading.Lock()
        self._words: set[str] = set()

    def _ready(self) -> Any:
        with self._lock:
            if self._tokenizer is None:
                import jieba  # on demand: loading its dictionary takes about a second

                jieba.setLogLevel(_LOG_LEVEL)
                tokenizer = jieba.Tokenizer()
                if self._cache_dir is not None:
                    self._cache_dir.mkdir(parents=True, exist_ok=True)
                    tokenizer.tmp_dir = str(self._cache_dir)
                tokenizer.initialize()
                self._tokenizer = tokenizer
            return self._tokenizer

    def add_words(self, words: Iterable[str]) -> None:
        """Keep each of ``words`` (two or more characters) whole when cutting."""
        tokenizer = self._ready()
        for word in words:
            if len(word) > 1 and word not in self._words and not word.isspace():
                tokenizer.add_word(word)
                self._words.add(word)

    def words(self, text: str) -> list[str]:
        """The words of ``text`` worth matching: jieba's search cut (long words and the words
        inside them), without stopwords, single characters, digits and punctuation."""
        out = []
        for token in self._ready().cut_for_search(text):
            token = token.strip()
            if len(token) > 1 and token not in STOPWORDS and _WORD.search(token):
                out.append(token)
        return out


# ---------------------------------------------------------------- the synonym table

MAX_WORD = 20


@dataclass(frozen=True)
class Synonyms:
    """Everyday word → the catalog terms it stands for (上户口 → 出生登记, 户口迁移)."""

    entries: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def words(self) -> set[str]:
        """Every word on either side (for the segmenter's dictionary)."""
        out = set(self.entries)
        for terms in self.entries.values():
            out.update(terms)
        return out


def _rows(
    text: str, source: str, left: str, right: str
) -> tuple[list[tuple[int, str, str]], list[tuple[int, str]]]:
    """The lines of a two-column table (``word<TAB>rest``): (line number, word, rest) of each
    good line and the problems of the bad ones, each with its number (``left``/``right``: what
    the columns hold, for the messages). ``#`` starts a comment line; blank lines are skipped."""
    rows: list[tuple[int, str, str]] = []
    first_line: dict[str, int] = {}
    problems: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{source} 第 {number} 行"
        columns = line.split("\t")
        word = columns[0].strip()
        if len(columns) != 2:
            problems.append(
                (
                    number,
                    f"{where}：应为两列「{left}<Tab>{right}」，用一个 Tab 分隔，实际为 {len(columns)} 列",
                )
            )
        elif not word or any(ch.isspace() for ch in word):
            problems.append((number, f"{where}：{left}不能为空，也不能含空格"))
        elif len(word) > MAX_WORD:
            problems.append((number, f"{where}：{left}「{word}」超过 {MAX_WORD} 个字"))
        elif not columns[1].strip():
            problems.append((number, f"{where}：{left}「{word}」后缺少{right}"))
        elif word in first_line:
            problems.append((number, f"{where}：{left}「{word}」与第 {first_line[word]} 行重复"))
        else:
            first_line[word] = number
            rows.append((number, word, columns[1].strip()))
    return rows, problems


def parse_synonyms(text: str, source: str = "synonyms.tsv") -> Synonyms:
    """Read the table: one entry a line, ``everyday word<TAB>term term …`` (terms separated
    by spaces); ``#`` starts a comment line; blank lines are skipped. Every bad line is
    reported with its number; nothing is loaded from a table with a bad line."""
    rows, problems = _rows(text, source, "俗称", "目录用语")
    entries: dict[str, tuple[str, ...]] = {}
    for number, word, rest in rows:
        terms = tuple(rest.split())
        if len(set(terms)) != len(terms):
            problems.append((number, f"{source} 第 {number} 行：俗称「{word}」的目录用语有重复"))
        elif any(len(term) > MAX_WORD for term in terms):
            problems.append((number, f"{source} 第 {number} 行：目录用语超过 {MAX_WORD} 个字"))
        else:
            entries[word] = terms
    if problems:
        raise _report("同义词表有误：", problems)
    return Synonyms(entries)


def _report(title: str, problems: list[tuple[int, str]]) -> InvalidInput:
    return InvalidInput(title + "\n" + "\n".join(text for _, text in sorted(problems)))


MAX_WHERE = 40


def parse_elsewhere(text: str, source: str = "elsewhere.tsv") -> dict[str, str]:
    """Read the table of things the hall does not do: ``word<TAB>where to go instead``
    (二手车<TAB>公安交管部门的车辆管理所), checked line by line as :func:`parse_synonyms`
    checks its table; a word must be at least two characters."""
    rows, problems = _rows(text, source, "词", "去处")
    entries: dict[str, str] = {}
    for number, word, where in rows:
        if len(word) < 2:
            problems.append((number, f"{source} 第 {number} 行：词「{word}」至少两个字"))
        elif len(where) > MAX_WHERE:
            problems.append((number, f"{source} 第 {number} 行：去处超过 {MAX_WHERE} 个字"))
        else:
            entries[word] = where
    if problems:
        raise _report("本厅不办事项表有误：", problems)
    return entries


def _read_table(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InvalidInput(f"无法读取{what} {path}：{exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{what} {path} 不是 UTF-8 编码的文本") from None


def read_elsewhere(path: Path) -> dict[str, str]:
    """The table in ``path`` (UTF-8), checked as :func:`parse_elsewhere` checks it."""
    return parse_elsewhere(_read_table(path, "本厅不办事项表"), path.name)


def read_synonyms(path: Path) -> Synonyms:
    """The table in ``path`` (UTF-8), checked as :func:`parse_synonyms` checks it."""
    return parse_synonyms(_read_table(path, "同义词表"), path.name)
