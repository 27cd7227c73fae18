"""The shipped 垫江县 demo catalog (v2, issue 18) under the requirement rule, pure: the
新生儿出生 and 开办餐饮店 bundles as a county hall curates them."""

from __future__ import annotations

from collections import Counter

import pytest

from hall_app import paths
from hall_app.domain.catalog import load_catalog, parse_catalog
from hall_app.domain.catalog_schema import Catalog
from hall_app.domain.requirements import Result, resolve

BIRTH = {"newborn": "yes", "minor": "yes", "hukou_elsewhere": "no", "parents_married": "yes"}
RESTAURANT = {"agent": "no", "catering": "yes", "large_sign": "no", "pledge": "no",
              "fire_systems": "yes"}  # fmt: skip


@pytest.fixture(scope="module")
def demo() -> Catalog:
    return parse_catalog(load_catalog(paths.demo_catalog()))


def _asked(result: Result) -> dict[tuple[str, str], str]:
    """(material, role) → requirement of what the citizen is asked for."""
    return {(n.material, n.role): n.requirement for n in result.needs if n.asked}


def test_demo_is_v2_with_readable_ids_and_review_points(demo: Catalog) -> None:
    assert len(demo.materials) >= 200 and len(demo.situations) >= 60
    ids = [m.id for m in demo.materials] + [s.id for s in demo.situations]
    assert not [i for i in ids if i[-3:].isdigit()]  # no M-001 / q01 left
    points = {m.id: m.review_points for m in demo.materials}
    assert points["M-ID-CARD"][:2] == ("在有效期内", "人证一致")
    assert "委托事项与权限明确" in points["M-POWER-OF-ATTORNEY"]
    assert sum(bool(p) for p in points.values()) >= 60


@pytest.mark.parametrize("father", ["yes", "no"])
@pytest.mark.parametrize("insured", ["yes", "no"])
def test_newborn_bundle(demo: Catalog, father: str, insured: str) -> None:
    answers = {**BIRTH, "father_registered": father, "mother_employee_insured": insured}
    result = resolve(demo, "YJS01", answers)
    assert result.unanswered == ()
    assert max(Counter((n.material, n.role) for n in result.needs).values()) == 1
    asked = _asked(result)
    ids = {role for material, role in asked if material == "M-ID-CARD"}
    assert ids == ({"母亲", "父亲"} if father == "yes" else {"母亲"})
    assert asked[("M-ID-CARD", "母亲")] == "必要"
    assert asked.get(("M-ID-CARD", "父亲")) == ("必要" if father == "yes" else None)
    assert ("M-HUKOU-BOOK", "户主") in asked
    assert not {m for m, _ in asked} & {"M-BIRTH-CERT", "M-BIRTH-CERT-INFO"}
    birth = [n for n in result.needs if n.material == "M-BIRTH-CERT"]
    assert [(n.role, n.internal_from) for n in birth] == [("新生儿", "出生医学证明签发")]
    allowance = "生育津贴申领" in {i.name for i in result.items}
    assert allowance == (insured == "yes")
    assert (("M-MATERNITY-ALLOWANCE-FORM", "申请人") in asked) == (insured == "yes")


@pytest.mark.parametrize("tobacco", ["yes", "no"])
@pytest.mark.parametrize("public", ["yes", "no"])
def test_restaurant_bundle(demo: Catalog, tobacco: str, public: str) -> None:
    answers = {**RESTAURANT, "sells_tobacco": tobacco, "public_premises": public}
    result = resolve(demo, "YJS05", answers)
    assert result.unanswered == ()
    assert max(Counter((n.material, n.role) for n in result.needs).values()) == 1
    items = {i.name for i in result.items}
    assert ("烟草专卖零售许可证核发" in items) == (tobacco == "yes")
    assert ("公众聚集场所投入使用、营业前消防安全检查" in items) == (public == "yes")
    asked = {m for m, _ in _asked(result)}
    assert ("M-TOBACCO-LICENCE-FORM" in asked) == (tobacco == "yes")
    assert ("M-FIRE-INSPECTION-FORM" in asked) == (public == "yes")
    licence = [n for n in result.needs if n.material == "M-BUSINESS-LICENCE"]
    assert [n.internal_from for n in licence] == ["个体工商户设立登记"]
    assert ("M-ID-CARD", "申请人") in _asked(result)
