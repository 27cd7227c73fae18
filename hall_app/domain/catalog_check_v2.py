"""Checking a v2 catalog file (standard materials, situations, review points): every problem,
in Chinese, with its line and path.

The parts v1 and v2 share (hall, zones, categories, departments, the items' own fields, the
bundles' codes, windows, staff) are checked by the v1 checker on a *view* of the file without
the v2 keys (the nodes keep their lines); this module checks what v2 adds. A material or a
situation that nothing uses is a hint (``Problem.warning``), never an obstacle.
"""

from __future__ import annotations

import re
from typing import Any

from hall_app.domain.catalog_check import check_catalog
from hall_app.domain.catalog_fields import Checker, section
from hall_app.domain.catalog_schema import (
    COLUMN_CHARS,
    DEFER_MAX_DAYS,
    DEFERRABLE,
    MATERIAL_FORMS,
    REQUIREMENTS,
    SOURCES,
    Problem,
)
from hall_app.domain.catalog_v2_parse import flat_name, parse_when, situation_text
from hall_app.domain.catalog_v2_schema import (
    ANSWER_KEY,
    ANSWER_TEXT_MAX_CHARS,
    ANSWER_VALUE,
    MATERIAL_ID,
    MATERIAL_ROLES,
    MAX_ANSWERS,
    MIN_ANSWERS,
    POINT_MAX_CHARS,
    QUESTION_MAX_CHARS,
    SAMPLE_PATTERN,
    SITUATION_ID,
)
from hall_app.domain.catalog_yaml import Node

SHARED = "共享免提交"
#: question id → (question, answer value → answer text)
Situations = dict[str, tuple[str, dict[str, str]]]
V2_ITEM_KEYS = ("situations", "produces", "review_points")
REF_KEYS = (
    "material", "role", "copies", "requirement", "defer_days", "when", "note",
    "form", "source", "standard", "obtain_from",
)  # fmt: skip
MATERIAL_KEYS = (
    "id", "name", "form", "source", "shared_from", "obtain_from", "standard", "sample",
    "review_points", "deferrable",
)  # fmt: skip
_NAME = COLUMN_CHARS["material.name"]
_SITUATION = COLUMN_CHARS["material.situation"]
# what stands in for an item's references when the v1 checker reads the shared fields
_PLACEHOLDER = {
    "name": "-", "form": "原件", "copies": 1, "requirement": "必要", "source": "申请人自备",
    "standard": "-",
}  # fmt: skip


def _copy(node: dict[str, Any], drop: tuple[str, ...] = ()) -> Node:
    view = Node({k: v for k, v in node.items() if k not in drop})
    view.line = getattr(node, "line", None)
    view.key_lines = getattr(node, "key_lines", {})
    return view


def _v1_view(data: dict[str, Any]) -> Node:
    """The file as the v1 checker reads it: no dictionary, no situations, each item's
    references replaced by one placeholder, each bundle member by its item code."""
    view = _copy(data, ("materials", "situations"))
    view["schema_version"] = 1
    if isinstance(data.get("items"), list):
        view["items"] = [
            _copy(n, V2_ITEM_KEYS) if isinstance(n, dict) else n for n in data["items"]
        ]
        for item in view["items"]:
            if isinstance(item, dict) and isinstance(item.get("materials"), list):
                item["materials"] = [_PLACEHOLDER] if item["materials"] else []
    if isinstance(data.get("bundles"), list):
        view["bundles"] = [
            _copy(n, ("situations",)) if isinstance(n, dict) else n for n in data["bundles"]
        ]
        for bundle in view["bundles"]:
            if isinstance(bundle, dict) and isinstance(bundle.get("items"), list):
                bundle["items"] = [
                    str(m.get("item") or "") if isinstance(m, dict) else m for m in bundle["items"]
                ]
    return view


def _label(node: dict[str, Any], path: str) -> str:
    name = node.get("name")
    return f"{path}（{name}）" if isinstance(name, str) and name.strip() else path


def _ids(c: Checker, node: dict[str, Any], path: str, key: str, known: Any, what: str) -> list[str]:
    """A list of ids, each known and listed once."""
    values = c.field(node, path, key, "list", required=False) or []
    seen: dict[Any, str] = {}
    good = []
    for index, value in enumerate(values):
        where = f"{path}.{key}[{index + 1}]"
        if not isinstance(value, str) or value not in known:
            c.add(node, where, f"{what}「{value}」不存在")
            continue
        c.unique(node, where, seen, value, what)
        good.append(value)
    return good


