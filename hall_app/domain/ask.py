"""The reception assistant (智能问答): which items or 一件事 bundles a citizen's own words mean.

Each item and bundle is a document of weighted fields (name, short name, aliases 俗称, the
bundle's member items, its description, the situations of its materials — in a v2 catalog the
questions (业务情形) the item or bundle asks —, its lane's name).
A question is cut into words (jieba), widened through the synonym table (上户口 → 出生登记),
and ranked with BM25 over three channels: words, character bigrams (a missing or extra
character) and toneless pinyin bigrams (同音字 typed on a phone: 社保咔, 公基金). A document is
answered only when its score reaches :data:`THRESHOLD` and its score times the share of the
question's known content words it explains (``ask_evidence.py``) reaches :data:`EVIDENCE`; when none
is, the caller offers the category list instead. Each result says why in Chinese: which words
matched which field.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hall_app.domain.ask_evidence import (
    Ranked,
    content_words,
    explained_share,
    explained_words,
    items_before_bundles,
    known_words,
)
from hall_app.domain.ask_text import (
    Segmenter,
    Synonyms,
    char_bigrams,
    cjk_runs,
    find_sounds,
    pinyin_bigrams,
    syllables,
)

# field → (weight, label in the why); the weight multiplies a term's count in that field
FIELDS: Mapping[str, tuple[float, str]] = {
    "alias": (3.0, "俗称"),
    "name": (2.5, "名称"),
    "short_name": (2.5, "简称"),
    "member": (0.6, "包含事项"),
    "description": (0.4, "说明"),
    "situation": (0.3, "情形"),
    "category": (0.5, "类别"),
}
# channel → weight of its BM25 score in the total
CHANNELS: Mapping[str, float] = {"word": 1.0, "bigram": 0.35, "pinyin": 0.25}
SYNONYM_WEIGHT = 0.9  # a term reached through the synonym table, not typed
SECONDARY_WEIGHT = 0.75  # the second and later terms of a synonym (the first is its main sense)
SOUND_WEIGHT = 0.8  # a synonym or alias reached by its sound (同音字), not its characters
K1 = 1.2
B = 0.5
THRESHOLD = 3.0  # a total below this answers nothing (docs/ask.md says how it was chosen)
EVIDENCE = 2.0  # nor one whose total times the share of known content words it explains is below
TOP = 3
NOTHING = "没有找到与您的问题相符的事项，请换个说法，或从下列业务类别中选择："
ELSEWHERE = "「{word}」不在本大厅办理，请到{where}咨询；如有其他事项，可从下列业务类别中选择："


def situation_texts(ids: Iterable[str], questions: Mapping[str, str]) -> tuple[str, ...]:
    """The searchable text of each v2 question asked (是否委托他人办理？ → 委托他人办理):
    the question without its 是否 and final ？, as a v1 situation was written."""
    texts = (questions[q].replace("是否", "").rstrip("？?") for q in ids if q in questions)
    return tuple(dict.fromkeys(t for t in texts if t))


@dataclass(frozen=True)
class AskDocument:
    """An item or a bundle as the assistant sees it."""

    kind: str  # "item" | "bundle"
    code: str
    name: str
    basic_code: str = ""
    lane: str = ""  # the category code its tickets go to
    fields: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (field, its texts)
    members: tuple[str, ...] = ()  # a bundle's member items (their codes)


@dataclass(frozen=True)
class AskResult:
    kind: str
    code: str
    name: str
    basic_code: str
    lane: str
    score: float
    why: str


@dataclass(frozen=True)
class _Term:
    """One term of the question: what it is, how it was found, and what the citizen typed."""

    channel: str
    term: str
    weight: float
    said: str  # the citizen's words it came from
    via: str = ""  # the synonym or alias key it went through ("" when typed as it is)
    shown: str = ""  # for a bigram or pinyin term: the characters it stands for


_Reading = tuple[list[str], list[tuple[str, str, float]]]  # words, (phrase, said, weight)


@dataclass
class _Doc:
    source: AskDocument
    tf: dict[str, defaultdict[str, float]]  # channel → term → weighted count
    length: dict[str, float]
    where: dict[tuple[str, str], tuple[str, str]]  # (channel, term) → (field, text), best field


class AskIndex:
    """The ranked search over one catalog, built once and asked many times."""

    def __init__(
        self,
        documents: Iterable[AskDocument],
        synonyms: Synonyms,
        segmenter: Segmenter,
        places: Iterable[str] = (),
        elsewhere: Mapping[str, str] | None = None,
    ) -> None:
        self.segmenter = segmenter
        self.places = frozenset(places)  # the hall's place names: no term, no evidence
        # what the hall does not do → where to go instead (resources/ask/elsewhere.tsv)
        self.elsewhere = dict(elsewhere or {})
        docs = list(documents)
        self.phrases = _phrases(synonyms, docs)
        vocabulary = set(self.phrases)
        for terms in self.phrases.values():
            vocabulary.update(terms)
        segmenter.add_words(vocabulary)
        self._vocabulary = sorted(vocabulary, key=len, reverse=True)
        self._sounds = {
            key: tuple(syllables(key)) for key in self.phrases if len(key) > 1 and _all_cjk(key)
        }
        self.docs = [self._document(d) for d in docs]
        self._df: dict[str, Counter[str]] = {c: Counter() for c in CHANNELS}
        for doc in self.docs:
            for channel, counts in doc.tf.items():
                self._df[channel].update(counts.keys())
        self._avg = {
            c: (sum(d.length[c] for d in self.docs) / len(self.docs) if self.docs else 1.0) or 1.0
            for c in CHANNELS
        }

    # ------------------------------------------------------------ documents

    def _text_terms(self, text: str) -> dict[str, list[tuple[str, str]]]:
        """channel → (term, the characters shown for it) of one field text."""
        words = set(self.segmenter.words(text))
        words.update(v for v in self._vocabulary if v in text)
        return {
            "word": [(w, w) for w in sorted(words)],
            "bigram": [(b, b) for b in char_bigrams(text)],
            "pinyin": pinyin_bigrams(text),
        }

    def _document(self, source: AskDocument) -> _Doc:
        tf: dict[str, defaultdict[str, float]] = {c: defaultdict(float) for c in CHANNELS}
        length = dict.fromkeys(CHANNELS, 0.0)
        where: dict[tuple[str, str], tuple[str, str]] = {}
        best: dict[tuple[str, str], float] = {}
        for name, texts in source.fields:
            weight = FIELDS[name][0]
            for text in texts:
                for channel, terms in self._text_terms(text).items():
                    for term, _shown in terms:
                        tf[channel][term] += weight
                        if weight > best.get((channel, term), 0.0):
                            best[(channel, term)] = weight
                            where[(channel, term)] = (name, text)
                    length[channel] += weight * len(terms)
        return _Doc(source, tf, length, where)

    # ------------------------------------------------------------ questions

    def read(self, question: str) -> _Reading:
        """The question's words (jieba) and the phrases found in it, read once."""
        return self.segmenter.words(question), self._phrases_in(question)

    def terms(self, question: str, reading: _Reading | None = None) -> list[_Term]:
        """The question's terms in every channel, each once (its best weight kept)."""
        words, phrases = reading or self.read(question)
        found: dict[tuple[str, str], _Term] = {}

        def add(term: _Term) -> None:
            key = (term.channel, term.term)
            if key not in found or found[key].weight < term.weight:
                found[key] = term

        spans = [said for _, said, _ in phrases]

        spans += [place for place in self.places if place in question]

        def inside(text: str) -> bool:  # part of a phrase or a place name, not on its own
            return any(text in said for said in spans)

        for word in words:
            if not inside(word):
                add(_Term("word", word, 1.0, word))
        for key, said, weight in phrases:
            for position, term in enumerate(self.phrases[key]):
                typed = weight
                if term != key:
                    typed *= SYNONYM_WEIGHT * (1.0 if position == 0 else SECONDARY_WEIGHT)
                add(_Term("word", term, typed, said, key))
        for pair in char_bigrams(question):
            if not inside(pair):
                add(_Term("bigram", pair, 1.0, pair, shown=pair))
        for sound, pair in pinyin_bigrams(question):
            if not inside(pair):
                add(_Term("pinyin", sound, 1.0, pair, shown=pair))
        return list(found.values())

    def _phrases_in(self, question: str) -> list[tuple[str, str, float]]:
        """(phrase key, the citizen's characters, weight) of each synonym or alias the question
        holds: as written, or sounding the same (社保咔 for 社保卡); the longest wins (社保卡,
        not the 社保 inside it)."""
        found = self._all_phrases_in(question)
        return [
            p for p in found if not any(p[1] != other[1] and p[1] in other[1] for other in found)
        ]

    def _all_phrases_in(self, question: str) -> list[tuple[str, str, float]]:
        out = [(key, key, 1.0) for key in self.phrases if key in question]
        written = {key for key, _, _ in out}
        runs = [(run, syllables(run)) for run in cjk_runs(question)]
        for key, sounds in self._sounds.items():
            if key in written:
                continue
            for run, run_sounds in runs:
                said = find_sounds(run, run_sounds, sounds)
                if said is not None:
                    out.append((key, said, SOUND_WEIGHT))
                    break
        return out

    def _idf(self, channel: str, term: str) -> float:
        n = self._df[channel][term]
        total = len(self.docs)
        return math.log(1.0 + (total - n + 0.5) / (n + 0.5))

    def _contribution(self, doc: _Doc, term: _Term) -> float:
        tf = doc.tf[term.channel].get(term.term, 0.0)
        if not tf:
            return 0.0
        norm = K1 * (1.0 - B + B * doc.length[term.channel] / self._avg[term.channel])
        bm25 = self._idf(term.channel, term.term) * tf * (K1 + 1.0) / (tf + norm)
        return CHANNELS[term.channel] * term.weight * bm25

    def scores(
        self, question: str, reading: _Reading | None = None
    ) -> list[tuple[float, _Doc, list[tuple[float, _Term]]]]:
        """Every document's score for ``question`` with each term's part, unsorted."""
        terms = self.terms(question, reading)
        out = []
        for doc in self.docs:
            parts = [(self._contribution(doc, t), t) for t in terms]
            out.append((sum(value for value, _ in parts), doc, parts))
        return out

    def content(self, question: str, reading: _Reading | None = None) -> list[str]:
        """The question's content words (``ask_evidence.content_words``)."""
        words, phrases = reading or self.read(question)
        return content_words(words, [said for _, said, _ in phrases], self.places)

    def search(
        self,
        question: str,
        top: int = TOP,
        threshold: float = THRESHOLD,
        evidence: float = EVIDENCE,
    ) -> list[AskResult]:
        """The results of :meth:`answer` (none when the question is about something done
        elsewhere)."""
        return self.answer(question, top, threshold, evidence)[0]

    def answer(
        self,
        question: str,
        top: int = TOP,
        threshold: float = THRESHOLD,
        evidence: float = EVIDENCE,
    ) -> tuple[list[AskResult], tuple[str, str] | None]:
        """The best ``top`` documents scoring at least ``threshold`` whose score times the
        share of the question's known words they explain (``ask_evidence.explained_share``)
        reaches ``evidence``, best first (ties by kind,
        bundles first, then code), a member item moved before its bundle when the question
        names just that item (``ask_evidence.items_before_bundles``); and (word, where to go)
        when the question names something the hall does not do (:attr:`elsewhere`) that no
        document explains: then no result at all (二手车过户 is not 二手房 transfer)."""
        reading = self.read(question)
        content = self.content(question, reading)
        every = self.scores(question, reading)

        def said(parts: list[tuple[float, _Term]]) -> list[str]:
            return [t.said for v, t in parts if v > 0.0]

        redirect = self._elsewhere(question, [said(parts) for _, _, parts in every])
        if redirect is not None:
            return [], redirect
        known = known_words(question, content, (said(parts) for _, _, parts in every))
        scored = []
        for score, doc, parts in every:
            if score < threshold:
                continue
            words = explained_words(question, content, said(parts))
            if score * explained_share(question, content, said(parts), known) >= evidence:
                scored.append((score, doc, parts, words))
        scored.sort(key=lambda x: (-x[0], x[1].source.kind != "bundle", x[1].source.code))
        by_code = {x[1].source.code: x for x in scored}
        ranked = items_before_bundles(
            [Ranked(x[1].source.code, frozenset(x[1].source.members), x[3]) for x in scored]
        )
        scored = [by_code[r.code] for r in ranked]
        results = [
            AskResult(
                kind=doc.source.kind,
                code=doc.source.code,
                name=doc.source.name,
                basic_code=doc.source.basic_code,
                lane=doc.source.lane,
                score=round(score, 2),
                why=_why(doc, parts),
            )
            for score, doc, parts, _ in scored[: max(top, 0)]
        ]
        return results, None

    def _elsewhere(self, question: str, matches: list[list[str]]) -> tuple[str, str] | None:
        """The first (longest) word of :attr:`elsewhere` in ``question`` that no document's
        ``matches`` (what the citizen typed of each matching term) explain, with where to go."""
        found = sorted((w for w in self.elsewhere if w in question), key=lambda w: (-len(w), w))
        for word in found:
            if not any(explained_words(question, [word], said) for said in matches):
                return word, self.elsewhere[word]
        return None


