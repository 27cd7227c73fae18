"""Issue 15, defect 6 in the services (SQLite and PostgreSQL): the ledger is not "balanced"
before a kit exists; closing with unticked checklist steps needs a reason per step, kept and
audited; back-entered times fall within the incident; a back-entered case records the
materials its paper register says were received."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from hall_app.domain.errors import InvalidInput
from hall_app.domain.incident_rules import BALANCED, NO_KIT, OUTSTANDING, ledger_state
from hall_app.services.context import Actor, FakeClock
from hall_app.services.fallback import BackEntry
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login, use_v1_catalog

ID = "11010519491231002X"
ELDERLY = "11500231MB1509842M5000109001000"  # 80周岁及以上老年人高龄津贴申领
ALWAYS = (
    "申请人居民身份证",
    "高龄津贴申请表",
    "申请人社会保障卡或一类银行卡",
)  # its required materials


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1005", 5)


@pytest.fixture
def supervisor(hall: Hall) -> Actor:
    return login(hall, "3001")


def _hhmm(hall: Hall, moment: dt.datetime) -> str:
    return hall.ctx.local(moment).strftime("%H:%M")


def test_an_incident_without_a_kit_is_not_balanced(hall: Hall, supervisor: Actor) -> None:
    fb = hall.fallback
    incident = fb.declare(supervisor, "网络中断")
    assert not incident.kit_printed
    ledger = fb.ledger(incident.number)
    assert ledger.balanced  # nothing reserved, nothing outstanding …
    assert ledger_state(ledger, incident.kit_printed) == NO_KIT  # … but nothing to say yet
    kit = fb.kit(supervisor, incident.number)
    incident = fb.incident(incident.number)
    assert incident.kit_printed
    assert ledger_state(fb.ledger(incident.number), incident.kit_printed) == OUTSTANDING
    for kind, numbers in (
        ("ticket", kit.ticket_numbers),
        ("inquiry", kit.inquiry_numbers),
        ("case", kit.case_numbers),
        ("notice", [x.serial for x in kit.slips]),
        ("refusal", [x.serial for x in kit.refusals]),
    ):
        fb.void(supervisor, incident.number, kind, numbers, "未使用")
    assert ledger_state(fb.ledger(incident.number), True) == BALANCED


def test_closing_with_unticked_steps_needs_a_reason_for_each(
    hall: Hall, supervisor: Actor, clock: FakeClock
) -> None:
    fb = hall.fallback
    incident = fb.declare(supervisor, "收费系统故障")
    steps = [step.id for step in fb.plan.steps]
    assert len(steps) == 11
    for step in steps[:8]:
        fb.tick_step(supervisor, incident.number, step)
    clock.advance(minutes=20)
    left = steps[8:]

    with pytest.raises(InvalidInput, match=f"还有 3 个预案步骤未勾选.*{left[0]}"):
        fb.close(supervisor, incident.number, "已恢复")
    with pytest.raises(InvalidInput, match=f"还有 1 个预案步骤未勾选.*{left[2]}"):
        fb.close(
            supervisor,
            incident.number,
            "已恢复",
            skipped={left[0]: "20 分钟内恢复", left[1]: "无纸质记录", left[2]: "  "},
        )
    with pytest.raises(InvalidInput, match="没有步骤 no_such_step"):
        fb.close(
            supervisor,
            incident.number,
            "已恢复",
            skipped={**dict.fromkeys(left, "x"), "no_such_step": "x"},
        )
    assert fb.current_incident() is not None  # nothing was closed by the refusals

    reasons = {
        left[0]: "20 分钟内恢复，无需上报",
        left[1]: "未启用纸质登记",
        left[2]: "值班长电话 13800138000 已确认台账",
    }
    closed = fb.close(
        supervisor,
        incident.number,
        "交换机故障，20 分钟后恢复",
        skipped={**reasons, steps[0]: "已勾选的步骤：原因不记"},
    )
    assert not closed.open
    kept = closed.summary["skipped"]
    assert list(kept) == left  # in the plan's order; the ticked step's reason dropped
    assert kept[left[0]] == "20 分钟内恢复，无需上报"
    assert "13800138000" not in kept[left[2]] and "138****8000" in kept[left[2]]

    with hall.ctx.db.read() as s:
        rows = s.scalars(
            select(m.AuditEntry)
            .where(m.AuditEntry.action == "incident_step_skipped")
            .order_by(m.AuditEntry.id)
        ).all()
        details = [json.loads(r.detail) for r in rows]
        close = s.scalar(select(m.AuditEntry).where(m.AuditEntry.action == "incident_close"))
    assert [d["step"] for d in details] == left
    assert all(r.staff_id == supervisor.staff_id for r in rows)
    assert "13800138000" not in json.dumps(details, ensure_ascii=False)
    assert close is not None and json.loads(close.detail)["skipped"] == 3


def test_closing_with_every_step_ticked_needs_no_reason(hall: Hall, supervisor: Actor) -> None:
    fb = hall.fallback
    incident = fb.declare(supervisor, "停电")
    for step in fb.plan.steps:
        fb.tick_step(supervisor, incident.number, step.id)
    closed = fb.close(supervisor, incident.number, "供电恢复")
    assert closed.summary["skipped"] == {}


def test_back_entered_times_fall_within_the_incident(
    hall: Hall, clerk: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    fb = hall.fallback
    clock.advance(seconds=40)  # declared at 09:00:40: a paper "09:00" is its first minute
    incident = fb.declare(supervisor, "网络中断")
    kit = fb.kit(supervisor, incident.number)
    start = incident.started_at
    clock.advance(minutes=30)

    def ticket(number: str, time: str, **more: str) -> str:
        return fb.back_enter(
            clerk,
            incident.number,
            BackEntry(
                kind="ticket",
                number=number,
                time=time,
                paper_ref="号票登记簿 第1页",
                category_code="A",
                **more,
            ),
        )

    # five minutes before the incident began: not the incident's (10 min were let through)
    with pytest.raises(InvalidInput, match="不在应急期间（09:00 起）"):
        ticket(kit.ticket_numbers[0], _hhmm(hall, start - dt.timedelta(minutes=5)))
    with pytest.raises(InvalidInput, match="不在应急期间"):
        ticket(kit.ticket_numbers[0], _hhmm(hall, start - dt.timedelta(minutes=1)))
    # the called and finished times are held to the same rule as the ticket's own
    with pytest.raises(InvalidInput, match="不在应急期间"):
        ticket(kit.ticket_numbers[0], "09:00", called="08:58")
    assert (
        ticket(kit.ticket_numbers[0], "09:00", called="09:01", finished="09:12")
        == kit.ticket_numbers[0]
    )
    # a case too
    with pytest.raises(InvalidInput, match="不在应急期间"):
        fb.back_enter(
            clerk,
            incident.number,
            BackEntry(
                kind="case",
                number=kit.case_numbers[0],
                time="08:59",
                paper_ref="受理登记簿 第1行",
                item_code=ELDERLY,
                name="赵六",
                id_number=ID,
                received=ALWAYS,
            ),
        )


def test_a_back_entered_case_records_its_received_materials(
    hall: Hall, clerk: Actor, supervisor: Actor, clock: FakeClock
) -> None:
    use_v1_catalog(hall)  # the paper names of the v1 demo (test_v2_window: v2)
    fb = hall.fallback
    incident = fb.declare(supervisor, "网络中断")
    kit = fb.kit(supervisor, incident.number)
    clock.advance(minutes=40)

    def case(number: str, received: tuple[str, ...]) -> str:
        return fb.back_enter(
            clerk,
            incident.number,
            BackEntry(
                kind="case",
                number=number,
                time="09:10",
                paper_ref="受理登记簿 第1页第1行",
                window=5,
                item_code=ELDERLY,
                name="赵六",
                id_number=ID,
                phone="13900000000",
                received=received,
            ),
        )

    with pytest.raises(InvalidInput, match="请勾选已收材料"):
        case(kit.case_numbers[0], ())
    with pytest.raises(InvalidInput, match="已收材料中没有「高龄津贴申请表」"):
        case(kit.case_numbers[0], ("申请人居民身份证", "申请人社会保障卡或一类银行卡"))
    with pytest.raises(InvalidInput, match="已收材料「结婚证」不在该事项的材料清单中"):
        case(kit.case_numbers[0], (*ALWAYS, "结婚证"))

    # the citizen came for an elderly relative: the power of attorney was received too
    case_no = case(kit.case_numbers[0], (*ALWAYS, "授权委托书"))
    with hall.ctx.db.read() as s:
        row = s.scalar(select(m.ServiceCase).where(m.ServiceCase.case_no == case_no))
        assert row is not None
        lines = s.execute(
            select(m.DocumentMaterial.status, m.DocumentMaterial.name, m.DocumentMaterial.source)
            .where(m.DocumentMaterial.case_id == row.id)
            .order_by(m.DocumentMaterial.position)
        ).all()
    received = [
        name for status, name, source in lines if status == "received" and source != "共享免提交"
    ]
    assert sorted(received) == sorted((*ALWAYS, "授权委托书"))
    assert "受托人居民身份证" not in [name for _s, name, _src in lines]  # not ticked: not received
    # the receipt lists what the register says was received
    receipt = hall.documents.reprint_receipt(clerk, case_no)
    assert sorted(x.name for x in receipt.received) == sorted(
        (*ALWAYS, "授权委托书（委托他人办理的）")
    )


def test_the_incident_commands_tell_the_same(sqlite_url: str) -> None:
    from hall_app.services.fallback import load_plan
    from tests.test_cli import hall_app

    assert (
        hall_app(
            "incident", "declare", "--cause", "网络中断", url=sqlite_url, staff="3001"
        ).returncode
        == 0
    )
    ledger = hall_app("incident", "ledger", url=sqlite_url, staff="3001")
    assert "尚未打印应急包" in ledger.stdout and "台账已平" not in ledger.stdout
    data = json.loads(hall_app("incident", "ledger", "--json", url=sqlite_url, staff="3001").stdout)
    assert data["state"] == NO_KIT and not data["kit_printed"] and not data["balanced"]

    refused = hall_app("incident", "close", "--review", "网络恢复", url=sqlite_url, staff="3001")
    assert refused.returncode == 1 and "11 个预案步骤未勾选" in refused.stderr
    bad = hall_app(
        "incident",
        "close",
        "--review",
        "网络恢复",
        "--skip",
        "escalate",
        url=sqlite_url,
        staff="3001",
    )
    assert bad.returncode == 1 and "步骤编号=原因" in bad.stderr
    skips = [arg for step in load_plan().steps for arg in ("--skip", f"{step.id}=网络 5 分钟恢复")]
    closed = hall_app(
        "incident", "close", "--review", "网络恢复", *skips, url=sqlite_url, staff="3001"
    )
    assert closed.returncode == 0, closed.stderr
