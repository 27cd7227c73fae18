"""The catalog's vocabulary and the plain data a checked catalog file becomes.

Read with ``docs/catalog-format.md``; :mod:`hall_app.domain.catalog` reads and parses a file,
:mod:`hall_app.domain.catalog_check` checks it. Every name here is also importable from
``hall_app.domain.catalog``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hall_app.domain import legal
from hall_app.domain.catalog_v2_schema import (
    BundleMember,
    MaterialRef,
    Situation,
    StandardMaterial,
)
from hall_app.domain.i18n import QT_TRANSLATE_NOOP

SCHEMA_VERSION = 1

ITEM_TYPES = (
    "行政许可", "行政确认", "行政给付", "行政征收", "行政裁决", "行政奖励",
    "行政备案", "其他行政权力", "公共服务",
)  # fmt: skip
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
DEFERRABLE = "容缺后补"
SOURCES = (
    QT_TRANSLATE_NOOP("labels", "申请人自备"),
    QT_TRANSLATE_NOOP("labels", "政府部门核发"),
    QT_TRANSLATE_NOOP("labels", "共享免提交"),
)
ROLES = ("clerk", "reception", "supervisor", "admin", "service")
#: the roles a full hall must staff (``catalog check --full``); ``service`` is the optional
#: account of a scheduled bookings import (issue 16, docs/cli-auth.md)
DESK_ROLES = ROLES[:4]
LIMIT_UNITS = legal.LIMIT_UNITS  # 工作日 | 自然日

# lengths of the columns these values are stored in
GROUND_MAX_CHARS = 32  # notice.refusal_ground
DEPARTMENT_MAX_CHARS = 100  # department.name, service_item.department
BODY_MAX_CHARS = 200  # department.reconsideration_body
# "table.column": its String(n) length (tests/test_input_catalog.py compares with the models)
COLUMN_CHARS = {
    "zone.code": 16, "zone.name": 64, "category.name": 64,
    "service_item.code": 64, "service_item.basic_code": 64, "service_item.name": 200,
    "service_item.short_name": 100, "material.name": 200, "material.situation": 200,
    "bundle.code": 32, "bundle.name": 200, "window.name": 64, "staff.name": 64,
    "staff.phone": 32,
}  # fmt: skip
DEFER_MAX_DAYS = 60
ALIAS_MAX_CHARS = 20  # one everyday name (俗称) of an item or bundle


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
    obtain_from: str = ""  # 获取途径: the office or place that issues it
    defer_days: int = 0  # 容缺后补: working days the applicant has to hand it in


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
    # what the documents cite; parse_catalog fills the item type's defaults (domain/legal.py)
    correction_basis: str = ""
    correction_terms: str = ""  # the correction period and what happens if it lapses
    refusal_basis: str = ""
    refusal_grounds: tuple[str, ...] = ()  # codes (remit, not_licence) or the law's wording
    legal_limit_unit: str = legal.WORKING_DAYS
    promised_limit_unit: str = legal.WORKING_DAYS
    aliases: tuple[str, ...] = ()  # 俗称: the names citizens use (上户口, 办社保卡)
    # format v2 (catalog_v2_schema); in a v2 file ``materials`` is the flattened ``refs``
    refs: tuple[MaterialRef, ...] = ()
    situations: tuple[str, ...] = ()  # ids of the questions it asks, in asking order
    produces: tuple[str, ...] = ()  # ids of the standard materials it issues
    review_points: tuple[str, ...] = ()  # item-level 审查要点
    chuanyu_tongban: bool = False  # 川渝通办: handled to one standard across Sichuan and Chongqing


@dataclass(frozen=True)
class Bundle:
    code: str
    name: str
    category: str
    items: tuple[str, ...]
    promised_limit_days: int
    description: str = ""
    aliases: tuple[str, ...] = ()
    members: tuple[BundleMember, ...] = ()  # v2: the items with their conditions
    situations: tuple[str, ...] = ()  # v2: the bundle's own questions


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
    government: str = ""  # 本级人民政府: reconsideration body of the county's departments
    court: str = ""  # the court a refusal can be challenged in


@dataclass(frozen=True)
class Department:
    """An implementing office and where its refusals are reconsidered."""

    name: str
    reconsideration_body: str = ""  # "" = the county people's government (hall.government)
    vertical: bool = False  # 垂直管理 (e.g. 税务): the next-higher office, named above


@dataclass(frozen=True)
class Catalog:
    hall: Hall
    zones: tuple[tuple[str, str], ...]
    categories: tuple[Category, ...]
    items: tuple[ServiceItem, ...]
    bundles: tuple[Bundle, ...]
    windows: tuple[Window, ...]
    staff: tuple[Staff, ...] = field(default=())
    departments: tuple[Department, ...] = field(default=())
    schema_version: int = SCHEMA_VERSION
    materials: tuple[StandardMaterial, ...] = ()  # v2: the standard material dictionary
    situations: tuple[Situation, ...] = ()  # v2: the questions items and bundles ask


@dataclass(frozen=True)
class Problem:
    line: int | None
    path: str
    message: str
    warning: bool = False  # a hint (v2: a material nothing references); never blocks import

    def __str__(self) -> str:
        where = f"第 {self.line} 行 " if self.line else ""
        hint = "（提示）" if self.warning else ""
        return f"{where}{self.path}：{hint}{self.message}"
