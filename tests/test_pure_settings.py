"""Pure tests of the hall settings declarations: parsing, ranges, defaults, stored text."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain.errors import InvalidInput
from hall_app.domain.settings import (
    BY_ATTR,
    CATALOG_SPECS,
    SPECS,
    HallSettings,
    SettingSpec,
    field_names,
    invalid_keys,
    spec_of,
)

DEFAULTS = {
    "code": "000000",
    "name": "政务服务中心",
    "phone": "",
    "complaint_phone": "12345",
    "address": "",
    "opening_hours": "",
    "government": "本级人民政府",
    "court": "有管辖权的人民法院",
    "closing_time": dt.time(17, 30),
    "board_notice": "",
    "board_english": False,
    "inquiry_reply_days": 1,
    "followup_verify_days": 1,
    "followup_rectify_days": 15,
    "tidal_auto": False,
    "tidal_wait_limit": 60,
    "rota_min_windows": 1,
    "silent_minutes": 2,
    "no_show_min_calls": 2,
    "grants": "",
}


def refused(key: str, raw: str) -> str:
    with pytest.raises(InvalidInput) as exc:
        spec_of(key).parse(raw)
    return exc.value.message


def test_defaults() -> None:
    assert HallSettings.defaults() == HallSettings(**DEFAULTS)
    assert field_names() == tuple(DEFAULTS)
    assert tuple(spec.attr for spec in SPECS) == field_names()
    assert [s.attr for s in CATALOG_SPECS] == [
        "code",
        "name",
        "phone",
        "complaint_phone",
        "address",
        "opening_hours",
        "government",
        "court",
    ]


def test_unknown_key() -> None:
    with pytest.raises(InvalidInput) as exc:
        spec_of("hall.nope")
    assert exc.value.message == "没有名为 hall.nope 的大厅设置"


@pytest.mark.parametrize(
    ("key", "low", "high", "label"),
    [
        ("inquiry.reply_days", 0, 30, "首问答复期限（工作日）"),
        ("followup.verify_days", 0, 30, "差评核实期限（工作日）"),
        ("followup.rectify_days", 1, 60, "差评整改期限（工作日）"),
        ("terminal.silent_minutes", 1, 60, "终端无响应判定时间（分钟）"),
        ("ticket.no_show_min_calls", 1, 3, "过号前最少呼叫次数"),
    ],
)
def test_int_ranges(key: str, low: int, high: int, label: str) -> None:
    spec = spec_of(key)
    assert spec.parse(f" {low} ") == low
    assert spec.parse(str(high)) == high
    assert refused(key, str(low - 1)) == f"{label}不能小于 {low}"
    assert refused(key, str(high + 1)) == f"{label}不能大于 {high}"
    assert refused(key, "x") == f"{label}应为整数，而不是“x”"


def test_unbounded_int() -> None:
    spec = SettingSpec("k", "k", "int", "0", "数")
    assert spec.parse("-5") == -5
    assert spec.parse("99999") == 99999


def test_bool() -> None:
    spec = spec_of("board.english")
    for raw in ("1", "true", "yes", "on"):
        assert spec.parse(raw) is True
    for raw in ("0", "false", "no", "off", "", " "):
        assert spec.parse(raw) is False
    assert refused("board.english", "True") == "叫号屏英文应为 1 或 0，而不是“True”"
    assert spec.text(True) == "1" and spec.text(False) == "0"


def test_time() -> None:
    spec = spec_of("hall.closing_time")
    assert spec.parse("17:00") == dt.time(17, 0)
    assert spec.text(dt.time(8, 5)) == "08:05"
    assert refused("hall.closing_time", "5pm") == "闭厅时间应为时间（如 17:30），而不是“5pm”"


def test_text() -> None:
    code = spec_of("hall.code")
    assert code.parse(" 500231 ") == "500231"
    assert code.parse("  ") == "000000"
    assert refused("hall.code", "13053") == "行政区划代码格式不正确：“13053”"
    assert refused("hall.code", "5002311") == "行政区划代码格式不正确：“5002311”"
    name = spec_of("hall.name")
    assert name.parse("名" * 100) == "名" * 100
    assert refused("hall.name", "名" * 101) == "大厅名称不能超过 100 个字"
    notice = spec_of("board.notice")
    assert notice.parse("告" * 500) == "告" * 500
    assert refused("board.notice", "告" * 501) == "叫号屏公告不能超过 500 个字"
    assert spec_of("hall.phone").text("0319") == "0319"
    assert BY_ATTR["court"].key == "hall.court"


def test_grants() -> None:
    spec = spec_of("roles.grants")
    assert spec.parse("") == ""
    with pytest.raises(InvalidInput):
        spec.parse("nobody:+x")


def test_from_stored_falls_back_per_setting() -> None:
    stored = {
        "hall.name": "重庆市垫江县政务服务中心",
        "ticket.no_show_min_calls": "9",  # out of range: default
        "board.english": "1",
        "hall.closing_time": "bad",
        "not.declared": "x",
        "hall.code": "",  # blank text: default
    }
    settings = HallSettings.from_stored(stored)
    assert settings == HallSettings(
        **(DEFAULTS | {"name": "重庆市垫江县政务服务中心", "board_english": True})
    )
    assert invalid_keys(stored) == ["ticket.no_show_min_calls", "hall.closing_time"]
    assert invalid_keys({}) == []


def test_stored_round_trip() -> None:
    settings = HallSettings.from_stored({"tidal.auto": "on", "terminal.silent_minutes": "5"})
    stored = settings.stored()
    assert stored["tidal.auto"] == "1"
    assert stored["terminal.silent_minutes"] == "5"
    assert stored["hall.closing_time"] == "17:30"
    assert stored["board.english"] == "0"
    assert len(stored) == len(SPECS)
    assert HallSettings.from_stored(stored) == settings
    assert settings.grant_adjustments() == HallSettings.defaults().grant_adjustments()
