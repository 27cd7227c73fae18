"""Pure tests of the one-correction rule (corrections) and the incident console rules."""

from __future__ import annotations

import pytest

from hall_app.domain.corrections import (
    FurtherRequest,
    application_key,
    check_approver,
    check_further_materials,
    check_new_correction,
    check_relation,
    choose_ground,
    normalise_id,
)
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.fallback import EmergencyPlan, KitSizes, Ledger, PlanStep
from hall_app.domain.incident_rules import (
    BALANCED,
    NO_KIT,
    OUTSTANDING,
    ledger_state,
    skipped_steps,
    unticked,
)
from hall_app.domain.legal import RefusalGround, refusal_grounds
from hall_app.domain.roles import Permission


def message(exc: pytest.ExceptionInfo[InvalidInput] | pytest.ExceptionInfo[NotAllowed]) -> str:
    return exc.value.message


def test_application_key() -> None:
    assert normalise_id(" 1101-05 x ") == "110105X"
    assert normalise_id("") == ""
    assert application_key("11010519491231002x", "张三", " a01 ") == ("11010519491231002X", "A01")
    assert application_key("", " 张 三 ", "") == ("name:张三", "")
    assert application_key(" - ", "李四", "b") == ("name:李四", "B")
    assert application_key("", "", "b") == ("name:", "B")  # neither: the bare name key


def test_check_new_correction() -> None:
    check_new_correction([], None)
    with pytest.raises(NotAllowed) as exc:
        check_new_correction(["BZ001", "BZ002"], None)
    assert message(exc) == (
        "该申请人此事项已有未办结的一次性告知单 BZ001：请调出原告知单核验补正材料；"
        "确需再次告知的（申请人更改或新提交的材料），须说明理由并经值班长批准"
    )
    with pytest.raises(InvalidInput) as exc2:
        check_new_correction([], FurtherRequest("BZ001", "换了材料"))
    assert message(exc2) == "该申请没有未办结的一次性告知单，无需再次告知：请直接开具告知单"
    with pytest.raises(InvalidInput) as exc3:
        check_new_correction(["BZ001"], FurtherRequest("BZ001", "  "))
    assert message(exc3) == "再次告知须写明理由（申请人更改或新提交了哪些材料）"
    check_new_correction(iter(["BZ001"]), FurtherRequest("BZ001", "换了材料"))


def test_check_further_materials() -> None:
    check_further_materials(["甲"], ["甲", "乙"], ["乙"])
    check_further_materials([], [], [])
    with pytest.raises(NotAllowed) as exc:
        check_further_materials(["甲"], ["丙", "甲", "丁"], ["乙"])
    assert message(exc) == "以下材料首次告知时未列明，且申请人未更改，不得再次要求补正：丙、丁"


def test_check_approver() -> None:
    check_approver({Permission.APPROVE_SECOND_NOTICE})
    with pytest.raises(NotAllowed) as exc:
        check_approver(set())
    assert message(exc) == "再次告知须经值班长批准：请值班长输入工号和密码"
    with pytest.raises(NotAllowed) as exc2:
        check_approver([], "撤回")
    assert message(exc2) == "撤回须经值班长批准：请值班长输入工号和密码"


def test_choose_ground() -> None:
    grounds = refusal_grounds("行政许可")
    remit, not_licence = grounds
    assert choose_ground(grounds, " remit ", " 县市场监管局 ") == (remit, "县市场监管局")
    assert choose_ground(grounds, "not_licence", "某局") == (not_licence, "")
    with pytest.raises(InvalidInput) as exc:
        choose_ground(grounds, "remit", " ")
    assert message(exc) == (
        "申请事项不属于本机关职权范围的，须告知申请人向有关行政机关申请：请填写有权机关"
    )
    with pytest.raises(InvalidInput) as exc2:
        choose_ground(grounds, "其他", "")
    assert message(exc2) == (
        "不予受理只能依据法定事由：申请事项依法不属于本机关职权范围；申请事项依法不需要取得行政许可"
    )
    with pytest.raises(NotAllowed) as exc3:
        choose_ground([], "remit", "局")
    assert message(exc3) == "该事项没有可适用的不予受理法定事由"
    own = RefusalGround("法定情形", "法定情形")
    assert choose_ground([own], "法定情形", "") == (own, "")


def test_check_relation() -> None:
    assert check_relation(" 配偶 ") == "配偶"
    with pytest.raises(InvalidInput) as exc:
        check_relation("朋友")
    assert message(exc) == (
        "代理关系「朋友」无效：受委托人/配偶/父母/子女/其他近亲属/法定代理人/单位经办人"
    )


PLAN = EmergencyPlan(
    title="预案",
    steps=(
        PlanStep("S1", "值班长", "宣布启用应急手工模式并通知各窗口"),
        PlanStep("S2", "导办", "发放手工号"),
        PlanStep("S3", "技术", "排查故障"),
    ),
    reserve={},
    kit=KitSizes(),
)


def test_ledger_state() -> None:
    assert ledger_state(Ledger((), ()), kit_printed=False) == NO_KIT == "no_kit"
    assert ledger_state(Ledger((), ("S001",)), kit_printed=False) == NO_KIT
    assert ledger_state(Ledger((), ()), kit_printed=True) == BALANCED == "balanced"
    assert ledger_state(Ledger((), ("S001",)), kit_printed=True) == OUTSTANDING == "outstanding"


def test_unticked_and_skipped_steps() -> None:
    assert [s.id for s in unticked(PLAN, ["S2"])] == ["S1", "S3"]
    assert skipped_steps(PLAN, ["S1", "S2", "S3"], {"S2": "x"}) == {}
    assert skipped_steps(PLAN, ["S2"], {"S3": " 已恢复 ", "S1": "口头通知"}) == {
        "S1": "口头通知",
        "S3": "已恢复",
    }
    with pytest.raises(InvalidInput) as exc:
        skipped_steps(PLAN, [], {"S9": "x", "S0": "y", "S1": "z"})
    assert message(exc) == "应急预案中没有步骤 S0、S9"
    with pytest.raises(InvalidInput) as exc2:
        skipped_steps(PLAN, ["S2"], {"S3": " "})
    assert message(exc2) == (
        "还有 2 个预案步骤未勾选，请逐项写明未做的原因："
        "S1（宣布启用应急手工模式并通知各窗口）；S3（排查故障）"
    )
    long = EmergencyPlan("p", (PlanStep("L", "w", "一" * 17),), {}, KitSizes())
    with pytest.raises(InvalidInput) as exc3:
        skipped_steps(long, [], {})
    assert message(exc3).endswith(f"L（{'一' * 16}…）")
    exact = EmergencyPlan("p", (PlanStep("L", "w", "一" * 16),), {}, KitSizes())
    with pytest.raises(InvalidInput) as exc4:
        skipped_steps(exact, [], {})
    assert message(exc4).endswith(f"L（{'一' * 16}）")
