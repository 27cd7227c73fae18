"""Pure tests of reading the emergency plan file (fallback.parse_plan): the defaults, each
value as written, each limit at its edge, each mistake named."""

from __future__ import annotations

import pytest

from hall_app.domain.errors import InvalidInput
from hall_app.domain.fallback import DEFAULT_RESERVE, KitSizes, PlanStep, parse_plan

STEP = '[[steps]]\nid = "a"\nwho = "值班长"\nwhat = "宣布启用应急"\n'


def test_a_minimal_plan_takes_the_defaults() -> None:
    plan = parse_plan(STEP)
    assert plan.title == "应急预案"
    assert plan.steps == (PlanStep("a", "值班长", "宣布启用应急", 0),)
    assert plan.reserve == DEFAULT_RESERVE and plan.kit == KitSizes()
    assert (plan.probe_seconds, plan.grace_seconds) == (1.0, 2.0)


def test_every_value_as_written() -> None:
    plan = parse_plan(
        'title = "垫江县政务服务中心应急预案"\n'
        + STEP.replace('"宣布启用应急"\n', '"宣布启用应急"\nminutes = 5\n')
        + "[reserve]\nS = 500\nSW = 0\n"
        + "[kit]\ntickets = 500\ncases = 0\n"
        + "[detect]\nprobe_seconds = 3\ngrace_seconds = 7.5\n"
    )
    assert plan.title == "垫江县政务服务中心应急预案"
    assert plan.steps[0].minutes == 5
    assert plan.reserve == {**DEFAULT_RESERVE, "S": 500, "SW": 0}
    assert plan.kit == KitSizes(tickets=500, cases=0)
    assert (plan.probe_seconds, plan.grace_seconds) == (3.0, 7.5)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[reserve]\nS = 501\n", "[reserve] S 应为 0–500 的整数"),
        ("[reserve]\nS = -1\n", "[reserve] S 应为 0–500 的整数"),
        ('[reserve]\nS = "3"\n', "[reserve] S 应为 0–500 的整数"),
        ("[kit]\ntickets = 501\n", "[kit] tickets 应为 0–500 的整数"),
        ("[kit]\ntickets = -1\n", "[kit] tickets 应为 0–500 的整数"),
        ('[kit]\ntickets = "6"\n', "[kit] tickets 应为 0–500 的整数"),
    ],
)
def test_reserve_and_kit_limits(extra: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_plan(STEP + extra)


def test_step_mistakes() -> None:
    with pytest.raises(InvalidInput, match="步骤 a 的 minutes 应为非负整数"):
        parse_plan(STEP + "minutes = -1\n")
    with pytest.raises(InvalidInput, match="步骤 a 的 minutes 应为非负整数"):
        parse_plan(STEP + 'minutes = "5"\n')
    with pytest.raises(InvalidInput, match="没有任何步骤"):
        parse_plan('title = "x"\n')
    with pytest.raises(InvalidInput, match="第 1 个步骤格式错误"):
        parse_plan("steps = [1]\n")
    with pytest.raises(InvalidInput, match="预案A 第 1 个步骤缺少"):
        parse_plan('[[steps]]\nid = "a"\nwho = " "\nwhat = "y"\n', source="预案A")
