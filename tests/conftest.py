"""Test isolation: a fresh database per test (SQLite file copy or PostgreSQL template copy),
QSettings and the data/config/log folders redirected to tmp paths, Qt offscreen.

PostgreSQL tests run when HALL_TEST_PG_URL points at a server (an admin URL such as
``postgresql+psycopg://app@127.0.0.1:55432/postgres``); with HALL_TEST_PG_REQUIRED=1 (CI)
a missing server fails the run instead of skipping.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import gc
import hashlib
import itertools
import os
import shutil
import uuid
import zoneinfo
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

from hall_app.config import Config
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.context import Actor, FakeClock
from hall_app.services.hall import Hall, open_hall
from hall_app.services.passwords import hash_password

DATA = Path(__file__).parent / "data"
# shared fixtures of the migration tests (an empty database on each backend)
pytest_plugins = ("tests._migration",)
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
# a Wednesday morning, an ordinary working day
START = dt.datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI)

PG_URL = os.environ.get("HALL_TEST_PG_URL", "")
PG_REQUIRED = os.environ.get("HALL_TEST_PG_REQUIRED") == "1"


@pytest.fixture(autouse=True)
def _isolate(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    base = tmp_path_factory.mktemp("env")
    for var in ("HALL_DATA_DIR", "HALL_CONFIG_DIR", "HALL_LOG_DIR", "HALL_CACHE_DIR"):
        monkeypatch.setenv(var, str(base / var.lower()))
    monkeypatch.delenv("HALL_DB_URL", raising=False)
    monkeypatch.delenv("HALL_STAFF", raising=False)
    monkeypatch.delenv("HALL_PASSWORD", raising=False)


# A wait returns as soon as its condition holds; its timeout only decides how long a broken
# test hangs before failing. On a loaded 2-core machine a worker's database job can take longer
# than the 5–10 s a test names, so every wait gets at least this long.
WAIT_FLOOR_MS = 60_000


@pytest.fixture(autouse=True, scope="session")
def _patient_waits() -> Iterator[None]:
    try:
        from pytestqt.qtbot import QtBot
    except ImportError:  # pragma: no cover
        yield
        return
    originals = {
        n: getattr(QtBot, n) for n in ("waitUntil", "waitSignal", "waitSignals", "waitCallback")
    }

    def patient(original):  # type: ignore[no-untyped-def]
        def wait(self, *args, timeout=5000, **kwargs):  # type: ignore[no-untyped-def]
            if timeout and timeout > 0:
                timeout = max(timeout, WAIT_FLOOR_MS)
            return original(self, *args, timeout=timeout, **kwargs)

        return wait

    for name, original in originals.items():
        setattr(QtBot, name, patient(original))
    yield
    for name, original in originals.items():
        setattr(QtBot, name, original)


@pytest.fixture(autouse=True, scope="session")
def _qsettings(tmp_path_factory: pytest.TempPathFactory) -> None:
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover
        return
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))


_SCRYPT = hashlib.scrypt


@functools.lru_cache(maxsize=4096)
def _scrypt_once(
    password: bytes, salt: bytes, n: int, r: int, p: int, maxmem: int, dklen: int
) -> bytes:
    return _SCRYPT(password, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=dklen)


def _scrypt(
    password: bytes, *, salt: bytes, n: int, r: int, p: int, maxmem: int = 0, dklen: int = 64
) -> bytes:
    return _scrypt_once(bytes(password), bytes(salt), n, r, p, maxmem, dklen)


#: the stored hash of each password a catalog import gave an account, made once
_HASHES: dict[str, str] = {}


def _hash_once(password: str) -> str:
    if password not in _HASHES:
        _HASHES[password] = hash_password(password)
    return _HASHES[password]


@pytest.fixture(autouse=True, scope="session")
def _scrypt_computed_once_per_input() -> Iterator[None]:
    """Passwords are hashed and checked with scrypt (services/passwords.py), deliberately
    slow: ~0.06 s a time (far more on a loaded machine), and the tests log the same demo
    accounts in well over a thousand times, and seed the 40 demo accounts again for each
    template and each demo database a GUI test opens.

    scrypt is a pure function: each distinct input is computed for real once in this
    process and the same bytes returned after that, so every login still checks the
    password against the stored hash and a wrong password is still refused. A catalog
    import stores, for a password already hashed in this run, that same salted hash (made
    by the real ``hash_password`` the first time). Processes the tests start are not
    affected."""
    from hall_app.services import catalog

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(hashlib, "scrypt", _scrypt)
        mp.setattr(catalog, "hash_password", _hash_once)
        yield
    _scrypt_once.cache_clear()
    _HASHES.clear()


def _seed(url: str) -> None:
    """The shared test databases hold the 垫江县 demo hall as per-item (v1) lists, the form
    most workflow tests pin; tests of format v2 import the shipped catalog themselves
    (test_v2_window.py, test_catalog_v2_import.py, test_ticket_intake.py …)."""
    hall = open_hall(Config(db_url=url, terminal="template"), upgrade=True)
    try:
        hall.catalog.import_file(bootstrap_actor(), V1_DEMO)
    finally:
        hall.close()


# ---------------------------------------------------------------- SQLite


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "hall.sqlite3"
    _seed(f"sqlite:///{path}")
    return path


def _sqlite_url(template: Path, tmp_path: Path) -> str:
    target = tmp_path / "hall.sqlite3"
    shutil.copy(template, target)
    return f"sqlite:///{target}"


# ---------------------------------------------------------------- PostgreSQL


class _PgServer:
    """The throwaway server: a template database seeded once, and a fresh copy of it for each
    test (``CREATE DATABASE ... TEMPLATE``).

    A copy costs the server ~0.5 s of work that the test does not need to wait for: a
    background thread makes the next copies (at most ``AHEAD``) while tests run, on the
    machine's other core, and :meth:`create` hands out the oldest; the same thread drops
    the copies tests are done with. Each copy is still made from the untouched template and
    used by one test only, then dropped."""

    AHEAD = 2

    def __init__(self, admin_url: str) -> None:
        from sqlalchemy import create_engine

        self.admin_url = admin_url
        self.engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.template = f"hall_tmpl_{uuid.uuid4().hex[:8]}"
        self.counter = itertools.count()
        self.exec(f'CREATE DATABASE "{self.template}"')
        _seed(self.url_for(self.template))
        self._maker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-copies")
        self._ahead: collections.deque[Future[str]] = collections.deque()
        self._dropped: list[Future[None]] = []

    def url_for(self, name: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def exec(self, sql: str) -> None:
        from sqlalchemy import text

        with self.engine.connect() as conn:
            conn.execute(text(sql))

    def _copy(self) -> str:
        name = f"{self.template}_{next(self.counter)}"
        self.exec(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return name

    def create(self) -> str:
        """A fresh copy of the template for one test (made ahead of time when possible)."""
        if not self._ahead:
            self._ahead.append(self._maker.submit(self._copy))
        made = self._ahead.popleft()
        while len(self._ahead) < self.AHEAD:
            self._ahead.append(self._maker.submit(self._copy))
        return made.result()

    def _drop(self, name: str) -> None:
        self.exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop(self, name: str) -> None:
        """Drop a test's database (by the same thread, after the copies asked for before)."""
        self._dropped.append(self._maker.submit(self._drop, name))

    def close(self) -> None:
        """Drop the copies made ahead that no test used, then the template."""
        for made in self._ahead:
            made.cancel()
        self._maker.shutdown(wait=True)
        for made in self._ahead:
            if not made.cancelled() and made.exception() is None:
                self._drop(made.result())
        self._ahead.clear()
        self._drop(self.template)
        self.engine.dispose()
        for dropped in self._dropped:
            dropped.result()  # a database that could not be dropped fails the run here


