"""The one loader of hall-wide settings (declared in ``domain.settings``)."""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain.errors import InvalidInput
from hall_app.domain.roles import Permission
from hall_app.domain.settings import BY_KEY, HallSettings
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.store import models as m
from hall_app.store.changes import announce_change

log = logging.getLogger("hall_app.services")


def load_settings(s: Session) -> HallSettings:
    """Every hall setting, read in the caller's transaction."""
    settings = HallSettings(dict(s.execute(select(m.HallSetting.key, m.HallSetting.value)).all()))
    for key in settings.invalid():
        log.warning("hall setting %s has an invalid value; using the default", key)
    return settings


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def get(self) -> HallSettings:
        with self.ctx.db.read() as s:
            return load_settings(s)

    @guarded(Permission.CHANGE_SETTINGS)
    def set(self, actor: Actor, key: str, value: str) -> HallSettings:
        """Change one declared setting (admins), validated and audited."""
        spec = BY_KEY.get(key)
        if spec is None:
            raise InvalidInput(f"没有名为 {key} 的大厅设置")
        spec.parse(value)
        with self.ctx.db.write() as s:
            row = s.get(m.HallSetting, key)
            if row is None:
                s.add(m.HallSetting(key=key, value=value.strip()))
            else:
                row.value = value.strip()
            audit(s, self.ctx, actor, "setting_change", "hall_setting", None, key=key, value=value)
            announce_change(s, "settings")
            return load_settings(s)
