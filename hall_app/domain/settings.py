"""Hall-wide settings, declared once: key, type, default and allowed range.

The values live in the ``hall_setting`` table (text); ``services.settings`` is the one loader
that reads them. A value that is missing or out of range falls back to the declared default,
so a typo in one setting never stops a hall. New settings are added here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from hall_app.domain.errors import InvalidInput
from hall_app.domain.roles import Adjustments, parse_grants

Kind = Literal["int", "bool", "time", "text", "grants"]


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: Kind
    default: str
    label: str
    minimum: int | None = None
    maximum: int | None = None

    def parse(self, raw: str) -> int | bool | dt.time | str:
        """The typed value of ``raw``; raises InvalidInput (in Chinese) when it is not valid."""
        raw = raw.strip()
        if self.kind == "int":
            try:
                value = int(raw)
            except ValueError:
                raise InvalidInput(f"{self.label}应为整数，而不是“{raw}”") from None
            if self.minimum is not None and value < self.minimum:
                raise InvalidInput(f"{self.label}不能小于 {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise InvalidInput(f"{self.label}不能大于 {self.maximum}")
            return value
        if self.kind == "bool":
            if raw in {"1", "true", "yes", "on"}:
                return True
            if raw in {"0", "false", "no", "off", ""}:
                return False
            raise InvalidInput(f"{self.label}应为 1 或 0，而不是“{raw}”")
        if self.kind == "time":
            try:
                return dt.time.fromisoformat(raw)
            except ValueError:
                raise InvalidInput(f"{self.label}应为时间（如 17:30），而不是“{raw}”") from None
        if self.kind == "grants":
            parse_grants(raw)  # refuses an unknown role or permission, or a cut to admin
        return raw


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("inquiry.reply_days", "int", "1", "首问答复期限（工作日）", 0, 30),
    SettingSpec("followup.verify_days", "int", "1", "差评核实期限（工作日）", 0, 30),
    SettingSpec("followup.rectify_days", "int", "15", "差评整改期限（工作日）", 1, 60),
    SettingSpec("tidal.auto", "bool", "0", "潮汐自动调度"),
    # terminal sessions (issue 12, item 4): a window whose terminal has not polled for this
    # long counts as unattended, and the ticket in hand there is listed for the supervisor
    SettingSpec("terminal.silent_minutes", "int", "2", "终端无响应判定时间（分钟）", 1, 60),
    # tickets: no-show and end of day
    SettingSpec("ticket.no_show_min_calls", "int", "2", "过号前最少呼叫次数", 1, 3),
    SettingSpec("hall.closing_time", "time", "17:30", "闭厅时间"),
    # issue 16: the hall's adjustments to the grants table, e.g. ``clerk:+lift_ban,-requeue``
    # (applied when an actor logs in; see docs/permissions.md)
    SettingSpec("roles.grants", "grants", "", "角色权限调整"),
)
BY_KEY: dict[str, SettingSpec] = {spec.key: spec for spec in SPECS}


@dataclass(frozen=True)
class HallSettings:
    """Typed view of the hall's settings: every declared key has a valid value."""

    raw: Mapping[str, str]

    def _value(self, key: str) -> int | bool | dt.time | str:
        spec = BY_KEY[key]
        text = self.raw.get(key)
        if text is not None:
            try:
                return spec.parse(text)
            except InvalidInput:
                pass  # a bad stored value falls back to the default (the loader logs it)
        return spec.parse(spec.default)

    def int(self, key: str) -> int:
        value = self._value(key)
        assert isinstance(value, int) and not isinstance(value, bool), key
        return value

    def bool(self, key: str) -> bool:
        value = self._value(key)
        assert isinstance(value, bool), key
        return value

    def time(self, key: str) -> dt.time:
        value = self._value(key)
        assert isinstance(value, dt.time), key
        return value

    def grant_adjustments(self) -> Adjustments:
        """The ``roles.grants`` adjustments (none when the stored value is not valid)."""
        value = self._value("roles.grants")
        assert isinstance(value, str)
        return parse_grants(value)

    def text(self, key: str) -> str:
        """Any stored value as text, declared or not (hall.name, hall.phone …)."""
        if key in BY_KEY:
            return str(self.raw.get(key, BY_KEY[key].default))
        return self.raw.get(key, "")

    def invalid(self) -> list[str]:
        """Keys whose stored value is not valid (and which therefore use their default)."""
        bad = []
        for key, spec in BY_KEY.items():
            if key in self.raw:
                try:
                    spec.parse(self.raw[key])
                except InvalidInput:
                    bad.append(key)
        return bad
