"""Issue 16's acceptance test for personal data: a compact hall morning, driven through the
services and the command line by reception, two clerks, the supervisor and the admin on one
database, with citizens' full ID and mobile numbers typed into every field that takes them
(free text included). Afterwards the logs, the exports, the printed PDFs (as text), every
audit row and every command's stdout and stderr are searched for a full ID number (GB 11643,
valid check character) or a mobile number: none may be found.

The data really is there to leak: the rows hold the full numbers (checked at the end), and
the masked forms are found where the documents show them (so the search reads real text).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from hall_app import paths
from hall_app.domain.errors import KnownError
from hall_app.domain.followups import InquiryInput, Outcome
from hall_app.domain.masking import mask_id, mask_phone
from hall_app.domain.materials import Check, Mark
from hall_app.logs import setup_logging
from hall_app.printing.booking import render_booking_slip
from hall_app.printing.extension import render_extension_a4
from hall_app.printing.notice import render_notice_80mm, render_notice_a4
from hall_app.printing.receipt import render_receipt_a4
from hall_app.services.context import FakeClock
from hall_app.services.documents import Applicant
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import SHANGHAI, login
from tests.leak_grep import FOOD, id_number, leaks

THURSDAY = dt.date(2026, 11, 26)


@dataclasses.dataclass(frozen=True)
class Citizen:
    name: str
    id_number: str
    phone: str


# six citizens, each with a valid ID number (one ending in X) and a mobile number
ZHANG = Citizen("张三", id_number("110105", "19491231", "002"), "13800138000")
LI = Citizen("李四", id_number("500231", "19850101", "123"), "13912345678")
WANG = Citizen("王五", id_number("500231", "19900307", "771"), "15033334444")
ZHAO = Citizen("赵六", id_number("440524", "19800101", "014"), "18611112222")
SUN = Citizen("孙七", id_number("500231", "19700615", "228"), "17788889999")
ZHOU = Citizen("周八", id_number("500231", "19661111", "305"), "13355556666")
CITIZENS = (ZHANG, LI, WANG, ZHAO, SUN, ZHOU)


@pytest.fixture
def app_log() -> Iterator[Path]:
    """The app's logging as the command line sets it up, into this test's log folder."""
    root = logging.getLogger("hall_app")
    saved, level = root.handlers[:], root.level
    root.handlers.clear()
    setup_logging(logging.INFO)
    yield paths.log_dir() / "hall_app.log"
    for handler in root.handlers:
        handler.close()
    root.handlers[:] = saved
    root.setLevel(level)


class Evidence:
    """Everything the morning put out, by where it went."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def add(self, where: str, text: str) -> str:
        self.texts[where] = self.texts.get(where, "") + text + "\n"
        return text

    def pdf(self, where: str, pdf: bytes) -> str:
        pages = PdfReader(io.BytesIO(pdf)).pages
        return self.add(f"pdf {where}", "".join(p.extract_text() for p in pages))

    def refused(self, where: str, action: Callable[[], Any]) -> str:
        try:
            action()
        except KnownError as error:
            return self.add(f"error {where}", error.headline())
        raise AssertionError(f"{where}: expected a refusal")


def _checks(plan: Any, missing: str = "") -> list[Check]:
    checks = []
    for r in plan.requirements:
        c = Check(r)
        c.applies = not r.conditional
        if c.mark is Mark.PENDING:
            c.mark = Mark.MISSING if r.name == missing else Mark.RECEIVED
        checks.append(c)
    return checks


