"""The service catalog: reading a catalog file and checking it, with Chinese messages.

The file format is documented in ``docs/catalog-format.md``. :func:`load_catalog` parses YAML
keeping line numbers, :func:`check_catalog` returns every problem found (never stops at the
first), and :func:`parse_catalog` returns typed plain data once the check passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hall_app.domain.errors import InvalidInput
from hall_app.domain.i18n import QT_TRANSLATE_NOOP

SCHEMA_VERSION = 1

ITEM_TYPES = (
    "行政许可", "行政确认", "行政给付", "行政征收", "行政裁决", "行政奖励",
    "行政备案", "其他行政权力", "公共服务",
)
TARGETS = ("自然人", "法人", "自然人和法人")
KINDS = ("即办件", "承诺件")
MATERIAL_FORMS = (
    QT_TRANSLATE_NOOP("labels", "原件"),
    QT_TRANSLATE_NOOP("labels", "复印件"),
    QT_TRANSLATE_NOOP("labels", "原件和复印件"),
    QT_TRANSLATE_NOOP("labels", "电子"),
)
REQUIREMENTS = (
    QT_TRANSLATE_NOOP("labels", "必要"),
    QT_TRANSLATE_NOOP("labels", "非必要"),
    QT_TRANSLATE_NOOP("labels", "容缺后补"),
)
SOURCES = (
    QT_TRANSLATE_NOOP("labels", "申请人自备"),
    QT_TRANSLATE_NOOP("labels", "政府部门核发"),
    QT_TRANSLATE_NOOP("labels", "共享免提交"),
)
ROLES = ("clerk", "reception", "supervisor", "admin")


# ---------------------------------------------------------------- plain data


@dataclass(frozen=True)
class Material:
    name: str
    form: str
    copies: int
    requirement: str
    source: str
    standard: str
    situation: str = ""


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    prefix: str
    green_channel: bool
    avg_service_minutes: int
    description: str = ""


@dataclass(frozen=True)
class ServiceItem:
    code: str
    basic_code: str
    name: str
    category: str
    type: str
    department: str
    target: str
    kind: str
    legal_limit_days: int
    promised_limit_days: int
    legal_basis: str
    fee: str
    result: str
    visits: int
    online: bool
    appointment: bool
    delivery: bool
    materials: tuple[Material, ...]
    short_name: str = ""
    conditions: str = ""


@dataclass(frozen=True)
class Bundle:
    code: str
    name: str
    category: str
    items: tuple[str, ...]
    promised_limit_days: int
    description: str = ""


@dataclass(frozen=True)
class Window:
    number: int
    zone: str
    categories: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True)
class Staff:
    staff_no: str
    name: str
    role: str
    password: str
    qualifications: tuple[str, ...] = ()
    phone: str = ""
    default_window: int | None = None


@dataclass(frozen=True)
class Hall:
    code: str
    name: str
    phone: str
    complaint_phone: str
    address: str = ""
    opening_hours: str = ""


@dataclass(frozen=True)
class Catalog:
    hall: Hall
    zones: tuple[tuple[str, str], ...]
    categories: tuple[Category, ...]
    items: tuple[ServiceItem, ...]
    bundles: tuple[Bundle, ...]
    windows: tuple[Window, ...]
    staff: tuple[Staff, ...] = field(default=())


@dataclass(frozen=True)
class Problem:
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.line} 行 " if self.line else ""
        return f"{where}{self.path}：{self.message}"


# ---------------------------------------------------------------- YAML with line numbers


class _Node(dict):  # type: ignore[type-arg]
    """A mapping that remembers the line it started on (1-based)."""

    line: int | None = None


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Node:
    result = _Node(loader.construct_mapping(node, deep=True))
    result.line = node.start_mark.line + 1
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_catalog(path: Path) -> Any:
    """Read and parse a catalog file; unreadable or malformed files raise InvalidInput."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"无法读取目录文件 {path}：{exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"目录文件 {path} 不是 UTF-8 编码（第 {exc.start} 字节）") from None
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InvalidInput(f"目录文件 {path} {where}YAML 格式错误：{problem}") from None


