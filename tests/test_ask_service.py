"""The assistant over the hall's catalog in the database (services/ask.py): the index is kept
while the catalog stays the same and rebuilt when an import changes it; aliases (俗称) stored
by the import are searched (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import yaml

from hall_app import paths
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.hall import Hall


def test_the_index_is_kept_and_rebuilt_after_an_import(hall: Hall, tmp_path: Path) -> None:
    first = hall.ask.index()
    assert hall.ask.index() is first
    assert hall.ask.ask("老宅翻修咨询").results == ()
    data = yaml.safe_load(paths.demo_catalog().read_text(encoding="utf-8"))
    item = next(i for i in data["items"] if i["basic_code"] == "000117001000")
    item["aliases"] = ["老宅翻修"]
    changed = tmp_path / "catalog.yaml"
    changed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    hall.catalog.import_file(bootstrap_actor(), changed)
    answer = hall.ask.ask("老宅翻修咨询")
    assert hall.ask.index() is not first
    assert answer.results[0].code == item["code"]
    assert answer.results[0].why.startswith("「老宅翻修」→ 俗称「老宅翻修」")


def test_nothing_found_offers_the_active_lanes(hall: Hall) -> None:
    answer = hall.ask.ask("附近哪里有停车场")
    assert answer.results == () and answer.message.startswith("没有找到")
    assert ("D", "公安户政/出入境") in answer.categories


def test_the_questions_a_v2_bundle_asks_are_searched(hall: Hall) -> None:
    # the shipped demo is v2 (issue 18); the test databases hold its v1 lists, so import it
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
    # only the 开办餐饮店 bundle's question names 卷烟 and 雪茄烟
    answer = hall.ask.ask("卷烟雪茄烟")
    assert [r.code for r in answer.results] == ["YJS05"]
    assert "→ 情形「经营范围含烟草制品零售（店内销售卷烟、雪茄烟）」" in answer.results[0].why
    # an item's question, as asked (the flattened rows' 「是否…？是」 texts are not indexed)
    (first,) = hall.ask.ask("有效期满证件损坏").results
    assert first.name == "居民身份证申领、换领"
    assert first.why.startswith("「有效」→ 情形「有效期满、证件损坏或登记项目变更换领」")


def test_something_done_elsewhere_says_where_and_offers_the_lanes(hall: Hall) -> None:
    answer = hall.ask.ask("二手车过户去哪里办")
    assert answer.results == () and answer.elsewhere == ("二手车", "公安交管部门的车管所")
    assert answer.message.startswith("「二手车」不在本大厅办理，请到公安交管部门的车管所咨询；")
    assert ("D", "公安户政/出入境") in answer.categories
    # the hall's own transfer is still found
    assert hall.ask.ask("二手房过户").elsewhere is None
