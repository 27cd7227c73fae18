"""Parsing the v2 parts of a checked catalog file, and flattening v2 references into the v1
per-item material list (:class:`Material`) that the import and today's window read.

Flattening (documented in ``docs/catalog-format.md``): the role is folded into the name
(母亲 + 居民身份证 → 母亲居民身份证; the applicant's role 申请人 is not written), every
overridable field takes the reference's value or else the material's, the note is added to the
standard after "；", and the condition becomes the v1 ``situation`` text: each question with
the answers that satisfy it (是否委托他人办理？是); a material applies always when it has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hall_app.domain.catalog_schema import Material
from hall_app.domain.catalog_v2_schema import (
    APPLICANT,
    Answer,
    BundleMember,
    MaterialRef,
    Situation,
    StandardMaterial,
    When,
)
from hall_app.domain.text import clean_text

#: question id → (question, answer value → answer text): what a situation text is made of
Questions = Mapping[str, tuple[str, Mapping[str, str]]]


def _text(node: Mapping[str, Any], key: str) -> str:
    value = node.get(key)
    return "" if value is None else clean_text(str(value), key, multiline=True)


def _optional(node: Mapping[str, Any], key: str) -> str | None:
    """None when the key is absent (the material's value applies), else its text."""
    return _text(node, key) if node.get(key) is not None else None


def texts(values: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(clean_text(str(v), "", multiline=True) for v in values or ())


def parse_when(value: Any) -> When:
    """``{agent: "yes", marital: [married, remarried]}`` → (("agent", ("yes",)), …)."""
    if not value:
        return ()
    return tuple(
        (str(key), tuple(str(v) for v in (answers if isinstance(answers, list) else [answers])))
        for key, answers in value.items()
    )


def parse_materials(data: Mapping[str, Any]) -> tuple[StandardMaterial, ...]:
    return tuple(
        StandardMaterial(
            id=_text(n, "id"),
            name=_text(n, "name"),
            form=_text(n, "form"),
            source=_text(n, "source"),
            standard=_text(n, "standard"),
            shared_from=_text(n, "shared_from"),
            obtain_from=_text(n, "obtain_from"),
            sample=_text(n, "sample"),
            review_points=texts(n.get("review_points")),
            deferrable=bool(n.get("deferrable")),
        )
        for n in data.get("materials") or ()
    )


def parse_situations(data: Mapping[str, Any]) -> tuple[Situation, ...]:
    return tuple(
        Situation(
            id=_text(n, "id"),
            question=_text(n, "question"),
            answers=tuple(
                Answer(key=_text(a, "key"), value=_text(a, "value"), text=_text(a, "text"))
                for a in n["answers"]
            ),
            default=_text(n, "default"),
        )
        for n in data.get("situations") or ()
    )


def parse_refs(item: Mapping[str, Any]) -> tuple[MaterialRef, ...]:
    return tuple(
        MaterialRef(
            material=_text(n, "material"),
            role=_text(n, "role") or APPLICANT,
            copies=int(n["copies"]),
            requirement=_text(n, "requirement"),
            defer_days=int(n.get("defer_days") or 0),
            when=parse_when(n.get("when")),
            note=_text(n, "note"),
            form=_optional(n, "form"),
            source=_optional(n, "source"),
            standard=_optional(n, "standard"),
            obtain_from=_optional(n, "obtain_from"),
        )
        for n in item["materials"]
    )


def parse_members(bundle: Mapping[str, Any]) -> tuple[BundleMember, ...]:
    """A member is an item code, or ``{item: code, when: {…}}``."""
    return tuple(
        BundleMember(str(m["item"]), parse_when(m.get("when")))
        if isinstance(m, Mapping)
        else BundleMember(str(m))
        for m in bundle["items"]
    )


def questions_of(situations: Iterable[Situation]) -> dict[str, tuple[str, dict[str, str]]]:
    return {s.id: (s.question, {a.value: a.text for a in s.answers}) for s in situations}


@dataclass(frozen=True)
class Dictionary:
    """What flattening a v2 item needs: the materials by id and the questions' texts."""

    materials: Mapping[str, StandardMaterial]
    questions: Questions

    @classmethod
    def of(
        cls, materials: Iterable[StandardMaterial], situations: Iterable[Situation]
    ) -> Dictionary:
        return cls({m.id: m for m in materials}, questions_of(situations))


def flat_name(name: str, role: str) -> str:
    """The v1 name of a referenced material: the role folded in, the applicant's left out."""
    return name if role == APPLICANT else f"{role}{name}"


def situation_text(when: When, questions: Questions) -> str:
    """The v1 ``situation`` of a condition: each question with the answers that satisfy it."""
    parts = []
    for question_id, values in when:
        question, texts = questions.get(question_id, (question_id, {}))
        parts.append(f"{question}{'或'.join(texts.get(v, v) for v in values)}")
    return "；".join(parts)


def effective(ref: MaterialRef, material: StandardMaterial) -> dict[str, str]:
    """The reference's form, source, standard (with its note) and 获取途径, each the
    reference's own where it has one, else the material's."""
    standard = material.standard if ref.standard is None else ref.standard
    return {
        "form": material.form if ref.form is None else ref.form,
        "source": material.source if ref.source is None else ref.source,
        "standard": f"{standard}；{ref.note}" if ref.note else standard,
        "obtain_from": material.obtain_from if ref.obtain_from is None else ref.obtain_from,
    }


def flatten(
    refs: Iterable[MaterialRef],
    materials: Mapping[str, StandardMaterial],
    questions: Questions,
) -> tuple[Material, ...]:
    """An item's references as today's v1 material list (see the module docstring)."""
    flat = []
    for ref in refs:
        material = materials[ref.material]
        fields = effective(ref, material)
        flat.append(
            Material(
                name=flat_name(material.name, ref.role),
                form=fields["form"],
                copies=ref.copies,
                requirement=ref.requirement,
                source=fields["source"],
                standard=fields["standard"],
                situation=situation_text(ref.when, questions),
                obtain_from=fields["obtain_from"],
                defer_days=ref.defer_days,
            )
        )
    return tuple(flat)