@pytest.fixture(scope="session")
def pg_server() -> Iterator[_PgServer]:
    if not PG_URL:
        if PG_REQUIRED:
            pytest.fail("HALL_TEST_PG_REQUIRED=1 but HALL_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL not configured (HALL_TEST_PG_URL)")
    try:
        server = _PgServer(PG_URL)
    except Exception as exc:
        if PG_REQUIRED:
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    yield server
    server.close()


# ---------------------------------------------------------------- per test


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database holding the demo catalog, on each backend."""
    if request.param == "sqlite":
        yield _sqlite_url(request.getfixturevalue("sqlite_template"), tmp_path)
        return
    server: _PgServer = request.getfixturevalue("pg_server")
    name = server.create()
    yield server.url_for(name)
    server.drop(name)


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    return _sqlite_url(sqlite_template, tmp_path)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START.astimezone(dt.UTC))


def _open(url: str, clock: FakeClock) -> Iterator[Hall]:
    hall = open_hall(Config(db_url=url, terminal="pytest"), upgrade=False, clock=clock)
    yield hall
    hall.close()


@pytest.fixture
def hall(db_url: str, clock: FakeClock) -> Iterator[Hall]:
    """Services on a fresh database (SQLite and PostgreSQL), with a fake clock."""
    yield from _open(db_url, clock)


@pytest.fixture
def sqlite_hall(sqlite_url: str, clock: FakeClock) -> Iterator[Hall]:
    """Services on a fresh SQLite database only (UI tests)."""
    yield from _open(sqlite_url, clock)


def login(hall: Hall, staff_no: str, window: int | None = None) -> Actor:
    return hall.auth.login(staff_no, f"demo{staff_no}", window)


def system_menu_entries(  # type: ignore[no-untyped-def]
    qtbot, hall: Hall, runner, text: str, staff_no: str, window: int | None = None
) -> list[object]:
    """The 系统 menu's actions titled ``text`` in the main window of ``staff_no``."""
    from hall_app.ui.main_window import MainWindow
    from hall_app.ui.settings import Settings

    main = MainWindow(hall, runner, login(hall, staff_no, window), Settings())
    qtbot.addWidget(main)
    menu = main.menuBar().actions()[0].menu()
    found = [a for a in menu.actions() if a.text() == text]
    main.close()
    return found


