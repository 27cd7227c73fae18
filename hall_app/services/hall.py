"""The composition of services for one process, and opening the database they run on."""

from __future__ import annotations

import logging
import threading
import zoneinfo
from dataclasses import dataclass, field

from sqlalchemy import select

from hall_app import paths
from hall_app.config import Config
from hall_app.domain.errors import DatabaseCorrupt, DatabaseError
from hall_app.domain.roles import Role
from hall_app.domain.tickets import GreenReason
from hall_app.services.appointments import AppointmentService, load_rules
from hall_app.services.ask import AskService
from hall_app.services.audit_trail import AuditTrail
from hall_app.services.auth import AuthService
from hall_app.services.board import BoardService
from hall_app.services.bookings import BookingDesk
from hall_app.services.calendar import CalendarService
from hall_app.services.catalog import CatalogService, bootstrap_actor
from hall_app.services.catalog_v2 import RequirementsService
from hall_app.services.closing import ClosingService
from hall_app.services.context import Actor, Clock, ServiceContext, system_clock
from hall_app.services.documents import DocumentService
from hall_app.services.fallback import FallbackService
from hall_app.services.followups import FollowUpService
from hall_app.services.forecast import ArrivalForecast
from hall_app.services.offline import OfflineDesk
from hall_app.services.print_jobs import PrintJobService
from hall_app.services.queues import QueueService
from hall_app.services.remedies import RemedyService
from hall_app.services.restore import finish_pending, finish_restore
from hall_app.services.rota import RotaService
from hall_app.services.server_clock import ClockService, ServerClock, Ticks, monotonic
from hall_app.services.settings import SettingsService
from hall_app.services.staffing_console import StaffingConsole
from hall_app.services.terminals import TerminalService
from hall_app.services.tickets import TicketService
from hall_app.services.tidal import TidalService
from hall_app.store import migrate, number_sources, recovery
from hall_app.store.changes import ChangeFeed, open_feed
from hall_app.store.db import Database, database_for
from hall_app.store.journal import Journal
from hall_app.store.models import Staff

log = logging.getLogger("hall_app.services")


@dataclass
class Hall:
    """Every service of this process, sharing one context (database, clock, terminal)."""

    ctx: ServiceContext
    auth: AuthService = field(init=False)
    tickets: TicketService = field(init=False)
    queues: QueueService = field(init=False)
    catalog: CatalogService = field(init=False)
    requirements: RequirementsService = field(init=False)
    calendar: CalendarService = field(init=False)
    documents: DocumentService = field(init=False)
    print_jobs: PrintJobService = field(init=False)
    board: BoardService = field(init=False)
    followups: FollowUpService = field(init=False)
    appointments: AppointmentService = field(init=False)
    bookings: BookingDesk = field(init=False)
    tidal: TidalService = field(init=False)
    remedies: RemedyService = field(init=False)
    rota: RotaService = field(init=False)
    fallback: FallbackService = field(init=False)
    settings: SettingsService = field(init=False)
    terminals: TerminalService = field(init=False)
    closing: ClosingService = field(init=False)
    clocks: ClockService = field(init=False)
    audit: AuditTrail = field(init=False)
    ask: AskService = field(init=False)
    _desk: OfflineDesk | None = field(init=False, default=None)
    _changes: ChangeFeed | None = field(init=False, default=None)
    _changes_lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.auth = AuthService(self.ctx)
        self.settings = SettingsService(self.ctx)
        rules = load_rules()
        self.tickets = TicketService(
            self.ctx, fair_streak=rules.fair_streak, fair_wait_minutes=rules.fair_wait_minutes
        )
        self.queues = QueueService(self.ctx, self._feed)
        self.catalog = CatalogService(self.ctx)
        self.requirements = RequirementsService(self.ctx)
        self.calendar = CalendarService(self.ctx)
        self.documents = DocumentService(self.ctx, self.calendar)
        self.print_jobs = PrintJobService(self.ctx)
        self.board = BoardService(self.ctx, self.queues)
        self.followups = FollowUpService(self.ctx, self.calendar)
        self.appointments = AppointmentService(self.ctx, self.calendar, self.tickets, rules)
        self.closing = ClosingService(self.ctx, self.appointments)
        self.bookings = BookingDesk(self.ctx, self.appointments)
        self.tidal = TidalService(self.ctx)
        self.rota = RotaService(self.ctx)
        self.forecast = ArrivalForecast(self.ctx)
        self.remedies = RemedyService(self.ctx, self.tickets, self.appointments)
        self.staffing = StaffingConsole(
            self.ctx, self.forecast, self.rota, self.tidal, self.remedies
        )
        self.fallback = FallbackService(self.ctx, self.calendar, self.followups)
        self.terminals = TerminalService(self.ctx, self.queues)
        self.clocks = ClockService(self.ctx)
        self.audit = AuditTrail(self.ctx)
        self.ask = AskService(self.ctx)

    @property
    def desk(self) -> OfflineDesk:
        """This terminal's offline desk and journal, opened on first use."""
        if self._desk is None:
            self._desk = OfflineDesk(self.ctx, Journal(paths.journal_path(self.ctx.terminal)))
        return self._desk

    @property
    def changes(self) -> ChangeFeed:
        """This process's change feed (LISTEN/NOTIFY or PRAGMA data_version), opened on first
        use and closed with the hall."""
        feed = self._feed(True)
        assert feed is not None
        return feed

    def _feed(self, open_: bool) -> ChangeFeed | None:
        with self._changes_lock:  # the GUI thread and the poll's worker both ask
            if self._changes is None and open_:
                self._changes = open_feed(self.ctx.db)
            return self._changes

    @property
    def journal(self) -> Journal:
        return self.desk.journal

    @property
    def db(self) -> Database:
        return self.ctx.db

    def close(self) -> None:
        if self._changes is not None:
            self._changes.close()
        if self._desk is not None:
            self._desk.journal.close()
        self.ctx.db.dispose()


