"""What the calling board (叫号屏) shows: the latest calls, every open window's current
number, each lane's waiting count and estimated wait, and the notice the supervisor edits."""

from __future__ import annotations

from dataclasses import dataclass

from hall_app.domain.calls import CallEvent
from hall_app.domain.roles import Permission
from hall_app.domain.text import clean_text
from hall_app.services import devices
from hall_app.services.closing import closed_numbers
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.services.queues import QueueService
from hall_app.services.server_clock import resync_if_due
from hall_app.services.settings import load_settings, store_settings
from hall_app.store.call_events import calls_after, latest_calls

__all__ = ["RECENT", "BoardService", "BoardSnapshot", "CallEvent", "LaneLine"]

RECENT = 8
NEW_AT_MOST = 200  # calls announced from one look (a board that was away a long time)


@dataclass(frozen=True)
class LaneLine:
    name: str
    prefix: str
    waiting: int
    estimated_minutes: int | None  # the hall's one estimate; None: no open window serves it

    @property
    def no_window(self) -> bool:
        return self.estimated_minutes is None


@dataclass(frozen=True)
class BoardSnapshot:
    hall_name: str
    notice: str
    english: bool
    calls: tuple[CallEvent, ...]  # newest first
    windows: tuple[tuple[int, str], ...]  # open windows: (number, current ticket or "")
    lanes: tuple[LaneLine, ...]
    new: tuple[CallEvent, ...] = ()  # calls after the one the board last saw, oldest first
    closed: tuple[str, ...] = ()  # today's 未办结（闭厅） tickets, after the closing routine


class BoardService:
    def __init__(self, ctx: ServiceContext, queues: QueueService) -> None:
        self.ctx = ctx
        self.queues = queues

    def snapshot(self, after_event: int | None) -> BoardSnapshot:
        """The board's view; ``new`` holds the calls since ``after_event`` (none on the
        first look, so a board started mid-day does not read out the morning's calls)."""
        resync_if_due(self.ctx)  # the board shows the hall's (server's) clock all day
        status = self.queues.status()
        day = self.ctx.today()
        with self.ctx.db.read() as s:
            # the typed call events (store.call_events), never the audit log (issue 17)
            calls = latest_calls(s, day, RECENT)
            new = (
                () if after_event is None else tuple(calls_after(s, day, after_event, NEW_AT_MOST))
            )
            settings = load_settings(s)
            closed = tuple(closed_numbers(s, day))
        lanes = tuple(
            LaneLine(lane.name, lane.prefix, lane.waiting, lane.estimated_minutes)
            for lane in status.lanes
            if lane.waiting or lane.open_windows
        )
        return BoardSnapshot(
            hall_name=settings.name,
            notice=settings.board_notice,
            english=settings.board_english,
            calls=tuple(calls),
            windows=tuple(
                (w.number, w.current_number or "") for w in status.windows if w.status == "open"
            ),
            lanes=lanes,
            new=new,
            closed=closed,
        )

    def report_audio(self, problem: str | None) -> bool:
        """The board's audio failed (``problem``) or works again (None); recorded by the
        system actor for the supervisor console. True when the state changed."""
        return devices.report(self.ctx, devices.AUDIO, problem, device="board")

    @guarded(Permission.CONFIGURE_BOARD)
    def configure(self, actor: Actor, notice: str, english: bool) -> None:
        notice = clean_text(notice, "叫号屏公告", 500)
        with self.ctx.db.write() as s:
            store_settings(s, board_notice=notice, board_english=english)
            audit(s, self.ctx, actor, "board_configure", "hall_setting", None, english=english)