@pytest.fixture
def reception(hall: Hall) -> Actor:
    return login(hall, "2001")


@pytest.fixture(autouse=True, scope="session")
def _gc_on_the_main_thread() -> Iterator[None]:
    """As in the app (ui/gc.py): no cyclic collection on the database worker thread."""
    gc.disable()
    yield
    gc.unfreeze()
    gc.enable()


#: a full collection (frozen objects included) before every this many tests; see below
FULL_COLLECTION_EVERY = 16
_tests_since_full_collection = 0


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before a test's fixtures are made: collect, then freeze what is left.

    What is alive between two tests (modules, classes, caches, the session's fixtures) is
    not the test's garbage; ``gc.freeze()`` moves it out of the collector's sight, so the
    collection after the test (below) walks only what the test made instead of the whole
    heap (a few hundred thousand objects, ~0.2 s, after every test). Every
    ``FULL_COLLECTION_EVERY`` tests the frozen objects are looked at again too, so nothing
    that became garbage later is kept for more than a few tests."""
    global _tests_since_full_collection
    if _tests_since_full_collection >= FULL_COLLECTION_EVERY:
        gc.unfreeze()
        _tests_since_full_collection = 0
    gc.collect()  # also what the last test let go after its own collection (its fixtures)
    gc.freeze()
    _tests_since_full_collection += 1


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _no_rating_pad(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """After F4 the clerk screen asks for a rating (a modal dialog): tests that do not rate
    see the citizen decline. Tests that rate patch RatingDialog.ask themselves."""
    asked: list[str] = []
    try:
        from hall_app.ui.rating import RatingDialog
    except ImportError:  # pragma: no cover
        return asked
    monkeypatch.setattr(
        RatingDialog, "ask", classmethod(lambda cls, parent, number: asked.append(number))
    )
    return asked


@pytest.fixture
def runner(qtbot) -> Iterator[object]:
    """The GUI's database worker; a test must leave it idle."""
    from hall_app.ui.worker import Runner

    r = Runner()
    yield r
    assert r.wait(10000), "database worker still busy at the end of the test"


@pytest.fixture
def live_hall(sqlite_url: str) -> Iterator[Hall]:
    """Services on a fresh SQLite database with the real clock (screens show real times)."""
    hall = open_hall(Config(db_url=sqlite_url, terminal="ui-test"), upgrade=False)
    yield hall
    hall.close()


@pytest.fixture(autouse=True)
def _stay_logged_in_with_a_ticket(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Closing a clerk's main window with a ticket in hand asks what to do with it (a modal
    dialog): tests that do not answer see the clerk choose not to leave. Tests that leave
    patch TicketInHandDialog.ask themselves."""
    asked: list[str] = []
    try:
        from hall_app.ui.leaving import TicketInHandDialog
    except ImportError:  # pragma: no cover
        return asked
    monkeypatch.setattr(
        TicketInHandDialog,
        "ask",
        classmethod(lambda cls, parent, ticket: asked.append(ticket.number)),
    )
    return asked


# ---------------------------------------------------------------- modal dialogs

#: what the guard below refused in the running test (a scenario's waits look at it, so a
#: refused dialog fails the wait at once instead of after its timeout)
REFUSED_MODALS: list[str] = []


class UnansweredModalDialog(AssertionError):
    """A test opened a modal dialog nobody answers: it would block the test run forever."""


@pytest.fixture(autouse=True)
def _no_unanswered_modal_dialogs(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[list[str]]:
    """A modal dialog's ``exec()`` (and Qt's static question/input/file dialogs) blocks in
    its own event loop until a person answers; in a test nobody does and the run hangs.
    Here each of them fails at once with the dialog's class and title instead. A test
    stubs the dialog's ``ask()`` classmethod with the person's answer, or, to drive the
    real dialog (closing it itself), is marked ``@pytest.mark.modal_dialogs``."""
    REFUSED_MODALS.clear()
    if request.node.get_closest_marker("modal_dialogs"):
        yield REFUSED_MODALS
        return
    try:
        from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox
    except ImportError:  # pragma: no cover
        yield REFUSED_MODALS
        return

    def refuse(what: str) -> None:
        message = (
            f"un-stubbed modal dialog {what} in {request.node.nodeid}: stub its ask() "
            "with the person's answer (monkeypatch), or mark the test "
            "@pytest.mark.modal_dialogs and close the dialog from the test"
        )
        REFUSED_MODALS.append(message)
        raise UnansweredModalDialog(message)

    def exec_refused(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        refuse(f"{type(self).__name__} {self.windowTitle()!r} ({self.__class__.__module__})")

    def static_refused(name: str):  # type: ignore[no-untyped-def]
        def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
            texts = [a for a in args if isinstance(a, str)]
            refuse(f"{name}{tuple(texts[:2])}")

        return refused

    for cls in (QDialog, QMessageBox):
        monkeypatch.setattr(cls, "exec", exec_refused)
    for name in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(static_refused(f"QMessageBox.{name}")))
    for name in ("getText", "getItem", "getInt", "getDouble", "getMultiLineText"):
        monkeypatch.setattr(
            QInputDialog, name, staticmethod(static_refused(f"QInputDialog.{name}"))
        )
    for name in (
        "getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory",
    ):  # fmt: skip
        monkeypatch.setattr(QFileDialog, name, staticmethod(static_refused(f"QFileDialog.{name}")))
    yield REFUSED_MODALS


@pytest.fixture
def settings():  # type: ignore[no-untyped-def]
    """This PC's settings for a UI test: cleared, no printer (the PDF is archived), no
    rating question after each ticket."""
    from hall_app.ui.settings import ASK_RATING, PRINT_TICKETS, Settings

    s = Settings()
    s.qs.clear()
    s.set(PRINT_TICKETS, False)
    s.set(ASK_RATING, False)
    return s


V1_DEMO = DATA / "catalog_v1_dianjiang.yaml"


def use_v1_catalog(hall: Hall) -> None:
    """Re-import the demo hall as it was before format v2 (per-item material lists under
    their v1 names): for tests that pin a workflow on v1 data, which halls still import."""
    from hall_app.services.catalog import bootstrap_actor

    hall.catalog.import_file(bootstrap_actor(), V1_DEMO)
