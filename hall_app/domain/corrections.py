"""One correction per application (一次性告知).

An application is one applicant (the ID number, normalised; the name when no number was
given) and one item or bundle. While a correction notice of that application is open
(neither accepted nor withdrawn), no second, unlinked notice may be issued: the clerk opens
the first notice and ticks what came back. A further notice is allowed only for a material the
applicant changed or newly submitted, with the reason recorded and a supervisor's approval;
it links to the first notice and is printed with the first notice's serial.

Incomplete materials are never a refusal ground (行政许可法 第三十二条 and the item laws): they
lead to the one correction notice; refusal grounds come from ``legal.refusal_grounds``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.legal import AGENT_RELATIONS, RefusalGround
from hall_app.domain.roles import Permission


def normalise_id(id_number: str) -> str:
    """The number as stored and compared: no spaces or dashes, upper case."""
    return re.sub(r"[\s\-]", "", id_number or "").upper()


def application_key(id_number: str, name: str, subject_code: str) -> tuple[str, str]:
    """Who applies for what: the normalised ID number (or the name without one) and the
    item or bundle code."""
    who = normalise_id(id_number) or "name:" + re.sub(r"\s", "", name or "")
    return who, (subject_code or "").strip().upper()


@dataclass(frozen=True)
class FurtherRequest:
    """Asking for a further correction notice of an application that has an open one."""

    first_serial: str  # the application's first notice
    reason: str  # why: what the applicant changed or newly submitted
    changed: tuple[str, ...] = ()  # materials the applicant changed of their own accord
    approver_no: str = ""  # the supervisor's staff number
    approver_password: str = ""


def check_new_correction(open_serials: Iterable[str], further: FurtherRequest | None) -> None:
    """A correction notice needs no open one of the same application, or a further request
    that names it."""
    serials = list(open_serials)
    if serials and further is None:
        raise NotAllowed(
            f"该申请人此事项已有未办结的一次性告知单 {serials[0]}：请调出原告知单核验补正材料；"
            "确需再次告知的（申请人更改或新提交的材料），须说明理由并经值班长批准"
        )
    if further is None:
        return
    if not serials:
        raise InvalidInput("该申请没有未办结的一次性告知单，无需再次告知：请直接开具告知单")
    if not further.reason.strip():
        raise InvalidInput("再次告知须写明理由（申请人更改或新提交了哪些材料）")


def check_further_materials(
    first_to_correct: Iterable[str], to_correct: Iterable[str], changed: Iterable[str]
) -> None:
    """A further notice may name only materials the applicant newly submitted (those the first
    notice asked for) or changed; anything else should have been on the first notice."""
    allowed = set(first_to_correct) | set(changed)
    late = [name for name in to_correct if name not in allowed]
    if late:
        raise NotAllowed(
            f"以下材料首次告知时未列明，且申请人未更改，不得再次要求补正：{'、'.join(late)}"
        )


def check_approver(permissions: Collection[Permission], what: str = "再次告知") -> None:
    """The approver of a further notice (or a withdrawal) holds ``APPROVE_SECOND_NOTICE``."""
    if Permission.APPROVE_SECOND_NOTICE not in permissions:
        raise NotAllowed(f"{what}须经值班长批准：请值班长输入工号和密码")


def choose_ground(
    grounds: Iterable[RefusalGround], code: str, office: str
) -> tuple[RefusalGround, str]:
    """The ground the clerk picked from the closed list, and the competent office when the
    ground needs one. Free text is never a ground."""
    by_code = {g.code: g for g in grounds}
    if not by_code:
        raise NotAllowed("该事项没有可适用的不予受理法定事由")
    ground = by_code.get(code.strip())
    if ground is None:
        raise InvalidInput(
            "不予受理只能依据法定事由：" + "；".join(g.text for g in by_code.values())
        )
    office = office.strip()
    if ground.needs_office and not office:
        raise InvalidInput(
            "申请事项不属于本机关职权范围的，须告知申请人向有关行政机关申请：请填写有权机关"
        )
    return ground, office if ground.needs_office else ""


def check_relation(relation: str) -> str:
    relation = relation.strip()
    if relation not in AGENT_RELATIONS:
        raise InvalidInput(f"代理关系「{relation}」无效：{'/'.join(AGENT_RELATIONS)}")
    return relation
