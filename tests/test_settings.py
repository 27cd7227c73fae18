"""The one loader of hall settings: declared defaults, ranges, fallback and audited change."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.settings import BY_KEY, HallSettings
from hall_app.services.hall import Hall
from tests.conftest import login


def test_declared_defaults_apply_when_nothing_is_stored() -> None:
    settings = HallSettings({})
    assert settings.int("followup.rectify_days") == 15
    assert settings.bool("tidal.auto") is False


def test_a_bad_stored_value_falls_back_to_the_default_and_is_reported() -> None:
    settings = HallSettings({"followup.rectify_days": "fifteen", "inquiry.reply_days": "3"})
    assert settings.int("followup.rectify_days") == 15
    assert settings.int("inquiry.reply_days") == 3
    assert settings.invalid() == ["followup.rectify_days"]


def test_ranges_are_checked_in_chinese() -> None:
    with pytest.raises(InvalidInput, match="不能大于 60"):
        BY_KEY["followup.rectify_days"].parse("61")
    with pytest.raises(InvalidInput, match="整数"):
        BY_KEY["followup.rectify_days"].parse("1.5")
    assert BY_KEY["followup.rectify_days"].parse("60") == 60


def test_time_settings_parse() -> None:
    from hall_app.domain.settings import SettingSpec

    spec = SettingSpec("x", "time", "17:30", "闭厅时间")
    assert spec.parse("17:30") == dt.time(17, 30)
    with pytest.raises(InvalidInput, match="时间"):
        spec.parse("25:00")


def test_admin_changes_a_setting_and_it_is_used(hall: Hall) -> None:
    admin = login(hall, "9001")
    with pytest.raises(InvalidInput):
        hall.settings.set(admin, "followup.rectify_days", "0")
    with pytest.raises(InvalidInput, match="没有名为"):
        hall.settings.set(admin, "no.such", "1")
    with pytest.raises(NotAllowed):
        hall.settings.set(login(hall, "3001"), "followup.rectify_days", "5")
    assert hall.settings.set(admin, "followup.rectify_days", "5").int("followup.rectify_days") == 5
    assert hall.settings.get().int("followup.rectify_days") == 5
