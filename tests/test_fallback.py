"""Manual fallback: number blocks, the offline desk, reconciliation, incidents and back-entry,
on SQLite and PostgreSQL (the ``hall`` fixture runs each test on both)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.followups import InquiryInput, Outcome
from hall_app.domain.materials import Check, Mark
from hall_app.services.context import Actor, FakeClock
from hall_app.services.documents import Applicant
from hall_app.services.fallback import BackEntry
from hall_app.services.hall import Hall
from tests.actors import case_reader
from tests.conftest import login, use_v1_catalog

ID = "11010519491231002X"


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1005", 5)


@pytest.fixture
def supervisor(hall: Hall) -> Actor:
    return login(hall, "3001")


def _checks(plan, missing: int | None = None) -> list[Check]:  # type: ignore[no-untyped-def]
    return [
        Check(r, Mark.MISSING if i == missing else Mark.RECEIVED, applies=True)
        for i, r in enumerate(plan.requirements)
    ]


def _offline_morning(hall: Hall, clerk: Actor, clock: FakeClock) -> dict[str, str]:
    """A clerk's work while the server is gone: two tickets, a rating, an inquiry, a slip
    and an acceptance."""
    desk = hall.desk
    desk.enter(clerk, "服务器无响应")
    first = desk.issue_ticket(clerk, category_code="A").number
    desk.issue_ticket(clerk, category_code="A")
    clock.advance(minutes=3)
    called = desk.call_next(clerk)
    assert called is not None and called.number == first
    desk.start(clerk)
    clock.advance(minutes=9)
    desk.finish(clerk, first)
    desk.rate(clerk, first, 2, "等太久")
    inquiry = desk.log_inquiry(
        clerk,
        InquiryInput(
            question="营业执照遗失怎么补办",
            channel="现场",
            outcome=Outcome.ANSWERED,
            answer="登报后到F区",
        ),
    )
    plan = (
        desk.snapshot.plan("QY-001")
        if "QY-001" in desk.snapshot.subjects
        else desk.snapshot.plan(next(iter(desk.snapshot.subjects)))
    )
    applicant = Applicant("王芳", "居民身份证", ID, "13800138000")
    notice = desk.issue_notice(clerk, plan, applicant, _checks(plan, missing=0)).serial
    case = desk.accept(clerk, plan, applicant, _checks(plan)).case_no
    return {"ticket": first, "inquiry": inquiry, "notice": notice, "case": case, "plan": plan.code}


def test_reserved_blocks_are_never_handed_out_online(hall: Hall, clerk: Actor) -> None:
    report = hall.fallback.prepare(clerk, hall.journal)
    assert report.reserved["S"] == (1, 30)
    assert report.reserved["BZ"] == (1, 10)
    # topping up again changes nothing while more than half a block is in hand
    assert hall.fallback.prepare(clerk, hall.journal).reserved == {}
    plan = hall.documents.plan(
        item_code=hall.desk.snapshot.plan(next(iter(hall.desk.snapshot.subjects))).code
    )
    data = hall.documents.issue_notice(
        clerk, plan, Applicant("李四", "居民身份证", ID), _checks(plan, 0)
    )
    assert data.serial.endswith("-0011")  # after the terminal's block BZ 1–10


def test_offline_work_is_merged_once_with_its_original_times(
    hall: Hall, clerk: Actor, clock: FakeClock
) -> None:
    hall.fallback.prepare(clerk, hall.journal)
    started = clock.now
    done = _offline_morning(hall, clerk, clock)
    hall.desk.leave(clerk)
    assert hall.desk.status().pending == 10

    report = hall.fallback.reconcile(hall.journal, clerk)
    assert report.merged == 10 and not report.conflicts and report.complete
    ticket = hall.tickets.find(done["ticket"])
    assert ticket.state.value == "finished"
    assert ticket.issued_at == started and ticket.window_number == 5
    # the bad rating opened a follow-up; the slip and the case are found by their numbers
    assert any(done["ticket"] in f.summary for f in hall.followups.followups())
    assert hall.documents.find_notice(done["notice"]).to_correct
    case = next(c for c in hall.documents.cases(case_reader(hall)) if c.case_no == done["case"])
    assert case.accepted_at == started + dt.timedelta(minutes=12)
    assert hall.followups.inquiries()[0].number == done["inquiry"]

    # run twice, even with the local marks lost: nothing is merged a second time
    with sqlite3.connect(hall.journal.path) as conn:
        conn.execute("UPDATE record SET state = 'pending'")
    again = hall.fallback.reconcile(hall.journal, clerk)
    assert again.merged == 0 and again.already == 10
    assert sum(t.number == done["ticket"] for t in hall.tickets.today()) == 1


def test_a_reconciliation_stopped_halfway_goes_on_where_it_stopped(
    hall: Hall, clerk: Actor, clock: FakeClock
) -> None:
    hall.fallback.prepare(clerk, hall.journal)
    for _ in range(6):
        hall.desk.issue_ticket(clerk, category_code="B")
    seen: list[int] = []
    first = hall.fallback.reconcile(
        hall.journal,
        clerk,
        stop=lambda: len(seen) >= 4,
        progress=lambda done, _total: seen.append(done),
    )
    assert first.merged == 4 and first.left == 2 and not first.complete
    second = hall.fallback.reconcile(hall.journal, clerk)
    assert second.merged == 2 and second.complete
    numbers = [t.number for t in hall.tickets.today() if t.number.startswith("S")]
    assert sorted(numbers) == [f"S{i:03d}" for i in range(1, 7)]


def test_a_ticket_also_handled_online_is_a_conflict_for_a_person(
    hall: Hall, clerk: Actor, supervisor: Actor, reception: Actor
) -> None:
    hall.fallback.prepare(clerk, hall.journal)
    issued = hall.tickets.issue(reception, category_code="A").ticket.number
    assert hall.tickets.call_next(clerk, 5).number == issued
    # the server goes away; the clerk finishes the ticket at the window offline …
    hall.desk.finish_server_ticket(clerk, issued)
    # … while a supervisor, still online, sent it back to the queue and it was called again
    hall.tickets.recall(supervisor, 5)
    hall.tickets.no_show(supervisor, 5)
    report = hall.fallback.reconcile(hall.journal, clerk)
    assert report.merged == 0 and len(report.conflicts) == 1
    assert issued in report.conflicts[0][1] and "过号" in report.conflicts[0][1]
    conflicts = hall.fallback.conflicts()
    assert [c.reference for c in conflicts] == [issued]
    with pytest.raises(InvalidInput):
        hall.fallback.resolve(supervisor, conflicts[0].key, " ")
    hall.fallback.resolve(supervisor, conflicts[0].key, "市民已办结，核对无误")
    assert hall.fallback.conflicts() == []


def test_an_incident_with_its_kit_back_entry_ledger_and_close(
    hall: Hall, clerk: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    use_v1_catalog(hall)  # the paper names of the v1 demo (test_v2_window: v2)
    fb = hall.fallback
    incident = fb.declare(supervisor, "网络中断", public_notice="入口张贴告示")
    with pytest.raises(NotAllowed):
        fb.declare(supervisor, "又一次")
    with pytest.raises(NotAllowed):
        fb.declare(clerk, "窗口无权")
    kit = fb.kit(supervisor, incident.number)
    assert kit.ticket_numbers[0] == "S01-001" and len(kit.ticket_numbers) == 60
    assert fb.kit(supervisor, incident.number).ticket_numbers == kit.ticket_numbers  # reprint
    assert len(kit.slips) == 10 and kit.slips[0].materials
    fb.tick_step(supervisor, incident.number, "print_kit")
    assert "print_kit" in fb.current_incident().steps_done  # type: ignore[union-attr]

    clock.advance(hours=1)  # recovered; the paper is entered now, with the paper's times
    local = clock.now.astimezone(hall.ctx.tz)
    start = (local - dt.timedelta(minutes=50)).strftime("%H:%M")
    fb.back_enter(
        clerk,
        incident.number,
        BackEntry(
            kind="ticket",
            number="s2",
            time=start,
            paper_ref="号票登记簿 第1页第2行",
            category_code="A",
            window=5,
            finished=(local - dt.timedelta(minutes=40)).strftime("%H:%M"),
        ),
    )
    item = kit.slips[0].item_code
    received = tuple(
        r.name
        for r in hall.documents.plan(item_code=item).requirements
        if r.requirement == "必要" and not r.situation and not r.shared
    )
    case_no = fb.back_enter(
        clerk,
        incident.number,
        BackEntry(
            kind="case",
            number=kit.case_numbers[0],
            time=start,
            paper_ref="受理登记簿 第1页第1行",
            window=5,
            item_code=item,
            name="赵六",
            id_number=ID,
            phone="13900000000",
            note="手工收费 20 元，收据号 0012345",
            received=received,
        ),
    )
    fb.back_enter(
        clerk,
        incident.number,
        BackEntry(
            kind="notice",
            number=kit.slips[0].serial,
            time=start,
            paper_ref="告知单存根",
            item_code=item,
            name="赵六",
            id_number=ID,
            missing=(kit.slips[0].materials[0].name.split("（")[0],),
        ),
    )
    fb.back_enter(
        clerk,
        incident.number,
        BackEntry(
            kind="inquiry",
            number=kit.inquiry_numbers[0],
            time=start,
            paper_ref="首问登记簿 第1行",
            name="钱七",
            phone="13700000000",
            question="社保转移",
            answer="已解答",
        ),
    )

    ticket = hall.tickets.find("S01-002")
    assert ticket.state.value == "finished"
    assert hall.ctx.local(ticket.issued_at).strftime("%H:%M") == start
    case = next(c for c in hall.documents.cases(case_reader(hall)) if c.case_no == case_no)
    assert hall.ctx.local(case.accepted_at).strftime("%H:%M") == start

    with pytest.raises(NotAllowed, match="已补录"):
        fb.back_enter(
            clerk,
            incident.number,
            BackEntry(kind="ticket", number="S002", time=start, paper_ref="x", category_code="A"),
        )
    with pytest.raises(InvalidInput, match="不是本次应急包"):
        fb.back_enter(
            clerk,
            incident.number,
            BackEntry(kind="ticket", number="S999", time=start, paper_ref="x", category_code="A"),
        )
    with pytest.raises(InvalidInput, match="不在应急期间"):
        fb.back_enter(
            clerk,
            incident.number,
            BackEntry(kind="ticket", number="S003", time="06:00", paper_ref="x", category_code="A"),
        )
    with pytest.raises(InvalidInput, match="身份证"):
        fb.back_enter(
            clerk,
            incident.number,
            BackEntry(
                kind="case",
                number=kit.case_numbers[1],
                time=start,
                paper_ref="x",
                item_code=item,
                name="孙八",
                id_number="110105194912310021",
            ),
        )

    ledger = fb.ledger(incident.number)
    tickets = next(x for x in ledger.lines if x.kind == "ticket")
    assert (tickets.reserved, tickets.entered, tickets.outstanding) == (60, 1, 59)
    with pytest.raises(NotAllowed, match="既未补录也未作废"):
        fb.close(supervisor, incident.number, "网络恢复")
    for kind, numbers in (
        ("ticket", kit.ticket_numbers),
        ("inquiry", kit.inquiry_numbers),
        ("case", kit.case_numbers),
        ("notice", [s.serial for s in kit.slips]),
        ("refusal", [s.serial for s in kit.refusals]),
    ):
        fb.void(supervisor, incident.number, kind, numbers, "未使用")
    assert fb.ledger(incident.number).balanced
    closed = fb.close(
        supervisor,
        incident.number,
        "交换机故障，60 分钟后恢复",
        skipped={step.id: "演练中未做" for step in fb.plan.steps},
    )
    assert closed.summary["minutes"] == 60
    assert closed.summary["paper"] == {
        "ticket": 1,
        "inquiry": 1,
        "case": 1,
        "notice": 1,
        "refusal": 0,
    }
    assert fb.current_incident() is None


def test_offline_without_preparation_says_to_use_the_paper_kit(hall: Hall, clerk: Actor) -> None:
    with pytest.raises(NotAllowed, match="应急包"):
        hall.desk.issue_ticket(clerk, category_code="A")


def test_a_terminal_out_of_numbers_is_told_to_use_paper(hall: Hall, clerk: Actor) -> None:
    hall.fallback.prepare(clerk, hall.journal)
    for _ in range(30):
        hall.desk.issue_ticket(clerk, category_code="A")
    with pytest.raises(NotAllowed, match="已用完"):
        hall.desk.issue_ticket(clerk, category_code="A")
    assert hall.desk.status().numbers_left["S"] == 0


def test_paper_times_in_the_future_and_entries_after_closing_are_refused(
    hall: Hall, clerk: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    fb = hall.fallback
    incident = fb.declare(supervisor, "收费系统故障")
    kit = fb.kit(supervisor, incident.number)
    clock.advance(minutes=3)
    later = (clock.now + dt.timedelta(minutes=9)).astimezone(hall.ctx.tz).strftime("%H:%M")
    with pytest.raises(InvalidInput, match="晚于现在"):
        fb.back_enter(
            clerk,
            incident.number,
            BackEntry(kind="ticket", number="1", time=later, paper_ref="x", category_code="A"),
        )
    fb.close(
        supervisor,
        incident.number,
        "已恢复",
        override="纸质号票 S001–S060 未使用，已收回",
        skipped={step.id: "3 分钟内恢复" for step in fb.plan.steps},
    )
    with pytest.raises(NotAllowed, match="已结束"):
        fb.void(supervisor, incident.number, "ticket", kit.ticket_numbers[:1], "未使用")
    assert fb.conflicts(incident=incident.number) == []
