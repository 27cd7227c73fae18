"""The material check at the window: what an item (or a bundle, merged) requires, what the
applicant brought, and what must be corrected — all at once (一次性告知).

Rules:
- materials available through data sharing (共享免提交) are never demanded;
- a material with an applicable situation applies only when the clerk says it does;
- a required (必要) material missing or faulty must be corrected: acceptance is blocked;
- a 容缺后补 material may follow later: acceptance goes ahead, the receipt lists it;
- an optional (非必要) material never blocks acceptance and is not demanded.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from hall_app.domain.errors import InvalidInput
from hall_app.domain.i18n import QT_TRANSLATE_NOOP

PROBLEMS = (
    QT_TRANSLATE_NOOP("labels", "缺失"),
    QT_TRANSLATE_NOOP("labels", "过期"),
    QT_TRANSLATE_NOOP("labels", "信息不一致"),
    QT_TRANSLATE_NOOP("labels", "格式不符"),
    QT_TRANSLATE_NOOP("labels", "其他"),
)


class Mark(enum.StrEnum):
    PENDING = "pending"
    RECEIVED = "received"
    MISSING = "missing"
    FAULTY = "faulty"

    @property
    def label(self) -> str:
        return {
            "pending": QT_TRANSLATE_NOOP("labels", "未核验"),
            "received": QT_TRANSLATE_NOOP("labels", "已收"),
            "missing": QT_TRANSLATE_NOOP("labels", "缺失"),
            "faulty": QT_TRANSLATE_NOOP("labels", "有误"),
        }[self.value]


@dataclass(frozen=True)
class Requirement:
    """One material as the catalog asks for it (merged across a bundle's items)."""

    name: str
    form: str
    copies: int
    requirement: str  # 必要 / 非必要 / 容缺后补
    source: str  # 申请人自备 / 政府部门核发 / 共享免提交
    standard: str = ""
    situation: str = ""  # when it applies; empty = always
    items: tuple[str, ...] = ()  # names of the items needing it
    obtain_from: str = ""  # 获取途径: where the applicant gets it
    defer_days: int = 0  # 容缺后补: working days the applicant may take to supply it
    internal_from: str = ""  # 内部流转 (v2 bundles): the earlier item that issues it

    @property
    def internal(self) -> bool:
        """Issued inside the bundle: never asked of the citizen, never missing."""
        return bool(self.internal_from)

    @property
    def key(self) -> str:
        return f"{self.name}|{self.situation}"

    @property
    def shared(self) -> bool:
        return self.source == "共享免提交"

    @property
    def conditional(self) -> bool:
        return bool(self.situation)


class MaterialLike(Protocol):
    """A material as a catalog lists it for one item: the file's or the database's row."""

    @property
    def name(self) -> str: ...

    @property
    def form(self) -> str: ...

    @property
    def copies(self) -> int: ...

    @property
    def requirement(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def standard(self) -> str: ...

    @property
    def situation(self) -> str: ...

    @property
    def obtain_from(self) -> str: ...

    @property
    def defer_days(self) -> int: ...


def requirement_of(m: MaterialLike) -> Requirement:
    """One item's material as the window checks it (before any bundle merge)."""
    return Requirement(
        m.name, m.form, m.copies, m.requirement, m.source, m.standard, m.situation,
        obtain_from=m.obtain_from, defer_days=m.defer_days,
    )  # fmt: skip


_REQUIREMENT_RANK = {"必要": 0, "容缺后补": 1, "非必要": 2}


def merge(item_materials: Iterable[tuple[str, Sequence[Requirement]]]) -> list[Requirement]:
    """One list for one or several items, without duplicates: the same material (name and
    situation) asked by several items is asked once, with the most copies and the strictest
    requirement, and remembers every item it serves."""
    merged: dict[str, Requirement] = {}
    for item_name, materials in item_materials:
        for m in materials:
            seen = merged.get(m.key)
            if seen is None:
                merged[m.key] = Requirement(
                    m.name,
                    m.form,
                    m.copies,
                    m.requirement,
                    m.source,
                    m.standard,
                    m.situation,
                    (item_name,),
                    m.obtain_from,
                    m.defer_days,
                )
                continue
            stricter = min(
                seen.requirement, m.requirement, key=lambda r: _REQUIREMENT_RANK.get(r, 3)
            )
            form = seen.form if seen.form == m.form else "原件和复印件"
            standard = (
                seen.standard if m.standard in seen.standard else f"{seen.standard}；{m.standard}"
            )
            merged[m.key] = Requirement(
                m.name,
                form,
                max(seen.copies, m.copies),
                stricter,
                m.source if seen.shared else seen.source,  # shared only if every item shares it
                standard.strip("；"),
                m.situation,
                (*seen.items, item_name),
                seen.obtain_from or m.obtain_from,
                min(d for d in (seen.defer_days, m.defer_days) if d)
                if seen.defer_days or m.defer_days
                else 0,
            )
    return list(merged.values())


@dataclass
class Check:
    """The clerk's verdict on one material."""

    material: Requirement
    mark: Mark = Mark.PENDING
    problem: str = ""
    note: str = ""
    applies: bool | None = None  # for conditional materials: None = not answered yet

    def __post_init__(self) -> None:
        if self.material.shared:
            self.mark = Mark.RECEIVED
        if not self.material.conditional:
            self.applies = True


@dataclass(frozen=True)
class Outcome:
    complete: bool
    received: tuple[Check, ...] = ()
    to_correct: tuple[Check, ...] = ()
    deferred: tuple[Check, ...] = ()  # 容缺后补, to supply later
    not_applicable: tuple[Check, ...] = field(default=())


def evaluate(checks: Sequence[Check]) -> Outcome:
    """What the check means; InvalidInput (in Chinese) when the clerk has not finished."""
    unanswered = [c.material.name for c in checks if c.applies is None]
    if unanswered:
        raise InvalidInput(f"请先确认以下材料是否适用：{'、'.join(unanswered)}")
    pending = [
        c.material.name
        for c in checks
        if c.applies and c.mark is Mark.PENDING and c.material.requirement != "非必要"
    ]
    if pending:
        raise InvalidInput(f"还有材料未核验：{'、'.join(pending)}")
    for c in checks:
        if c.mark is Mark.FAULTY and not c.problem:
            raise InvalidInput(f"请选择材料「{c.material.name}」的问题（{'/'.join(PROBLEMS[1:])}）")
        if c.problem and c.problem not in PROBLEMS:
            raise InvalidInput(f"材料问题「{c.problem}」无效")
    received, to_correct, deferred, not_applicable = [], [], [], []
    for c in checks:
        if not c.applies:
            not_applicable.append(c)
        elif c.mark is Mark.RECEIVED:
            received.append(c)
        elif c.material.requirement == "非必要" or c.mark is Mark.PENDING:
            continue
        elif c.material.requirement == "容缺后补":
            deferred.append(c)
        else:
            to_correct.append(c)
    return Outcome(
        complete=not to_correct,
        received=tuple(received),
        to_correct=tuple(to_correct),
        deferred=tuple(deferred),
        not_applicable=tuple(not_applicable),
    )


# forms the applicant fills in and signs for this application are handed in, never returned
SUBMITTED_FORMS = (
    "申请书", "申请表", "申领表", "登记表", "申报表", "审批表", "承诺书", "委托书", "声明书",
)  # fmt: skip


def original_kept(name: str) -> bool:
    """Whether the office keeps the original (a form made for this application) instead of
    checking it and handing it back (核验后退还)."""
    text = name.strip()
    while text.endswith("）") and "（" in text:  # a role or a note added at the end
        text = text[: text.rindex("（")].strip()
    return text.endswith(SUBMITTED_FORMS)
