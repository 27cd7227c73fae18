"""Converting a v1 catalog (data as loaded) into v2: the standard material dictionary, the
situations and the references, with a report in Chinese of what was merged and what could
not be decided. Pure: ``hall-app catalog upgrade OLD NEW`` reads and writes the files.

Decisions (docs/catalog-format.md, "Converting v1 to v2"):
- a role prefix (:data:`ROLE_PREFIXES`) is stripped into the reference's role: 受托人居民身份证
  → 居民身份证 for 代理人; materials are then merged by that name (NFKC, no spaces);
- a material's form, source, standard and 获取途径 are the most common among its uses (the
  first one on a tie); a use that differs keeps its own value on the reference, so nothing
  of the input is lost; 容缺后补 anywhere makes it ``deferrable``;
- ``shared_from`` is read from the standard of a 共享免提交 use (通过人口基础信息库核验… →
  人口基础信息库); where the text names no system, the item's department is written and the
  report asks for it to be confirmed;
- ids are readable: :data:`QUESTION_IDS` and :data:`MATERIAL_IDS` name the common ones
  (委托他人办理 → ``agent``, 居民身份证 → ``M-ID-CARD``), any other becomes an ASCII slug of
  its pinyin (``gao_ling…`` / ``M-GAO-LING-…``), numbered on a clash;
- every distinct v1 ``situation`` becomes one yes/no question (the same text in several items
  → one question), asked by the items using it, and the reference applies when it is "yes";
  no default: until answered the material is 待确认, as the v1 window asked "适用吗？";
- what an item issues (``produces``) is not in v1: :data:`PRODUCES`, a small explicit table
  by item and material name, adds it where both exist in the file;
- two uses in one item falling on the same (material, role, situation) are not merged: the
  second keeps its full name as a material of its own, and the report says so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from hall_app.domain.catalog_v2_schema import APPLICANT, SCHEMA_V2
from hall_app.domain.text import clean_text

#: prefix → role, longest first where one prefix starts another
ROLE_PREFIXES = (
    ("法定代表人", "法定代表人"), ("职工本人", "申请人"), ("申请人", "申请人"),
    ("申报人", "申请人"), ("申领人", "申请人"), ("经营者", "申请人"), ("受托人", "代理人"),
    ("代理人", "代理人"), ("经办人", "经办人"), ("母亲", "母亲"), ("父亲", "父亲"),
    ("监护人", "监护人"), ("新生儿", "新生儿"), ("配偶", "配偶"), ("继承人", "继承人"),
    ("新户主", "户主"), ("户主", "户主"), ("死者", "逝者"), ("逝者", "逝者"),
    ("买方", "买方"), ("卖方", "卖方"),
)  # fmt: skip
# a prefix followed by one of these is part of a list (法定代表人、董事…), not a role
_NOT_A_ROLE = "、，,或及和与（(/"

#: item name → names of the materials it issues (出生医学证明签发 issues 出生医学证明)
PRODUCES = {
    "出生医学证明签发": ("出生医学证明",),
    "居民死亡医学证明（推断）书签发": ("居民死亡医学证明（推断）书",),
    "企业设立登记": ("营业执照",),
    "个体工商户设立登记": ("营业执照",),
    "企业变更登记": ("市场主体变更登记信息",),
    "企业迁移登记（跨登记机关迁入本县）": ("市场主体住所变更登记信息",),
    "不动产转移登记（存量房买卖）": ("不动产权证书（新户主）",),
    "遗体火化": ("遗体火化信息",),
}

#: a v1 situation (without 是否 / 的 / ？) → the question's id
QUESTION_IDS = {
    "委托他人办理": "agent", "申请人已婚": "married", "申请人为未成年人": "minor",
    "申请人未满16周岁": "under_16", "申请人为残疾人": "disabled", "为新生儿办理": "newborn",
    "户籍不在本县": "hukou_elsewhere", "申请人为自然人": "natural_person",
    "申请人为法人或非法人组织": "organisation", "登记父亲信息": "father_registered",
    "父母已登记结婚": "parents_married", "经营范围含烟草制品零售": "sells_tobacco",
    "经营场所属于公众聚集场所": "public_premises", "从事餐饮服务": "catering",
    "选择告知承诺方式办理": "pledge", "设有自动消防设施": "fire_systems",
    "因退休办理": "retirement", "因离职办理": "left_job", "职工本人办理": "in_person",
    "遗体已火化": "cremated", "非正常死亡": "unnatural_death",
}  # fmt: skip
#: a standard material's name → its id
MATERIAL_IDS = {
    "居民身份证": "M-ID-CARD", "居民户口簿": "M-HUKOU-BOOK", "户籍信息": "M-HUKOU-INFO",
    "身份证件": "M-ID-DOC", "身份证明": "M-ID-PROOF", "授权委托书": "M-POWER-OF-ATTORNEY",
    "营业执照": "M-BUSINESS-LICENCE", "营业执照正副本": "M-BUSINESS-LICENCE-ORIGINAL",
    "结婚证": "M-MARRIAGE-CERT", "出生医学证明": "M-BIRTH-CERT",
    "出生医学证明信息": "M-BIRTH-CERT-INFO", "居民死亡医学证明（推断）书": "M-DEATH-CERT",
    "社会保障卡": "M-SOCIAL-SECURITY-CARD", "社会保障卡或一类银行卡": "M-BANK-CARD",
    "近期免冠彩色证件照": "M-PHOTO", "监护关系证明": "M-GUARDIANSHIP",
    "亲属关系证明": "M-KINSHIP", "不动产权证书": "M-PROPERTY-CERT", "居住证": "M-RESIDENCE-PERMIT",
    "户口迁移证": "M-HUKOU-TRANSFER", "中华人民共和国残疾人证": "M-DISABILITY-CERT",
    "经营场所使用证明": "M-PREMISES-PROOF", "住所使用证明": "M-DOMICILE-PROOF",
    "不动产登记申请书": "M-REALTY-APPLICATION", "解除或终止劳动关系证明": "M-LABOUR-ENDED",
}  # fmt: skip
QUESTION_ID_MAX, MATERIAL_ID_MAX = 30, 40

SHARED = "共享免提交"
OVERRIDES = ("form", "source", "standard", "obtain_from")
_SYSTEM = (
    re.compile(r"通过(.+?)(?:共享|核验|获取|提供|推送)"),
    re.compile(r"由(.+?)(?:共享|核验|获取|提供|推送)"),
    re.compile(r"^(.+?)(?:共享|推送)"),
)
TOP_ORDER = (
    "schema_version", "hall", "zones", "categories", "departments", "materials",
    "situations", "items", "bundles", "windows", "staff",
)  # fmt: skip


def split_role(name: str) -> tuple[str, str]:
    """(material name, role) of a v1 material name."""
    for prefix, role in ROLE_PREFIXES:
        rest = name[len(prefix) :]
        if name.startswith(prefix) and rest and rest[0] not in _NOT_A_ROLE:
            return rest, role
    return name, APPLICANT


def shared_system(standard: str) -> str:
    """The system a 共享免提交 standard names (通过人口基础信息库核验… → 人口基础信息库)."""
    for pattern in _SYSTEM:
        found = pattern.search(standard)
        if found and found.group(1).strip("，。；、 ") not in ("", "系统"):
            return found.group(1).strip("，。；、 ")
    return ""


def question_of(situation: str) -> str:
    """The yes/no question of a v1 situation (委托他人办理的 → 是否委托他人办理？)."""
    stem = situation.removesuffix("的")
    return stem + "？" if stem.startswith("是否") else f"是否{stem}？"


def _syllables(text: str) -> list[str]:
    from pypinyin import lazy_pinyin  # on demand: it loads a large dictionary

    return [w for chunk in lazy_pinyin(text) for w in re.findall(r"[a-z0-9]+", chunk.lower())]


def _slug(words: list[str], sep: str, limit: int) -> str:
    out = ""
    for word in words:
        if out and len(out) + len(sep) + len(word) > limit:
            break
        out = f"{out}{sep}{word}" if out else word
    return out[:limit]


def _unique(wanted: str, taken: set[str], sep: str, limit: int) -> str:
    found, number = wanted, 1
    while found in taken:
        number += 1
        found = f"{wanted[: limit - len(sep) - len(str(number))]}{sep}{number}"
    taken.add(found)
    return found


def question_id(situation: str, taken: set[str]) -> str:
    """A readable id of a v1 situation's question (委托他人办理的 → agent), unique in taken."""
    stem = question_of(situation).removeprefix("是否").removesuffix("？")
    wanted = QUESTION_IDS.get(stem) or _slug(_syllables(stem), "_", QUESTION_ID_MAX) or "q"
    return _unique(wanted, taken, "_", QUESTION_ID_MAX)