def test_a_hall_morning_leaks_no_id_or_mobile_number(
    hall: Hall,
    db_url: str,
    clock: FakeClock,
    app_log: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen = Evidence()
    import hall_app.services.hall as hall_module
    from hall_app.cli import main as cli_main

    real_open = hall_module.open_hall
    monkeypatch.setattr(
        hall_module, "open_hall", lambda config, **kw: real_open(config, **(kw | {"clock": clock}))
    )
    monkeypatch.setenv("HALL_DB_URL", db_url)

    def cli(staff: str, *args: str) -> int:
        """A command in this process (the hall's clock): its stdout and stderr are kept."""
        monkeypatch.setenv("HALL_STAFF", staff)
        monkeypatch.setenv("HALL_PASSWORD", f"demo{staff}")
        capsys.readouterr()
        code = cli_main(list(args))
        out, err = capsys.readouterr()
        seen.add(f"stdout {' '.join(args[:2])}", out)
        seen.add(f"stderr {' '.join(args[:2])}", err)
        return code

    def process(staff: str, *args: str) -> subprocess.CompletedProcess[str]:
        """A command as its own process, as an operator runs it (the real clock)."""
        env = dict(os.environ, HALL_DB_URL=db_url, HALL_STAFF=staff, HALL_PASSWORD=f"demo{staff}")
        done = subprocess.run(
            [sys.executable, "-m", "hall_app", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        seen.add(f"process stdout {' '.join(args[:2])}", done.stdout)
        seen.add(f"process stderr {' '.join(args[:2])}", done.stderr)
        return done

    reception, supervisor, admin = login(hall, "2001"), login(hall, "3001"), login(hall, "9001")
    item = next(e.code for e in hall.catalog.entries() if e.kind == "item" and e.lane_code == "C")

    # ---- Wednesday 09:00: bookings for tomorrow, at the counter and from the platform file
    booked = hall.appointments.book(
        reception,
        name=ZHANG.name,
        id_number=ZHANG.id_number,
        phone=ZHANG.phone,
        code=item,
        day=THURSDAY,
        slot="09:00",
    )
    seen.pdf("booking slip", render_booking_slip(hall.bookings.slip(booked.code)))
    platform = tmp_path / "预约清单.csv"
    platform.write_text(
        "预约码,姓名,身份证号,手机号,事项编码,预约日期,时段\n"
        f"QH8K2M,{SUN.name},{SUN.id_number},{SUN.phone[:3]} {SUN.phone[3:7]} {SUN.phone[7:]},"
        f"{item},2026-11-26,09:30-10:00\n"
        f"BADROW,{ZHOU.name},{ZHOU.id_number},{ZHOU.id_number},{item},2026-11-26,09:30\n"  # ID as phone
        f"BADSLT,{ZHOU.name},{ZHOU.id_number},{ZHOU.phone},{item},2026-11-26,25:00\n",
        encoding="utf-8",
    )
    cli("9001", "appointments", "import", str(platform))
    cli("9001", "appointments", "import", str(platform), "--json")

    # ---- Thursday morning
    clock.now = dt.datetime.combine(THURSDAY, dt.time(9, 5), SHANGHAI)
    assert cli("2001", "appointments", "check-in", ZHANG.id_number, "--json") == 0
    assert cli("2001", "appointments", "check-in", ZHAO.id_number, "--json") == 1  # none booked
    assert cli("2001", "appointments", "check-in", ZHAO.phone) == 1
    cli("2001", "appointments", "list", "--json")
    seen.refused("check-in", lambda: hall.appointments.check_in(reception, f" {WANG.phone} "))

    # a walk-in at the food licence window: refused once for a missing material (a correction
    # notice), accepted after; the clerk's notes carry the numbers the citizen said aloud
    clerk = login(hall, "1026", 26)
    plan = hall.documents.plan(item_code=FOOD)
    missing = next(r.name for r in plan.requirements if not r.conditional)
    applicant = Applicant(
        LI.name, "居民身份证", LI.id_number, LI.phone, legal_rep=f"法人{WANG.name} {WANG.id_number}"
    )
    notice = hall.documents.issue_notice(clerk, plan, applicant, _checks(plan, missing))
    seen.pdf("correction notice A4", render_notice_a4(notice))
    seen.pdf("correction notice 80mm", render_notice_80mm(notice))
    ticket = hall.tickets.issue(reception, item_code=FOOD).ticket.number
    hall.tickets.call_next(clerk, 26)
    hall.tickets.start(clerk, 26)
    receipt = hall.documents.accept(clerk, plan, applicant, _checks(plan), ticket_number=ticket)
    seen.pdf("receipt", render_receipt_a4(receipt))
    hall.tickets.finish(clerk, 26)
    hall.followups.rate(clerk, ticket, 2, comment=f"态度不好，回电{LI.phone}，身份证{LI.id_number}")
    case_no = receipt.case_no
    hall.documents.pause(clerk, case_no, f"现场核查，联系人{LI.phone}", "专家评审")
    hall.documents.resume(clerk, case_no)
    hall.documents.extend(
        supervisor, case_no, 1, f"局长 {ZHAO.phone}", f"申请人{LI.id_number}申请延期"
    )
    seen.pdf(
        "extension notice",
        render_extension_a4(
            hall.documents.extend_legal(
                supervisor, case_no, "县市场监管局局长 王某", f"专家评审，申请人电话{LI.phone}"
            )
        ),
    )
    seen.pdf(
        "receipt reprint",
        render_receipt_a4(hall.documents.reprint_receipt(clerk, case_no, with_pauses=True)),
    )
    assert (
        hall.documents.reveal_id(supervisor, case_no, f"申请人{LI.phone}来电核对") == LI.id_number
    )
    seen.refused("reveal", lambda: hall.documents.reveal_id(clerk, case_no, "我想看看号码"))
    seen.refused(
        "applicant",
        lambda: Applicant(LI.name, "居民身份证", LI.id_number[:-1] + "0", LI.phone).validated(
            THURSDAY
        ),
    )
    cli("3001", "cases", "list", "--json")
    cli("3001", "cases", "list", "--all")

    # first inquiries and complaints, with numbers in the free text
    window_1 = login(hall, "1001", 1)
    asked = hall.followups.log_inquiry(
        window_1,
        InquiryInput(
            f"市民{ZHAO.name}（身份证{ZHAO.id_number}，电话{ZHAO.phone}）问社保卡补办",
            "现场",
            Outcome.FOLLOW_UP,
            visitor_name=ZHAO.name,
            visitor_phone=ZHAO.phone,
        ),
    )
    hall.followups.add_note(window_1, asked.number, f"已电话联系 {ZHAO.phone[:3]}-{ZHAO.phone[3:]}")
    hall.followups.close_inquiry(
        window_1, asked.number, f"已告知凭 {ZHAO.id_number} 到3号窗口办理，回电{ZHAO.phone}"
    )
    hall.followups.log_inquiry(
        window_1,
        InquiryInput(
            '=HYPERLINK("http://x","点我")', "电话", Outcome.ANSWERED, answer=f"回电 {WANG.phone}"
        ),
    )
    hall.followups.report_cannot_do(
        supervisor,
        f"市民{WANG.id_number}办不成营业执照",
        "系统不支持",
        "ordinary",
        citizen_name=WANG.name,
        citizen_phone=WANG.phone,
    )
    inquiries = tmp_path / "首问登记.csv"
    inquiries.write_text(
        hall.followups.export_inquiries(supervisor, hall.followups.inquiries()), encoding="utf-8"
    )
    report = tmp_path / "好差评报表.csv"
    follow = [
        [f.number, f.summary, f.reason, f.citizen, f.note] for f in hall.followups.followups()
    ]
    report.write_text(
        hall.followups.export_report(admin, [(["编号", "事由", "原因", "市民", "说明"], follow)]),
        encoding="utf-8",
    )
    seen.refused("export", lambda: hall.followups.export_inquiries(window_1, []))
    for path in (inquiries, report):
        seen.add(f"export {path.name}", path.read_text(encoding="utf-8"))

    # the supervisor lifts a no-show ban, from the command line, with the reason as said
    assert (
        cli(
            "3001",
            "appointments",
            "lift-ban",
            SUN.id_number,
            "--reason",
            f"市民{SUN.id_number}来电{SUN.phone}说明家中急事",
        )
        == 0
    )
    # the same commands as their own processes: nothing on the real console either
    assert process("2001", "appointments", "check-in", ZHAO.id_number, "--json").returncode == 1
    assert (
        process(
            "3001",
            "appointments",
            "lift-ban",
            ZHOU.id_number,
            "--reason",
            f"电话{ZHOU.phone}核实后解除",
        ).returncode
        == 0
    )
    assert process("3001", "cases", "list", "--all", "--json").returncode == 0
    assert process("2001", "appointments", "list", "2026-11-26", "--json").returncode == 0

    # a bug whose message quotes a row: the crash hook (no window) logs it and prints it
    from hall_app.ui import crash

    monkeypatch.setattr(crash.QApplication, "instance", staticmethod(lambda: None))
    try:
        raise RuntimeError(f"unexpected row ({LI.id_number}, {LI.phone})")
    except RuntimeError as error:
        capsys.readouterr()
        crash.excepthook(type(error), error, error.__traceback__)
        seen.add("stderr crash", capsys.readouterr().err)
    logging.getLogger("hall_app.test").warning("looked up %s / %s", ZHOU.id_number, ZHOU.phone)

    # ---- what the morning left behind
    for handler in logging.getLogger("hall_app").handlers:
        handler.flush()
    for log_file in sorted(paths.log_dir().glob("hall_app.log*")):
        seen.add(f"log {log_file.name}", log_file.read_text(encoding="utf-8"))
    with hall.ctx.db.read() as s:
        for row in s.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id)):
            seen.add(
                f"audit {row.action}",
                json.dumps(
                    {  # every column but the chain's hex hashes (a digit run there is no phone)
                        c.key: str(getattr(row, c.key))
                        for c in m.AuditEntry.__table__.columns
                        if not c.key.endswith("hash")
                    },
                    ensure_ascii=False,
                ),
            )
        stored = s.scalar(select(m.ServiceCase.id_number).where(m.ServiceCase.case_no == case_no))
        reason = s.scalar(select(m.BanLift.reason).where(m.BanLift.id_number == SUN.id_number))

    found = {where: leaks(text) for where, text in seen.texts.items() if leaks(text)}
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)

    # the search read real output: the numbers are stored in full, and shown masked
    assert stored == LI.id_number and reason is not None and SUN.phone in reason
    texts = seen.texts
    assert mask_id(LI.id_number) in texts["pdf receipt"].replace(" ", "")
    assert mask_id(ZHAO.id_number) in texts["export 首问登记.csv"]
    assert mask_phone(ZHAO.phone) in texts["export 首问登记.csv"]
    assert "'=HYPERLINK" in texts["export 首问登记.csv"]
    assert mask_id(ZHAO.id_number) in texts["stdout appointments check-in"]
    assert mask_id(ZHAO.id_number) in texts["process stdout appointments check-in"]
    assert mask_id(SUN.id_number) in texts["audit ban_lift"]
    assert mask_phone(LI.phone) in texts["audit reveal_id"]
    assert mask_id(LI.id_number) in texts["log hall_app.log"]
    assert mask_phone(ZHOU.phone) in texts["log hall_app.log"]
    assert {"audit export", "audit case_pause", "audit rating", "stderr crash"} <= set(texts)
    imported = texts["stdout appointments import"]
    assert mask_id(ZHOU.id_number) in imported and "25:00" in imported