def open_hall(
    config: Config,
    *,
    upgrade: bool | None = None,
    clock: Clock | None = None,
    local_clock: Clock = system_clock,
    ticks: Ticks = monotonic,
) -> Hall:
    """Open the configured database. SQLite files are upgraded to the newest schema on
    start; a PostgreSQL server must be upgraded by the operator (``hall-app db upgrade``).

    Times: ``clock`` when given (tests and the simulator inject a ``FakeClock``); otherwise
    on PostgreSQL the server's clock, measured now against ``local_clock`` (this PC's clock)
    and carried forward on ``ticks`` (its monotonic clock; see ``services/server_clock.py``),
    and on SQLite ``local_clock`` itself."""
    db = database_for(config)
    if upgrade is None:
        upgrade = db.is_sqlite
    try:
        if upgrade:
            migrate.upgrade(db)
        else:
            current = migrate.current_revision(db)
            if current != migrate.head_revision():
                raise DatabaseError(
                    f"数据库结构版本为 {current or '空'}，程序需要 {migrate.head_revision()}："
                    "请先运行 hall-app db upgrade"
                )
    except BaseException:
        db.dispose()  # no connection left open on a file the recovery may set aside
        raise
    if clock is None:
        clock = local_clock if db.is_sqlite else _server_clock(db, local_clock, ticks)
    ctx = ServiceContext(db=db, terminal=config.terminal, clock=clock, timezone=config.timezone)
    try:
        finished = finish_pending(ctx)  # a restore cut short: counters first, then issue
    except BaseException:
        db.dispose()
        raise
    if finished is not None:
        log.warning("counters of an earlier restore moved at start-up: %s", finished.summary())
    return Hall(ctx)


def _server_clock(db: Database, local: Clock, ticks: Ticks) -> ServerClock:
    clock = ServerClock(db, local, ticks)
    try:
        clock.sync()
    except BaseException:
        db.dispose()
        raise
    return clock


def recovery_options(config: Config, error: Exception) -> tuple[bool, bool]:
    """For a database that would not open: (is it a damaged local file, is there a backup)."""
    path = recovery.sqlite_file(config.db_url)
    damaged = path is not None and path.exists() and isinstance(error, DatabaseCorrupt)
    return damaged, bool(damaged and path is not None and recovery.backups(path))


def recover_database(config: Config, action: str) -> str | None:
    """Set a damaged SQLite file aside (never deleted) and put the newest sound backup in its
    place ("backup") or leave the place empty for a new database ("fresh"). Either way the
    counters then continue above every number already handed out (journals, printed
    archive). Returns what was done."""
    path = recovery.sqlite_file(config.db_url)
    if path is None or action not in ("backup", "fresh"):
        return None
    if action == "backup":
        copy = recovery.newest_sound_backup(path)
        aside = recovery.restore(path, copy)
        source = copy.name
        note = f"已从备份 {copy.name} 恢复；损坏的文件保留为 {aside.name if aside else '（无）'}"
    else:
        source = "empty"
        aside = recovery.set_aside(path)
        note = f"已新建数据库；损坏的文件保留为 {aside.name}"
    log.warning("database recovery: %s", note)
    # the damaged file may still be readable: the numbers issued after the backup are there
    tz = zoneinfo.ZoneInfo(config.timezone)
    replaced = number_sources.in_sqlite_file(aside, tz) if aside is not None else []
    report = finish_restore(config, source, replaced)
    return f"{note}；{report.summary()}"


def seed_demo(hall: Hall) -> str | None:
    """Load the demo catalog into an empty database and issue a few tickets for today, so
    that a first look at the screens shows a working hall. Returns what was done."""
    done = []
    if hall.catalog.is_empty():
        report = hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())
        done.append(report.summary())
    if not hall.tickets.today(limit=1):
        with hall.db.read() as s:
            reception = s.scalar(select(Staff).where(Staff.role == Role.RECEPTION.value).limit(1))
        if reception is not None:
            actor = Actor(
                reception.id, reception.staff_no, reception.name, Role.RECEPTION, hall.ctx.terminal
            )
            entries = [e for e in hall.catalog.entries() if e.kind == "item"]
            for index, entry in enumerate(entries[:: max(1, len(entries) // 12)][:12]):
                hall.tickets.issue(
                    actor,
                    item_code=entry.code,
                    green_reason=GreenReason.ELDERLY if index == 4 else None,
                )
            done.append("已为今天生成 12 张演示号票")
    return "；".join(done) or None
