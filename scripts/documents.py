"""PNG pictures of the printed documents, for reading them as a citizen and a legal officer do.

    .venv/bin/python scripts/documents.py [docs/documents]

A fresh demo hall (SQLite in a temporary folder, the demo catalog, a fake clock on Wednesday
25 November 2026) makes each document through the real services where they give one: the
correction notices, the refusal, the receipts, the extension. Where a service does not give a
field or a document yet, the script fills it with an example (``fill``: only fields the
service left empty), so the picture shows every block the paper has. The PDFs stay in the
temporary folder; the PNGs are made with pdftoppm at 110 dpi.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import select

from hall_app import paths
from hall_app.config import Config
from hall_app.domain.legal import ART42_EXTENSION
from hall_app.domain.materials import Check, Mark
from hall_app.printing.commitment import render_commitment_a4
from hall_app.printing.documents import (
    REFUSAL,
    Agent,
    CommitmentData,
    ExtensionNoticeData,
    NoticeData,
    ReceiptItem,
)
from hall_app.printing.extension import render_extension_a4
from hall_app.printing.notice import render_notice_80mm, render_notice_a4
from hall_app.printing.receipt import render_receipt_a4
from hall_app.services.context import FakeClock
from hall_app.services.documents import Applicant
from hall_app.services.hall import Hall, open_hall
from hall_app.store import models as m

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
START = dt.datetime(2026, 11, 25, 9, 30, tzinfo=SHANGHAI)
FOOD = "11130534MB1A0853X91000133006000"  # 食品经营许可 (行政许可)
NEWBORN = "YJS01"  # 新生儿出生一件事
PERSON = Applicant("张晓梅", "居民身份证", "11010519491231002X", "13912345678")
COMPANY = Applicant(
    "清河县好味道餐饮有限公司", "统一社会信用代码", "91130534MA0G8XYZ3K", "13912345678"
)
AGENT = Agent("李建国", "居民身份证", "130534********1234", "135****6789", "受委托人")


def fill(data: Any, **examples: Any) -> Any:
    """``data`` with each example set where the service left the field at its default."""
    defaults = {f.name: f.default for f in dataclasses.fields(data)}
    keep = {
        k: v for k, v in examples.items() if getattr(data, k) in (defaults.get(k), "", None, ())
    }
    return dataclasses.replace(data, **keep)


def checks(
    hall: Hall,
    plan: Any,
    missing: tuple[int, ...] = (),
    faulty: dict[int, tuple[str, str]] | None = None,
) -> list[Check]:
    out = []
    for i, r in enumerate(plan.requirements):
        c = Check(r)
        if r.conditional:
            c.applies = False
        if c.mark is Mark.PENDING:
            c.mark = Mark.RECEIVED
        if i in missing and not r.shared and not r.conditional:
            c.mark = Mark.MISSING
        if faulty and i in faulty and not r.shared and not r.conditional:
            c.mark, (c.problem, c.note) = Mark.FAULTY, faulty[i]
        out.append(c)
    return out


def instant_item(hall: Hall) -> str:
    with hall.ctx.db.read() as s:
        return (
            s.scalar(
                select(m.ServiceItem.code)
                .where(m.ServiceItem.promised_limit_days == 0)
                .order_by(m.ServiceItem.id)
            )
            or FOOD
        )


def attempt(make: Callable[[], Any], fallback: Callable[[], Any]) -> Any:
    """The service's document; the script's own when the service cannot give it yet."""
    try:
        made = make()
    except Exception as error:  # the services change; the picture is still wanted
        print(f"  service: {type(error).__name__}: {error}; using the script's data")
        return fallback()
    return made if made is not None else fallback()


def documents(hall: Hall) -> dict[str, tuple[Callable[[Any], bytes], Any]]:
    clerk = hall.auth.login("1001", "demo1001", 1)
    food = hall.documents.plan(item_code=FOOD)
    notice = hall.documents.issue_notice(
        clerk,
        food,
        PERSON,
        checks(
            hall,
            food,
            missing=(1, 3),
            faulty={2: ("过期", "身份证有效期至2026-10-31，已过期；联系电话 13912345678")},
        ),
    )
    notice = fill(
        notice,
        agent=AGENT,
        correction_terms=(
            "请自收到本通知之日起30日内补正；逾期未补正的，视为放弃本次申请，申请材料退还，"
            "可重新申请。"
        ),
    )
    bundle = hall.documents.plan(bundle_code=NEWBORN)
    bundle_notice = hall.documents.issue_notice(
        clerk, bundle, PERSON, checks(hall, bundle, missing=(0, 4))
    )

    def refusal() -> NoticeData:
        return hall.documents.issue_notice(
            clerk,
            food,
            COMPANY,
            checks(hall, food),
            refusal=(
                "经营场所位于邢台经济开发区，不属于本机关管辖",
                "《中华人民共和国行政许可法》第三十二条第一款第（二）项",
                "邢台经济开发区行政审批局",
            ),
        )

    refused = attempt(
        refusal,
        lambda: dataclasses.replace(
            notice,
            kind=REFUSAL,
            serial=notice.serial.replace("BZ-", "BY-", 1),
            to_correct=(),
            agent=None,
            refusal_reason="经营场所位于邢台经济开发区，不属于本机关管辖",
            right_office="邢台经济开发区行政审批局",
        ),
    )
    refused = fill(
        refused,
        legal_rep="王大海",
        agent=AGENT,
        refusal_ground="申请事项依法不属于本机关职权范围",
        reconsideration_body="清河县人民政府",
        court="清河县人民法院",
    )
    receipt = hall.documents.accept(clerk, food, COMPANY, checks(hall, food))
    receipt = fill(
        receipt,
        legal_days=20,
        legal_due_date=dt.date(2026, 12, 23),
        delivery_method="邮寄",
        delivery_address="清河县葛仙庄镇工业路18号 王大海收",
        legal_rep="王大海",
        agent=AGENT,
    )
    instant_plan = hall.documents.plan(item_code=instant_item(hall))
    instant = hall.documents.accept(clerk, instant_plan, PERSON, checks(hall, instant_plan))
    instant = fill(instant, instant=instant_plan.promised_days == 0, delivery_method="窗口领取")
    bundled = hall.documents.accept(clerk, bundle, PERSON, checks(hall, bundle))
    accepted_on = bundled.accepted_at.date()
    items = tuple(
        ReceiptItem(
            i.name,
            i.department,
            i.promised_days,
            i.promised_unit,
            bundled.due_date if i.promised_days else accepted_on,
        )
        for i in bundle.items
    )
    bundled = fill(bundled, items=items, delivery_method="电子证照")
    if not bundled.deferred:  # 容缺: the last material comes later, by a promised date
        later = dataclasses.replace(
            bundled.received[-1], due_on=dt.date(2026, 12, 2), where="用人单位财务部门"
        )
        bundled = dataclasses.replace(bundled, received=bundled.received[:-1], deferred=(later,))

    def extension() -> ExtensionNoticeData | None:
        made = hall.documents.extend(clerk, receipt.case_no, 10, "赵局长", "需现场核查经营场所")
        return made if isinstance(made, ExtensionNoticeData) else None

    ext = attempt(
        extension,
        lambda: ExtensionNoticeData(
            case_no=receipt.case_no,
            hall_name=receipt.hall_name,
            hall_phone=receipt.hall_phone,
            complaint_phone=receipt.complaint_phone,
            department=receipt.department,
            applicant_name=receipt.applicant_name,
            id_type=receipt.id_type,
            id_number_masked=receipt.id_number_masked,
            subject=receipt.subject,
            subject_code=receipt.subject_code,
            accepted_at=receipt.accepted_at,
            old_due_date=receipt.legal_due_date or receipt.due_date,
            new_due_date=dt.date(2027, 1, 7),
            days=10,
            unit="工作日",
            approver="赵国强（局长）",
            reason="需对经营场所进行现场核查，并征求县卫生健康局意见",
            legal_basis=ART42_EXTENSION,
            issued_on=dt.date(2026, 12, 18),
            clerk_name=receipt.clerk_name,
            clerk_no=receipt.clerk_no,
            window_number=receipt.window_number,
        ),
    )
    commitment = CommitmentData(
        case_no=bundled.case_no,
        hall_name=bundled.hall_name,
        hall_phone=bundled.hall_phone,
        department=bundled.department,
        applicant_name=bundled.applicant_name,
        id_type=bundled.id_type,
        id_number_masked=bundled.id_number_masked,
        phone_masked=bundled.phone_masked,
        subject=bundled.subject,
        subject_code=bundled.subject_code,
        accepted_at=bundled.accepted_at,
        materials=bundled.deferred,
        clerk_name=bundled.clerk_name,
        clerk_no=bundled.clerk_no,
        window_number=bundled.window_number,
        agent=AGENT,
    )
    return {
        "notice-single": (render_notice_a4, notice),
        "slip-notice-80mm": (render_notice_80mm, notice),
        "notice-bundle": (render_notice_a4, bundle_notice),
        "refusal": (render_notice_a4, refused),
        "receipt-promised": (render_receipt_a4, receipt),
        "receipt-instant": (render_receipt_a4, instant),
        "receipt-bundle": (render_receipt_a4, bundled),
        "extension": (render_extension_a4, ext),
        "commitment": (render_commitment_a4, commitment),
    }


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="hall-docs-"))
    try:
        url = f"sqlite:///{folder / 'hall.sqlite3'}"
        hall = open_hall(
            Config(db_url=url, terminal="documents"),
            upgrade=True,
            clock=FakeClock(START.astimezone(dt.UTC)),
        )
        try:
            hall.catalog.import_file(None, paths.demo_catalog())
            made = documents(hall)
        finally:
            hall.close()
        for name, (render, data) in made.items():
            pdf = folder / f"{name}.pdf"
            pdf.write_bytes(render(data))
            for old in out.glob(f"{name}-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-r", "110", "-png", str(pdf), str(out / name)], check=True)
            pages = sorted(out.glob(f"{name}-*.png"))
            if len(pages) == 1:
                pages = [pages[0].rename(out / f"{name}.png")]
            print(name, "→", ", ".join(page.name for page in pages))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/documents")))
