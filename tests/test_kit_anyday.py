"""A paper kit valid on any day (issue 15, defect 7): kits printed without an incident and
kept in a drawer, numbers without a date recorded on the server, back-entry across New Year,
a terminal's standing kit printed offline, ``hall-app incident kit`` without an incident and
without the server, and the kit's common items from the hall's real volumes. On SQLite and
PostgreSQL (the ``hall`` fixture), the command line on SQLite and an unreachable server."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from hall_app import cli
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.materials import Check, Mark
from hall_app.printing.kit import render_kit
from hall_app.services.context import Actor, FakeClock
from hall_app.services.documents import Applicant
from hall_app.services.fallback import BackEntry
from hall_app.services.hall import Hall
from hall_app.services.kit import offline_kit
from hall_app.store import models as m
from tests.conftest import login
from tests.test_print_kit import page_texts, section

ID = "11010519491231002X"


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1005", 5)


@pytest.fixture
def supervisor(hall: Hall) -> Actor:
    return login(hall, "3001")


def _kits(hall: Hall) -> list[m.Kit]:
    with hall.ctx.db.read() as s:
        rows = list(s.scalars(select(m.Kit).order_by(m.Kit.number)))
        s.expunge_all()
        return rows


def _ticket(hall: Hall, number: str) -> m.Ticket:
    with hall.ctx.db.read() as s:
        row = s.scalars(select(m.Ticket).where(m.Ticket.number == number)).one()
        s.expunge(row)
        return row


def test_a_kit_printed_in_december_serves_an_incident_in_january(
    hall: Hall, clerk: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    fb = hall.fallback
    clock.advance(days=35, hours=7)  # Wednesday 30 December 2026, 16:00: printed for the drawer
    kit = fb.kit(supervisor)
    assert (kit.kit_no, kit.incident_no, kit.declared_at) == (1, "", None)
    assert kit.ticket_numbers[:2] == ("S01-001", "S01-002") and len(kit.ticket_numbers) == 60
    county = kit.case_numbers[0].split("-")[1]
    assert kit.case_numbers[0] == f"SL-{county}-K01-0001"
    assert kit.slips[0].serial == f"BZ-{county}-K01-0001" and kit.refusals and kit.receipts
    every = (
        *kit.ticket_numbers,
        *kit.inquiry_numbers,
        *kit.case_numbers,
        *(s.serial for s in kit.slips + kit.refusals),
    )
    assert not any("2026" in n or "1230" in n for n in every)  # no date in any number
    second = fb.kit(supervisor)  # every print without an incident is a new kit
    assert second.kit_no == 2 and not set(second.ticket_numbers) & set(kit.ticket_numbers)
    rows = _kits(hall)
    assert [(r.number, r.incident_id, r.printed_by) for r in rows] == [
        (1, None, "蒋红梅（3001）"),
        (2, None, "蒋红梅（3001）"),
    ]
    assert hall.ctx.local(rows[0].printed_at).date() == dt.date(2026, 12, 30)  # type: ignore[arg-type]
    assert json.loads(rows[0].ranges)["S"] == [1, 60]

    clock.advance(days=2, hours=17)  # Saturday 2 January 2027, 09:00: the server fails
    incident = fb.declare(supervisor, "服务器故障")
    assert not incident.kit_printed  # the drawer's kits are not the incident's yet
    assert fb.kits(incident.number) == ((), (1, 2))
    fb.use_kit(supervisor, incident.number, 1)
    assert fb.incident(incident.number).kit_printed
    assert fb.kits(incident.number) == ((1,), (2,))
    clock.advance(hours=1)
    fb.back_enter(
        clerk,
        incident.number,
        BackEntry(
            kind="ticket",
            number="s1-15",
            time="09:20",
            paper_ref="号票登记簿 第1页第15行",
            category_code="A",
            window=5,
            finished="09:35",
        ),
    )
    ticket = _ticket(hall, "S01-015")
    assert ticket.service_date == dt.date(2027, 1, 2) and ticket.sequence == 1015
    assert hall.ctx.local(ticket.issued_at).strftime("%Y-%m-%d %H:%M") == "2027-01-02 09:20"
    tickets = next(x for x in fb.ledger(incident.number).lines if x.kind == "ticket")
    assert (tickets.reserved, tickets.entered) == (60, 1)  # kit 2 is still in the drawer

    # kit 2 was handed out too: its first number entered brings it into the incident
    fb.back_enter(
        clerk,
        incident.number,
        BackEntry(
            kind="ticket",
            number="S02-001",
            time="09:25",
            paper_ref="号票登记簿（K02）第1行",
            category_code="A",
            window=5,
            finished="09:40",
        ),
    )
    tickets = next(x for x in fb.ledger(incident.number).lines if x.kind == "ticket")
    assert (tickets.reserved, tickets.entered) == (120, 2)
    assert fb.kits(incident.number) == ((1, 2), ())
    with pytest.raises(InvalidInput, match="多个应急包"):
        fb.back_enter(
            clerk,
            incident.number,
            BackEntry(kind="ticket", number="3", time="09:30", paper_ref="x", category_code="A"),
        )
    with pytest.raises(NotAllowed, match="已补录"):
        fb.back_enter(
            clerk,
            incident.number,
            BackEntry(
                kind="ticket", number="S01-015", time="09:30", paper_ref="x", category_code="A"
            ),
        )
    skipped = {step.id: "演练中未做" for step in fb.plan.steps}
    fb.close(supervisor, incident.number, "已恢复", override="未用号码已收回", skipped=skipped)
    later = fb.declare(supervisor, "又一次故障")
    with pytest.raises(NotAllowed, match="另一次应急事件"):
        fb.use_kit(supervisor, later.number, 1)


def test_a_terminal_prints_its_standing_kit_without_the_server(
    hall: Hall, clerk: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    hall.fallback.prepare(clerk, hall.journal)
    standing = _kits(hall)
    assert [(r.number, r.owner, r.printed_at) for r in standing] == [(1, "pytest", None)]

    # the server is gone: the kit comes from the journal alone
    printed_at = clock.now.astimezone(hall.ctx.tz)
    data = offline_kit(hall.journal, "工号 1005（离线打印）", printed_at)
    assert data.kit_no == 1 and data.ticket_numbers[0] == "S01-001"
    assert data.slips and data.slips[0].materials and data.hall_name
    again = offline_kit(hall.journal, "工号 1005（离线打印）", printed_at + dt.timedelta(hours=1))
    assert again.ticket_numbers == data.ticket_numbers and again.printed_at == printed_at
    assert "S01-001" in "".join(page_texts(render_kit(data)))

    clock.advance(hours=2)  # back online: the server learns it was printed, a fresh one is kept
    hall.fallback.prepare(clerk, hall.journal)
    rows = _kits(hall)
    assert [(r.number, r.owner, r.printed_by) for r in rows] == [
        (1, "pytest", "工号 1005（离线打印）"),
        (2, "pytest", ""),
    ]
    assert rows[0].printed_at == printed_at and rows[1].printed_at is None
    assert offline_kit(hall.journal, "x", clock.now).kit_no == 2
    assert hall.fallback.kit(supervisor).kit_no == 3  # a drawer kit never takes its numbers

    # kit 1 was used in an incident: its numbers are entered like any kit's
    incident = hall.fallback.declare(supervisor, "断网")
    clock.advance(minutes=30)
    time = (clock.now - dt.timedelta(minutes=10)).astimezone(hall.ctx.tz).strftime("%H:%M")
    hall.fallback.back_enter(
        clerk,
        incident.number,
        BackEntry(
            kind="ticket", number="S01-004", time=time, paper_ref="x", category_code="A", window=5
        ),
    )
    assert hall.fallback.incident(incident.number).kit_printed


def _accept(hall: Hall, clerk: Actor, code: str) -> None:
    plan = hall.documents.plan(item_code=code)
    checks = []
    for r in plan.requirements:
        check = Check(r)
        check.applies = not r.conditional
        if check.mark is Mark.PENDING:
            check.mark = Mark.RECEIVED
        checks.append(check)
    hall.documents.accept(clerk, plan, Applicant("王芳", "居民身份证", ID, "13800138000"), checks)


def test_the_common_items_follow_the_halls_volumes_and_each_document_keeps_its_stub(
    hall: Hall, supervisor: Actor
) -> None:
    clerk = login(hall, "1001", 1)
    with hall.ctx.db.read() as s:
        items = list(
            s.scalars(
                select(m.ServiceItem.code).where(m.ServiceItem.active).order_by(m.ServiceItem.id)
            )
        )
    busy, busier = items[-1], items[-2]  # last in catalog order, most served
    for code in [busier] * 3 + [busy] * 2:
        _accept(hall, clerk, code)
    incident = hall.fallback.declare(supervisor, "断电")
    kit = hall.fallback.kit(supervisor, incident.number)
    assert [s.item_code for s in kit.slips[::2]][:2] == [busier, busy]

    texts = page_texts(render_kit(kit))
    slips = section(texts, "一次性告知单（应急）")
    assert len(slips) == len(kit.slips)  # no stub alone on a page of its own
    assert all("存根" in page for page in slips)


def _cli(monkeypatch: pytest.MonkeyPatch, url: str, *argv: str) -> int:
    monkeypatch.setenv("HALL_DB_URL", url)
    return cli.main(list(argv))


def test_the_kit_command_prints_without_an_incident_and_without_the_server(
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("HALL_TERMINAL", "pc-reception")
    monkeypatch.setenv("HALL_STAFF", "3001")
    monkeypatch.setenv("HALL_PASSWORD", "demo3001")
    drawer = tmp_path / "drawer.pdf"
    assert _cli(monkeypatch, sqlite_url, "incident", "kit", "--pdf", str(drawer)) == 0
    assert "应急包 K01 已保存" in capsys.readouterr().out
    assert "S01-001" in "".join(page_texts(drawer.read_bytes()))
    assert _cli(monkeypatch, sqlite_url, "fallback", "prepare") == 0  # once while online
    capsys.readouterr()

    gone = "postgresql+psycopg://app@127.0.0.1:9/postgres"  # nothing listens there
    offline = tmp_path / "offline.pdf"
    assert _cli(monkeypatch, gone, "incident", "kit", "--pdf", str(offline)) == 0
    out = capsys.readouterr().out
    assert "服务器无法连接" in out and "K02" in out
    text = "".join(page_texts(offline.read_bytes()))
    assert "S02-001" in text and "工号3001（离线打印）" in text
    assert len(PdfReader(io.BytesIO(offline.read_bytes())).pages) > 10


def test_a_kit_ticket_served_at_an_offline_desk_can_be_entered_from_the_paper_register(
    hall: Hall, clerk: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    """Reception hands out S01-015 from the paper kit; window 5's offline desk takes the
    number in and serves it, and its journal is merged. Entering reception's register row
    afterwards completes the ticket (its paper issue time) and keeps the desk's service: it
    was refused with 号票 S01-015 在服务器上已是「已办结」, so the ledger could not balance."""
    fb = hall.fallback
    fb.kit(supervisor)
    hall.fallback.prepare(clerk, hall.journal)
    incident = fb.declare(supervisor, "服务器故障")
    fb.use_kit(supervisor, incident.number, 1)
    clock.advance(minutes=20)
    issued = clock.now
    clock.advance(minutes=5)
    hall.desk.call_number(clerk, "S01-015", confirmed=True)
    hall.desk.start(clerk)
    clock.advance(minutes=10)
    hall.desk.finish(clerk)
    report = fb.reconcile(hall.journal, clerk)
    assert report.complete and not report.conflicts, report.conflicts
    fb.back_enter(
        supervisor,
        incident.number,
        BackEntry(
            kind="ticket",
            number="S01-015",
            time=f"{issued.astimezone(hall.ctx.tz):%H:%M}",
            paper_ref="号票登记簿 第1页第15行",
            category_code="A",
        ),
    )
    ticket = _ticket(hall, "S01-015")
    assert ticket.state == "finished" and ticket.issued_at == issued
    tickets = next(x for x in fb.ledger(incident.number).lines if x.kind == "ticket")
    assert tickets.entered == 1