def material_id(name: str, taken: set[str]) -> str:
    """A readable id of a standard material (居民身份证 → M-ID-CARD), unique in taken."""
    words = [w.upper() for w in _syllables(name)]
    limit = MATERIAL_ID_MAX - 2
    wanted = MATERIAL_IDS.get(name) or "M-" + (_slug(words, "-", limit) or "X")
    return _unique(wanted, taken, "-", MATERIAL_ID_MAX)


@dataclass
class Report:
    materials_before: int = 0
    materials_after: int = 0
    roles_split: int = 0
    questions: int = 0
    overrides: int = 0
    produces: int = 0
    merged: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = [
            f"材料 {self.materials_before} 项 → 标准材料 {self.materials_after} 种"
            f"（拆出角色前缀 {self.roles_split} 处；{self.overrides} 处引用保留了本事项自己的写法）",
            f"业务情形问题 {self.questions} 个；出具关系（produces）{self.produces} 处",
        ]
        merged = [f"合并：{m}" for m in self.merged]
        undecided = [f"待人工确认：{u}" for u in self.undecided]
        return head + merged + undecided


@dataclass(frozen=True)
class Upgrade:
    data: dict[str, Any]
    report: Report


@dataclass
class _Use:
    item: int
    node: Mapping[str, Any]
    name: str
    role: str


