"""Hall-wide settings, declared once: key, attribute, type, default, validation, label.

The values live in the ``hall_setting`` table (text). ``services.settings`` is the one loader
(:func:`~hall_app.services.settings.load_settings`) and the one writer
(:func:`~hall_app.services.settings.store_settings`); both go through :data:`SPECS`.
Readers use the typed attributes of :class:`HallSettings` (``hall.name``, ``hall.closing_time``
…), never a key and never a default of their own. A value that is missing, blank (text) or not
valid falls back to the declared default, so a typo in one setting never stops a hall.

A new setting is one :class:`SettingSpec` here and one field of :class:`HallSettings` (a test
checks that they agree); nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal

from hall_app.domain.errors import InvalidInput
from hall_app.domain.roles import Adjustments, parse_grants

Kind = Literal["int", "bool", "time", "text", "grants"]
Value = int | bool | dt.time | str


@dataclass(frozen=True)
class SettingSpec:
    key: str  # stored key in ``hall_setting``
    attr: str  # the attribute of HallSettings
    kind: Kind
    default: str
    label: str  # Chinese, for messages
    minimum: int | None = None
    maximum: int | None = None
    pattern: str | None = None  # text: the whole value must match
    longest: int | None = None  # text: at most this many characters
    catalog: bool = False  # written by the catalog import (the catalog's ``hall`` section)

    def parse(self, raw: str) -> Value:
        """The typed value of ``raw``; raises InvalidInput (in Chinese) when it is not valid.
        A blank text value is the declared default."""
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
        if not raw:
            return self.default
        if self.longest is not None and len(raw) > self.longest:
            raise InvalidInput(f"{self.label}不能超过 {self.longest} 个字")
        if self.pattern is not None and not re.fullmatch(self.pattern, raw):
            raise InvalidInput(f"{self.label}格式不正确：“{raw}”")
        return raw

    def text(self, value: Value) -> str:
        """``value`` as stored (the inverse of :meth:`parse`)."""
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        return str(value)


SPECS: tuple[SettingSpec, ...] = (
    # the hall itself: from the catalog's ``hall`` section (catalog import)
    SettingSpec(
        "hall.code", "code", "text", "000000", "行政区划代码", pattern=r"\d{6}", catalog=True
    ),
    SettingSpec("hall.name", "name", "text", "政务服务中心", "大厅名称", longest=100, catalog=True),
    SettingSpec("hall.phone", "phone", "text", "", "咨询电话", longest=40, catalog=True),
    SettingSpec(
        "hall.complaint_phone",
        "complaint_phone",
        "text",
        "12345",
        "投诉电话",
        longest=40,
        catalog=True,
    ),
    SettingSpec("hall.address", "address", "text", "", "大厅地址", longest=200, catalog=True),
    SettingSpec(
        "hall.opening_hours", "opening_hours", "text", "", "办公时间", longest=200, catalog=True
    ),
    # the bodies a refusal can be challenged with (notices, kits)
    SettingSpec(
        "hall.government",
        "government",
        "text",
        "本级人民政府",
        "复议机关",
        longest=200,
        catalog=True,
    ),
    SettingSpec(
        "hall.court", "court", "text", "有管辖权的人民法院", "管辖法院", longest=200, catalog=True
    ),
    SettingSpec("hall.closing_time", "closing_time", "time", "17:30", "闭厅时间"),
    # the calling board (F2 on the board)
    SettingSpec("board.notice", "board_notice", "text", "", "叫号屏公告", longest=500),
    SettingSpec("board.english", "board_english", "bool", "0", "叫号屏英文"),
    # deadlines in working days
    SettingSpec(
        "inquiry.reply_days", "inquiry_reply_days", "int", "1", "首问答复期限（工作日）", 0, 30
    ),
    SettingSpec(
        "followup.verify_days", "followup_verify_days", "int", "1", "差评核实期限（工作日）", 0, 30
    ),
    SettingSpec(
        "followup.rectify_days",
        "followup_rectify_days",
        "int",
        "15",
        "差评整改期限（工作日）",
        1,
        60,
    ),
    SettingSpec("tidal.auto", "tidal_auto", "bool", "0", "潮汐自动调度"),
    # the overflow warning (issue 19 §5): a lane expected to make someone wait longer warns
    SettingSpec("tidal.wait_limit", "tidal_wait_limit", "int", "60", "等待上限（分钟）", 10, 480),
    # issue 19: the windows each non-green lane keeps open unless the rota says otherwise
    SettingSpec("rota.min_windows", "rota_min_windows", "int", "1", "每类业务默认最少窗口数", 0, 9),
    # terminal sessions (issue 12, item 4): a window whose terminal has not polled for this
    # long counts as unattended, and the ticket in hand there is listed for the supervisor
    SettingSpec(
        "terminal.silent_minutes", "silent_minutes", "int", "2", "终端无响应判定时间（分钟）", 1, 60
    ),
    # tickets: no-show
    SettingSpec(
        "ticket.no_show_min_calls", "no_show_min_calls", "int", "2", "过号前最少呼叫次数", 1, 3
    ),
    # issue 16: the hall's adjustments to the grants table, e.g. ``clerk:+lift_ban,-requeue``
    # (applied when an actor logs in; see docs/permissions.md)
    SettingSpec("roles.grants", "grants", "grants", "", "角色权限调整"),
)
BY_KEY: dict[str, SettingSpec] = {spec.key: spec for spec in SPECS}
BY_ATTR: dict[str, SettingSpec] = {spec.attr: spec for spec in SPECS}
CATALOG_SPECS: tuple[SettingSpec, ...] = tuple(spec for spec in SPECS if spec.catalog)


def spec_of(key: str) -> SettingSpec:
    """The declaration of ``key``; an undeclared key is refused (in Chinese)."""
    spec = BY_KEY.get(key)
    if spec is None:
        raise InvalidInput(f"没有名为 {key} 的大厅设置")
    return spec


@dataclass(frozen=True)
class HallSettings:
    """The hall's settings, typed: every declared setting has a valid value (its default when
    nothing valid is stored). Build it with :meth:`from_stored`; one field per :data:`SPECS`."""

    code: str
    name: str
    phone: str
    complaint_phone: str
    address: str
    opening_hours: str
    government: str
    court: str
    closing_time: dt.time
    board_notice: str
    board_english: bool
    inquiry_reply_days: int
    followup_verify_days: int
    followup_rectify_days: int
    tidal_auto: bool
    tidal_wait_limit: int
    rota_min_windows: int
    silent_minutes: int
    no_show_min_calls: int
    grants: str

    @classmethod
    def from_stored(cls, raw: Mapping[str, str]) -> HallSettings:
        """The settings from stored text (the table, or a terminal's snapshot of it);
        keys that are not declared are ignored."""
        values: dict[str, Any] = {}
        for spec in SPECS:
            text = raw.get(spec.key)
            value: Value | None = None
            if text is not None:
                try:
                    value = spec.parse(text)
                except InvalidInput:
                    value = None  # a bad stored value falls back to the default (logged)
            values[spec.attr] = spec.parse(spec.default) if value is None else value
        return cls(**values)

    @classmethod
    def defaults(cls) -> HallSettings:
        return cls.from_stored({})

    def stored(self) -> dict[str, str]:
        """Every setting as stored text (for a terminal's offline snapshot)."""
        return {spec.key: spec.text(getattr(self, spec.attr)) for spec in SPECS}

    def grant_adjustments(self) -> Adjustments:
        """The ``roles.grants`` adjustments."""
        return parse_grants(self.grants)


def invalid_keys(raw: Mapping[str, str]) -> list[str]:
    """Declared keys whose stored value is not valid (and which therefore use their default)."""
    bad = []
    for key, text in raw.items():
        spec = BY_KEY.get(key)
        if spec is not None:
            try:
                spec.parse(text)
            except InvalidInput:
                bad.append(key)
    return bad


def field_names() -> tuple[str, ...]:
    """The attributes of :class:`HallSettings`, in order (for the test that they match SPECS)."""
    return tuple(f.name for f in fields(HallSettings))
