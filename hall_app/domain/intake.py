"""Guided intake at reception (智能引导, issue 18 §3): the content of the 办事指引 a citizen takes
home, built from the v2 requirements rule's :class:`~hall_app.domain.requirements.Result`, and
the answers carried with the ticket to the clerk's material check.

Rules:
- the items in the bundle's order, each with the questions still open for it (待确认);
- **to bring**: only the needs the citizen hands in (:attr:`Need.asked`), each with form,
  copies, role, requirement, standard and where to obtain it (获取途径; without one: 申请人自备
  → "申请人自备", 政府部门核发 → "向核发部门申领");
- **not to bring**: 内部流转 as "无需提交：由「item」出具", shared as "无需提交：部门共享获取";
- **review points that matter to the citizen**: the points of the materials to bring and of
  the applicable items that name something the citizen can check or put right at home —
  validity (有效), a signature or seal (签字 签名 盖章 公章), an original (原件), completeness
  (完整) or data that must agree (一致); the rest (a drawing's content, shared checks) is the
  window's business. Each point once, items' first;
- the answers as (question, answer text) in asking order; a question left unanswered that has
  a default is shown with "（未回答，按默认）"; one without a default makes the 待确认 note;
- the answers travel with the ticket as compact versioned JSON (:func:`encode_answers`,
  :func:`decode_answers`): ``{"a":{…},"c":code,"v":1}``, ids and values in the catalog's
  shapes, at most :data:`MAX_ANSWERS` answers and :data:`MAX_ENCODED_CHARS` characters.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from hall_app.domain.catalog_v2_schema import ANSWER_VALUE, SITUATION_ID, Situation
from hall_app.domain.errors import InvalidInput
from hall_app.domain.materials import Requirement
from hall_app.domain.requirements import SHARED, Need, Result

#: words of a review point the citizen can act on before coming (see the module docstring)
CITIZEN_POINT_WORDS = ("有效", "签字", "签名", "盖章", "公章", "原件", "完整", "一致")
INTERNAL_TEXT = "无需提交：由「{}」出具"
SHARED_TEXT = "无需提交：部门共享获取"
DEFAULT_MARK = "（未回答，按默认）"
PENDING_MARK = "（待确认）"
CROSS_REGION_MARK = "（川渝通办）"
CROSS_REGION_NOTE = "标注「川渝通办」的事项在四川、重庆两地按同一标准办理，可就近选择窗口申请。"
OBTAIN_BY_SOURCE = {"申请人自备": "申请人自备", "政府部门核发": "向核发部门申领"}
PLAIN_NOTE = "该事项尚未配置业务情形，以下为现行材料清单；注明情形的材料，符合该情形时才需携带"

ANSWERS_VERSION = 1
MAX_ANSWERS = 40
MAX_ENCODED_CHARS = 1000
CODE_PATTERN = r"[0-9A-Za-z._-]{1,64}"


@dataclass(frozen=True)
class HallFacts:
    """What the guide says about the hall (from the hall settings)."""

    name: str
    phone: str = ""
    opening_hours: str = ""
    address: str = ""


@dataclass(frozen=True)
class Lane:
    """The lane a ticket for the case waits in, and the windows that serve it."""

    code: str
    name: str
    windows: tuple[int, ...] = ()

    def text(self) -> str:
        """``企业开办（F），7、8号窗口``; three or more windows in a row as a range
        (``综合受理（A），1～11号窗口``)."""
        where = "、".join(_runs(sorted(set(self.windows))))
        return f"{self.name}（{self.code}）" + (f"，{where}号窗口" if where else "")


def _runs(numbers: list[int]) -> list[str]:
    """[1, 2, 3, 5, 7, 8] → ["1～3", "5", "7", "8"]."""
    out: list[str] = []
    start = 0
    for end in range(1, len(numbers) + 1):
        if end == len(numbers) or numbers[end] != numbers[end - 1] + 1:
            run = numbers[start:end]
            out += [f"{run[0]}～{run[-1]}"] if len(run) >= 3 else [str(n) for n in run]
            start = end
    return out


@dataclass(frozen=True)
class GuideItem:
    name: str
    pending: tuple[str, ...] = ()  # questions (texts) still open for it
    cross_region: bool = False  # 川渝通办: the citizen may also apply in Sichuan

    def text(self) -> str:
        return (
            self.name
            + (CROSS_REGION_MARK if self.cross_region else "")
            + (PENDING_MARK if self.pending else "")
        )


@dataclass(frozen=True)
class Bring:
    """A material the citizen brings."""

    name: str
    role: str
    form: str
    copies: int
    requirement: str
    obtain_from: str
    standard: str
    items: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()  # questions (texts) that still decide it; v1: its situation

    def amount(self) -> str:
        return amount_text(self.form, self.copies)

    def line(self) -> str:
        """``居民身份证（原件1份，必要）`` with （待确认） when open."""
        mark = PENDING_MARK if self.pending else ""
        return f"{self.name}（{self.amount()}，{self.requirement}）{mark}"


@dataclass(frozen=True)
class NotNeeded:
    name: str
    reason: str  # INTERNAL_TEXT or SHARED_TEXT


@dataclass(frozen=True)
class Guide:
    kind: str  # item | bundle
    code: str
    subject: str
    items: tuple[GuideItem, ...]
    bring: tuple[Bring, ...]
    not_needed: tuple[NotNeeded, ...]
    points: tuple[str, ...]
    answers: tuple[tuple[str, str], ...]  # (question, answer text)
    pending_note: str
    lane: Lane
    hall: HallFacts
    made_on: dt.date
    plain: bool = False  # the v1 list: no questions were asked
    encoded: str = ""  # the answers as carried with the ticket

    def subject_text(self) -> str:
        """The subject, marked 川渝通办 when it is one item handled so."""
        single = self.kind == "item" and any(i.cross_region for i in self.items)
        return self.subject + (CROSS_REGION_MARK if single else "")

    def cross_region_note(self) -> str:
        """What 川渝通办 means, when an item of the guide is handled so; else ''."""
        return CROSS_REGION_NOTE if any(i.cross_region for i in self.items) else ""


def amount_text(form: str, copies: int) -> str:
    """``原件1份`` or ``电子`` (no paper copy)."""
    return f"{form}{copies}份" if copies else form


def obtain_text(obtain_from: str, source: str) -> str:
    return obtain_from or OBTAIN_BY_SOURCE.get(source, source)


def matters_to_citizen(point: str) -> bool:
    """Whether a review point is one the citizen can check or put right at home."""
    return any(word in point for word in CITIZEN_POINT_WORDS)


def citizen_points(result: Result) -> tuple[str, ...]:
    return tuple(p for p in result.all_points() if matters_to_citizen(p))


def given(result: Result, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers to the questions the case asks (an answer to a question of an item the
    other answers left out is dropped), in asking order."""
    return {q: answers[q] for q in result.asked if answers.get(q)}


