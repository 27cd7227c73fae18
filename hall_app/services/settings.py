"""The one loader and the one writer of hall-wide settings (declared in ``domain.settings``).

``load_settings`` is the only reader of the ``hall_setting`` table and ``store_settings`` the
only writer; the catalog import, the board's settings, the tidal switch and ``SettingsService.set``
all store through it, so an undeclared key or a value that is not valid is refused.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput
from hall_app.domain.roles import Permission
from hall_app.domain.settings import BY_ATTR, HallSettings, Value, invalid_keys, spec_of
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.store import models as m
from hall_app.store.changes import announce_change

log = logging.getLogger("hall_app.services")


def stored_settings(s: Session) -> dict[str, str]:
    """The stored text of every row (undeclared keys included), for ``db info`` and tests."""
    return {key: value for key, value in s.execute(select(m.HallSetting.key, m.HallSetting.value))}


def load_settings(s: Session) -> HallSettings:
    """Every hall setting, typed, read in the caller's transaction."""
    raw = stored_settings(s)
    for key in invalid_keys(raw):
        log.warning("hall setting %s has an invalid value; using the default", key)
    return HallSettings.from_stored(raw)


def store_settings(s: Session, **changes: Value) -> None:
    """Store declared settings by attribute (``store_settings(s, tidal_auto=True)``) in the
    caller's transaction; an undeclared setting or a value that is not valid is refused
    (InvalidInput, in Chinese) before anything is written."""
    rows = {}
    for attr, value in changes.items():
        spec = BY_ATTR.get(attr)
        if spec is None:
            raise InvalidInput(f"没有名为 {attr} 的大厅设置")
        text = spec.text(value).strip()
        spec.parse(text)
        rows[spec.key] = text
    for key, text in rows.items():
        row = s.get(m.HallSetting, key)
        if row is None:
            s.add(m.HallSetting(key=key, value=text))
        else:
            row.value = text


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self) -> HallSettings:
        with self.ctx.db.read() as s:
            return load_settings(s)

    @guarded(Permission.CHANGE_SETTINGS)
    def set(self, actor: Actor, key: str, value: str) -> HallSettings:
        """Change one declared setting (admins), validated and audited."""
        spec = spec_of(key)
        spec.parse(value)
        with self.ctx.db.write() as s:
            store_settings(s, **{spec.attr: value})
            audit(s, self.ctx, actor, "setting_change", "hall_setting", None, key=key, value=value)
            announce_change(s, "settings")
            return load_settings(s)