def _text(node: Mapping[str, Any], key: str) -> str:
    value = node.get(key)
    return "" if value is None else clean_text(str(value), key, multiline=True)


def _plain(value: Any) -> Any:
    """Plain dicts and lists (the loader's line-keeping mappings are not dumped as such)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _common(values: list[str]) -> str:
    return Counter(values).most_common(1)[0][0]


def _uses(items: list[Any], report: Report) -> list[_Use]:
    uses: list[_Use] = []
    for index, item in enumerate(items):
        seen: set[tuple[str, str, str]] = set()
        for node in item["materials"]:
            full = _text(node, "name")
            name, role = split_role(full)
            key = (re.sub(r"\s+", "", name), role, _text(node, "situation"))
            if key in seen:
                report.undecided.append(
                    f"事项「{item['name']}」的「{full}」与同一事项另一材料同为{role}的「{name}」，"
                    "未合并，保留为单独的标准材料"
                )
                name, role = full, APPLICANT
            else:
                seen.add(key)
            report.roles_split += name != full
            uses.append(_Use(index, node, name, role))
    return uses


def _dictionary(
    items: list[Any], uses: list[_Use], report: Report
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The standard materials (first-appearance order) and each use's material id by name."""
    groups: dict[str, list[_Use]] = {}
    for use in uses:
        groups.setdefault(re.sub(r"\s+", "", use.name), []).append(use)
    materials, ids = [], {}
    taken: set[str] = set()
    for key, group in groups.items():
        mid = material_id(group[0].name, taken)
        values = {k: [_text(u.node, k) for u in group] for k in OVERRIDES}
        material: dict[str, Any] = {
            "id": mid,
            "name": group[0].name,
            "form": _common(values["form"]),
            "source": _common(values["source"]),
        }
        shared = [u for u in group if _text(u.node, "source") == SHARED]
        if shared:
            standards = [_text(u.node, "standard") for u in shared]
            system = next((s for s in map(shared_system, standards) if s), "")
            if not system:
                department = _text(items[shared[0].item], "department")
                system = f"{department}业务系统"
                report.undecided.append(
                    f"「{group[0].name}」的共享来源无法从受理标准读出，暂写为「{system}」"
                )
            material["shared_from"] = system
        if _common(values["obtain_from"]):
            material["obtain_from"] = _common(values["obtain_from"])
        material["standard"] = _common(values["standard"])
        if any(_text(u.node, "requirement") == "容缺后补" for u in group):
            material["deferrable"] = True
        names = Counter(_text(u.node, "name") for u in group)  # the v1 names merged here
        if len(names) > 1:
            listed = "、".join(f"{n}×{c}" if c > 1 else n for n, c in names.items())
            report.merged.append(f"「{group[0].name}」← {listed}")
        materials.append(material)
        ids[key] = mid
    return materials, ids


