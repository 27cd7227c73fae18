"""The server's side of the offline journal's MAC (issue 16): registering each terminal's key
when it prepares for offline, and screening a journal's records before reconcile replays them.

The rules (which bytes are signed, what is refused) are ``domain/journal_mac.py``; this module
reads and writes the keys (``hall_secret``), audits every refusal (``offline_refused``) and
marks the refused records in the journal, so that the good ones still merge.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from hall_app.domain import journal_mac
from hall_app.domain.journal_mac import Refusal
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.store.journal import Journal, JournalRecord
from hall_app.store.secret_models import JOURNAL_KEY, HallSecret

log = logging.getLogger("hall_app.fallback")

REFUSED = "refused"  # the journal state of a refused record
_GAPS_SEEN = "mac_gaps_reported"  # journal meta: the gaps already reported (JSON pairs)


@dataclass
class ReconcileReport:
    merged: int = 0
    already: int = 0  # merged by an earlier run (its key was on the server)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (reference, message)
    # records refused (bad or missing MAC, another terminal's, a gap): (reference, message)
    refused: list[tuple[str, str]] = field(default_factory=list)
    left: int = 0  # still pending (stopped, or the server went away again)
    seconds: float = 0.0
    error: str = ""

    @property
    def complete(self) -> bool:
        return self.left == 0 and not self.error

    @classmethod
    def total(cls, first: ReconcileReport, then: ReconcileReport) -> ReconcileReport:
        """One run made of two passes: what both merged, what the last left."""
        return cls(
            merged=first.merged + then.merged,
            already=first.already + then.already,
            conflicts=first.conflicts + then.conflicts,
            left=then.left,
            refused=first.refused + then.refused,
            seconds=first.seconds + then.seconds,
            error=then.error,
        )

    def summary(self) -> str:
        parts = [f"已合并 {self.merged} 条"]
        if self.already:
            parts.append(f"{self.already} 条此前已合并（重复提交未再写入）")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} 条冲突待人工处理")
        if self.refused:
            parts.append(f"{len(self.refused)} 条已拒绝")
        if self.left:
            parts.append(f"{self.left} 条尚未合并")
        if self.error:
            parts.append(self.error)
        return "，".join(parts)


def register_key(s: Session, ctx: ServiceContext, actor: Actor, terminal: str, key: bytes) -> bool:
    """Keep ``terminal``'s journal key on the server (once; older keys stay, so records signed
    with them still verify). True when it was new (audited as ``journal_key``)."""
    fp = journal_mac.fingerprint(key)
    known = s.scalar(
        select(HallSecret.id).where(
            HallSecret.purpose == JOURNAL_KEY,
            HallSecret.owner == terminal,
            HallSecret.fingerprint == fp,
        )
    )
    if known is not None:
        return False
    row = HallSecret(
        purpose=JOURNAL_KEY,
        owner=terminal,
        fingerprint=fp,
        secret=key.hex(),
        created_at=ctx.now(),
        created_by=actor.staff_id,
    )
    s.add(row)
    s.flush()
    audit(s, ctx, actor, "journal_key", "hall_secret", row.id, terminal=terminal, fingerprint=fp)
    return True


def terminal_keys(s: Session, terminal: str) -> dict[str, bytes]:
    """Every key ``terminal`` registered, by fingerprint."""
    return {
        fp: bytes.fromhex(secret)
        for fp, secret in s.execute(
            select(HallSecret.fingerprint, HallSecret.secret).where(
                HallSecret.purpose == JOURNAL_KEY, HallSecret.owner == terminal
            )
        )
    }


class JournalGuard:
    """One reconcile run's screen over one journal."""

    def __init__(self, ctx: ServiceContext, journal: Journal, terminal: str) -> None:
        self.ctx = ctx
        self.journal = journal
        self.terminal = terminal
        self.journal_id = journal.journal_id
        with ctx.db.read() as s:
            self.keys = terminal_keys(s, terminal)

    def refusal(self, record: JournalRecord) -> Refusal | None:
        return journal_mac.check(
            record.signed_fields(self.journal_id), record.mac, self.terminal, self.keys
        )

    def with_cleared(self, pending: list[JournalRecord]) -> list[JournalRecord]:
        """The pending records and, in journal order, those refused before that verify now:
        only a record refused for a key the server did not hold can, once the terminal's key
        is registered again by an authenticated ``prepare`` (a database restored from a backup
        older than the key). Nothing is registered here."""
        cleared = [r for r in self.journal.records(REFUSED) if self.refusal(r) is None]
        return sorted([*pending, *cleared], key=lambda r: r.seq) if cleared else pending

    def refuse(self, actor: Actor, record: JournalRecord, refusal: Refusal) -> None:
        """Audit the refusal, then mark the record refused in the journal (it is not tried
        again; it stays in the file for whoever investigates)."""
        with self.ctx.db.write() as s:
            audit(
                s,
                self.ctx,
                actor,
                "offline_refused",
                "journal",
                None,
                reason=refusal.reason,
                kind=record.kind,
                reference=record.reference,
                key=record.key,
                number=record.number,
                claimed_terminal=record.terminal,
                terminal=self.terminal,
                original_at=record.at.isoformat(),
            )
        self.journal.mark(record.key, REFUSED, refusal.message)
        log.warning(
            "journal record %s of %s refused: %s", record.key, self.terminal, refusal.reason
        )

    def new_gaps(self, actor: Actor) -> list[str]:
        """Numbers missing from the journal's signed sequence that were not reported before:
        each audited once (``offline_refused`` with reason ``gap``); their messages."""
        try:
            seen = {tuple(pair) for pair in json.loads(self.journal.get(_GAPS_SEEN) or "[]")}
        except (ValueError, TypeError):
            seen = set()
        fresh = [g for g in journal_mac.gaps(self.journal.numbers()) if g not in seen]
        if not fresh:
            return []
        with self.ctx.db.write() as s:
            for first, last in fresh:
                audit(
                    s,
                    self.ctx,
                    actor,
                    "offline_refused",
                    "journal",
                    None,
                    reason=journal_mac.GAP,
                    first=first,
                    last=last,
                    terminal=self.terminal,
                    journal=self.journal_id,
                )
        self.journal.set(_GAPS_SEEN, json.dumps(sorted([*seen, *fresh])))
        log.warning("journal of %s misses records %s", self.terminal, fresh)
        return [journal_mac.gap_message(first, last) for first, last in fresh]
