"""Checking a catalog file: every problem, in Chinese, with its line and path.

:func:`check_catalog` never stops at the first problem. Besides the shape of each section it
checks the legal facts the documents print: a non-licence never cites 行政许可法 第三十二条,
``not_licence`` is a refusal ground of licences only, each limit has a known unit (the promised
limit is compared with the legal one only in the same unit), a 容缺后补 material says how many
working days it may follow, and a vertically managed department names the office that
reconsiders its refusals.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from hall_app.domain import legal
from hall_app.domain.catalog_fields import Checker, section
from hall_app.domain.catalog_schema import (
    BODY_MAX_CHARS,
    DEFER_MAX_DAYS,
    DEFERRABLE,
    DEPARTMENT_MAX_CHARS,
    DESK_ROLES,
    GROUND_MAX_CHARS,
    ITEM_TYPES,
    KINDS,
    LIMIT_UNITS,
    MATERIAL_FORMS,
    REQUIREMENTS,
    ROLES,
    SCHEMA_VERSION,
    SOURCES,
    TARGETS,
    Hall,
    Problem,
)
from hall_app.domain.catalog_schema import (
    COLUMN_CHARS as _N,
)
from hall_app.domain.settings import CATALOG_SPECS


def _departments(c: Checker, data: dict[str, Any]) -> set[str] | None:
    """The ``departments`` section, checked; None when the file has none (old catalogs)."""
    if "departments" not in data:
        return None
    names: dict[Any, str] = {}

    def department(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(node, path, ("name", "reconsideration_body", "vertical"))
        name = c.field(node, path, "name", "str", longest=DEPARTMENT_MAX_CHARS)
        c.unique(node, f"{path}.name", names, name, "部门")
        label = f"{path}（{name}）" if name else path
        body = c.field(
            node, label, "reconsideration_body", "str", required=False, longest=BODY_MAX_CHARS
        )
        vertical = c.field(node, label, "vertical", "bool", required=False)
        if vertical and not body:
            c.add(
                node,
                f"{label}.reconsideration_body",
                "垂直管理部门的复议机关是其上一级主管部门，须写明名称（如国家税务总局××市税务局）",
            )

    section(c, data, "departments", 0, department)
    return set(names)


def _limits(c: Checker, node: dict[str, Any], label: str, legal_days: Any, promised: Any) -> None:
    units = []
    for key in ("legal_limit_unit", "promised_limit_unit"):
        unit = c.field(node, label, key, "str", required=False, choices=LIMIT_UNITS)
        if unit is None and node.get(key) is not None:
            return  # reported above
        units.append(unit or legal.WORKING_DAYS)
    legal_unit, promised_unit = units
    if None in (legal_days, promised) or legal_unit != promised_unit:
        return  # days of different units are not compared
    if promised > legal_days:
        c.add(
            node,
            f"{label}.promised_limit_days",
            f"承诺时限 {promised} 个{promised_unit}超过法定时限 {legal_days} 个{legal_unit}",
        )


def _bases(c: Checker, node: dict[str, Any], label: str, item_type: str | None) -> None:
    """What the documents cite: never 行政许可法 第三十二条 for a non-licence."""
    licence = item_type is not None and legal.is_licence(item_type)
    for key in ("correction_basis", "correction_terms", "refusal_basis"):
        text = c.field(node, label, key, "str", required=False)
        if text and item_type is not None and not licence and legal.cites_art32(text):
            c.add(
                node,
                f"{label}.{key}",
                f"{item_type}事项不适用《行政许可法》第三十二条（该条只适用于行政许可），"
                "请引用本事项所依据法律的规定，或留空使用本中心一次性告知制度的表述",
            )
    grounds = c.field(node, label, "refusal_grounds", "list", required=False)
    seen: dict[Any, str] = {}
    for index, entry in enumerate(grounds or ()):
        where = f"{label}.refusal_grounds[{index + 1}]"
        if not isinstance(entry, str) or not entry.strip():
            c.add(
                node,
                where,
                f"应为文本（remit、not_licence 或法律规定的不予受理情形），实际为 {entry!r}",
            )
            continue
        entry = entry.strip()
        c.unique(node, where, seen, entry, "不予受理理由")
        if legal.is_ground_code(entry) and entry not in legal.GROUND_CODES:
            c.add(
                node,
                where,
                f"未知的理由代码「{entry}」，应为 {' / '.join(legal.GROUND_CODES)}"
                " 或法律规定的不予受理情形原文",
            )
        elif entry == legal.NOT_LICENCE and item_type is not None and not licence:
            c.add(
                node,
                where,
                f"not_licence（依法不需要取得行政许可）只适用于行政许可事项，"
                f"本事项类型为{item_type}",
            )
        elif len(entry) > GROUND_MAX_CHARS:
            c.add(node, where, f"不能超过 {GROUND_MAX_CHARS} 个字，实际 {len(entry)} 个字")
        elif legal.is_incompleteness(entry):
            c.add(
                node,
                where,
                f"「{entry}」不是不予受理的理由：材料不齐全或不符合法定形式的，"
                "应一次性告知补正（行政许可法第三十二条第一款第（四）项），不得不予受理",
            )


def _deferral(c: Checker, node: dict[str, Any], path: str, requirement: str | None) -> None:
    days = c.field(node, path, "defer_days", "int", required=False, low=0, high=DEFER_MAX_DAYS)
    where = f"{path}.defer_days"
    if requirement == DEFERRABLE:
        if node.get("defer_days") is None:
            c.add(node, where, "容缺后补材料须写明后补期限 defer_days（工作日，大于 0）")
        elif days == 0:
            c.add(node, where, "容缺后补材料的后补期限应大于 0 个工作日")
    elif requirement is not None and days:
        c.add(node, where, f"只有容缺后补材料可以设置后补期限，本材料为{requirement}")


def check_catalog(data: Any, *, minimum_sizes: bool = False) -> list[Problem]:
    """Every problem in a parsed catalog; an empty list means it can be imported.

    ``minimum_sizes`` also demands the sizes of a complete county hall (the demo data).
    """
    c = Checker()
    if not isinstance(data, dict):
        return [Problem(None, "文件", "顶层应为键值对（映射），见 docs/catalog-format.md")]
    c.unknown_keys(
        data,
        "顶层",
        (
            "schema_version",
            "hall",
            "zones",
            "categories",
            "departments",
            "items",
            "bundles",
            "windows",
            "staff",
        ),
    )
    version = c.field(data, "顶层", "schema_version", "int")
    if version is not None and version != SCHEMA_VERSION:
        c.add(data, "schema_version", f"不支持的版本 {version}，应为 {SCHEMA_VERSION} 或 2")

    hall = data.get("hall")
    if c.mapping(hall, "hall", parent=data):
        # the hall section is stored as hall settings: checked as they are declared
        required = {f.name: f.default is MISSING for f in fields(Hall)}
        c.unknown_keys(hall, "hall", tuple(spec.attr for spec in CATALOG_SPECS))
        for spec in CATALOG_SPECS:
            c.field(
                hall,
                "hall",
                spec.attr,
                "str",
                required=required[spec.attr],
                pattern=spec.pattern,
                longest=spec.longest,
            )

    zones: dict[Any, str] = {}

    def zone(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(node, path, ("code", "name"))
        c.unique(
            node,
            f"{path}.code",
            zones,
            c.field(node, path, "code", "str", longest=_N["zone.code"]),
            "区域编码",
        )
        c.field(node, path, "name", "str", longest=_N["zone.name"])

    section(c, data, "zones", 1, zone)

    categories: dict[Any, str] = {}
    prefixes: dict[Any, str] = {}
    green: list[str] = []

    def category(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node,
            path,
            ("code", "name", "prefix", "green_channel", "avg_service_minutes", "description"),
        )
        code = c.field(node, path, "code", "str", pattern=r"[A-Z0-9]{1,4}")
        c.unique(node, f"{path}.code", categories, code, "类别编码")
        c.field(node, path, "name", "str", longest=_N["category.name"])
        prefix = c.field(node, path, "prefix", "str", pattern=r"[A-Z]")
        c.unique(node, f"{path}.prefix", prefixes, prefix, "号票前缀")
        if prefix in ("S",):
            c.add(node, f"{path}.prefix", "前缀 S 保留给应急手工号，不能使用")
        if c.field(node, path, "green_channel", "bool") and code:
            green.append(code)
        c.field(node, path, "avg_service_minutes", "int", low=1, high=240)
        c.field(node, path, "description", "str", required=False)

    section(c, data, "categories", 8 if minimum_sizes else 1, category)
    if "categories" in data and len(green) != 1:
        c.add(
            data,
            "categories",
            f"应恰有一个绿色通道类别（green_channel: true），实际 {len(green)} 个",
        )
    plain_categories = set(categories) - set(green)

    departments = _departments(c, data)
    items: dict[Any, str] = {}

    def material(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node,
            path,
            (
                "name",
                "form",
                "copies",
                "requirement",
                "source",
                "standard",
                "situation",
                "obtain_from",
                "defer_days",
            ),
        )
        c.field(node, path, "name", "str", longest=_N["material.name"])
        form = c.field(node, path, "form", "str", choices=MATERIAL_FORMS)
        copies = c.field(node, path, "copies", "int", low=0, high=20)
        requirement = c.field(node, path, "requirement", "str", choices=REQUIREMENTS)
        source = c.field(node, path, "source", "str", choices=SOURCES)
        c.field(node, path, "standard", "str")
        c.field(node, path, "situation", "str", required=False, longest=_N["material.situation"])
        c.field(node, path, "obtain_from", "str", required=False)
        _deferral(c, node, path, requirement)
        if copies == 0 and form not in (None, "电子") and source not in (None, "共享免提交"):
            c.add(
                node, f"{path}.copies", "纸质材料份数不能为 0（仅电子材料或共享免提交材料可为 0）"
            )

    def item(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node,
            path,
            (
                "code",
                "basic_code",
                "name",
                "short_name",
                "category",
                "type",
                "department",
                "target",
                "kind",
                "legal_limit_days",
                "promised_limit_days",
                "legal_basis",
                "conditions",
                "fee",
                "result",
                "visits",
                "online",
                "appointment",
                "delivery",
                "special_steps",
                "materials",
                "correction_basis",
                "correction_terms",
                "refusal_basis",
                "refusal_grounds",
                "legal_limit_unit",
                "promised_limit_unit",
                "aliases",
                "chuanyu_tongban",
            ),
        )
        code = c.field(node, path, "code", "str", longest=_N["service_item.code"])
        c.unique(node, f"{path}.code", items, code, "事项编码")
        c.field(node, path, "basic_code", "str", longest=_N["service_item.basic_code"])
        name = c.field(node, path, "name", "str", longest=_N["service_item.name"])
        label = f"{path}（{name}）" if name else path
        cat = c.field(node, label, "category", "str")
        if cat is not None and cat not in plain_categories:
            c.add(
                node, f"{label}.category", f"类别「{cat}」不存在或是绿色通道，不能作为事项所属类别"
            )
        item_type = c.field(node, label, "type", "str", choices=ITEM_TYPES)
        department = c.field(node, label, "department", "str", longest=DEPARTMENT_MAX_CHARS)
        if departments is not None and department is not None and department not in departments:
            c.add(
                node,
                f"{label}.department",
                f"部门「{department}」未列在 departments 中（复议机关无从确定）",
            )
        c.field(node, label, "target", "str", choices=TARGETS)
        kind = c.field(node, label, "kind", "str", choices=KINDS)
        legal_days = c.field(node, label, "legal_limit_days", "int", low=0, high=365)
        promised = c.field(node, label, "promised_limit_days", "int", low=0, high=365)
        _limits(c, node, label, legal_days, promised)
        if kind == "即办件" and promised not in (None, 0):
            c.add(node, f"{label}.promised_limit_days", "即办件的承诺时限应为 0")
        if kind == "承诺件" and promised == 0:
            c.add(node, f"{label}.promised_limit_days", "承诺件的承诺时限应大于 0")
        c.field(node, label, "legal_basis", "str")
        _bases(c, node, label, item_type)
        c.field(
            node, label, "short_name", "str", required=False, longest=_N["service_item.short_name"]
        )
        c.field(node, label, "conditions", "str", required=False)
        c.aliases(node, label)
        c.field(node, label, "fee", "str")
        c.field(node, label, "result", "str")
        c.field(node, label, "visits", "int", low=0, high=5)
        for key in ("online", "appointment", "delivery"):
            c.field(node, label, key, "bool")
        c.field(node, label, "chuanyu_tongban", "bool", required=False)  # 川渝通办
        c.field(node, label, "special_steps", "list", required=False)
        mats = c.field(node, label, "materials", "list")
        if mats is not None:
            if not mats:
                c.add(node, f"{label}.materials", "至少需要一项材料")
            for index, mat in enumerate(mats):
                mpath = f"{label}.materials[{index + 1}]"
                if c.mapping(mat, mpath, parent=node):
                    material(mat, mpath)

    section(c, data, "items", 40 if minimum_sizes else 1, item)

    bundles: dict[Any, str] = {}

    def bundle(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node,
            path,
            ("code", "name", "category", "items", "promised_limit_days", "description", "aliases"),
        )
        c.unique(
            node,
            f"{path}.code",
            bundles,
            c.field(node, path, "code", "str", longest=_N["bundle.code"]),
            "一件事编码",
        )
        name = c.field(node, path, "name", "str", longest=_N["bundle.name"])
        label = f"{path}（{name}）" if name else path
        cat = c.field(node, label, "category", "str")
        if cat is not None and cat not in plain_categories:
            c.add(node, f"{label}.category", f"类别「{cat}」不存在或是绿色通道")
        members = c.field(node, label, "items", "list")
        if members is not None:
            if len(members) < 2:
                c.add(node, f"{label}.items", "一件事至少包含 2 个事项")
            seen: dict[Any, str] = {}
            for index, code in enumerate(members):
                where = f"{label}.items[{index + 1}]"
                code = str(code)
                if code not in items:
                    c.add(node, where, f"事项「{code}」不存在")
                c.unique(node, where, seen, code, "事项")
        c.field(node, label, "promised_limit_days", "int", low=0, high=365)
        c.field(node, label, "description", "str", required=False)
        c.aliases(node, label)

    section(c, data, "bundles", 6 if minimum_sizes else 0, bundle)

    windows: dict[Any, str] = {}

    def window(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(node, path, ("number", "name", "zone", "categories"))
        c.unique(
            node,
            f"{path}.number",
            windows,
            c.field(node, path, "number", "int", low=1, high=999),
            "窗口号",
        )
        c.field(node, path, "name", "str", required=False, longest=_N["window.name"])
        zone_code = c.field(node, path, "zone", "str")
        if zone_code is not None and zone_code not in zones:
            c.add(node, f"{path}.zone", f"区域「{zone_code}」不存在")
        cats = c.field(node, path, "categories", "list")
        if cats is not None:
            if not cats:
                c.add(node, f"{path}.categories", "窗口至少服务一个类别")
            seen: dict[Any, str] = {}
            for index, code in enumerate(cats):
                where = f"{path}.categories[{index + 1}]"
                if str(code) not in categories:
                    c.add(node, where, f"类别「{code}」不存在")
                c.unique(node, where, seen, str(code), "类别")

    section(c, data, "windows", 20 if minimum_sizes else 1, window)

    staff_nos: dict[Any, str] = {}
    roles_seen: set[str] = set()

    def person(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node,
            path,
            ("staff_no", "name", "role", "password", "phone", "qualifications", "default_window"),
        )
        number = c.field(node, path, "staff_no", "str", pattern=r"\d{3,8}")
        c.unique(node, f"{path}.staff_no", staff_nos, number, "工号")
        c.field(node, path, "name", "str", longest=_N["staff.name"])
        role = c.field(node, path, "role", "str", choices=ROLES)
        if role:
            roles_seen.add(role)
        password = c.field(node, path, "password", "str")
        if password is not None and len(password) < 6:
            c.add(node, f"{path}.password", "初始密码至少 6 位")
        c.field(
            node, path, "phone", "str", required=False, pattern=r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}"
        )
        quals = c.field(node, path, "qualifications", "list", required=False) or []
        seen: dict[Any, str] = {}
        for index, code in enumerate(quals):
            where = f"{path}.qualifications[{index + 1}]"
            if str(code) not in categories:
                c.add(node, where, f"类别「{code}」不存在")
            c.unique(node, where, seen, str(code), "类别")  # the import would hit a unique key
        default_window = c.field(node, path, "default_window", "int", required=False, low=1)
        if default_window is not None and default_window not in windows:
            c.add(node, f"{path}.default_window", f"窗口 {default_window} 不存在")

    section(c, data, "staff", 4 if minimum_sizes else 0, person)
    if minimum_sizes and "staff" in data:
        missing = [r for r in DESK_ROLES if r not in roles_seen]
        if missing:
            c.add(data, "staff", f"缺少以下角色的人员：{'、'.join(missing)}")
    return c.problems


def check_against_database(data: Any, existing_prefixes: dict[str, str]) -> list[Problem]:
    """What the database would refuse: a category's prefix already held by another category
    code (a renamed category keeping its prefix). ``existing_prefixes``: prefix → code of
    every category in the database, active or not (their unique keys stay)."""
    c = Checker()
    for index, node in enumerate(data.get("categories") or (), start=1):
        if not isinstance(node, dict):
            continue
        code, prefix = str(node.get("code") or ""), str(node.get("prefix") or "")
        holder = existing_prefixes.get(prefix)
        if holder is not None and holder != code:
            c.add(
                node,
                f"categories[{index}].prefix",
                f"号票前缀「{prefix}」已属于数据库中的类别「{holder}」：改类别编码时须同时换一个前缀，"
                "或保留原编码只改名称",
            )
    return c.problems


SHOWN_PROBLEMS = 20


def capped_problems(problems: list[Problem], limit: int = SHOWN_PROBLEMS) -> str:
    """One message: how many problems, the first ``limit`` with their lines, and a count of
    the rest (a hostile file with half a million problems prints a screenful, not all)."""
    shown = "\n".join(str(p) for p in problems[:limit])
    rest = len(problems) - limit
    more = f"\n……其余 {rest} 处问题未列出" if rest > 0 else ""
    return f"目录文件有 {len(problems)} 处问题：\n{shown}{more}"