def _points(c: Checker, node: dict[str, Any], path: str) -> None:
    """Optional ``review_points``: 审查要点, each a non-empty text, no duplicates."""
    values = c.field(node, path, "review_points", "list", required=False)
    seen: dict[Any, str] = {}
    for index, value in enumerate(values or ()):
        where = f"{path}.review_points[{index + 1}]"
        if not isinstance(value, str) or not value.strip():
            c.add(node, where, "审查要点应为非空文本")
        elif len(value.strip()) > POINT_MAX_CHARS:
            c.add(node, where, f"审查要点不能超过 {POINT_MAX_CHARS} 个字")
        else:
            c.unique(node, where, seen, value.strip(), "审查要点")


def _value(c: Checker, node: dict[str, Any], where: str, value: Any) -> str | None:
    """An answer value: text; a bare yes/no/true/false is a YAML boolean and needs quotes."""
    if isinstance(value, bool):
        c.add(node, where, f'答案值 {str(value).lower()} 被读作真假值，请加引号，如 "yes"')
        return None
    if not isinstance(value, str | int):
        c.add(node, where, f"答案值应为文本，实际为 {value!r}")
        return None
    return str(value)


def _materials(c: Checker, data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The standard material dictionary, checked: id → its mapping."""
    found: dict[str, dict[str, Any]] = {}
    ids: dict[Any, str] = {}
    names: dict[Any, str] = {}

    def material(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(node, path, MATERIAL_KEYS)
        mid = c.field(node, path, "id", "str", pattern=MATERIAL_ID)
        c.unique(node, f"{path}.id", ids, mid, "材料编号")
        name = c.field(node, path, "name", "str", longest=_NAME - 5)  # room for a role
        c.unique(node, f"{path}.name", names, name, "标准材料名称")
        label = _label(node, path)
        c.field(node, label, "form", "str", choices=MATERIAL_FORMS)
        source = c.field(node, label, "source", "str", choices=SOURCES)
        shared_from = c.field(node, label, "shared_from", "str", required=False)
        if source == SHARED and not shared_from:
            c.add(node, f"{label}.shared_from", "共享免提交材料须写明共享来源（如人口基础信息库）")
        c.field(node, label, "standard", "str")
        c.field(node, label, "obtain_from", "str", required=False)
        c.field(node, label, "sample", "str", required=False, pattern=SAMPLE_PATTERN)
        c.field(node, label, "deferrable", "bool", required=False)
        _points(c, node, label)
        if mid is not None:
            found[mid] = node

    section(c, data, "materials", 1, material)
    return found


def _situations(c: Checker, data: dict[str, Any]) -> Situations:
    """The questions, checked: id → {answer value: answer text}."""
    found: Situations = {}
    ids: dict[Any, str] = {}

    def situation(node: dict[str, Any], path: str) -> None:
        c.unknown_keys(node, path, ("id", "question", "answers", "default"))
        sid = c.field(node, path, "id", "str", pattern=SITUATION_ID)
        c.unique(node, f"{path}.id", ids, sid, "情形编号")
        c.field(node, path, "question", "str", longest=QUESTION_MAX_CHARS)
        answers = c.field(node, path, "answers", "list") or []
        if not MIN_ANSWERS <= len(answers) <= MAX_ANSWERS and "answers" in node:
            c.add(
                node,
                f"{path}.answers",
                f"应有 {MIN_ANSWERS}–{MAX_ANSWERS} 个答案，实际 {len(answers)} 个",
            )
        values: dict[str, str] = {}
        keys: dict[Any, str] = {}
        for index, answer in enumerate(answers):
            apath = f"{path}.answers[{index + 1}]"
            if not c.mapping(answer, apath, parent=node):
                continue
            c.unknown_keys(answer, apath, ("key", "value", "text"))
            key = c.field(answer, apath, "key", "str", pattern=ANSWER_KEY)
            c.unique(answer, f"{apath}.key", keys, None if key is None else key.lower(), "按键")
            value = (
                _value(c, answer, f"{apath}.value", answer["value"]) if "value" in answer else None
            )
            if "value" not in answer:
                c.add(answer, f"{apath}.value", "缺少必填字段")
            elif value is not None and not _valid_value(value):
                c.add(answer, f"{apath}.value", f"「{value}」格式不正确（小写字母、数字、下划线）")
            elif value is not None and value in values:
                c.add(answer, f"{apath}.value", f"答案值「{value}」重复")
            text = c.field(answer, apath, "text", "str", longest=ANSWER_TEXT_MAX_CHARS)
            if value is not None:
                values.setdefault(value, text or value)
        default = node.get("default")
        if default is not None:
            value = _value(c, node, f"{path}.default", default)
            if value is not None and value not in values:
                c.add(node, f"{path}.default", f"默认答案「{value}」不是本问题的答案")
        if sid is not None:
            found[sid] = (str(node.get("question") or sid), values)

    section(c, data, "situations", 0, situation)
    return found


def _valid_value(value: str) -> bool:
    return re.fullmatch(ANSWER_VALUE, value) is not None


def _when(
    c: Checker,
    node: dict[str, Any],
    path: str,
    asked: list[str],
    situations: Situations,
    whose: str,
) -> bool:
    """An optional ``when``: each question known and asked here, each value an answer of it.
    True when it is usable (absent or clean)."""
    value = node.get("when")
    if value is None:
        return True
    where = f"{path}.when"
    if not isinstance(value, dict):
        c.add(node, where, '应为键值对，如 {agent: "yes"}')
        return False
    clean = True
    if getattr(value, "line", None):
        node = value  # problems on the line of the question's key
    for question, answers in value.items():
        qpath = f"{where}.{question}"
        if question not in situations:
            c.add(node, qpath, f"情形「{question}」不存在")
            clean = False
            continue
        if question not in asked:
            c.add(node, qpath, f"情形「{question}」未列在{whose}的 situations 中")
            clean = False
        listed = answers if isinstance(answers, list) else [answers]
        if not listed:
            c.add(node, qpath, "至少需要一个答案")
            clean = False
        for answer in listed:
            text = _value(c, node, qpath, answer)
            if text is not None and text not in situations[question][1]:
                known = " / ".join(situations[question][1])
                c.add(node, qpath, f"情形「{question}」没有答案「{text}」，应为 {known}")
            clean = clean and text is not None and text in situations[question][1]
    return clean


def _deferral(c: Checker, node: dict[str, Any], path: str, requirement: str | None) -> None:
    days = c.field(node, path, "defer_days", "int", required=False, low=0, high=DEFER_MAX_DAYS)
    if requirement == DEFERRABLE and not days and "defer_days" in node and days is not None:
        c.add(node, f"{path}.defer_days", "容缺后补材料的后补期限应大于 0 个工作日")
    elif requirement == DEFERRABLE and node.get("defer_days") is None:
        c.add(node, f"{path}.defer_days", "容缺后补材料须写明后补期限 defer_days（工作日，大于 0）")
    elif requirement not in (None, DEFERRABLE) and days:
        c.add(
            node, f"{path}.defer_days", f"只有容缺后补材料可以设置后补期限，本材料为{requirement}"
        )


def _ref(
    c: Checker,
    node: dict[str, Any],
    path: str,
    materials: dict[str, dict[str, Any]],
    situations: Situations,
    asked: list[str],
    seen: dict[Any, str],
) -> str | None:
    """One reference of an item; returns its material id when known."""
    c.unknown_keys(node, path, REF_KEYS)
    mid: str | None = c.field(node, path, "material", "str")
    material = materials.get(mid) if mid is not None else None
    if mid is not None and material is None:
        c.add(node, f"{path}.material", f"标准材料「{mid}」不存在")
    role = c.field(node, path, "role", "str", required=False, choices=MATERIAL_ROLES)
    copies = c.field(node, path, "copies", "int", low=0, high=20)
    requirement = c.field(node, path, "requirement", "str", choices=REQUIREMENTS)
    _deferral(c, node, path, requirement)
    form = c.field(node, path, "form", "str", required=False, choices=MATERIAL_FORMS)
    source = c.field(node, path, "source", "str", required=False, choices=SOURCES)
    for key in ("standard", "obtain_from", "note"):
        c.field(node, path, key, "str", required=False)
    clean = _when(c, node, path, asked, situations, "本事项")
    if material is None:
        return mid
    if requirement == DEFERRABLE and material.get("deferrable") is not True:
        c.add(
            node,
            f"{path}.requirement",
            f"标准材料「{material.get('name')}」不可容缺后补（其 deferrable 不为 true）",
        )
    form = form or material.get("form")
    source = source or material.get("source")
    if source == SHARED and not material.get("shared_from"):
        c.add(node, f"{path}.source", f"共享免提交须在标准材料「{mid}」中写明共享来源 shared_from")
    if copies == 0 and form != "电子" and source != SHARED:
        c.add(node, f"{path}.copies", "纸质材料份数不能为 0（仅电子材料或共享免提交材料可为 0）")
    name = flat_name(str(material.get("name") or ""), role or "申请人")
    if len(name) > _NAME:
        c.add(node, f"{path}.role", f"角色与材料名称合计不能超过 {_NAME} 个字")
    if clean:
        when = parse_when(node.get("when"))
        if len(situation_text(when, situations)) > _SITUATION:
            c.add(node, f"{path}.when", f"条件过多：写成文字超过 {_SITUATION} 个字")
        c.unique(
            node,
            f"{path}.material",
            seen,
            (mid, role or "申请人", when),
            "同一角色、同一条件的材料",
        )
    return mid


def _items(
    c: Checker,
    data: dict[str, Any],
    materials: dict[str, dict[str, Any]],
    situations: Situations,
) -> tuple[set[str], set[str]]:
    """The items' v2 keys; returns the material ids and question ids they use."""
    used: set[str] = set()
    asked_anywhere: set[str] = set()
    for index, node in enumerate(data.get("items") or ()):
        if not isinstance(node, dict):
            continue  # the v1 checker reports it
        label = _label(node, f"items[{index + 1}]")
        asked = _ids(c, node, label, "situations", situations, "情形")
        asked_anywhere.update(asked)
        used.update(_ids(c, node, label, "produces", materials, "标准材料"))
        _points(c, node, label)
        refs = node.get("materials")
        if not isinstance(refs, list):
            continue  # the v1 checker reports it
        seen: dict[Any, str] = {}
        for number, ref in enumerate(refs):
            rpath = f"{label}.materials[{number + 1}]"
            if c.mapping(ref, rpath, parent=node):
                mid = _ref(c, ref, rpath, materials, situations, asked, seen)
                if mid is not None:
                    used.add(mid)
    return used, asked_anywhere


def _bundles(c: Checker, data: dict[str, Any], situations: Situations) -> set[str]:
    """The bundles' v2 keys (the rest is the v1 checker's); returns the question ids asked."""
    asked_anywhere: set[str] = set()
    for index, node in enumerate(data.get("bundles") or ()):
        if not isinstance(node, dict):
            continue
        label = _label(node, f"bundles[{index + 1}]")
        asked = _ids(c, node, label, "situations", situations, "情形")
        asked_anywhere.update(asked)
        members = node.get("items")
        for number, member in enumerate(members if isinstance(members, list) else ()):
            mpath = f"{label}.items[{number + 1}]"
            if isinstance(member, dict):
                c.unknown_keys(member, mpath, ("item", "when"))
                c.field(member, mpath, "item", "str")
                _when(c, member, mpath, asked, situations, "本一件事")
            elif not isinstance(member, str):
                c.add(node, mpath, "应为事项编码，或 {item: 编码, when: {…}}")
    return asked_anywhere


def check_catalog_v2(data: Any, *, minimum_sizes: bool = False) -> list[Problem]:
    """Every problem in a parsed v2 catalog, in the order of the file's lines; only
    problems that are not warnings stop an import."""
    if not isinstance(data, dict):
        return [Problem(None, "文件", "顶层应为键值对（映射），见 docs/catalog-format.md")]
    problems = check_catalog(_v1_view(data), minimum_sizes=minimum_sizes)
    c = Checker()
    materials = _materials(c, data)
    situations = _situations(c, data)
    used, asked = _items(c, data, materials, situations)
    asked |= _bundles(c, data, situations)
    for mid, node in materials.items():
        if mid not in used:
            c.add(node, f"materials（{mid}）", "没有任何事项引用或出具此材料", warning=True)
    for index, node in enumerate(data.get("situations") or ()):
        sid = node.get("id") if isinstance(node, dict) else None
        if sid in situations and sid not in asked:
            c.add(
                node,
                f"situations[{index + 1}]（{sid}）",
                "没有任何事项或一件事提出此问题",
                warning=True,
            )
    return sorted(problems + c.problems, key=lambda p: p.line or 0)


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop an import (not the hints)."""
    return [p for p in problems if not p.warning]
