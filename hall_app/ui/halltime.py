"""Times shown or filed by the UI are the hall's, never the PC's.

Tickets, serials and deadlines are computed in the hall's time zone (``ServiceContext.tz``);
a PC set to another zone (or left on UTC) must not show or file a different day or hour.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate

if TYPE_CHECKING:
    from hall_app.services.context import ServiceContext


def hall_now(ctx: ServiceContext) -> dt.datetime:
    """Now, on the services' clock, in the hall's time zone."""
    return ctx.local(ctx.now())


def hall_time(ctx: ServiceContext, moment: dt.datetime | None = None, fmt: str = "%H:%M:%S") -> str:
    """``moment`` (default: now) formatted in the hall's time zone."""
    return ctx.local(moment if moment is not None else ctx.now()).strftime(fmt)


def hall_today(ctx: ServiceContext) -> QDate:
    """The hall's today as a ``QDate`` (for date pickers; ``QDate.currentDate()`` is the PC's)."""
    today = ctx.today()
    return QDate(today.year, today.month, today.day)
