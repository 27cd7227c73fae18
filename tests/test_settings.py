"""Hall settings: one declaration (domain/settings.py), one loader and one writer
(services/settings.py); every reader uses the typed attributes."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import delete

from hall_app.domain import catalog as cat
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.settings import (
    BY_KEY,
    CATALOG_SPECS,
    SPECS,
    HallSettings,
    SettingSpec,
    field_names,
    invalid_keys,
)
from hall_app.services.hall import Hall
from hall_app.services.settings import load_settings, store_settings, stored_settings
from hall_app.store import models as m
from tests.conftest import login

HALL_APP = Path(__file__).resolve().parent.parent / "hall_app"
PYTHON_TYPES = {"int": int, "bool": bool, "time": dt.time, "text": str, "grants": str}


def test_the_declaration_and_the_typed_settings_agree() -> None:
    assert field_names() == tuple(spec.attr for spec in SPECS)  # one field per setting, in order
    assert len(BY_KEY) == len(SPECS)
    defaults = HallSettings.defaults()
    for spec in SPECS:
        assert spec.label and not spec.label.isascii(), spec.key  # a Chinese label for messages
        value = getattr(defaults, spec.attr)
        assert type(value) is PYTHON_TYPES[spec.kind], spec.key
        assert value == spec.parse(spec.default)
    assert defaults.name == "政务服务中心" and defaults.complaint_phone == "12345"
    assert defaults.closing_time == dt.time(17, 30) and defaults.code == "000000"
    assert defaults.followup_rectify_days == 15 and defaults.tidal_auto is False


def test_the_catalog_hall_section_is_the_declared_catalog_settings() -> None:
    assert {f.name for f in dataclasses.fields(cat.Hall)} == {s.attr for s in CATALOG_SPECS}


def test_a_missing_blank_or_bad_value_gives_the_declared_default() -> None:
    settings = HallSettings.from_stored(
        {
            "followup.rectify_days": "fifteen",
            "inquiry.reply_days": "3",
            "hall.court": "  ",
            "hall.code": "12",
            "someone.elses": "x",
        }
    )
    assert settings.followup_rectify_days == 15 and settings.inquiry_reply_days == 3
    assert settings.court == "有管辖权的人民法院" and settings.code == "000000"
    assert settings.government == "本级人民政府"  # not stored at all
    assert invalid_keys({"followup.rectify_days": "fifteen", "hall.code": "12", "x.y": "?"}) == [
        "followup.rectify_days",
        "hall.code",
    ]


def test_stored_text_reads_back_the_same_settings() -> None:
    """A terminal's offline snapshot holds ``stored()`` and reads it with the same parser."""
    settings = dataclasses.replace(
        HallSettings.defaults(), name="重庆市垫江县政务服务中心", closing_time=dt.time(17, 5)
    )
    assert HallSettings.from_stored(settings.stored()) == settings
    assert settings.stored()["hall.closing_time"] == "17:05"


def test_ranges_and_formats_are_checked_in_chinese() -> None:
    with pytest.raises(InvalidInput, match="不能大于 60"):
        BY_KEY["followup.rectify_days"].parse("61")
    with pytest.raises(InvalidInput, match="整数"):
        BY_KEY["followup.rectify_days"].parse("1.5")
    assert BY_KEY["followup.rectify_days"].parse("60") == 60
    with pytest.raises(InvalidInput, match="行政区划代码格式不正确"):
        BY_KEY["hall.code"].parse("12345")
    with pytest.raises(InvalidInput, match="时间"):
        SettingSpec("x", "x", "time", "17:30", "闭厅时间").parse("25:00")


