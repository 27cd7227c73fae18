"""Loading the service catalog into the database and reading it back for the screens.

Import is idempotent: rows are matched by their codes and updated in place; items,
bundles, categories and windows missing from the file are deactivated, never deleted
(tickets refer to them). Staff passwords are set only when the staff member is new. The
department table mirrors the file's ``departments`` section (matched by name; nothing refers
to its rows), and the hall's government and court are stored with the other ``hall.*`` facts.
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from hall_app.domain import catalog as cat
from hall_app.domain.errors import InvalidInput
from hall_app.domain.roles import Permission
from hall_app.domain.settings import CATALOG_SPECS
from hall_app.services.catalog_v2 import dump_when, item_columns, ref_columns, write_dictionary
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.passwords import hash_password
from hall_app.services.settings import store_settings
from hall_app.store import models as m
from hall_app.store.changes import announce_change


def pinyin_initials(text: str) -> str:
    """``户口迁移`` → ``hkqy``; other characters (letters, digits) kept in lower case."""
    from pypinyin import Style, lazy_pinyin  # imported on demand: it loads a large dictionary

    return "".join(
        part[0] for part in lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default") if part
    ).lower()


def search_key(name: str, short_name: str = "") -> str:
    """What reception can type to find an entry: initials of the full and the short name,
    and the short name itself (``shbzksl sbksl 社保卡申领``)."""
    parts = [pinyin_initials(name)]
    if short_name:
        parts += [pinyin_initials(short_name), short_name]
    return " ".join(parts)[:200]


@dataclass(frozen=True)
class ImportReport:
    categories: int
    items: int
    materials: int
    bundles: int
    windows: int
    staff_added: int
    deactivated: int
    departments: int = 0

    def summary(self) -> str:
        return (
            f"已导入：业务类别 {self.categories} 个，事项 {self.items} 项（材料 {self.materials} 项），"
            f"一件事 {self.bundles} 个，窗口 {self.windows} 个，新增人员 {self.staff_added} 人"
            + (f"，部门 {self.departments} 个" if self.departments else "")
            + (f"；停用文件中已不存在的条目 {self.deactivated} 个" if self.deactivated else "")
        )


@dataclass(frozen=True)
class CatalogEntry:
    """What reception can issue a ticket for."""

    kind: str  # "item" | "bundle" | "category"
    code: str
    name: str
    lane_code: str
    lane_name: str
    initials: str
    green_channel: bool = False
    cross_region: bool = False  # 川渝通办 (an item)

    @property
    def kind_label(self) -> str:
        return {"item": "事项", "bundle": "一件事", "category": "业务类别"}[self.kind]


def check_file(
    path: Path, *, minimum_sizes: bool = False, ctx: ServiceContext | None = None
) -> list[cat.Problem]:
    """Every problem ``catalog import`` would refuse: the file's, and with ``ctx`` also what
    the database holding the current catalog would refuse."""
    data = cat.load_catalog(path)
    problems = cat.check_catalog(data, minimum_sizes=minimum_sizes)
    if ctx is not None and not cat.errors(problems):
        with ctx.db.read() as s:
            problems = cat.check_against_database(data, _prefixes(s))
    return problems


def _prefixes(s: Session) -> dict[str, str]:
    return {k.prefix: k.code for k in s.scalars(select(m.Category))}


def bootstrap_actor(terminal: str = "setup") -> Actor:
    """The system actor that seeds a database (demo, tests, the first ``catalog import``
    before any staff exists): audited as ``catalog_bootstrap``."""
    return Actor.system("catalog_bootstrap", terminal, Permission.IMPORT_CATALOG)


class CatalogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @guarded(Permission.IMPORT_CATALOG)
    def import_file(self, actor: Actor, path: Path) -> ImportReport:
        """Load a catalog file (an admin, or :func:`bootstrap_actor` on a new database). The
        file's SHA-256 is audited with the import, and with a refusal (``catalog_import_refused``
        beside the ``denied`` entry): a swapped file is told apart from the one expected."""
        raw = cat.read_catalog(path)
        digest = cat.file_digest(raw)
        data = cat.load_yaml(raw, str(path))
        catalog = cat.parse_catalog(data)
        with self.ctx.db.write() as s:
            refused = cat.check_against_database(data, _prefixes(s))
            if refused:
                raise InvalidInput(cat.capped_problems(refused))
            report = _Importer(s).run(catalog)
            audit(
                s,
                self.ctx,
                actor,
                "catalog_import",
                "catalog",
                None,
                file=path.name,
                sha256=digest,
                items=report.items,
                bundles=report.bundles,
            )
            announce_change(s, "catalog")
        return report

    def _after_denial(self, actor: Actor, action: str, arguments: dict[str, Any]) -> None:
        """A refused import also records the file's hash (``guard`` calls this)."""
        if action == "import_file":
            self._refused(actor, Path(arguments["path"]))

    def _refused(self, actor: Actor, path: Path) -> None:
        """The refused attempt in the audit trail, with the file's hash when it can be read."""
        try:
            digest = cat.file_digest(cat.read_catalog(path))
        except InvalidInput:
            digest = ""
        with self.ctx.db.write() as s:
            audit(
                s,
                self.ctx,
                actor,
                "catalog_import_refused",
                "catalog",
                None,
                file=path.name,
                sha256=digest,
                role=actor.role.value,
            )

    def is_empty(self) -> bool:
        with self.ctx.db.read() as s:
            return s.scalar(select(m.Category.id).limit(1)) is None

    def entries(self) -> list[CatalogEntry]:
        with self.ctx.db.read() as s:
            lanes = {c.id: c for c in s.scalars(select(m.Category).where(m.Category.active))}
            out = [
                CatalogEntry(
                    "category", c.code, c.name, c.code, c.name, c.search_key, c.green_channel
                )
                for c in lanes.values()
            ]
            for b in s.scalars(select(m.Bundle).where(m.Bundle.active).order_by(m.Bundle.code)):
                lane = lanes.get(b.category_id)
                if lane:
                    out.append(
                        CatalogEntry("bundle", b.code, b.name, lane.code, lane.name, b.search_key)
                    )
            for i in s.scalars(
                select(m.ServiceItem).where(m.ServiceItem.active).order_by(m.ServiceItem.id)
            ):
                lane = lanes.get(i.category_id)
                if lane:
                    out.append(
                        CatalogEntry(
                            "item",
                            i.code,
                            i.name,
                            lane.code,
                            lane.name,
                            i.search_key,
                            cross_region=i.chuanyu_tongban,
                        )
                    )
        return out


