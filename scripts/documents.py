"""PNG pictures of the printed documents, for reading them as a citizen and a legal officer do.

    .venv/bin/python scripts/documents.py [docs/documents] [--v2-only]

A fresh demo hall (SQLite in a temporary folder, the demo catalog, a fake clock on Wednesday
25 November 2026) makes every document through the real services, as a clerk at window 1
would: a correction notice (with an agent, and a phone number typed into a note, which is
scrubbed), a bundle's notice, a refusal of a company on the remit ground, the return visit's
acceptance with a 容缺 material (delivery by post), a 即办件, the bundle's acceptance, the
legal extension of the licence on 7 December and the bundle's 容缺受理承诺书. The PDFs stay
in the temporary folder; the PNGs are made with pdftoppm at 110 dpi.

Catalog v2 (issue 18), at 80 dpi, on the shipped (v2) demo catalog: the 新生儿出生 correction
notice (father registered and the mother insured by her employer; then the mother alone,
resident insurance) and the 开办餐饮店 one (sells tobacco in a dine-in restaurant, a public
premises; then a takeaway-only shop without tobacco, through an agent) — ``notice-v2-*.png``;
and the window's 审查要点清单 (review checklist, printed from the material check) of the first
case of each — ``checklist-*.png``.

Reception's 办事指引 (guided intake) of 开办餐饮店一件事, at 100 dpi, from the shipped demo
catalog for two citizens: a dine-in restaurant that also sells cigarettes, on 80 mm and A4
(``guide-tobacco-*``), and a takeaway-only shop without, through an agent (``guide-plain-*``).
"""

from __future__ import annotations

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
from hall_app.domain import legal
from hall_app.domain.catalog import load_catalog, parse_catalog
from hall_app.domain.intake import Guide, HallFacts, Lane, build_guide
from hall_app.domain.intake_source import CatalogSource
from hall_app.domain.materials import Check, Mark
from hall_app.printing.checklist import render_checklist_a4
from hall_app.printing.commitment import render_commitment_a4
from hall_app.printing.extension import render_extension_a4
from hall_app.printing.guide import render_guide_80mm, render_guide_a4
from hall_app.printing.notice import render_notice_80mm, render_notice_a4
from hall_app.printing.receipt import render_receipt_a4
from hall_app.services.acceptance import AcceptanceChoices
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.context import FakeClock
from hall_app.services.documents import AgentInput, Applicant, Refusal
from hall_app.services.hall import Hall, open_hall
from hall_app.store import models as m

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
START = dt.datetime(2026, 11, 25, 9, 30, tzinfo=SHANGHAI)
FOOD = "11500231MB1918730K1000133006000"  # 食品经营许可 (行政许可)
NEWBORN = "YJS01"  # 新生儿出生一件事
AGENT = AgentInput("李建国", "居民身份证", "513101198201130014", "13512346789", "受委托人")
COMPANY = Applicant(
    "垫江县好味道餐饮有限公司",
    "统一社会信用代码",
    "91500231MA0G8XY3KG",
    "13912345678",
    legal_rep="王大海",
    agent=AGENT,
)
PERSON = Applicant("张晓梅", "居民身份证", "11010519491231002X", "13912345678", agent=AGENT)
PERSON_2 = Applicant("刘芳", "居民身份证", "440524188001010014", "13812345678", agent=AGENT)
PERSON_3 = Applicant("陈伟", "居民身份证", "34052419800101001X", "13712345678")


def checks(
    hall: Hall,
    plan: Any,
    missing: tuple[int, ...] = (),
    faulty: dict[int, tuple[str, str]] | None = None,
    *,
    defer: bool = False,
) -> list[Check]:
    """A finished check: everything received except ``missing`` / ``faulty`` (by position)
    and, with ``defer``, the 容缺后补 materials (they follow later, by a promised date)."""
    out = []
    for i, r in enumerate(plan.requirements):
        c = Check(r)
        if r.conditional:
            c.applies = False
        if c.mark is Mark.PENDING:
            c.mark = Mark.RECEIVED
        if i in missing and not r.shared and not r.conditional:
            c.mark = Mark.MISSING
        if defer and r.requirement == "容缺后补":
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