def test_the_writer_refuses_an_unknown_or_invalid_setting_and_writes_nothing(hall: Hall) -> None:
    with hall.db.read() as s:
        before = stored_settings(s)
    for changes, message in (
        ({"name": "新名称", "no_such": "1"}, "没有名为 no_such 的大厅设置"),
        ({"name": "新名称", "code": "abc"}, "行政区划代码格式不正确"),
        ({"name": "新名称", "closing_time": "半夜"}, "闭厅时间应为时间"),
    ):
        with pytest.raises(InvalidInput, match=message), hall.db.write() as s:
            store_settings(s, **changes)
    with hall.db.read() as s:
        assert stored_settings(s) == before
    with hall.db.write() as s:
        store_settings(s, name="重庆市垫江县政务服务中心（新）", closing_time=dt.time(16, 45))
    with hall.db.read() as s:
        assert stored_settings(s)["hall.closing_time"] == "16:45"
        settings = load_settings(s)
    assert (settings.name, settings.closing_time) == (
        "重庆市垫江县政务服务中心（新）",
        dt.time(16, 45),
    )


def test_a_missing_row_reads_as_the_declared_default(hall: Hall) -> None:
    with hall.db.write() as s:
        s.execute(delete(m.HallSetting))
    assert hall.settings.get() == HallSettings.defaults()


def test_admin_changes_a_setting_and_it_is_used(hall: Hall) -> None:
    admin = login(hall, "9001")
    with pytest.raises(InvalidInput):
        hall.settings.set(admin, "followup.rectify_days", "0")
    with pytest.raises(InvalidInput, match=r"没有名为 no\.such 的大厅设置"):
        hall.settings.set(admin, "no.such", "1")
    with pytest.raises(NotAllowed):
        hall.settings.set(login(hall, "3001"), "followup.rectify_days", "5")
    assert hall.settings.set(admin, "followup.rectify_days", "5").followup_rectify_days == 5
    assert hall.settings.get().followup_rectify_days == 5


def test_the_catalog_import_and_the_board_store_through_the_declaration(hall: Hall) -> None:
    settings = hall.settings.get()
    assert settings.code != "000000" and settings.name != "政务服务中心"  # the seeded catalog
    hall.board.configure(login(hall, "9001"), "今日下午系统维护", True)
    settings = hall.settings.get()
    assert (settings.board_notice, settings.board_english) == ("今日下午系统维护", True)


def _bypasses(path: Path) -> list[str]:
    """String literals naming a hall setting (``"hall.name"`` …) and uses of the
    ``HallSetting`` table: both belong to the declaration and the loader only."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in BY_KEY or re.fullmatch(r"hall\.[a-z_]+", node.value):
                found.append(f"{path.name}:{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Attribute | ast.Name) and "HallSetting" in (
            getattr(node, "attr", None),
            getattr(node, "id", None),
        ):
            found.append(f"{path.name}:{node.lineno}: HallSetting")
    return found


def test_no_reader_bypasses_the_declaration() -> None:
    allowed = {HALL_APP / "domain" / "settings.py", HALL_APP / "services" / "settings.py"}
    allowed.add(HALL_APP / "store" / "models.py")  # the table itself
    found = [
        hit
        for path in sorted(HALL_APP.rglob("*.py"))
        if path not in allowed
        for hit in _bypasses(path)
    ]
    assert found == []


def test_the_bypass_check_catches_a_magic_key(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'phone = hall.get("hall.phone", "")\n'
        "code = s.scalar(select(m.HallSetting.value))\n"
        'auto = raw["tidal.auto"]\n',
        encoding="utf-8",
    )
    assert len(_bypasses(sample)) == 3


def test_the_offline_snapshot_reads_the_settings_through_the_same_declaration(hall: Hall) -> None:
    """A terminal working without the server prints with the settings it took along: the
    snapshot holds them as stored text and reads them back as the loader does."""
    import json

    from hall_app.services.offline import Snapshot

    admin = login(hall, "9001")
    hall.settings.set(admin, "hall.closing_time", "16:50")
    with hall.db.read() as s:
        taken = hall.fallback.snapshot(s, admin)
    snap = Snapshot.from_json(json.dumps(taken, ensure_ascii=False))
    assert snap.hall == hall.settings.get() and snap.hall.closing_time == dt.time(16, 50)
    old = {**taken, "hall": {"hall.name": "旧终端的大厅"}}  # a snapshot of an older version
    assert Snapshot.from_json(json.dumps(old)).hall.complaint_phone == "12345"