def _question_texts(ids: Iterable[str], situations: Mapping[str, Situation]) -> tuple[str, ...]:
    return tuple(situations[q].question if q in situations else q for q in ids)


def _bring(need: Need, situations: Mapping[str, Situation]) -> Bring:
    return Bring(
        name=need.name,
        role=need.role,
        form=need.form,
        copies=need.copies,
        requirement=need.requirement,
        obtain_from=obtain_text(need.obtain_from, need.source),
        standard=need.standard,
        items=need.items,
        pending=_question_texts(need.pending, situations),
    )


def answer_rows(
    result: Result, answers: Mapping[str, str], situations: Mapping[str, Situation]
) -> tuple[tuple[str, str], ...]:
    """(question, answer text) for each asked question answered, or with its default."""
    rows = []
    for q in result.asked:
        situation = situations.get(q)
        if situation is None:
            continue
        value = answers.get(q, "")
        answer = situation.answer(value or situation.default)
        if answer is not None:
            rows.append((situation.question, answer.text + ("" if value else DEFAULT_MARK)))
    return tuple(rows)


def pending_note(result: Result, situations: Mapping[str, Situation]) -> str:
    if not result.unanswered:
        return ""
    open_ = "、".join(f"「{q}」" for q in _question_texts(result.unanswered, situations))
    return f"待确认：尚未回答{open_}；标有（待确认）的事项和材料，请按实际情况准备"


def build_guide(
    *,
    kind: str,
    code: str,
    subject: str,
    result: Result,
    answers: Mapping[str, str],
    situations: Iterable[Situation],
    lane: Lane,
    hall: HallFacts,
    made_on: dt.date,
) -> Guide:
    """The 办事指引 of a case (see the module docstring)."""
    by_id = {s.id: s for s in situations}
    relevant = given(result, answers)
    return Guide(
        kind=kind,
        code=code,
        subject=subject,
        items=tuple(
            GuideItem(a.name, _question_texts(a.pending, by_id), a.cross_region)
            for a in result.items
        ),
        bring=tuple(_bring(n, by_id) for n in result.needs if n.asked),
        not_needed=tuple(
            NotNeeded(
                n.name, INTERNAL_TEXT.format(n.internal_from) if n.internal_from else SHARED_TEXT
            )
            for n in result.needs
            if not n.asked
        ),
        points=citizen_points(result),
        answers=answer_rows(result, relevant, by_id),
        pending_note=pending_note(result, by_id),
        lane=lane,
        hall=hall,
        made_on=made_on,
        encoded=encode_answers(code, relevant),
    )


