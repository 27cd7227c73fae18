"""Where the guided intake (:mod:`hall_app.domain.intake`) gets its questions and lists.

A :class:`GuideSource` answers for one item or bundle code: its questions under the answers
given so far (``None`` when the catalog has no v2 data for it), the v2 resolution, its v1
material list (the fallback), and the windows of a lane. :class:`CatalogSource` stands on a
domain :class:`Catalog` (v2 parts included) and the rule in :mod:`hall_app.domain.requirements`;
:class:`PlainSource` holds one entry's v1 list, as today's database gives it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from hall_app.domain.catalog_schema import Catalog
from hall_app.domain.catalog_v2_schema import Situation
from hall_app.domain.errors import InvalidInput
from hall_app.domain.materials import Requirement, merge, requirement_of
from hall_app.domain.requirements import Result, resolve


class GuideSource(Protocol):
    def questions(self, code: str, answers: Mapping[str, str]) -> tuple[Situation, ...] | None:
        """The questions the case asks under ``answers``, in order; None without v2 data."""
        ...

    def resolve(self, code: str, answers: Mapping[str, str]) -> Result: ...

    def plain(self, code: str) -> tuple[Requirement, ...]:
        """The v1 material list (the items' lists merged)."""
        ...

    def item_names(self, code: str) -> tuple[str, ...]: ...

    def cross_region(self, code: str) -> frozenset[str]:
        """The names of the entry's items handled under 川渝通办."""
        ...

    def windows(self, lane: str) -> tuple[int, ...]: ...


class CatalogSource:
    """A source on a parsed or rebuilt domain catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._items = {i.code: i for i in catalog.items}
        self._bundles = {b.code: b for b in catalog.bundles}
        self._situations = {s.id: s for s in catalog.situations}

    def _codes(self, code: str) -> tuple[str, ...]:
        if code in self._bundles:
            return self._bundles[code].items
        if code in self._items:
            return (code,)
        raise InvalidInput(f"事项或一件事「{code}」不存在")

    def has_v2(self, code: str) -> bool:
        """Whether every item of the entry references standard materials (format v2)."""
        return all(self._items[c].refs for c in self._codes(code))

    def questions(self, code: str, answers: Mapping[str, str]) -> tuple[Situation, ...] | None:
        if not self.has_v2(code):
            return None
        asked = resolve(self.catalog, code, answers).asked
        return tuple(self._situations[q] for q in asked if q in self._situations)

    def resolve(self, code: str, answers: Mapping[str, str]) -> Result:
        return resolve(self.catalog, code, answers)

    def plain(self, code: str) -> tuple[Requirement, ...]:
        return tuple(
            merge(
                (
                    self._items[c].name,
                    [requirement_of(x) for x in self._items[c].materials],
                )
                for c in self._codes(code)
            )
        )

    def item_names(self, code: str) -> tuple[str, ...]:
        return tuple(self._items[c].name for c in self._codes(code))

    def cross_region(self, code: str) -> frozenset[str]:
        return frozenset(
            self._items[c].name for c in self._codes(code) if self._items[c].chuanyu_tongban
        )

    def windows(self, lane: str) -> tuple[int, ...]:
        return tuple(w.number for w in self.catalog.windows if lane in w.categories)


class PlainSource:
    """One entry's v1 material list and nothing else: no questions, no v2 resolution."""

    def __init__(
        self,
        requirements: Sequence[Requirement],
        item_names: Sequence[str] = (),
        windows: Sequence[int] = (),
        cross_region: Sequence[str] = (),
    ) -> None:
        self._requirements = tuple(requirements)
        self._names = tuple(item_names)
        self._cross_region = frozenset(cross_region)
        self._windows = tuple(windows)

    def questions(self, code: str, answers: Mapping[str, str]) -> tuple[Situation, ...] | None:
        return None

    def resolve(self, code: str, answers: Mapping[str, str]) -> Result:
        raise InvalidInput("该事项尚未配置业务情形，无法按情形生成材料清单")

    def plain(self, code: str) -> tuple[Requirement, ...]:
        return self._requirements

    def item_names(self, code: str) -> tuple[str, ...]:
        return self._names

    def cross_region(self, code: str) -> frozenset[str]:
        return self._cross_region

    def windows(self, lane: str) -> tuple[int, ...]:
        return self._windows
