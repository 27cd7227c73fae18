"""The offline desk's tickets: issuing, and the queue the offline desks share.

Without the server a desk knows the tickets it issued, those that were open when the server
went away (the queue snapshot in the journal) and those citizens bring to it (another desk's
S-tickets, paper kit tickets), typed or scanned. It suggests the order (domain.offline_queue),
and each move is a journal record merged later to the ticket that was issued: a ticket the
desk did not know is first recorded with what the desk knew of it (``ticket_adopt``), so the
merge can create it when its issuing terminal has not merged yet (services.replay).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hall_app.domain.call_order import Fairness
from hall_app.domain.errors import InvalidInput, NotAllowed, NotFound
from hall_app.domain.fallback import TICKET, ticket_number
from hall_app.domain.offline_queue import (
    OWN,
    SERVER,
    TYPED,
    HeldNumber,
    QueueEntry,
    parse_held_number,
    suggest,
    windows_for,
)
from hall_app.domain.roles import Permission
from hall_app.domain.ticket_states import (
    ACTIVE_AT_WINDOW,
    RECORDED,
    Action,
    TicketFacts,
    TicketState,
    next_state,
)
from hall_app.domain.tickets import GreenReason, Priority
from hall_app.printing.ticket import TicketSlip
from hall_app.services.context import Actor
from hall_app.services.guard import guarded
from hall_app.store.journal import LocalTicket

AT_WINDOW = tuple(s.value for s in ACTIVE_AT_WINDOW)  # the states at a window

# one key per move: the record written (none for a recall, and none for a start: the finish
# carries when it started, so that a ticket handled online meanwhile is one conflict, not
# two), the column stamped locally
WAITING = TicketState.WAITING.value

_MOVES: dict[Action, tuple[str | None, str | None]] = {
    Action.CALL: ("ticket_call", "called_at"),
    Action.RECALL: (None, None),
    Action.START: (None, "started_at"),
    Action.FINISH: ("ticket_finish", "finished_at"),
    Action.NO_SHOW: ("ticket_no_show", "finished_at"),
}


class UnknownTicket(NotFound):
    """A number the desk has not seen: taken only once the clerk confirms the citizen holds it."""

    def __init__(self, message: str, held: HeldNumber) -> None:
        super().__init__(message)
        self.held = held


class OfflineTicketsMixin:
    """Mixed into ``OfflineDesk``: uses its ``ctx``, ``journal`` and ``snapshot``."""

    ctx: Any
    journal: Any
    snapshot: Any
    fairness: Fairness = Fairness()  # the hall's (services.appointments.load_rules)

    # ------------------------------------------------------------ issuing

    @guarded(Permission.ISSUE_TICKET, Permission.SERVE_AT_WINDOW, any_of=True)
    def issue_ticket(
        self,
        actor: Actor,
        *,
        category_code: str | None = None,
        item_code: str | None = None,
        green_reason: GreenReason | None = None,
    ) -> TicketSlip:
        snap = self.snapshot
        cats = {c["code"]: c for c in snap.categories}
        subject = snap.subjects.get(item_code) if item_code else None
        if item_code and subject is None:
            raise NotFound(f"离线目录中没有事项「{item_code}」")
        service_code = subject["category"] if subject else (category_code or "")
        if service_code not in cats:
            raise InvalidInput("请选择业务类别或事项")
        green_lane = next((c for c in snap.categories if c["green"]), None)
        lane = green_lane if green_reason and green_lane else cats[service_code]
        priority = Priority.GREEN if green_reason or lane["green"] else Priority.NORMAL
        now, day = self.ctx.now(), self.ctx.today()
        label = subject["name"] if subject else cats[service_code]["name"]
        with self.journal.transaction() as conn:
            sequence = self.journal.take(conn, TICKET, day)
            number = ticket_number(sequence)
            self.journal.append(
                conn,
                "ticket_issue",
                now,
                actor.staff_no,
                {
                    "day": day.isoformat(),
                    "number": number,
                    "sequence": sequence,
                    "category_code": lane["code"],
                    "service_category_code": service_code,
                    "item_code": subject["code"] if subject and subject["kind"] == "item" else None,
                    "bundle_code": subject["code"]
                    if subject and subject["kind"] == "bundle"
                    else None,
                    "green_reason": green_reason.value if green_reason else None,
                    "priority": int(priority),
                    "issued_at": now.isoformat(),
                },
                reference=number,
            )
            self.journal.add_ticket(
                conn,
                LocalTicket(
                    number, day, lane["code"], label, int(priority), WAITING, now, None, None
                ),
            )
        ahead = sum(  # as online: those waiting in the slip's own lane
            1
            for t in self.queue()
            if t.state == WAITING and t.lane == lane["code"] and t.number != number
        )
        return TicketSlip(
            hall_name=snap.hall.name,
            hall_phone=snap.hall.phone,
            number=number,
            lane_name=lane["name"],
            subject=label + "（离线号）",
            people_ahead=ahead,
            issued_at=now,
            ticket_id=0,
            service_date=f"{day:%Y%m%d}",
            green_label=green_reason.label if green_reason else "",
            timezone=self.ctx.timezone,
        )

    def windows_for(self, lane: str) -> list[int]:
        """Where reception sends a citizen of ``lane`` (from the last queue snapshot)."""
        return windows_for(lane, self.journal.queue_snapshot().get("windows", ()))

    # ------------------------------------------------------------ what the desk knows

    def queue(self) -> list[QueueEntry]:
        """Every ticket this desk knows today: its own, the server's open ones from the last
        snapshot, and those brought to it; a local record wins over the snapshot."""
        day = self.ctx.today()
        local = {t.number: t for t in self.journal.tickets(day)}
        snap = self.journal.queue_snapshot()
        out = []
        if snap.get("day") == day.isoformat():
            for t in snap.get("tickets", ()):
                if t["number"] not in local:
                    out.append(
                        QueueEntry(
                            t["number"],
                            t["lane"],
                            t["label"],
                            int(t["priority"]),
                            t["state"],
                            dt.datetime.fromisoformat(t["issued_at"]),
                            SERVER,
                            t.get("window"),
                            service_lane=t.get("service_lane", ""),
                            sent_to=t.get("sent_to"),
                        )
                    )
        for t in local.values():
            out.append(
                QueueEntry(
                    t.number,
                    t.category_code,
                    t.label,
                    t.priority,
                    t.state,
                    t.issued_at,
                    t.source,
                    None,
                    t.finished_at,
                    local=True,
                )
            )
        return sorted(out, key=lambda e: e.issued_at)

    @guarded(Permission.SERVE_AT_WINDOW)
    def my_lanes(self, actor: Actor) -> list[str]:
        windows = self.journal.queue_snapshot().get("windows", ())
        return next((list(w["lanes"]) for w in windows if w["number"] == actor.window_number), [])

    @guarded(Permission.SERVE_AT_WINDOW)
    def suggested(self, actor: Actor) -> list[QueueEntry]:
        """The waiting tickets in the order to call them (the hall's call order, with the
        fairness rule over the calls this desk made today)."""
        windows = self.journal.queue_snapshot().get("windows", ())
        called = sorted(
            (t for t in self.journal.tickets(self.ctx.today()) if t.called_at is not None),
            key=lambda t: t.called_at,
            reverse=True,
        )
        return suggest(
            self.queue(),
            self.my_lanes(actor),
            window=actor.window_number,
            windows=windows,
            now=self.ctx.now(),
            recent=[t.priority for t in called],
            fairness=self.fairness,
        )

    @guarded(Permission.SERVE_AT_WINDOW)
    def current(self, actor: Actor) -> QueueEntry | None:
        """The ticket at this window: one this desk called offline, or the one the server
        had at this window when it went away."""
        for e in self.queue():
            if e.state in AT_WINDOW and (e.local or e.window == actor.window_number):
                return e
        return None

    @guarded(Permission.SERVE_AT_WINDOW)
    def hold(self, actor: Actor, number: str, state: str = TicketState.CALLED.value) -> QueueEntry:
        """The ticket at this window when the server went away (called or being served):
        kept as this desk's, so that F3/F4/F5 move it on. No record: the server has it so."""
        if state not in AT_WINDOW:
            raise InvalidInput(f"号票状态 {state} 不在窗口")
        held = parse_held_number(number)
        entry = next((e for e in self.queue() if e.number == held.number), None)
        if entry is not None and entry.local:
            return entry
        day, now = self.ctx.today(), self.ctx.now()
        row = LocalTicket(
            held.number,
            day,
            entry.lane if entry else "",
            entry.label if entry else held.number,
            entry.priority if entry else int(Priority.NORMAL),
            state,
            entry.issued_at if entry else now,
            now,
            None,
            SERVER,
            now if state == TicketState.SERVING.value else None,
        )
        with self.journal.transaction() as conn:
            self.journal.add_ticket(conn, row)
        return QueueEntry(
            row.number,
            row.category_code,
            row.label,
            row.priority,
            state,
            row.issued_at,
            SERVER,
            None,
            None,
            local=True,
        )

    def find(self, text: str) -> tuple[HeldNumber, QueueEntry | None]:
        held = parse_held_number(text)
        return held, next((e for e in self.queue() if e.number == held.number), None)

    @guarded(Permission.SERVE_AT_WINDOW)
    def take_number(
        self, actor: Actor, text: str, *, green: bool = False, confirmed: bool = False
    ) -> QueueEntry:
        """A number a citizen brings (typed or scanned): known, or taken into this desk's
        queue once the clerk confirms the citizen holds it (``UnknownTicket`` until then)."""
        held, entry = self.find(text)
        if entry is not None:
            return entry
        if held.service_date is not None and held.service_date != self.ctx.today():
            raise NotAllowed(f"号票 {held.number} 是 {held.service_date:%m月%d日} 的，当日有效")
        if not confirmed:
            owner = self._block_owner(held)
            whose = f"（{owner} 预留的离线号段）" if owner else ""
            raise UnknownTicket(
                f"本终端不知道号票 {held.number}{whose}：请确认市民持有此号后登记", held
            )
        lane = self._lane_for_typed(actor, green)
        now, day = self.ctx.now(), self.ctx.today()
        priority = int(Priority.GREEN if green else Priority.NORMAL)
        label = next((c["name"] for c in self.snapshot.categories if c["code"] == lane), lane)
        with self.journal.transaction() as conn:
            self.journal.append(
                conn,
                "ticket_adopt",
                now,
                actor.staff_no,
                {
                    "day": day.isoformat(),
                    "number": held.number,
                    "sequence": held.sequence,
                    "kit": held.kit,
                    "category_code": lane,
                    "priority": priority,
                    "issued_at": now.isoformat(),
                    "window": actor.window_number,
                },
                reference=held.number,
            )
            self.journal.add_ticket(
                conn,
                LocalTicket(
                    held.number, day, lane, label, priority, WAITING, now, None, None, TYPED
                ),
            )
        return QueueEntry(held.number, lane, label, priority, WAITING, now, TYPED, local=True)

    def _block_owner(self, held: HeldNumber) -> str:
        if held.kind != "emergency":
            return ""
        for b in self.journal.queue_snapshot().get("blocks", ()):
            if b["first"] <= held.sequence <= b["last"]:
                return str(b["owner"])
        return ""

    def _lane_for_typed(self, actor: Actor, green: bool) -> str:
        cats = self.snapshot.categories
        if green:
            lane = next((c["code"] for c in cats if c["green"]), None)
            if lane:
                return str(lane)
        plain = [c["code"] for c in cats if not c["green"]]
        mine = [code for code in self.my_lanes(actor) if code in plain]
        return str(mine[0] if mine else plain[0] if plain else cats[0]["code"])

    # ------------------------------------------------------------ moves

    @guarded(Permission.SERVE_AT_WINDOW)
    def call_next(self, actor: Actor) -> QueueEntry | None:
        """The first suggested ticket, called (by voice: the board cannot be reached)."""
        self._free(actor)
        waiting = self.suggested(actor)
        if not waiting:
            return None
        return self._apply(actor, waiting[0], Action.CALL)

    @guarded(Permission.SERVE_AT_WINDOW)
    def call_number(
        self, actor: Actor, text: str, *, green: bool = False, confirmed: bool = False
    ) -> QueueEntry:
        """Call the ticket a citizen holds out of the suggested order."""
        self._free(actor)
        entry = self.take_number(actor, text, green=green, confirmed=confirmed)
        if entry.state != WAITING:
            raise NotAllowed(f"号票 {entry.number} 已不在等候中（{_state_label(entry.state)}）")
        return self._apply(actor, entry, Action.CALL)

    @guarded(Permission.SERVE_AT_WINDOW)
    def recall(self, actor: Actor) -> QueueEntry:
        return self._apply(actor, self._at_window(actor), Action.RECALL)

    @guarded(Permission.SERVE_AT_WINDOW)
    def start(self, actor: Actor, number: str | None = None) -> QueueEntry:
        return self._apply(actor, self._at_window(actor, number), Action.START)

    @guarded(Permission.SERVE_AT_WINDOW)
    def finish(self, actor: Actor, number: str | None = None) -> QueueEntry:
        return self._apply(actor, self._at_window(actor, number), Action.FINISH)

    @guarded(Permission.SERVE_AT_WINDOW)
    def no_show(self, actor: Actor, number: str | None = None) -> QueueEntry:
        return self._apply(actor, self._at_window(actor, number), Action.NO_SHOW)

    @guarded(Permission.SERVE_AT_WINDOW)
    def finish_server_ticket(self, actor: Actor, number: str, *, no_show: bool = False) -> None:
        """A server ticket this desk has no picture of (no snapshot), finished or a no-show
        offline; the reconcile checks that nobody else touched it meanwhile."""
        now = self.ctx.now()
        kind = "ticket_no_show" if no_show else "ticket_finish"
        with self.journal.transaction() as conn:
            self.journal.append(
                conn,
                kind,
                now,
                actor.staff_no,
                {
                    "day": self.ctx.today().isoformat(),
                    "number": number.upper(),
                    "window": actor.window_number,
                    "at": now.isoformat(),
                },
                reference=number.upper(),
            )

    def _free(self, actor: Actor) -> None:
        current = self.current(actor)
        if current is not None:
            raise NotAllowed(f"请先办结或过号当前号票 {current.number}")

    def _at_window(self, actor: Actor, number: str | None = None) -> QueueEntry:
        """The ticket at this window, or the one named (the state machine then says why a
        move is not allowed)."""
        actor.require(Permission.SERVE_AT_WINDOW)
        if number is not None:
            entry = next((e for e in self.queue() if e.number == number.strip().upper()), None)
            if entry is None:
                raise NotFound(f"本终端不知道号票 {number.strip().upper()}")
            return entry
        current = self.current(actor)
        if current is None:
            raise NotAllowed(f"{actor.window_number or ''}号窗口当前没有号票，请先叫号")
        return current

    def _apply(self, actor: Actor, entry: QueueEntry, action: Action) -> QueueEntry:
        """One move of the ticket state machine, as recorded offline (calls are oral and not
        counted: RECORDED rules), to the journal and to the desk's own picture."""
        actor.require(Permission.SERVE_AT_WINDOW)
        day, now = self.ctx.today(), self.ctx.now()
        facts = TicketFacts(entry.number, TicketState(entry.state), call_count=1)
        state = next_state(facts, action, RECORDED, now=now).value
        kind, column = _MOVES[action]
        with self.journal.transaction() as conn:
            if not entry.local:  # first move here: keep it locally
                self.journal.add_ticket(
                    conn,
                    LocalTicket(
                        entry.number,
                        day,
                        entry.lane,
                        entry.label,
                        entry.priority,
                        entry.state,
                        entry.issued_at,
                        None,
                        None,
                        SERVER,
                    ),
                )
            if kind is not None:
                payload = {
                    "day": day.isoformat(),
                    "number": entry.number,
                    "window": actor.window_number,
                    "at": now.isoformat(),
                }
                if action is Action.FINISH:
                    started = next(
                        (
                            t.started_at
                            for t in self.journal.tickets(day)
                            if t.number == entry.number
                        ),
                        None,
                    )
                    payload["started_at"] = started.isoformat() if started else None
                self.journal.append(
                    conn, kind, now, actor.staff_no, payload, reference=entry.number
                )
            self.journal.set_ticket(conn, day, entry.number, state, column, now)
        return QueueEntry(
            entry.number,
            entry.lane,
            entry.label,
            entry.priority,
            state if column else entry.state,
            entry.issued_at,
            entry.source,
            None,
            now if action in (Action.FINISH, Action.NO_SHOW) else entry.finished_at,
            local=True,
        )


def _state_label(state: str) -> str:
    return TicketState(state).label


__all__ = ["OWN", "SERVER", "TYPED", "OfflineTicketsMixin", "UnknownTicket"]