def _all_cjk(text: str) -> bool:
    return cjk_runs(text) == [text]


def _phrases(synonyms: Synonyms, docs: list[AskDocument]) -> dict[str, tuple[str, ...]]:
    """Synonym keys with their terms, and each alias and short name standing for itself."""
    phrases: defaultdict[str, list[str]] = defaultdict(list)
    for key, terms in synonyms.entries.items():
        phrases[key].extend(terms)
    for doc in docs:
        for name, texts in doc.fields:
            if name in ("alias", "short_name"):
                for text in texts:
                    if len(text) > 1 and text not in phrases[text]:
                        phrases[text].append(text)
    return {key: tuple(dict.fromkeys(terms)) for key, terms in phrases.items()}


def _clip(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _why(doc: _Doc, parts: list[tuple[float, _Term]]) -> str:
    """The three strongest matches in words: 「上户口」→ 俗称「上户口」; a term reached through a
    synonym names it (「上户口」即「出生登记」), one reached by sound says so (音同)."""
    lines: list[str] = []
    seen: set[str] = set()
    matched = [term for value, term in parts if value > 0]
    for value, term in sorted(parts, key=lambda p: -p[0]):
        if value <= 0 or len(lines) == 3:
            break
        if any(term.said != other.said and term.said in other.said for other in matched):
            continue  # 「老金」 when 「养老金」 matched too
        field, text = doc.where[(term.channel, term.term)]
        label = FIELDS[field][1]
        said = f"「{term.said}」"
        if term.via and term.via != term.said:
            said += f"（音同「{term.via}」）"
        if term.via and term.term != term.via:
            said += f"即「{term.term}」"
        elif term.channel == "pinyin" and term.said not in text:
            said += "（音近）"
        elif term.channel == "bigram":
            said += "（字面相近）"
        line = f"{said}→ {label}「{_clip(text)}」"
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return "；".join(lines)