def documents(hall: Hall, clock: FakeClock) -> dict[str, tuple[Callable[[Any], bytes], Any]]:
    """Every document as the services make it at the window, on the demo catalog."""
    clerk = hall.auth.login("1001", "demo1001", 1)
    docs = hall.documents
    food = docs.plan(item_code=FOOD)
    bundle = docs.plan(bundle_code=NEWBORN)
    note = "身份证有效期至2026-10-31，已过期；联系电话 13912345678"  # the phone is scrubbed
    notice = docs.issue_notice(
        clerk, food, PERSON, checks(hall, food, missing=(1, 3), faulty={2: ("过期", note)})
    )
    bundle_notice = docs.issue_notice(clerk, bundle, PERSON_2, checks(hall, bundle, missing=(0, 4)))
    refused = docs.issue_notice(
        clerk,
        food,
        COMPANY,
        checks(hall, food),
        refusal=Refusal(
            legal.REMIT,
            office="重庆市梁平区市场监督管理局",
            note="经营场所位于重庆市梁平区，不属于本机关管辖",
        ),
    )
    # the return visit: the first notice's materials arrive and the application is accepted
    receipt = docs.accept(
        clerk,
        food,
        PERSON,
        checks(hall, food, defer=True),
        notice_serial=notice.serial,
        choices=AcceptanceChoices(
            delivery_method="邮寄",
            delivery_address="垫江县澄溪镇工业路18号 张晓梅收",
            commitment_signed=True,
        ),
    )
    instant_plan = docs.plan(item_code=instant_item(hall))
    instant = docs.accept(clerk, instant_plan, PERSON_3, checks(hall, instant_plan))
    bundled = docs.accept(
        clerk,
        bundle,
        PERSON_2,
        checks(hall, bundle, defer=True),
        notice_serial=bundle_notice.serial,
        choices=AcceptanceChoices(delivery_method="电子证照", commitment_signed=True),
    )
    clock.advance(days=12)  # Monday 7 December: the office needs an on-site inspection
    supervisor = hall.auth.login("3001", "demo3001", None)  # extending is the supervisor's
    extension = docs.extend_legal(
        supervisor,
        receipt.case_no,
        "赵国强（局长）",
        "需对经营场所进行现场核查，并征求县卫生健康局意见",
    )
    return {
        "notice-single": (render_notice_a4, notice),
        "slip-notice-80mm": (render_notice_80mm, notice),
        "notice-bundle": (render_notice_a4, bundle_notice),
        "refusal": (render_notice_a4, refused),
        "receipt-promised": (render_receipt_a4, receipt),
        "receipt-instant": (render_receipt_a4, instant),
        "receipt-bundle": (render_receipt_a4, bundled),
        "extension": (render_extension_a4, extension),
        "commitment": (render_commitment_a4, docs.commitment(bundled.case_no)),
    }


# ---------------------------------------------------------------- catalog v2 (issue 18)

NEWBORN_CASES = {  # 新生儿出生: every question the bundle and its items ask, answered
    "notice-v2-newborn-father-insured": {
        "father_registered": "yes", "mother_employee_insured": "yes", "newborn": "yes",
        "minor": "yes", "hukou_elsewhere": "no", "parents_married": "yes",
    },
    "notice-v2-newborn-mother-only": {
        "father_registered": "no", "mother_employee_insured": "no", "newborn": "yes",
        "minor": "yes", "hukou_elsewhere": "no", "parents_married": "no",
    },
}  # fmt: skip
CATERING_CASES = {  # 开办餐饮店
    "notice-v2-catering-tobacco-dine-in": {
        "public_premises": "yes", "sells_tobacco": "yes", "agent": "no", "catering": "yes",
        "large_sign": "no", "pledge": "no", "fire_systems": "yes",
    },
    "notice-v2-catering-takeaway-agent": {
        "public_premises": "no", "sells_tobacco": "no", "agent": "yes", "catering": "yes",
        "large_sign": "yes",
    },
}  # fmt: skip


def v2_checks(plan: Any, missing: tuple[str, ...]) -> list[Check]:
    """Everything received, except the rows whose name starts with one of ``missing``;
    a 待确认 row is taken as applying."""
    out = []
    for r in plan.requirements:
        c = Check(r)
        c.applies = True
        if c.mark is Mark.PENDING:
            c.mark = Mark.MISSING if r.name.startswith(missing) else Mark.RECEIVED
        out.append(c)
    return out


def v2_documents(
    hall: Hall, code: str, cases: dict[str, dict[str, str]], missing: tuple[str, ...]
) -> dict[str, tuple[Callable[[Any], bytes], Any]]:
    """Correction notices of a v2 bundle under different situation answers."""
    clerk = hall.auth.login("1001", "demo1001", 1)
    made = {}
    for person, (name, answers) in zip((PERSON, PERSON_2, PERSON_3), cases.items(), strict=False):
        plan = hall.documents.plan(bundle_code=code, answers=answers)
        notice = hall.documents.issue_notice(clerk, plan, person, v2_checks(plan, missing))
        made[name] = (render_notice_a4, notice)
    return made


def checklists(hall: Hall) -> dict[str, tuple[Callable[[Any], bytes], Any]]:
    """The review checklists of the first newborn and the first restaurant case."""
    made = {}
    for cases, code in ((NEWBORN_CASES, NEWBORN), (CATERING_CASES, "YJS05")):
        name, answers = next(iter(cases.items()))
        plan = hall.documents.plan(bundle_code=code, answers=answers)
        made[name.replace("notice-v2-", "checklist-")] = (
            render_checklist_a4,
            hall.documents.review_sheet(plan),
        )
    return made


