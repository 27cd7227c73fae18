"""Every item model in ``hall_app.ui`` passes pytest-qt's model tester (STYLE.md habit 6).

The models not checked beside their screens' tests are checked here, with the Python tester
(``force_py=True``: it also checks what each role returns), filled with rows a real
database gives through the services — and, as the tester re-checks everything on each
signal the model sends, again when the screen refreshes the same rows (``dataChanged``)
and when a write gives it another row (a model reset).

The model classes are discovered (every item model subclass in ``hall_app.ui``), so a new
model fails :func:`test_every_model_class_is_checked` until it is checked here or beside
its screen (then named in ``CHECKED_ELSEWHERE``).
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.qtbot import QtBot

import hall_app.ui
from hall_app.domain.followups import InquiryInput, Outcome
from hall_app.domain.materials import Check, Mark
from hall_app.services.catalog import CatalogEntry
from hall_app.services.context import FakeClock
from hall_app.services.hall import Hall
from hall_app.ui.appointment_models import BookingModel, SlotModel, WeekModel
from hall_app.ui.cases import CaseTableModel
from hall_app.ui.conflicts import ReserveModel
from hall_app.ui.followups_view import FollowUpModel, SatisfactionModel
from hall_app.ui.incident_models import ConflictModel
from hall_app.ui.inquiry import InquiryModel
from hall_app.ui.material_model import MaterialCheckModel
from hall_app.ui.models import CatalogModel
from hall_app.ui.stranded import StrandedModel
from hall_app.ui.tidal import ConsoleLaneModel
from tests.conftest import login
from tests.test_appointments import book
from tests.test_cases_service import _accept
from tests.test_fallback_conflicts import a004_conflict

TESTS = Path(__file__).parent

# checked beside their screens (the test file named holds the qtmodeltester.check call)
CHECKED_ELSEWHERE = {
    "hall_app.ui.models.LaneTableModel": "test_ui.py",
    "hall_app.ui.models.WindowTableModel": "test_ui.py",
    "hall_app.ui.models.CatalogFilter": "test_ui.py",
    "hall_app.ui.audit_view.AuditModel": "test_ui_audit.py",
    "hall_app.ui.incident_models.StepModel": "test_ui_incident.py",
    "hall_app.ui.incident_models.LedgerModel": "test_ui_incident.py",
    "hall_app.ui.incident_models.IncidentListModel": "test_ui_incident.py",
    "hall_app.ui.back_entry_parts.BackEntryModel": "test_ui_incident.py",
    "hall_app.ui.server_clock.OffClockModel": "test_ui_server_clock.py",
    "hall_app.ui.offline_widgets.OfflineTicketModel": "test_ui_offline.py",
    "hall_app.ui.intake.GuideModel": "test_ui_intake.py",
    "hall_app.ui.rota_model.ShiftModel": "test_ui_rota.py",
    "hall_app.ui.rota_model.MinimumModel": "test_ui_rota.py",
    "hall_app.ui.staffing_model.ProposalModel": "test_ui_staffing.py",
    "hall_app.ui.staffing_model.LaneBandModel": "test_ui_staffing.py",
}
BASES = {
    "hall_app.ui.models._ListModel",
    "hall_app.ui.staffing_model._StaffingList",
}  # the rows-of-dataclasses base: never shown itself


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


# ---------------------------------------------------------------- the rows, from the services
#
# Each builder makes the model and returns it with ``load`` (read the rows from the services
# and give them to the model, as its screen does) and ``change`` (a write that changes what
# the next ``load`` shows: another row, a reset; the same rows changed, dataChanged).


Built = tuple[QAbstractItemModel, Callable[[], None], Callable[[], None]]


def _item(hall: Hall, lane: str) -> str:
    return next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == lane)


def _slots(hall: Hall, clock: FakeClock) -> Built:
    model, reception, code = SlotModel(), login(hall, "2001"), _item(hall, "C")
    day = hall.appointments.bookable_days()[0]

    def load() -> None:
        model.suggested = {(q.slot.day, q.slot.start) for q in hall.appointments.suggestions(code)}
        model.set_rows(hall.appointments.slots(code, day))

    booked = iter(range(1, 100))

    def change() -> None:  # same slots, one more booked: dataChanged
        book(hall, reception, next(booked), slot="09:00", day=day, code=code)

    return model, load, change


def _bookings(hall: Hall, clock: FakeClock) -> Built:
    model, reception = BookingModel(), login(hall, "2001")
    day = hall.appointments.bookable_days()[0]
    booked = iter(range(1, 100))

    def change() -> None:
        book(hall, reception, next(booked), day=day, code=_item(hall, "C"))

    change()
    return model, lambda: model.set_rows(hall.bookings.upcoming()), change


def _week(hall: Hall, clock: FakeClock) -> Built:
    model, reception = WeekModel(), login(hall, "2001")
    booked = iter(range(1, 100))

    def change() -> None:
        day = hall.appointments.bookable_days()[0]
        book(hall, reception, next(booked), day=day, code=_item(hall, "C"))

    return model, lambda: model.set_week(hall.appointments.week("C")), change


def _cases(hall: Hall, clock: FakeClock) -> Built:
    model, clerk = CaseTableModel(), login(hall, "1001", 1)
    _accept(hall, clerk)

    def load() -> None:
        model.set_rows(hall.documents.cases(clerk, open_only=False, window_number=1))

    def change() -> None:
        _accept(hall, clerk)

    return model, load, change


def _reserves(hall: Hall, clock: FakeClock) -> Built:
    model, clerk = ReserveModel(hall.ctx.tz), login(hall, "1001", 1)
    hall.fallback.prepare(clerk, hall.journal)

    def change() -> None:  # an offline ticket used, the numbers topped up and reported again
        hall.desk.issue_ticket(clerk, category_code="A")
        hall.fallback.prepare(clerk, hall.journal)

    return model, lambda: model.set_rows(hall.fallback.reserves()), change


def _conflicts(hall: Hall, clock: FakeClock) -> Built:
    model = ConflictModel(hall.ctx.tz)
    a004_conflict(hall, clock)
    return model, lambda: model.set_rows(hall.fallback.conflicts()), lambda: None


def _rated(hall: Hall, level: int) -> None:
    """A ticket served at window 1 and rated ``level`` (1: a follow-up for the supervisor)."""
    clerk = login(hall, "1001", 1)
    number = hall.tickets.issue(login(hall, "2001"), category_code="A").ticket.number
    hall.tickets.call_next(clerk, 1)
    hall.tickets.start(clerk, 1)
    hall.tickets.finish(clerk, 1)
    hall.followups.rate(clerk, number, level, "等候时间太长" if level < 3 else "")


def _followups(hall: Hall, clock: FakeClock) -> Built:
    model = FollowUpModel()
    _rated(hall, 1)
    return model, lambda: model.set_rows(hall.followups.followups()), lambda: _rated(hall, 2)


def _satisfaction(hall: Hall, clock: FakeClock) -> Built:
    model = SatisfactionModel()
    _rated(hall, 5)
    _rated(hall, 1)

    def change() -> None:  # another window's clerk, rated
        clerk = login(hall, "1002", 2)
        number = hall.tickets.issue(login(hall, "2001"), category_code="A").ticket.number
        hall.tickets.call_next(clerk, 2)
        hall.tickets.start(clerk, 2)
        hall.tickets.finish(clerk, 2)
        hall.followups.rate(clerk, number, 4)

    return model, lambda: model.set_rows(hall.followups.satisfaction()), change


def _inquiries(hall: Hall, clock: FakeClock) -> Built:
    model, reception = InquiryModel(hall.ctx), login(hall, "2001")
    asked = iter(range(1, 100))

    def change() -> None:
        n = next(asked)
        data = InquiryInput(
            question=f"办理营业执照需要哪些材料（{n}）",
            channel="现场",
            outcome=Outcome.FOLLOW_UP if n % 2 else Outcome.ANSWERED,
            visitor_name="张三",
            visitor_phone="13912345678",
            answer="" if n % 2 else "带身份证原件",
        )
        hall.followups.log_inquiry(reception, data, hall.ctx.today() + dt.timedelta(days=2))

    change()
    return model, lambda: model.set_rows(hall.followups.inquiries()), change


def _material_checks(hall: Hall, clock: FakeClock) -> Built:
    model = MaterialCheckModel()
    plan = hall.documents.plan(item_code=_item(hall, "C"))
    checks = [Check(r) for r in plan.requirements]
    marks = iter([Mark.RECEIVED, Mark.MISSING, Mark.FAULTY, Mark.RECEIVED])

    def change() -> None:  # the clerk marks the materials one way, then another
        mark = next(marks)
        for c in checks:
            c.mark = mark
        checks[-1].applies = not checks[-1].applies

    return model, lambda: model.set_checks(list(checks)), change


def _catalog(hall: Hall, clock: FakeClock) -> Built:
    model = CatalogModel()
    entries = hall.catalog.entries()
    shown = [len(entries) // 2]

    def change() -> None:
        shown[0] = len(entries)

    return model, lambda: model.set_rows(entries[: shown[0]]), change


def _stranded(hall: Hall, clock: FakeClock) -> Built:
    model, reception = StrandedModel(hall.ctx.tz), login(hall, "2001")
    windows = iter(range(2, 6))

    def change() -> None:  # a clerk logs out with a ticket called at the window
        n = next(windows)
        clerk = login(hall, f"100{n}", n)
        hall.tickets.issue(reception, category_code="A")
        hall.tickets.call_next(clerk, n)
        hall.auth.logout(clerk)

    change()
    return model, lambda: model.set_rows(hall.terminals.stranded()), change


def _console_lanes(hall: Hall, clock: FakeClock) -> Built:
    model, reception = ConsoleLaneModel(), login(hall, "2001")

    def change() -> None:
        hall.tickets.issue(reception, category_code="A")

    change()
    return model, lambda: model.set_rows(list(hall.tidal.console(hall.queues).lanes)), change


BUILDERS: dict[type, Callable[[Hall, FakeClock], Built]] = {
    SlotModel: _slots,
    BookingModel: _bookings,
    WeekModel: _week,
    CaseTableModel: _cases,
    ReserveModel: _reserves,
    ConflictModel: _conflicts,
    FollowUpModel: _followups,
    SatisfactionModel: _satisfaction,
    InquiryModel: _inquiries,
    MaterialCheckModel: _material_checks,
    CatalogModel: _catalog,
    StrandedModel: _stranded,
    ConsoleLaneModel: _console_lanes,
}


def _cells(model: QAbstractItemModel) -> list[list[Any]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


@pytest.mark.parametrize("cls", list(BUILDERS), ids=lambda cls: cls.__name__)
def test_the_model_passes_the_tester_filled_refreshed_and_reset(
    qtmodeltester: Any, hall: Hall, clock: FakeClock, cls: type
) -> None:
    model, load, change = BUILDERS[cls](hall, clock)
    assert isinstance(model, cls)
    load()
    assert model.rowCount() > 0 and model.columnCount() > 0
    assert any(cell for row in _cells(model) for cell in row)  # something is shown
    # the tester checks the model now, and again on each signal it sends from here on
    qtmodeltester.check(model, force_py=True)
    load()  # the screen's refresh: the same rows again
    before = model.rowCount()
    change()
    load()  # what changed since: a reset (another row) or dataChanged
    assert model.rowCount() >= before
    assert any(cell for row in _cells(model) for cell in row)


def _model_classes() -> set[type]:
    for module in pkgutil.iter_modules(hall_app.ui.__path__):
        importlib.import_module(f"hall_app.ui.{module.name}")
    found: set[type] = set()
    todo = list(QAbstractItemModel.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if cls.__module__.startswith("hall_app.ui") and _name(cls) not in BASES:
            found.add(cls)
    return found


def test_every_model_class_is_checked() -> None:
    """A new item model needs a builder above, or a qtmodeltester test beside its screen
    named in CHECKED_ELSEWHERE."""
    classes = {_name(cls): cls for cls in _model_classes()}
    here = {_name(cls) for cls in BUILDERS}
    unchecked = sorted(set(classes) - here - set(CHECKED_ELSEWHERE))
    assert not unchecked, f"item models no test runs qtmodeltester on: {unchecked}"
    assert not sorted(set(CHECKED_ELSEWHERE) - set(classes)), "a listed model is gone"
    for name, test_file in CHECKED_ELSEWHERE.items():
        text = (TESTS / test_file).read_text(encoding="utf-8")
        assert "qtmodeltester.check(" in text, (name, test_file)
    assert len(classes) == len(here) + len(CHECKED_ELSEWHERE)


def test_a_chuanyu_tongban_item_is_marked_in_the_catalog_list(qtbot: QtBot) -> None:
    model = CatalogModel()
    plain = CatalogEntry("item", "X1", "出生登记", "D", "公安户政", "csdj")
    flagged = CatalogEntry("item", "X2", "户口迁移", "D", "公安户政", "hkqy", cross_region=True)
    model.set_rows([plain, flagged])
    name = Qt.ItemDataRole.DisplayRole
    assert model.data(model.index(0, 1), name) == "出生登记"
    assert model.data(model.index(1, 1), name) == "户口迁移（川渝通办）"
    tip = model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("拼音首字母：hkqy\n川渝通办：")
    assert "\n" not in model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