# ---------------------------------------------------------------- checking


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, node: Any, path: str, message: str) -> None:
        line = getattr(node, "line", None)
        self.problems.append(Problem(line, path, message))

    def mapping(self, node: Any, path: str, parent: Any = None) -> bool:
        if not isinstance(node, dict):
            self.add(parent, path, "应为键值对（映射）")
            return False
        return True

    def field(
        self,
        node: dict[str, Any],
        path: str,
        key: str,
        kind: str,
        *,
        required: bool = True,
        choices: Iterable[str] = (),
        low: int | None = None,
        high: int | None = None,
        pattern: str | None = None,
    ) -> Any:
        where = f"{path}.{key}"
        if key not in node or node[key] is None:
            if required:
                self.add(node, where, "缺少必填字段")
            return None
        value = node[key]
        if kind == "str":
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = str(value)
            if not isinstance(value, str):
                self.add(node, where, f"应为文本，实际为 {value!r}")
                return None
            value = value.strip()
            if required and not value:
                self.add(node, where, "不能为空")
                return None
            choices = tuple(choices)
            if choices and value not in choices:
                self.add(node, where, f"「{value}」不是有效取值，应为 {' / '.join(choices)}")
                return None
            if pattern and not re.fullmatch(pattern, value):
                self.add(node, where, f"「{value}」格式不正确")
                return None
        elif kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.add(node, where, f"应为整数，实际为 {value!r}")
                return None
            if (low is not None and value < low) or (high is not None and value > high):
                self.add(node, where, f"{value} 超出范围 {low}–{high}")
                return None
        elif kind == "bool":
            if not isinstance(value, bool):
                self.add(node, where, f"应为 true 或 false，实际为 {value!r}")
                return None
        elif kind == "list" and not isinstance(value, list):
            self.add(node, where, "应为列表")
            return None
        return value

    def unknown_keys(self, node: dict[str, Any], path: str, known: Iterable[str]) -> None:
        extra = sorted(set(node) - set(known))
        for key in extra:
            self.add(node, f"{path}.{key}", "未知字段（拼写错误？）")

    def unique(self, node: Any, path: str, seen: dict[Any, str], value: Any, what: str) -> None:
        if value is None:
            return
        if value in seen:
            self.add(node, path, f"{what}「{value}」重复，已在 {seen[value]} 使用")
        else:
            seen[value] = path


def _section(
    checker: _Checker, root: dict[str, Any], key: str, minimum: int, each: Callable[..., None]
) -> None:
    items = checker.field(root, "顶层", key, "list", required=minimum > 0)
    if items is None:
        return
    if len(items) < minimum:
        checker.add(root, key, f"至少需要 {minimum} 项，实际 {len(items)} 项")
    for index, node in enumerate(items):
        path = f"{key}[{index + 1}]"
        if checker.mapping(node, path, parent=root):
            each(node, path)