def plain_guide(
    *,
    kind: str,
    code: str,
    subject: str,
    items: Sequence[str],
    requirements: Iterable[Requirement],
    cross_region: Collection[str] = (),
    lane: Lane,
    hall: HallFacts,
    made_on: dt.date,
) -> Guide:
    """The guide of an entry without v2 data: its v1 material list as it stands; a
    material's situation is shown as what decides it, shared ones are not to bring."""
    reqs = list(requirements)
    return Guide(
        kind=kind,
        code=code,
        subject=subject,
        items=tuple(GuideItem(name, (), name in cross_region) for name in items),
        bring=tuple(
            Bring(
                r.name,
                "",
                r.form,
                r.copies,
                r.requirement,
                obtain_text(r.obtain_from, r.source),
                r.standard,
                r.items,
                (r.situation,) if r.situation else (),
            )
            for r in reqs
            if r.source != SHARED
        ),
        not_needed=tuple(NotNeeded(r.name, SHARED_TEXT) for r in reqs if r.source == SHARED),
        points=(),
        answers=(),
        pending_note=PLAIN_NOTE,
        lane=lane,
        hall=hall,
        made_on=made_on,
        plain=True,
    )


# ---------------------------------------------------------------- carried with the ticket


@dataclass(frozen=True)
class Carried:
    code: str
    answers: dict[str, str]


def _check(code: str, answers: Mapping[str, str]) -> None:
    if not re.fullmatch(CODE_PATTERN, code):
        raise InvalidInput(f"情形答案中的事项编码「{code[:70]}」无效")
    if len(answers) > MAX_ANSWERS:
        raise InvalidInput(f"情形答案过多（{len(answers)} 个），最多 {MAX_ANSWERS} 个")
    for question, value in answers.items():
        if not isinstance(question, str) or not re.fullmatch(SITUATION_ID, question):
            raise InvalidInput(f"情形答案中的问题编号「{str(question)[:50]}」无效")
        if not isinstance(value, str) or not re.fullmatch(ANSWER_VALUE, value):
            raise InvalidInput(f"问题「{question}」的答案「{str(value)[:30]}」无效")


def encode_answers(code: str, answers: Mapping[str, str]) -> str:
    """The answers of a case as carried with its ticket (see the module docstring)."""
    _check(code, answers)
    text = json.dumps(
        {"v": ANSWERS_VERSION, "c": code, "a": dict(sorted(answers.items()))},
        separators=(",", ":"),
        sort_keys=True,
    )
    if len(text) > MAX_ENCODED_CHARS:
        raise InvalidInput(f"情形答案过长（{len(text)} 字符），最多 {MAX_ENCODED_CHARS} 字符")
    return text


def decode_answers(text: str) -> Carried:
    """The inverse of :func:`encode_answers`; refuses anything it would not have written."""
    if len(text) > MAX_ENCODED_CHARS:
        raise InvalidInput(f"情形答案过长（{len(text)} 字符），最多 {MAX_ENCODED_CHARS} 字符")
    try:
        data = json.loads(text)
    except ValueError:
        raise InvalidInput("情形答案不是有效的 JSON") from None
    if not isinstance(data, dict) or set(data) != {"v", "c", "a"}:
        raise InvalidInput("情形答案的格式不正确，应含 v、c、a 三项")
    if data["v"] != ANSWERS_VERSION:
        raise InvalidInput(f"情形答案的版本「{data['v']}」不受支持，应为 {ANSWERS_VERSION}")
    code, answers = data["c"], data["a"]
    if not isinstance(code, str) or not isinstance(answers, dict):
        raise InvalidInput("情形答案的格式不正确：c 应为编码，a 应为问题与答案")
    _check(code, answers)
    return Carried(code, dict(answers))


def carried_for(text: str, code: str) -> str:
    """Encoded answers as a ticket for ``code`` stores them: "" when there are none, else
    the canonical encoding — refused when they were taken down for another item or bundle."""
    if not text:
        return ""
    carried = decode_answers(text)
    if carried.code != code:
        raise InvalidInput(f"情形答案属于「{carried.code}」，与取号事项「{code}」不一致")
    return encode_answers(carried.code, carried.answers)


def answers_of(text: str) -> dict[str, str]:
    """The answers a ticket carries ({} when none, or when the stored text is unreadable:
    the clerk then answers the questions again)."""
    if not text:
        return {}
    try:
        return decode_answers(text).answers
    except InvalidInput:
        return {}