def _ref(use: _Use, material: Mapping[str, Any], questions: Mapping[str, str]) -> dict[str, Any]:
    node = use.node
    ref: dict[str, Any] = {
        "material": material["id"],
        "role": use.role,
        "copies": node["copies"],
        "requirement": _text(node, "requirement"),
    }
    if node.get("defer_days") or ref["requirement"] == "容缺后补":
        ref["defer_days"] = node.get("defer_days") or 0
    for key in OVERRIDES:
        if _text(node, key) != (material.get(key) or ""):
            ref[key] = _text(node, key)
    situation = _text(node, "situation")
    if situation:
        ref["when"] = {questions[situation]: "yes"}
    return ref


def upgrade(data: Mapping[str, Any]) -> Upgrade:
    """The v2 form of a checked v1 catalog (the v1 check must have passed)."""
    report = Report()
    items = list(data["items"])
    uses = _uses(items, report)
    materials, ids = _dictionary(items, uses, report)
    by_id = {m["id"]: m for m in materials}
    texts = [t for t in dict.fromkeys(_text(u.node, "situation") for u in uses) if t]
    taken: set[str] = set()
    questions = {text: question_id(text, taken) for text in texts}
    situations = [
        {
            "id": qid,
            "question": question_of(text),
            "answers": [
                {"key": "1", "value": "yes", "text": "是"},
                {"key": "2", "value": "no", "text": "否"},
            ],
        }
        for text, qid in questions.items()
    ]
    report.materials_before, report.materials_after = len(uses), len(materials)
    report.questions = len(situations)
    by_name = {m["name"]: m["id"] for m in materials}
    new_items = []
    for index, item in enumerate(items):
        refs = []
        for use in (u for u in uses if u.item == index):
            ref = _ref(use, by_id[ids[re.sub(r"\s+", "", use.name)]], questions)
            report.overrides += any(k in ref for k in OVERRIDES)
            refs.append(ref)
        asked = list(dict.fromkeys(q for r in refs for q in r.get("when", {})))
        produces = [by_name[n] for n in PRODUCES.get(_text(item, "name"), ()) if n in by_name]
        report.produces += len(produces)
        node = {k: _plain(v) for k, v in item.items() if k != "materials"}
        if asked:
            node["situations"] = asked
        if produces:
            node["produces"] = produces
        node["materials"] = refs
        new_items.append(node)
    out: dict[str, Any] = {"schema_version": SCHEMA_V2}
    source = {**_plain(data), "materials": materials, "situations": situations, "items": new_items}
    if not situations:
        del source["situations"]
    for key in (*TOP_ORDER, *source):
        if key in source and key not in out:
            out[key] = source[key]
    out["schema_version"] = SCHEMA_V2
    return Upgrade(out, report)


class _Dumper(yaml.SafeDumper):
    """Block lists indented under their key; short mappings and lists of words on one line."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _short(value: Any) -> bool:
    return isinstance(value, str | int | bool) or (
        isinstance(value, list) and all(isinstance(v, str | int) for v in value)
    )


def _represent_dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> Any:
    flow = len(value) <= 3 and all(_short(v) for v in value.values()) and len(str(value)) < 70
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> Any:
    flow = _short(value) and len(str(value)) < 70
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)

HEADER = "# 由 hall-app catalog upgrade 从 v1 目录转换生成，格式见 docs/catalog-format.md（v2）\n"


def dump_yaml(data: Mapping[str, Any]) -> str:
    """Readable UTF-8 YAML: Chinese as written, keys in the catalog's order, a blank line
    between top-level sections and between the entries of a section."""
    text = yaml.dump(_plain(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
    lines: list[str] = []
    for line in text.splitlines():
        top = not line.startswith(" ")
        if lines and (top or (line.startswith("  - ") and not lines[-1].endswith(":"))):
            lines.append("")
        lines.append(line)
    return HEADER + "\n".join(lines) + "\n"
