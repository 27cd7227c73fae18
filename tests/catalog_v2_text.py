"""A small v2 catalog (the 新生儿出生 case in miniature) shared by the v2 pure tests."""

from __future__ import annotations

from typing import Any

from hall_app.domain.catalog import load_yaml
from tests.test_pure_catalog_check import BASE

_HEAD = BASE.split("items:\n")[0].replace("schema_version: 1", "schema_version: 2")
_TAIL = "windows:\n" + BASE.split("windows:\n")[1]
_ITEM = """\
    category: A
    type: 行政确认
    department: 县局
    target: 自然人
    kind: 即办件
    legal_limit_days: 0
    promised_limit_days: 0
    legal_basis: 某法
    fee: 不收费
    result: 证明
    visits: 1
    online: false
    appointment: false
    delivery: false
"""
V2 = (
    _HEAD
    + """\
materials:
  - id: M-ID
    name: 居民身份证
    form: 原件
    source: 申请人自备
    standard: 原件核验后退还
    review_points: [在有效期内, 照片与本人一致]
  - id: M-BIRTH
    name: 出生医学证明
    form: 原件
    source: 政府部门核发
    shared_from: 出生医学证明管理系统
    standard: 婴儿姓名与申报一致
    review_points: [婴儿姓名与申报一致]
  - id: M-FORM
    name: 首次签发登记表
    form: 原件
    source: 申请人自备
    obtain_from: 医院窗口
    standard: 父母签字
  - id: M-BOOK
    name: 居民户口簿
    form: 原件
    source: 申请人自备
    standard: 加页后退还
    deferrable: true
  - id: M-MARRY
    name: 结婚证
    form: 原件
    source: 申请人自备
    standard: 原件核验后退还
situations:
  - id: father
    question: 是否填写父亲信息？
    answers:
      - {key: "1", value: "yes", text: 是}
      - {key: "2", value: "no", text: 否}
    default: "no"
  - id: married
    question: 父母是否已登记结婚？
    answers:
      - {key: "1", value: "yes", text: 是}
      - {key: "2", value: "no", text: 否}
  - id: in_county
    question: 是否在本县落户？
    answers:
      - {key: "1", value: "yes", text: 是}
      - {key: "2", value: "no", text: 否}
items:
  - code: B1
    basic_code: X1
    name: 出生医学证明签发
"""
    + _ITEM
    + """\
    situations: [father]
    produces: [M-BIRTH]
    materials:
      - {material: M-FORM, role: 申请人, copies: 1, requirement: 必要}
      - {material: M-ID, role: 母亲, copies: 1, requirement: 必要}
      - material: M-ID
        role: 父亲
        copies: 1
        requirement: 非必要
        when: {father: "yes"}
  - code: B2
    basic_code: X2
    name: 出生登记
"""
    + _ITEM
    + """\
    situations: [married]
    chuanyu_tongban: true
    review_points: [申请人与户主关系一致]
    materials:
      - {material: M-BIRTH, role: 新生儿, copies: 1, requirement: 必要}
      - {material: M-ID, role: 母亲, copies: 1, requirement: 必要}
      - material: M-BOOK
        role: 户主
        copies: 1
        requirement: 容缺后补
        defer_days: 5
      - material: M-MARRY
        role: 申请人
        copies: 1
        requirement: 非必要
        note: 复印件留存
        when: {married: ["yes"]}
  - code: B3
    basic_code: X3
    name: 医保参保
"""
    + _ITEM
    + """\
    materials:
      - material: M-BIRTH
        role: 新生儿
        copies: 0
        requirement: 必要
        form: 电子
        source: 共享免提交
        standard: 共享核验
      - {material: M-ID, role: 母亲, copies: 2, requirement: 非必要, form: 复印件}
      - material: M-BOOK
        role: 户主
        copies: 1
        requirement: 必要
        obtain_from: 派出所
bundles:
  - code: K1
    name: 出生一件事
    category: A
    situations: [in_county]
    items:
      - B1
      - {item: B2, when: {in_county: "yes"}}
      - B3
    promised_limit_days: 5
  - code: K2
    name: 条件出具
    category: A
    situations: [in_county]
    items:
      - {item: B1, when: {in_county: "yes"}}
      - B3
    promised_limit_days: 5
  - code: K3
    name: 先用后出
    category: A
    items: [B3, B1]
    promised_limit_days: 5
"""
    + _TAIL
)


def v2() -> Any:
    return load_yaml(V2.encode(), "v2.yaml")


def line_of(text: str, after: int = 0) -> int:
    """The 1-based line of the first line equal to ``text`` after line ``after``."""
    lines = V2.splitlines()
    return lines.index(text, after) + 1