def check_catalog(data: Any, *, minimum_sizes: bool = False) -> list[Problem]:
    """Every problem in a parsed catalog; an empty list means it can be imported.

    ``minimum_sizes`` also demands the sizes of a complete county hall (the demo data).
    """
    c = _Checker()
    if not isinstance(data, dict):
        return [Problem(None, "文件", "顶层应为键值对（映射），见 docs/catalog-format.md")]
    c.unknown_keys(
        data, "顶层",
        ("schema_version", "hall", "zones", "categories", "items", "bundles", "windows", "staff"),
    )
    version = c.field(data, "顶层", "schema_version", "int")
    if version is not None and version != SCHEMA_VERSION:
        c.add(data, "schema_version", f"不支持的版本 {version}，应为 {SCHEMA_VERSION}")

    hall = data.get("hall")
    if c.mapping(hall, "hall", parent=data):
        c.unknown_keys(
            hall, "hall", ("code", "name", "phone", "complaint_phone", "address", "opening_hours")
        )
        c.field(hall, "hall", "code", "str", pattern=r"\d{6}")
        c.field(hall, "hall", "name", "str")
        c.field(hall, "hall", "phone", "str")
        c.field(hall, "hall", "complaint_phone", "str")
        c.field(hall, "hall", "address", "str", required=False)
        c.field(hall, "hall", "opening_hours", "str", required=False)

    zones: dict[Any, str] = {}

    def zone(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(node, path, ("code", "name"))
        c.unique(node, f"{path}.code", zones, c.field(node, path, "code", "str"), "区域编码")
        c.field(node, path, "name", "str")

    _section(c, data, "zones", 1, zone)

    categories: dict[Any, str] = {}
    prefixes: dict[Any, str] = {}
    green: list[str] = []

    def category(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node, path,
            ("code", "name", "prefix", "green_channel", "avg_service_minutes", "description"),
        )
        code = c.field(node, path, "code", "str", pattern=r"[A-Z0-9]{1,4}")
        c.unique(node, f"{path}.code", categories, code, "类别编码")
        c.field(node, path, "name", "str")
        prefix = c.field(node, path, "prefix", "str", pattern=r"[A-Z]")
        c.unique(node, f"{path}.prefix", prefixes, prefix, "号票前缀")
        if prefix in ("S",):
            c.add(node, f"{path}.prefix", "前缀 S 保留给应急手工号，不能使用")
        if c.field(node, path, "green_channel", "bool") and code:
            green.append(code)
        c.field(node, path, "avg_service_minutes", "int", low=1, high=240)
        c.field(node, path, "description", "str", required=False)

    _section(c, data, "categories", 8 if minimum_sizes else 1, category)
    if "categories" in data and len(green) != 1:
        c.add(data, "categories", f"应恰有一个绿色通道类别（green_channel: true），实际 {len(green)} 个")
    plain_categories = set(categories) - set(green)

    items: dict[Any, str] = {}

    def material(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node, path,
            ("name", "form", "copies", "requirement", "source", "standard", "situation"),
        )
        c.field(node, path, "name", "str")
        form = c.field(node, path, "form", "str", choices=MATERIAL_FORMS)
        copies = c.field(node, path, "copies", "int", low=0, high=20)
        c.field(node, path, "requirement", "str", choices=REQUIREMENTS)
        source = c.field(node, path, "source", "str", choices=SOURCES)
        c.field(node, path, "standard", "str")
        c.field(node, path, "situation", "str", required=False)
        if copies == 0 and form not in (None, "电子") and source not in (None, "共享免提交"):
            c.add(node, f"{path}.copies", "纸质材料份数不能为 0（仅电子材料或共享免提交材料可为 0）")

    def item(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node, path,
            ("code", "basic_code", "name", "short_name", "category", "type", "department",
             "target", "kind", "legal_limit_days", "promised_limit_days", "legal_basis",
             "conditions", "fee", "result", "visits", "online", "appointment", "delivery",
             "special_steps", "materials"),
        )
        code = c.field(node, path, "code", "str")
        c.unique(node, f"{path}.code", items, code, "事项编码")
        c.field(node, path, "basic_code", "str")
        name = c.field(node, path, "name", "str")
        label = f"{path}（{name}）" if name else path
        cat = c.field(node, label, "category", "str")
        if cat is not None and cat not in plain_categories:
            c.add(node, f"{label}.category", f"类别「{cat}」不存在或是绿色通道，不能作为事项所属类别")
        c.field(node, label, "type", "str", choices=ITEM_TYPES)
        c.field(node, label, "department", "str")
        c.field(node, label, "target", "str", choices=TARGETS)
        kind = c.field(node, label, "kind", "str", choices=KINDS)
        legal = c.field(node, label, "legal_limit_days", "int", low=0, high=365)
        promised = c.field(node, label, "promised_limit_days", "int", low=0, high=365)
        if legal is not None and promised is not None and promised > legal:
            c.add(node, f"{label}.promised_limit_days", f"承诺时限 {promised} 天超过法定时限 {legal} 天")
        if kind == "即办件" and promised not in (None, 0):
            c.add(node, f"{label}.promised_limit_days", "即办件的承诺时限应为 0")
        if kind == "承诺件" and promised == 0:
            c.add(node, f"{label}.promised_limit_days", "承诺件的承诺时限应大于 0")
        c.field(node, label, "legal_basis", "str")
        for key in ("short_name", "conditions"):
            c.field(node, label, key, "str", required=False)
        c.field(node, label, "fee", "str")
        c.field(node, label, "result", "str")
        c.field(node, label, "visits", "int", low=0, high=5)
        for key in ("online", "appointment", "delivery"):
            c.field(node, label, key, "bool")
        c.field(node, label, "special_steps", "list", required=False)
        mats = c.field(node, label, "materials", "list")
        if mats is not None:
            if not mats:
                c.add(node, f"{label}.materials", "至少需要一项材料")
            for index, mat in enumerate(mats):
                mpath = f"{label}.materials[{index + 1}]"
                if c.mapping(mat, mpath, parent=node):
                    material(mat, mpath)

    _section(c, data, "items", 40 if minimum_sizes else 1, item)

    bundles: dict[Any, str] = {}

    def bundle(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node, path,
            ("code", "name", "category", "items", "promised_limit_days", "description"),
        )
        c.unique(node, f"{path}.code", bundles, c.field(node, path, "code", "str"), "一件事编码")
        name = c.field(node, path, "name", "str")
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

    _section(c, data, "bundles", 6 if minimum_sizes else 0, bundle)

    windows: dict[Any, str] = {}

    def window(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(node, path, ("number", "name", "zone", "categories"))
        c.unique(
            node, f"{path}.number", windows,
            c.field(node, path, "number", "int", low=1, high=999), "窗口号",
        )
        c.field(node, path, "name", "str", required=False)
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

    _section(c, data, "windows", 20 if minimum_sizes else 1, window)

    staff_nos: dict[Any, str] = {}
    roles_seen: set[str] = set()

    def person(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(
            node, path,
            ("staff_no", "name", "role", "password", "phone", "qualifications", "default_window"),
        )
        number = c.field(node, path, "staff_no", "str", pattern=r"\d{3,8}")
        c.unique(node, f"{path}.staff_no", staff_nos, number, "工号")
        c.field(node, path, "name", "str")
        role = c.field(node, path, "role", "str", choices=ROLES)
        if role:
            roles_seen.add(role)
        password = c.field(node, path, "password", "str")
        if password is not None and len(password) < 6:
            c.add(node, f"{path}.password", "初始密码至少 6 位")
        c.field(node, path, "phone", "str", required=False, pattern=r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")
        quals = c.field(node, path, "qualifications", "list", required=False) or []
        for index, code in enumerate(quals):
            if str(code) not in categories:
                c.add(node, f"{path}.qualifications[{index + 1}]", f"类别「{code}」不存在")
        default_window = c.field(node, path, "default_window", "int", required=False, low=1)
        if default_window is not None and default_window not in windows:
            c.add(node, f"{path}.default_window", f"窗口 {default_window} 不存在")

    _section(c, data, "staff", 4 if minimum_sizes else 0, person)
    if minimum_sizes and "staff" in data:
        missing = [r for r in ROLES if r not in roles_seen]
        if missing:
            c.add(data, "staff", f"缺少以下角色的人员：{'、'.join(missing)}")
    return c.problems


def parse_catalog(data: Any) -> Catalog:
    """Typed catalog from checked data; raises InvalidInput listing the problems otherwise."""
    problems = check_catalog(data)
    if problems:
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n……共 {len(problems)} 处问题" if len(problems) > 20 else ""
        raise InvalidInput(f"目录文件有 {len(problems)} 处问题：\n{shown}{more}")

    def text(node: dict[str, Any], key: str) -> str:
        value = node.get(key)
        return "" if value is None else str(value).strip()

    hall = data["hall"]
    return Catalog(
        hall=Hall(
            code=text(hall, "code"),
            name=text(hall, "name"),
            phone=text(hall, "phone"),
            complaint_phone=text(hall, "complaint_phone"),
            address=text(hall, "address"),
            opening_hours=text(hall, "opening_hours"),
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
        items=tuple(
            ServiceItem(
                code=text(n, "code"),
                basic_code=text(n, "basic_code"),
                name=text(n, "name"),
                short_name=text(n, "short_name"),
                category=text(n, "category"),
                type=text(n, "type"),
                department=text(n, "department"),
                target=text(n, "target"),
                kind=text(n, "kind"),
                legal_limit_days=int(n["legal_limit_days"]),
                promised_limit_days=int(n["promised_limit_days"]),
                legal_basis=text(n, "legal_basis"),
                conditions=text(n, "conditions"),
                fee=text(n, "fee"),
                result=text(n, "result"),
                visits=int(n["visits"]),
                online=bool(n["online"]),
                appointment=bool(n["appointment"]),
                delivery=bool(n["delivery"]),
                materials=tuple(
                    Material(
                        name=text(m, "name"),
                        form=text(m, "form"),
                        copies=int(m["copies"]),
                        requirement=text(m, "requirement"),
                        source=text(m, "source"),
                        standard=text(m, "standard"),
                        situation=text(m, "situation"),
                    )
                    for m in n["materials"]
                ),
            )
            for n in data["items"]
        ),
        bundles=tuple(
            Bundle(
                code=text(n, "code"),
                name=text(n, "name"),
                category=text(n, "category"),
                items=tuple(str(i) for i in n["items"]),
                promised_limit_days=int(n["promised_limit_days"]),
                description=text(n, "description"),
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
    )