class _Importer:
    def __init__(self, s: Session) -> None:
        self.s = s
        self.deactivated = 0

    def _upsert(self, model: type, key: str, key_value: object, **fields: object) -> Any:
        row = self.s.scalar(select(model).where(getattr(model, key) == key_value))
        if row is None:
            row = model(**{key: key_value}, **fields)
            self.s.add(row)
        else:
            for name, field_value in fields.items():
                setattr(row, name, field_value)
        return row

    def _deactivate_missing(self, model: Any, key: str, keep: AbstractSet[object]) -> None:
        """Rows of ``model`` (a model with an ``active`` column) whose ``key`` is not kept."""
        for row in self.s.scalars(select(model).where(model.active)):
            if getattr(row, key) not in keep:
                row.active = False
                self.deactivated += 1

    def run(self, c: cat.Catalog) -> ImportReport:
        s = self.s
        store_settings(s, **{spec.attr: getattr(c.hall, spec.attr) for spec in CATALOG_SPECS})
        departments = self._departments(c.departments)
        zones = {code: self._upsert(m.Zone, "code", code, name=name) for code, name in c.zones}
        categories = {
            k.code: self._upsert(
                m.Category,
                "code",
                k.code,
                name=k.name,
                prefix=k.prefix,
                green_channel=k.green_channel,
                avg_service_minutes=k.avg_service_minutes,
                description=k.description,
                active=True,
                search_key=pinyin_initials(k.name),
            )
            for k in c.categories
        }
        s.flush()
        self._deactivate_missing(m.Category, "code", set(categories))
        materials = 0
        standard_ids = write_dictionary(s, c)  # v2 (a v1 file deactivates any there)
        items: dict[str, m.ServiceItem] = {}
        for it in c.items:
            item = self._upsert(
                m.ServiceItem,
                "code",
                it.code,
                basic_code=it.basic_code,
                name=it.name,
                short_name=it.short_name,
                category_id=categories[it.category].id,
                type=it.type,
                department=it.department,
                target=it.target,
                kind=it.kind,
                legal_limit_days=it.legal_limit_days,
                promised_limit_days=it.promised_limit_days,
                legal_basis=it.legal_basis,
                correction_basis=it.correction_basis,
                correction_terms=it.correction_terms,
                refusal_basis=it.refusal_basis,
                refusal_grounds=json.dumps(list(it.refusal_grounds), ensure_ascii=False),
                legal_limit_unit=it.legal_limit_unit,
                promised_limit_unit=it.promised_limit_unit,
                conditions=it.conditions,
                fee=it.fee,
                result=it.result,
                visits=it.visits,
                online=it.online,
                appointment=it.appointment,
                delivery=it.delivery,
                active=True,
                search_key=search_key(it.name, it.short_name),
                aliases=json.dumps(list(it.aliases), ensure_ascii=False),
                chuanyu_tongban=it.chuanyu_tongban,
                **item_columns(it),
            )
            assert isinstance(item, m.ServiceItem)
            s.flush()
            existing = {(x.name, x.situation): x for x in item.materials}
            wanted = set()
            for position, (mat, ref) in enumerate(
                zip(it.materials, ref_columns(it, standard_ids), strict=True)
            ):
                wanted.add((mat.name, mat.situation))
                fields = dict(
                    **ref,
                    position=position,
                    form=mat.form,
                    copies=mat.copies,
                    requirement=mat.requirement,
                    source=mat.source,
                    standard=mat.standard,
                    obtain_from=mat.obtain_from,
                    defer_days=mat.defer_days,
                )
                row = existing.get((mat.name, mat.situation))
                if row is None:
                    item.materials.append(
                        m.Material(name=mat.name, situation=mat.situation, **fields)
                    )
                else:
                    for name, value in fields.items():
                        setattr(row, name, value)
                materials += 1
            for k, row in existing.items():
                if k not in wanted:
                    item.materials.remove(row)
            items[it.code] = item
        s.flush()
        self._deactivate_missing(m.ServiceItem, "code", set(items))
        bundles = set()
        for b in c.bundles:
            bundle = self._upsert(
                m.Bundle,
                "code",
                b.code,
                name=b.name,
                category_id=categories[b.category].id,
                promised_limit_days=b.promised_limit_days,
                description=b.description,
                active=True,
                search_key=pinyin_initials(b.name),
                aliases=json.dumps(list(b.aliases), ensure_ascii=False),
                situations=json.dumps(list(b.situations), ensure_ascii=False),
            )
            s.flush()
            s.execute(delete(m.BundleItem).where(m.BundleItem.bundle_id == bundle.id))
            conditions = {x.item: dump_when(x.when) for x in b.members}
            for position, code in enumerate(b.items):
                s.add(
                    m.BundleItem(
                        bundle_id=bundle.id,
                        item_id=items[code].id,
                        position=position,
                        when_json=conditions.get(code, ""),
                    )
                )
            bundles.add(b.code)
        self._deactivate_missing(m.Bundle, "code", bundles)
        windows = set()
        for w in c.windows:
            window = self._upsert(
                m.Window, "number", w.number, name=w.name, zone_id=zones[w.zone].id, active=True
            )
            s.flush()
            s.execute(delete(m.WindowCategory).where(m.WindowCategory.window_id == window.id))
            for position, code in enumerate(w.categories):
                s.add(
                    m.WindowCategory(
                        window_id=window.id, category_id=categories[code].id, position=position
                    )
                )
            windows.add(w.number)
        self._deactivate_missing(m.Window, "number", windows)
        # tickets sent to a window that is gone go back to their lane's queue
        gone = select(m.Window.id).where(m.Window.active.is_(False))
        s.execute(
            update(m.Ticket)
            .where(m.Ticket.state == "waiting", m.Ticket.target_window_id.in_(gone))
            .values(target_window_id=None)
        )
        added = 0
        for p in c.staff:
            person = s.scalar(select(m.Staff).where(m.Staff.staff_no == p.staff_no))
            if person is None:
                person = m.Staff(staff_no=p.staff_no, password_hash=hash_password(p.password))
                s.add(person)
                added += 1
            person.name = p.name
            person.role = p.role
            person.phone = p.phone
            person.default_window = p.default_window
            person.active = True
            s.flush()
            s.execute(
                delete(m.StaffQualification).where(m.StaffQualification.staff_id == person.id)
            )
            for code in p.qualifications:
                s.add(m.StaffQualification(staff_id=person.id, category_id=categories[code].id))
        return ImportReport(
            categories=len(categories),
            items=len(items),
            materials=materials,
            bundles=len(bundles),
            windows=len(windows),
            staff_added=added,
            deactivated=self.deactivated,
            departments=departments,
        )

    def _departments(self, wanted: tuple[cat.Department, ...]) -> int:
        """The table mirrors the file: no row refers to a department, so the rest go."""
        for d in wanted:
            self._upsert(
                m.Department,
                "name",
                d.name,
                reconsideration_body=d.reconsideration_body,
                vertical=d.vertical,
            )
        self.s.flush()
        self.s.execute(
            delete(m.Department).where(m.Department.name.not_in([d.name for d in wanted]))
        )
        return len(wanted)
