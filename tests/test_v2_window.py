"""The window's material check and the correction notice on catalog v2 data (issue 18): the
resolved list (one row per material and role, 内部流转 never asked, 待确认 asked), the answers
stored with the notice, and the notice's PDF text (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from hall_app import paths
from hall_app.domain.materials import Check, Mark
from hall_app.printing.notice import render_notice_a4
from hall_app.services.catalog import bootstrap_actor
from hall_app.services.context import Actor
from hall_app.services.documents import Applicant, MaterialPlan
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login

CATERING = Path(__file__).parent / "data" / "catalog_v2_catering.yaml"
APPLICANT = Applicant("张晓梅", "居民身份证", "11010519491231002X", "13912345678")
TOBACCO, FIRE = "烟草专卖零售许可证申请表", "消防安全检查申报表"


def import_demo_v2(hall: Hall, folder: Path) -> None:
    """The shipped demo catalog (v2 since issue 18), imported again."""
    hall.catalog.import_file(bootstrap_actor(), paths.demo_catalog())


def checks_of(plan: MaterialPlan, missing: str = "") -> list[Check]:
    """Everything received (a 待确认 row: applies), except the rows starting with ``missing``."""
    checks = []
    for r in plan.requirements:
        c = Check(r)
        c.applies = True
        if c.mark is Mark.PENDING:
            c.mark = Mark.MISSING if missing and r.name.startswith(missing) else Mark.RECEIVED
        checks.append(c)
    return checks


def text_of(pdf: bytes) -> str:
    return "".join("".join(pg.extract_text().split()) for pg in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def clerk(hall: Hall) -> Actor:
    return login(hall, "1001", 1)


def test_newborn_bundle_issues_its_own_birth_certificate(hall: Hall, tmp_path: Path) -> None:
    import_demo_v2(hall, tmp_path)
    resolved = hall.requirements.resolve("YJS01")
    assert resolved is not None
    needs = resolved.result.needs
    keys = Counter((n.material, n.role) for n in needs)
    assert max(keys.values()) == 1  # no (material, role) twice
    (birth,) = [n for n in needs if n.name.endswith("出生医学证明")]
    assert birth.internal_from == "出生医学证明签发" and not birth.asked
    plan = hall.documents.plan(bundle_code="YJS01")
    names = Counter(r.name for r in plan.requirements)
    assert max(names.values()) == 1
    (row,) = [r for r in plan.requirements if "出生医学证明（" in r.name]
    assert row.internal and row.shared and "内部流转：由「出生医学证明签发」出具" in row.standard
    assert Check(row).mark is Mark.RECEIVED  # never missing


@pytest.mark.parametrize(
    ("answers", "tobacco", "fire"),
    [
        ({"tobacco": "no", "premises": "no"}, False, False),
        ({"tobacco": "yes", "premises": "yes"}, True, True),
        ({"tobacco": "yes", "premises": "no"}, True, False),
    ],
)
def test_catering_asks_for_what_its_situation_needs(
    hall: Hall, answers: dict[str, str], tobacco: bool, fire: bool
) -> None:
    hall.catalog.import_file(bootstrap_actor(), CATERING)
    plan = hall.documents.plan(bundle_code="YJS05", answers=answers)
    names = [r.name for r in plan.requirements]
    assert any(TOBACCO in n for n in names) is tobacco
    assert any(FIRE in n for n in names) is fire
    assert any("烟草" in i.name for i in plan.items) is tobacco
    assert len(names) == len(set(names))
    assert dict(plan.answers) == answers
    assert [q.id for q in plan.questions][:2] == ["tobacco", "premises"]
    licence = [r for r in plan.requirements if r.name.startswith("营业执照")]
    assert licence and all(r.internal for r in licence)  # issued by the first item


def test_unanswered_catering_questions_are_asked(hall: Hall) -> None:
    hall.catalog.import_file(bootstrap_actor(), CATERING)
    plan = hall.documents.plan(bundle_code="YJS05")
    (row,) = [r for r in plan.requirements if TOBACCO in r.name]
    assert row.situation == "待确认：是否经营卷烟、雪茄烟零售？"
    assert Check(row).applies is None  # the clerk confirms it


@pytest.mark.parametrize("sells", ["yes", "no"])
def test_catering_notice_lists_each_missing_material_once(
    hall: Hall, clerk: Actor, sells: str
) -> None:
    hall.catalog.import_file(bootstrap_actor(), CATERING)
    answers = {"tobacco": sells, "premises": "no"}
    plan = hall.documents.plan(bundle_code="YJS05", answers=answers)
    data = hall.documents.issue_notice(clerk, plan, APPLICANT, checks_of(plan, "居民身份证"))
    assert [x.name for x in data.to_correct] == ["居民身份证（申请人）"]
    text = text_of(render_notice_a4(data))
    assert len(re.findall(r"(?<!负责人)居民身份证（申请人）", text)) == 1
    assert (TOBACCO in text) is (sells == "yes")
    assert FIRE not in text
    assert "以下材料由本一件事内部流转，无需申请人提交：营业执照（申请人）" in text
    assert "审查要点" not in data.to_correct[0].standard or "审查要点" in text
    with hall.db.read() as s:
        notice = s.scalar(select(m.Notice).where(m.Notice.serial == data.serial))
        assert notice is not None and json.loads(notice.answers) == answers


def test_newborn_notice_never_asks_for_the_birth_certificate(
    hall: Hall, clerk: Actor, tmp_path: Path
) -> None:
    import_demo_v2(hall, tmp_path)
    plan = hall.documents.plan(bundle_code="YJS01")
    data = hall.documents.issue_notice(clerk, plan, APPLICANT, checks_of(plan, "居民身份证"))
    missing = [x.name for x in data.to_correct]
    assert len(missing) == len(set(missing)) and missing
    assert all("出生医学证明（" not in x for x in missing)
    assert [x.name for x in data.internal] == [
        "出生医学证明信息（新生儿）",
        "出生医学证明（新生儿）",
    ]
    text = text_of(render_notice_a4(data))
    assert "出生医学证明（新生儿）（内部流转：由「出生医学证明签发」出具）" in text


def test_the_notice_found_again_keeps_its_answers(hall: Hall, clerk: Actor) -> None:
    hall.catalog.import_file(bootstrap_actor(), CATERING)
    answers = {"tobacco": "yes", "premises": "yes"}
    plan = hall.documents.plan(bundle_code="YJS05", answers=answers)
    data = hall.documents.issue_notice(clerk, plan, APPLICANT, checks_of(plan, "居民身份证"))
    record = hall.documents.find_notice(data.serial)
    assert dict(record.answers) == answers
