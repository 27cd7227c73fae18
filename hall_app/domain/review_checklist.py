"""The window's 审查要点清单 (review checklist) of a case under catalog format v2: what the
clerk checks on each material handed in and on each item, printable at the window.

Rules (docs/catalog-format.md "Format v2", 审查要点):
- one block per row of the material check that the citizen hands in (:attr:`Need.asked`),
  named exactly as :func:`~hall_app.domain.requirements.window_rows` names the row
  (``居民身份证（母亲）``), with its form and copies, its requirement and, for a 待确认 row,
  the row's note; 内部流转 and shared (共享免提交) materials have no block (nothing is handed
  in to check);
- a block lists the material's review points in catalog order (merged across the items
  needing it, each once); a material the catalog gives no points keeps its block, with none;
- then each applicable item with points of its own (``Applied.review_points``), by item
  name, in the bundle's order, with the questions still open for it;
- the answers the list was resolved under, as (question, answer text) in asking order, and
  the questions still unanswered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hall_app.domain.catalog_v2_schema import Situation
from hall_app.domain.intake import amount_text, answer_rows, given
from hall_app.domain.requirements import Result, window_rows

HEADING = "窗口审查要点清单"


@dataclass(frozen=True)
class MaterialPoints:
    """A material the clerk takes in, with what to check on it."""

    name: str  # the material check's row name: 居民身份证（母亲）
    form: str
    copies: int
    requirement: str
    pending: str  # the row's 待确认 note, or ""
    points: tuple[str, ...]

    def amount(self) -> str:
        return amount_text(self.form, self.copies)


@dataclass(frozen=True)
class ItemPoints:
    """An item of the case with review points of its own."""

    name: str
    pending: tuple[str, ...]  # questions (texts) still open for it
    points: tuple[str, ...]


@dataclass(frozen=True)
class ReviewChecklist:
    answers: tuple[tuple[str, str], ...]  # (question, answer text) the list was resolved under
    unanswered: tuple[str, ...]  # questions (texts) asked and not answered, without default
    materials: tuple[MaterialPoints, ...]
    items: tuple[ItemPoints, ...]

    def point_count(self) -> int:
        return sum(len(m.points) for m in self.materials) + sum(len(i.points) for i in self.items)


@dataclass(frozen=True)
class ChecklistSheet:
    """The printed checklist: the case's checklist headed with the hall and the day."""

    hall: str
    kind: str  # item | bundle
    code: str
    subject: str
    made_on: dt.date
    checklist: ReviewChecklist


def review_checklist(
    result: Result, situations: Iterable[Situation], answers: Mapping[str, str]
) -> ReviewChecklist:
    """The checklist of a resolved case (see the module docstring)."""
    by_id = {s.id: s for s in situations}
    rows = window_rows(result, tuple(by_id.values()))
    texts = {q: s.question for q, s in by_id.items()}
    return ReviewChecklist(
        answers=answer_rows(result, given(result, answers), by_id),
        unanswered=tuple(texts.get(q, q) for q in result.unanswered),
        materials=tuple(
            MaterialPoints(
                row.name, row.form, row.copies, row.requirement, row.situation, need.review_points
            )
            for need, row in zip(result.needs, rows, strict=True)
            if need.asked
        ),
        items=tuple(
            ItemPoints(a.name, tuple(texts.get(q, q) for q in a.pending), a.review_points)
            for a in result.items
            if a.review_points
        ),
    )
