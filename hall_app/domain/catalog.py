"""The service catalog: reading a catalog file and checking it, with Chinese messages.

The file format is documented in ``docs/catalog-format.md``. :func:`load_catalog` parses YAML
keeping line numbers, :func:`check_catalog` (in :mod:`hall_app.domain.catalog_check`) returns
every problem found (never stops at the first), and :func:`parse_catalog` returns typed plain
data (:mod:`hall_app.domain.catalog_schema`) once the check passes, filling each item's legal
bases, refusal grounds and limit units from its type's defaults (:mod:`hall_app.domain.legal`)
where the file leaves them out. Every public name of those modules is importable from here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from hall_app.domain import catalog_v2_parse as v2
from hall_app.domain import legal
from hall_app.domain.catalog_check import capped_problems, check_against_database
from hall_app.domain.catalog_check import check_catalog as check_v1
from hall_app.domain.catalog_check_v2 import check_catalog_v2, errors
from hall_app.domain.catalog_schema import (
    DEFERRABLE,
    ITEM_TYPES,
    KINDS,
    LIMIT_UNITS,
    MATERIAL_FORMS,
    REQUIREMENTS,
    ROLES,
    SCHEMA_VERSION,
    SOURCES,
    TARGETS,
    Bundle,
    Catalog,
    Category,
    Department,
    Hall,
    Material,
    Problem,
    ServiceItem,
    Staff,
    Window,
)
from hall_app.domain.catalog_v2_schema import SCHEMA_V2, MaterialRef
from hall_app.domain.catalog_yaml import MAX_BYTES, load_yaml
from hall_app.domain.errors import InvalidInput
from hall_app.domain.text import clean_text

__all__ = [
    "DEFERRABLE", "ITEM_TYPES", "KINDS", "LIMIT_UNITS", "MATERIAL_FORMS", "REQUIREMENTS",
    "ROLES", "SCHEMA_VERSION", "SOURCES", "TARGETS", "Bundle", "Catalog", "Category",
    "Department", "Hall", "Material", "Problem", "ServiceItem", "Staff", "Window",
    "capped_problems", "check_against_database", "check_catalog", "errors", "file_digest",
    "load_catalog", "load_yaml", "parse_catalog", "read_catalog",
]  # fmt: skip


def check_catalog(data: Any, *, minimum_sizes: bool = False) -> list[Problem]:
    """Every problem of a catalog of either format (``schema_version`` 1 or 2); the hints of
    a v2 file (``Problem.warning``) are among them but never stop an import."""
    if isinstance(data, dict) and data.get("schema_version") == SCHEMA_V2:
        return check_catalog_v2(data, minimum_sizes=minimum_sizes)
    return check_v1(data, minimum_sizes=minimum_sizes)


def load_catalog(path: Path) -> Any:
    """Read and parse a catalog file; unreadable, oversized or hostile files raise InvalidInput."""
    return load_yaml(read_catalog(path), str(path))


def read_catalog(path: Path) -> bytes:
    """A catalog file's bytes (parsed with ``load_yaml``; an import hashes the same bytes it
    parses, so the hash it audits is the file it imported, even if the file is swapped)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InvalidInput(
                f"目录文件 {path} 过大（{size // 1024} KB，最多 {MAX_BYTES // 1024} KB）"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"无法读取目录文件 {path}：{exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:  # grown since the size was read
        raise InvalidInput(f"目录文件 {path} 过大（最多 {MAX_BYTES // 1024} KB）")
    return raw


def file_digest(raw: bytes) -> str:
    """The SHA-256 (hex) a catalog import audits: which file, byte for byte, was loaded."""
    return hashlib.sha256(raw).hexdigest()


def _text(node: dict[str, Any], key: str) -> str:
    """The checked text, normalised as the check read it (NFKC, invisible characters dropped)."""
    value = node.get(key)
    return "" if value is None else clean_text(str(value), key, multiline=True)


def _material(n: dict[str, Any]) -> Material:
    return Material(
        name=_text(n, "name"),
        form=_text(n, "form"),
        copies=int(n["copies"]),
        requirement=_text(n, "requirement"),
        source=_text(n, "source"),
        standard=_text(n, "standard"),
        situation=_text(n, "situation"),
        obtain_from=_text(n, "obtain_from"),
        defer_days=int(n.get("defer_days") or 0),
    )


def _aliases(n: dict[str, Any]) -> tuple[str, ...]:
    return tuple(clean_text(str(a), "") for a in n.get("aliases") or ())


def _item(n: dict[str, Any], dictionary: v2.Dictionary | None = None) -> ServiceItem:
    """One item; what the file leaves out of its bases, grounds and units, its type gives.
    A v2 item (``dictionary`` given) keeps its references and lists them flattened as its
    v1 ``materials``."""
    kind = _text(n, "type")
    if dictionary is None:
        refs: tuple[MaterialRef, ...] = ()
        materials = tuple(_material(m) for m in n["materials"])
    else:
        refs = v2.parse_refs(n)
        materials = v2.flatten(refs, dictionary.materials, dictionary.questions)
    grounds = tuple(str(g).strip() for g in n.get("refusal_grounds") or ())
    return ServiceItem(
        code=_text(n, "code"),
        basic_code=_text(n, "basic_code"),
        name=_text(n, "name"),
        short_name=_text(n, "short_name"),
        category=_text(n, "category"),
        type=kind,
        department=_text(n, "department"),
        target=_text(n, "target"),
        kind=_text(n, "kind"),
        legal_limit_days=int(n["legal_limit_days"]),
        promised_limit_days=int(n["promised_limit_days"]),
        legal_basis=_text(n, "legal_basis"),
        conditions=_text(n, "conditions"),
        fee=_text(n, "fee"),
        result=_text(n, "result"),
        visits=int(n["visits"]),
        online=bool(n["online"]),
        appointment=bool(n["appointment"]),
        delivery=bool(n["delivery"]),
        materials=materials,
        correction_basis=_text(n, "correction_basis") or legal.default_correction_basis(kind),
        correction_terms=_text(n, "correction_terms") or legal.default_correction_terms(kind),
        refusal_basis=_text(n, "refusal_basis") or legal.default_refusal_basis(kind),
        refusal_grounds=grounds or legal.default_refusal_grounds(kind),
        legal_limit_unit=_text(n, "legal_limit_unit") or legal.WORKING_DAYS,
        promised_limit_unit=_text(n, "promised_limit_unit") or legal.WORKING_DAYS,
        aliases=_aliases(n),
        refs=refs,
        situations=tuple(str(x) for x in n.get("situations") or ()),
        produces=tuple(str(x) for x in n.get("produces") or ()),
        review_points=v2.texts(n.get("review_points")),
        chuanyu_tongban=bool(n.get("chuanyu_tongban")),
    )


def parse_catalog(data: Any) -> Catalog:
    """Typed catalog from checked data; raises InvalidInput listing the problems otherwise."""
    problems = errors(check_catalog(data))
    if problems:
        raise InvalidInput(capped_problems(problems))
    version = int(data["schema_version"])
    materials = v2.parse_materials(data)
    situations = v2.parse_situations(data)
    dictionary = v2.Dictionary.of(materials, situations) if version == SCHEMA_V2 else None

    text = _text
    hall = data["hall"]
    return Catalog(
        hall=Hall(
            code=text(hall, "code"),
            name=text(hall, "name"),
            phone=text(hall, "phone"),
            complaint_phone=text(hall, "complaint_phone"),
            address=text(hall, "address"),
            opening_hours=text(hall, "opening_hours"),
            government=text(hall, "government"),
            court=text(hall, "court"),
        ),
        zones=tuple((text(z, "code"), text(z, "name")) for z in data["zones"]),
        categories=tuple(
            Category(
                code=text(n, "code"),
                name=text(n, "name"),
                prefix=text(n, "prefix"),
                green_channel=bool(n["green_channel"]),
                avg_service_minutes=int(n["avg_service_minutes"]),
                description=text(n, "description"),
            )
            for n in data["categories"]
        ),
        items=tuple(_item(n, dictionary) for n in data["items"]),
        bundles=tuple(
            Bundle(
                code=text(n, "code"),
                name=text(n, "name"),
                category=text(n, "category"),
                items=tuple(m.item for m in v2.parse_members(n)),
                promised_limit_days=int(n["promised_limit_days"]),
                description=text(n, "description"),
                aliases=_aliases(n),
                members=v2.parse_members(n) if version == SCHEMA_V2 else (),
                situations=tuple(str(x) for x in n.get("situations") or ()),
            )
            for n in data.get("bundles") or ()
        ),
        windows=tuple(
            Window(
                number=int(n["number"]),
                zone=text(n, "zone"),
                categories=tuple(str(x) for x in n["categories"]),
                name=text(n, "name"),
            )
            for n in data["windows"]
        ),
        staff=tuple(
            Staff(
                staff_no=text(n, "staff_no"),
                name=text(n, "name"),
                role=text(n, "role"),
                password=text(n, "password"),
                qualifications=tuple(str(x) for x in n.get("qualifications") or ()),
                phone=text(n, "phone"),
                default_window=n.get("default_window"),
            )
            for n in data.get("staff") or ()
        ),
        departments=tuple(
            Department(
                name=text(n, "name"),
                reconsideration_body=text(n, "reconsideration_body"),
                vertical=bool(n.get("vertical")),
            )
            for n in data.get("departments") or ()
        ),
        schema_version=version,
        materials=materials,
        situations=situations,
    )