def _v2_hall(folder: Path, name: str, catalog: Path) -> Hall:
    url = f"sqlite:///{folder / f'{name}.sqlite3'}"
    clock = FakeClock(START.astimezone(dt.UTC))
    hall = open_hall(Config(db_url=url, terminal="documents"), upgrade=True, clock=clock)
    hall.catalog.import_file(bootstrap_actor(), catalog)
    return hall


def v2_made(folder: Path) -> dict[str, tuple[Callable[[Any], bytes], Any]]:
    """The v2 notices of the shipped demo catalog: 新生儿出生 and 开办餐饮店, two cases each."""
    made = {}
    hall = _v2_hall(folder, "demo-v2", paths.demo_catalog())
    try:
        made.update(v2_documents(hall, NEWBORN, NEWBORN_CASES, ("居民身份证", "居民户口簿")))
        made.update(v2_documents(hall, "YJS05", CATERING_CASES, ("居民身份证", "烟草", "公众聚集")))
        made.update(checklists(hall))
    finally:
        hall.close()
    return made


def render(
    out: Path, folder: Path, made: dict[str, tuple[Callable[[Any], bytes], Any]], dpi: int
) -> None:
    for name, (make, data) in made.items():
        pdf = folder / f"{name}.pdf"
        pdf.write_bytes(make(data))
        for old in [*out.glob(f"{name}-*.png"), *out.glob(f"{name}.png")]:
            old.unlink()
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / name)], check=True)
        pages = sorted(out.glob(f"{name}-*.png"))
        if len(pages) == 1:
            pages = [pages[0].rename(out / f"{name}.png")]
        print(name, "→", ", ".join(page.name for page in pages))


V1_DEMO = Path(__file__).resolve().parent.parent / "tests" / "data" / "catalog_v1_dianjiang.yaml"
RESTAURANT = "YJS05"  # 开办餐饮店一件事
WITH_TOBACCO = {  # a dine-in restaurant that sells cigarettes, the owner in person
    "public_premises": "yes", "sells_tobacco": "yes", "agent": "no", "catering": "yes",
    "large_sign": "no", "pledge": "no", "fire_systems": "no",
}  # fmt: skip
WITHOUT_TOBACCO = {  # a takeaway-only shop without cigarettes, through an agent
    "public_premises": "no", "sells_tobacco": "no", "agent": "yes", "catering": "yes",
    "large_sign": "no", "pledge": "no", "fire_systems": "no",
}  # fmt: skip


def guide(answers: dict[str, str]) -> Guide:
    """The restaurant's 办事指引 under ``answers``, as reception's dialog builds it."""
    catalog = parse_catalog(load_catalog(paths.demo_catalog()))  # the shipped v2 demo
    source = CatalogSource(catalog)
    bundle = next(b for b in catalog.bundles if b.code == RESTAURANT)
    lane = next(c for c in catalog.categories if c.code == bundle.category)
    h = catalog.hall
    return build_guide(
        kind="bundle",
        code=RESTAURANT,
        subject=bundle.name,
        result=source.resolve(RESTAURANT, answers),
        answers=answers,
        situations=catalog.situations,
        lane=Lane(lane.code, lane.name, source.windows(lane.code)),
        hall=HallFacts(h.name, h.phone, h.opening_hours, h.address),
        made_on=START.date(),
    )


def guides() -> dict[str, tuple[Callable[[Any], bytes], Any]]:
    tobacco, plain = guide(WITH_TOBACCO), guide(WITHOUT_TOBACCO)
    return {
        "guide-tobacco-80mm": (render_guide_80mm, tobacco),
        "guide-tobacco-a4": (render_guide_a4, tobacco),
        "guide-plain-80mm": (render_guide_80mm, plain),
        "guide-plain-a4": (render_guide_a4, plain),
    }


def main(out: Path, *, v2_only: bool = False) -> int:
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="hall-docs-"))
    try:
        render(out, folder, guides(), 100)  # no database needed
        render(out, folder, v2_made(folder), 80)
        if v2_only:
            return 0
        url = f"sqlite:///{folder / 'hall.sqlite3'}"
        clock = FakeClock(START.astimezone(dt.UTC))
        hall = open_hall(Config(db_url=url, terminal="documents"), upgrade=True, clock=clock)
        try:
            # the 垫江县 hall's per-item lists as before format v2: these documents pin the
            # window's v1 path (the v2 notices are made above from the shipped catalog)
            hall.catalog.import_file(bootstrap_actor(), V1_DEMO)
            made = documents(hall, clock)
        finally:
            hall.close()
        render(out, folder, made, 110)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--v2-only"]
    sys.exit(main(Path(args[0] if args else "docs/documents"), v2_only="--v2-only" in sys.argv))
