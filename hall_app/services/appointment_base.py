"""What the appointment services share: the views they return, the booking rules file, and
the helpers that read one booking (its state at a moment, its view)."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hall_app import paths
from hall_app.domain.appointments import (
    Arrival,
    Rules,
    missed,
)
from hall_app.domain.errors import InvalidInput, NotFound
from hall_app.domain.masking import mask_id, mask_name, mask_phone
from hall_app.services.calendar import CalendarService
from hall_app.services.context import ServiceContext
from hall_app.services.tickets import IssuedTicket, TicketService
from hall_app.store import models as m

HISTORY_WEEKS = 4


def load_rules(path: Path | None = None) -> Rules:
    path = path or paths.resources_dir() / "appointments.toml"
    if not path.exists():
        return Rules()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"预约规则文件 {path} 格式错误：{exc}") from None
    values: dict[str, Any] = {}  # each checked against its field below
    for f in fields(Rules):
        if f.name not in data:
            continue
        if f.name == "periods":
            values[f.name] = tuple(
                (dt.time.fromisoformat(a), dt.time.fromisoformat(b)) for a, b in data["periods"]
            )
        else:
            value = data[f.name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidInput(f"预约规则文件 {path} 中 {f.name} 应为数字，而不是 {value!r}")
            values[f.name] = value
    return Rules(**values)


@dataclass(frozen=True)
class AppointmentView:
    code: str
    name: str  # masked
    id_masked: str
    phone_masked: str
    subject: str
    lane: str
    day: dt.date
    slot: str  # 09:00-09:30
    state: str
    source: str

    @property
    def state_label(self) -> str:
        return {
            "booked": "已预约",
            "cancelled": "已取消",
            "checked_in": "已签到",
            "no_show": "爽约",
        }.get(self.state, self.state)


@dataclass(frozen=True)
class CheckIn:
    appointment: AppointmentView
    arrival: Arrival
    issued: IssuedTicket
    message: str


@dataclass(frozen=True)
class ImportReport:
    imported: int
    existing: int
    problems: tuple[str, ...]
    encoding: str

    def summary(self) -> str:
        text = f"导入 {self.imported} 条，已存在 {self.existing} 条"
        if self.problems:
            text += f"，有问题 {len(self.problems)} 条：\n" + "\n".join(self.problems[:20])
            if len(self.problems) > 20:  # a hostile file prints a screenful, not every row
                text += f"\n……其余 {len(self.problems) - 20} 条问题未列出"
        return text


class AppointmentBase:
    """The attributes and helpers every part of ``AppointmentService`` uses."""

    ctx: ServiceContext
    calendar: CalendarService
    tickets: TicketService
    rules: Rules

    @staticmethod
    def _release(s: Session, row: m.Appointment) -> None:
        """Give the booking's place in its slot back."""
        s.execute(
            update(m.SlotCounter)
            .where(
                m.SlotCounter.category_id == row.category_id,
                m.SlotCounter.day == row.day,
                m.SlotCounter.slot_start == row.slot_start,
            )
            .values(value=m.SlotCounter.value - 1)
        )

    @staticmethod
    def _booking(s: Session, code: str) -> m.Appointment:
        row = s.scalar(
            select(m.Appointment)
            .where(m.Appointment.code == code.strip().upper())
            .with_for_update()
        )
        if row is None:
            raise NotFound(f"没有预约码为 {code} 的预约")
        return row

    @staticmethod
    def _subject_code(s: Session, row: m.Appointment) -> str:
        if row.item_id:
            return s.get_one(m.ServiceItem, row.item_id).code
        return s.get_one(m.Bundle, row.bundle_id).code

    def _view_of(self, s: Session, row: m.Appointment) -> AppointmentView:
        subject = (
            s.get_one(m.ServiceItem, row.item_id).name
            if row.item_id
            else s.get_one(m.Bundle, row.bundle_id).name
        )
        now = self.ctx.local(self.ctx.now())
        return self._view(row, subject, s.get_one(m.Category, row.category_id).name, now)

    @staticmethod
    def _state(row: m.Appointment, now: dt.datetime) -> str:
        """The booking's state at ``now`` (hall-local): a booking whose slot has ended is a
        no-show at once, whether or not the sweep has recorded it yet."""
        if row.state == "booked" and missed(row.day, row.slot_end, now):
            return "no_show"
        return row.state

    @classmethod
    def _view(
        cls, row: m.Appointment, subject: str, lane: str, now: dt.datetime
    ) -> AppointmentView:
        return AppointmentView(
            row.code,
            mask_name(row.name),
            mask_id(row.id_number),
            mask_phone(row.phone),
            subject,
            lane,
            row.day,
            f"{row.slot_start}-{row.slot_end}",
            cls._state(row, now),
            row.source,
        )
