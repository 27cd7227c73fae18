"""What a case needs under catalog format v2: the applicable items and one merged material
list, from a catalog, an item or a bundle, and the answers to its questions (业务情形).

Rules (issue 18 §1, docs/catalog-format.md "Format v2"):
- an item applies when its bundle member's ``when`` matches (a single item always applies);
  a reference counts when its own ``when`` matches;
- an unanswered question takes its ``default``; with no default whatever depends on it is
  待确认 (``pending``): it applies until answered, never silently dropped;
- references are merged by (material, role): the most copies, the strictest requirement
  (必要 > 容缺后补 > 非必要), every item needing it; shared (共享免提交) only if every one
  shares it;
- a material an EARLIER item of the bundle produces (``produces``) is 内部流转
  (``internal_from``), never asked of the citizen — only if that item surely applies
  (a 待确认 producer may not be there to produce it);
- review points: the material's points for each material, and each item's own points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from hall_app.domain.catalog_schema import Catalog, ServiceItem
from hall_app.domain.catalog_v2_parse import effective, flat_name
from hall_app.domain.catalog_v2_schema import APPLICANT, STRICTNESS, Situation, When
from hall_app.domain.errors import InvalidInput
from hall_app.domain.materials import Requirement

SHARED = "共享免提交"
PENDING_NOTE = "待确认"


@dataclass(frozen=True)
class Need:
    """One material for one role, merged across the applicable items."""

    material: str  # standard material id
    role: str
    name: str  # the flattened name (母亲居民身份证)
    form: str
    copies: int
    requirement: str
    source: str
    standard: str
    obtain_from: str = ""
    defer_days: int = 0
    items: tuple[str, ...] = ()  # names of the items needing it
    pending: tuple[str, ...] = ()  # questions still unanswered that decide it (待确认)
    internal_from: str = ""  # 内部流转: the earlier item that produces it
    review_points: tuple[str, ...] = ()

    @property
    def asked(self) -> bool:
        """Whether the citizen has to hand it in (not shared, not produced in the bundle)."""
        return self.source != SHARED and not self.internal_from

    def requirement_row(self) -> Requirement:
        """As today's window check reads a material (a 待确认 one is conditional; an internal
        one is not demanded, like a shared one)."""
        internal = f"内部流转：由「{self.internal_from}」出具" if self.internal_from else ""
        return Requirement(
            self.name,
            self.form,
            self.copies,
            self.requirement,
            SHARED if self.internal_from else self.source,
            "；".join(x for x in (self.standard, internal) if x),
            f"{PENDING_NOTE}：{'、'.join(self.pending)}" if self.pending else "",
            self.items,
            self.obtain_from,
            self.defer_days,
        )


@dataclass(frozen=True)
class Applied:
    """An item of the case, with what the answers leave open about it."""

    code: str
    name: str
    pending: tuple[str, ...] = ()  # unanswered questions its bundle condition names
    review_points: tuple[str, ...] = ()
    cross_region: bool = False  # 川渝通办: handled to one standard in Sichuan and Chongqing


@dataclass(frozen=True)
class Result:
    items: tuple[Applied, ...]
    needs: tuple[Need, ...]
    unanswered: tuple[str, ...]  # ids of the questions asked, unanswered and without default
    asked: tuple[str, ...] = ()  # ids of every question asked, in asking order (the bundle's,
    # then each applicable item's): what reception's guided intake puts to the citizen

    def all_points(self) -> tuple[str, ...]:
        """Every review point of the case once, items' first, then the materials handed in
        (the window's checklist by material is :mod:`hall_app.domain.review_checklist`)."""
        points = [p for a in self.items for p in a.review_points]
        points += [p for n in self.needs if n.asked for p in n.review_points]
        return tuple(dict.fromkeys(points))


def match(
    when: When, answers: Mapping[str, str], situations: Mapping[str, Situation]
) -> tuple[bool, tuple[str, ...]]:
    """(holds, pending): False when an answer (or default) contradicts it; else True with the
    questions still unanswered that it names (待确认)."""
    pending = []
    for question, values in when:
        situation = situations.get(question)
        value = answers.get(question) or (situation.default if situation else "")
        if not value:
            pending.append(question)
        elif value not in values:
            return False, ()
        # else this pair holds
    return True, tuple(pending)


def _merge(seen: Need, new: Need) -> Need:
    stricter = min(seen.requirement, new.requirement, key=lambda r: STRICTNESS.get(r, 3))
    forms = {seen.form, new.form}
    if len(forms) > 1 and "电子" in forms:
        forms.discard("电子")  # paper wins over electronic
    form = forms.pop() if len(forms) == 1 else "原件和复印件"
    deferred = [n.defer_days for n in (seen, new) if n.requirement == "容缺后补" and n.defer_days]
    return replace(
        seen,
        form=form,
        copies=max(seen.copies, new.copies),
        requirement=stricter,
        source=new.source if seen.source == SHARED else seen.source,
        standard=seen.standard
        if new.standard in seen.standard
        else f"{seen.standard}；{new.standard}",
        obtain_from=seen.obtain_from or new.obtain_from,
        defer_days=min(deferred) if stricter == "容缺后补" and deferred else 0,
        items=(*seen.items, *new.items),
        # 待确认 only while every item needing it waits for an answer
        pending=tuple(dict.fromkeys(seen.pending + new.pending))
        if seen.pending and new.pending
        else (),
        internal_from=seen.internal_from if new.internal_from else "",
        review_points=tuple(dict.fromkeys(seen.review_points + new.review_points)),
    )


def resolve(catalog: Catalog, code: str, answers: Mapping[str, str] | None = None) -> Result:
    """The case of an item or a bundle (by code) under ``answers`` (question id → value)."""
    answers = answers or {}
    situations = {s.id: s for s in catalog.situations}
    materials = {m.id: m for m in catalog.materials}
    by_code = {i.code: i for i in catalog.items}
    bundle = next((b for b in catalog.bundles if b.code == code), None)
    if bundle is not None:
        members: Sequence[tuple[str, When]] = [(m.item, m.when) for m in bundle.members] or [
            (c, ()) for c in bundle.items
        ]
        asked = list(bundle.situations)
    elif code in by_code:
        members, asked = [(code, ())], []
    else:
        raise InvalidInput(f"事项或一件事「{code}」不存在")
    applied: list[tuple[ServiceItem, tuple[str, ...]]] = []
    for item_code, when in members:
        holds, pending = match(when, answers, situations)
        if holds:
            applied.append((by_code[item_code], pending))
            asked += [q for q in by_code[item_code].situations if q not in asked]
    produced: dict[str, str] = {}  # material id → the first sure item producing it
    merged: dict[tuple[str, str], Need] = {}
    for item, item_pending in applied:
        for ref in item.refs:
            holds, pending = match(ref.when, answers, situations)
            if not holds:
                continue
            material = materials[ref.material]
            fields = effective(ref, material)
            need = Need(
                material=material.id,
                role=ref.role,
                name=flat_name(material.name, ref.role),
                form=fields["form"],
                copies=ref.copies,
                requirement=ref.requirement,
                source=fields["source"],
                standard=fields["standard"],
                obtain_from=fields["obtain_from"],
                defer_days=ref.defer_days,
                items=(item.name,),
                pending=tuple(dict.fromkeys(item_pending + pending)),
                internal_from=produced.get(material.id, ""),
                review_points=material.review_points,
            )
            key = (material.id, ref.role)
            merged[key] = _merge(merged[key], need) if key in merged else need
        if not item_pending:
            for mid in item.produces:
                produced.setdefault(mid, item.name)
    unanswered = tuple(
        q for q in asked if not answers.get(q) and not (q in situations and situations[q].default)
    )
    return Result(
        items=tuple(
            Applied(i.code, i.name, p, i.review_points, i.chuanyu_tongban) for i, p in applied
        ),
        needs=tuple(merged.values()),
        unanswered=unanswered,
        asked=tuple(asked),
    )


def asked_questions(catalog: Catalog, code: str) -> tuple[Situation, ...]:
    """Every question an item or a bundle (its own, then each member item's) may ask, in
    asking order: what the window shows and what answers may name."""
    situations = {s.id: s for s in catalog.situations}
    by_code = {i.code: i for i in catalog.items}
    bundle = next((b for b in catalog.bundles if b.code == code), None)
    if bundle is not None:
        ids = list(bundle.situations)
        codes = [m.item for m in bundle.members] or list(bundle.items)
    elif code in by_code:
        ids, codes = [], [code]
    else:
        raise InvalidInput(f"事项或一件事「{code}」不存在")
    for item_code in codes:
        ids += [q for q in by_code[item_code].situations if q not in ids]
    return tuple(situations[q] for q in dict.fromkeys(ids) if q in situations)


def check_answers(catalog: Catalog, code: str, answers: Mapping[str, str]) -> dict[str, str]:
    """The answers, checked against the questions ``code`` asks; an empty value is no answer
    (dropped). Unknown question or answer → InvalidInput naming it and what is allowed."""
    asked = {s.id: s for s in asked_questions(catalog, code)}
    checked: dict[str, str] = {}
    for question, value in answers.items():
        situation = asked.get(question)
        if situation is None:
            known = "、".join(f"{s.id}（{s.question}）" for s in asked.values()) or "无"
            raise InvalidInput(f"「{code}」不问业务情形「{question}」；可回答的情形：{known}")
        if not value:
            continue
        if situation.answer(value) is None:
            choices = "、".join(f"{a.key} {a.text}（{a.value}）" for a in situation.answers)
            raise InvalidInput(
                f"业务情形「{situation.question}」没有答案「{value}」，可选：{choices}"
            )
        checked[question] = value
    return checked


ROW_MAX_CHARS = 200  # the name and situation columns of a notice's material line


def window_rows(result: Result, situations: Sequence[Situation]) -> list[Requirement]:
    """The window's check list of a resolved case, one row per need in the same order (the
    review checklist pairs them), i.e. one per (material, role): the name
    with the role in brackets; a 待确认 row names its open questions (the clerk confirms it);
    an internal one is not demanded (内部流转, by the item that issues it); the standard
    carries the material's review points."""
    questions = {s.id: s.question for s in situations}
    rows = []
    for need in result.needs:
        base = need.name.removeprefix(need.role) if need.role != APPLICANT else need.name
        role = f"（{need.role}）"
        pending = "、".join(questions.get(q, q) for q in need.pending)
        points = "、".join(need.review_points) if need.asked else ""
        internal = f"内部流转：由「{need.internal_from}」出具" if need.internal_from else ""
        rows.append(
            Requirement(
                base[: ROW_MAX_CHARS - len(role)] + role,
                need.form,
                need.copies,
                need.requirement,
                SHARED if need.internal_from else need.source,
                "；".join(
                    x for x in (need.standard, points and f"审查要点：{points}", internal) if x
                ),
                f"{PENDING_NOTE}：{pending}"[:ROW_MAX_CHARS] if pending else "",
                need.items,
                need.obtain_from,
                need.defer_days,
                need.internal_from,
            )
        )
    return rows
