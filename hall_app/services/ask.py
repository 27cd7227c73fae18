"""The reception assistant over the hall's catalog in the database (``hall-app ask``, the
reception screen's search box).

The index (``domain/ask.py``) is built from the active items and bundles and kept; each
question reads the catalog's searchable fields again (a few hundred short rows) and rebuilds
the index only when they differ from those it was built from, so a catalog import is seen at
the next question on every terminal.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from hall_app import paths
from hall_app.domain import ask
from hall_app.domain.ask_evidence import place_words
from hall_app.domain.ask_text import Segmenter, Synonyms, read_elsewhere, read_synonyms
from hall_app.domain.errors import InvalidInput
from hall_app.services.context import ServiceContext
from hall_app.services.settings import load_settings
from hall_app.store import models as m

MAX_QUESTION = 200
MAX_TOP = 10


def synonyms_file() -> Path:
    return paths.resources_dir() / "ask" / "synonyms.tsv"


def elsewhere_file() -> Path:
    return paths.resources_dir() / "ask" / "elsewhere.tsv"


@dataclass(frozen=True)
class Answer:
    """Results best first; when there is none, the message and the lanes to choose from, and
    when the question is about something the hall does not do, that word and where to go."""

    results: tuple[ask.AskResult, ...]
    message: str = ""
    categories: tuple[tuple[str, str], ...] = ()  # (code, name) of each active lane
    elsewhere: tuple[str, str] | None = None  # (the citizen's word, where to go instead)


def _aliases(raw: str) -> tuple[str, ...]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


class AskService:
    def __init__(
        self,
        ctx: ServiceContext,
        synonyms_path: Path | None = None,
        elsewhere_path: Path | None = None,
    ) -> None:
        self.ctx = ctx
        self._synonyms_path = synonyms_path or synonyms_file()
        self._elsewhere_path = elsewhere_path or elsewhere_file()
        self._synonyms: Synonyms | None = None
        self._elsewhere: dict[str, str] | None = None
        self._segmenter = Segmenter(paths.cache_dir() / "jieba")
        self._lock = threading.Lock()
        self._built: tuple[tuple[ask.AskDocument, ...], frozenset[str], ask.AskIndex] | None = None

    def _read(
        self,
    ) -> tuple[tuple[ask.AskDocument, ...], tuple[tuple[str, str], ...], frozenset[str]]:
        """The documents of the active catalog, the active lanes, and the hall's place names
        (from its name, address and bodies in the settings: generic words, never evidence)."""
        with self.ctx.db.read() as s:
            lanes = {
                c.id: c
                for c in s.scalars(
                    select(m.Category).where(m.Category.active).order_by(m.Category.code)
                )
            }
            # v1 rows: their situation texts; v2 rows: the item's questions (below)
            situations: defaultdict[int, list[str]] = defaultdict(list)
            for item_id, situation in s.execute(
                select(m.Material.item_id, m.Material.situation)
                .where(m.Material.situation != "", m.Material.standard_material_id.is_(None))
                .order_by(m.Material.item_id, m.Material.position)
            ):
                if situation not in situations[item_id]:
                    situations[item_id].append(situation)
            questions = dict(
                s.execute(
                    select(m.Situation.code, m.Situation.question).where(m.Situation.active)
                ).all()
            )
            items = {
                i.id: i
                for i in s.scalars(
                    select(m.ServiceItem).where(m.ServiceItem.active).order_by(m.ServiceItem.id)
                )
            }
            members: defaultdict[int, list[str]] = defaultdict(list)
            member_codes: defaultdict[int, list[str]] = defaultdict(list)
            for bundle_id, item_id in s.execute(
                select(m.BundleItem.bundle_id, m.BundleItem.item_id).order_by(
                    m.BundleItem.bundle_id, m.BundleItem.position
                )
            ):
                item = items.get(item_id)
                if item is not None:
                    member_codes[bundle_id].append(item.code)
                    members[bundle_id] += [item.name] + (
                        [item.short_name] if item.short_name else []
                    )
            docs = [
                ask.AskDocument(
                    "item",
                    i.code,
                    i.name,
                    i.basic_code,
                    lanes[i.category_id].code,
                    (
                        ("name", (i.name,)),
                        ("short_name", (i.short_name,) if i.short_name else ()),
                        ("alias", _aliases(i.aliases)),
                        (
                            "situation",
                            tuple(situations[i.id])
                            + ask.situation_texts(_aliases(i.situations), questions),
                        ),
                        ("category", (lanes[i.category_id].name,)),
                    ),
                )
                for i in items.values()
                if i.category_id in lanes
            ]
            for b in s.scalars(select(m.Bundle).where(m.Bundle.active).order_by(m.Bundle.code)):
                if b.category_id not in lanes:
                    continue
                docs.append(
                    ask.AskDocument(
                        "bundle",
                        b.code,
                        b.name,
                        b.code,
                        lanes[b.category_id].code,
                        (
                            ("name", (b.name,)),
                            ("alias", _aliases(b.aliases)),
                            ("member", tuple(members[b.id])),
                            ("description", (b.description,) if b.description else ()),
                            ("situation", ask.situation_texts(_aliases(b.situations), questions)),
                            ("category", (lanes[b.category_id].name,)),
                        ),
                        tuple(member_codes[b.id]),
                    )
                )
            categories = tuple((c.code, c.name) for c in lanes.values())
            hall = load_settings(s)
            places = place_words(hall.name, hall.address, hall.government, hall.court)
        return tuple(docs), categories, places

    def index(self) -> ask.AskIndex:
        """The index of the current catalog (rebuilt when the catalog changed)."""
        docs, _, places = self._read()
        return self._index(docs, places)

    def _index(self, docs: tuple[ask.AskDocument, ...], places: frozenset[str]) -> ask.AskIndex:
        with self._lock:
            if self._built is None or self._built[:2] != (docs, places):
                if self._synonyms is None:
                    self._synonyms = read_synonyms(self._synonyms_path)
                if self._elsewhere is None:
                    self._elsewhere = read_elsewhere(self._elsewhere_path)
                index = ask.AskIndex(docs, self._synonyms, self._segmenter, places, self._elsewhere)
                self._built = (docs, places, index)
            return self._built[2]

    def ask(self, question: str, top: int = ask.TOP) -> Answer:
        """The items and bundles ``question`` most likely means (read-only, no personal data)."""
        text = " ".join(question.split())
        if not text:
            raise InvalidInput("请输入要咨询的问题，例如「孩子刚出生要办哪些手续」")
        if len(text) > MAX_QUESTION:
            raise InvalidInput(f"问题太长：请在 {MAX_QUESTION} 个字以内说明要办的事")
        if not 1 <= top <= MAX_TOP:
            raise InvalidInput(f"结果条数应在 1 到 {MAX_TOP} 之间")
        docs, categories, places = self._read()
        results, redirect = self._index(docs, places).answer(text, top)
        if results:
            return Answer(tuple(results))
        if redirect is not None:
            word, where = redirect
            return Answer((), ask.ELSEWHERE.format(word=word, where=where), categories, redirect)
        return Answer((), ask.NOTHING, categories)
