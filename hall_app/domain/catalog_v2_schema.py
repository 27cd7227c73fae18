"""Catalog format v2 (issue 18 §1): the standard material dictionary (标准材料), situations
(业务情形) and review points (审查要点) — vocabulary and plain data.

Read with ``docs/catalog-format.md`` (section "Format v2"). :mod:`hall_app.domain.catalog_check_v2`
checks a v2 file, :mod:`hall_app.domain.catalog_v2_parse` parses its v2 parts and flattens the
references into the v1 per-item material list, :mod:`hall_app.domain.requirements` applies the
answers, :mod:`hall_app.domain.catalog_upgrade` converts a v1 file.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_V2 = 2

#: who a referenced material belongs to (closed list); 申请人 is the default and is not
#: folded into the flattened v1 name (申请人 + 居民身份证 → 居民身份证, 母亲 → 母亲居民身份证)
MATERIAL_ROLES = (
    "申请人", "代理人", "法定代表人", "经办人", "母亲", "父亲", "监护人", "新生儿", "配偶",
    "继承人", "买方", "卖方", "户主", "逝者", "其他",
)  # fmt: skip
APPLICANT = "申请人"

MATERIAL_ID = r"[A-Z0-9][A-Z0-9-]{1,39}"
SITUATION_ID = r"[a-z0-9_]{1,40}"
ANSWER_VALUE = r"[a-z0-9_]{1,20}"
ANSWER_KEY = r"[0-9A-Za-z]"  # one keyboard key
MIN_ANSWERS, MAX_ANSWERS = 2, 6
QUESTION_MAX_CHARS = 100
ANSWER_TEXT_MAX_CHARS = 30
POINT_MAX_CHARS = 100  # one review point
SAMPLE_PATTERN = r"[^/\\:*?\"<>|]{1,120}"  # a file name under resources/forms/, no path

#: a condition: question id → the answer values any of which make it hold (every pair must)
When = tuple[tuple[str, tuple[str, ...]], ...]

STRICTNESS = {"必要": 0, "容缺后补": 1, "非必要": 2}  # lower = stricter


@dataclass(frozen=True)
class StandardMaterial:
    """One material of the dictionary, defined once."""

    id: str
    name: str
    form: str
    source: str
    standard: str
    shared_from: str = ""  # 共享免提交: the system it is obtained from
    obtain_from: str = ""  # 获取途径
    sample: str = ""  # sample or blank form, a file under resources/forms/
    review_points: tuple[str, ...] = ()  # 审查要点
    deferrable: bool = False  # may be 容缺后补


@dataclass(frozen=True)
class MaterialRef:
    """An item's reference to a standard material. ``form``, ``source``, ``standard`` and
    ``obtain_from`` are None when the material's own value applies (the converter writes them
    where an item handed the material in differently); ``note`` is added to the standard."""

    material: str
    role: str
    copies: int
    requirement: str
    defer_days: int = 0
    when: When = ()
    note: str = ""
    form: str | None = None
    source: str | None = None
    standard: str | None = None
    obtain_from: str | None = None


@dataclass(frozen=True)
class Answer:
    key: str  # one keyboard key
    value: str
    text: str


@dataclass(frozen=True)
class Situation:
    """A question (业务情形) whose answer selects materials, items of a bundle, conditions."""

    id: str
    question: str
    answers: tuple[Answer, ...]
    default: str = ""  # "" = none: what depends on it is 待确认 until answered

    def answer(self, value: str) -> Answer | None:
        return next((a for a in self.answers if a.value == value), None)


@dataclass(frozen=True)
class BundleMember:
    item: str  # item code
    when: When = ()
