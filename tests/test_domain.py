"""Pure rules: ID numbers, masking, the ticket state machine, triage, search."""

from __future__ import annotations

import datetime as dt

import pytest

from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.idnumber import check_char, parse_id_number
from hall_app.domain.masking import mask_id, mask_name, mask_phone, normalize_phone
from hall_app.domain.roles import Permission, Role, allowed, require
from hall_app.domain.search import matches
from hall_app.domain.tickets import (
    Action,
    Priority,
    TicketFacts,
    TicketState,
    format_number,
    next_state,
)
from hall_app.domain.triage import LaneRef, place

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    "number",
    ["11010519491231002X", "440524188001010014", "34052419800101001X", "513101198201130014"],
)
def test_valid_id_numbers_from_the_standard(number: str) -> None:
    assert parse_id_number(number, TODAY).number == number


def test_id_number_birth_date_sex_and_age() -> None:
    parsed = parse_id_number("11010519491231002X", TODAY)
    assert parsed.birth_date == dt.date(1949, 12, 31)
    assert parsed.male is False  # sequence 002 is even
    assert parsed.age_on(TODAY) == 76
    assert parse_id_number("440524188001010014", TODAY).male is True  # sequence 001 is odd
    assert parse_id_number(" 110105 19491231 002x ", TODAY).number == "11010519491231002X"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("11010519491231002٣", "阿拉伯数字"),  # an Arabic-Indic digit
        ("110105194912310021", "校验位"),
        ("110105194902300020", "出生日期"),  # 30 February
        ("1101051949123100", "18位"),
        ("110105203012310020", "不合理"),  # born in the future
    ],
)
def test_invalid_id_numbers_say_why_in_chinese(number: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_id_number(number, TODAY)


def test_fifteen_digit_number_is_upgraded_with_a_check_character() -> None:
    parsed = parse_id_number("110105491231002", TODAY)
    assert parsed.number == "11010519491231002" + check_char("11010519491231002")
    assert parsed.number == "11010519491231002X"


def test_masking() -> None:
    assert mask_id("11010519491231002X") == "110105********002X"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_id("") == ""


def test_phone_validation() -> None:
    assert normalize_phone("138 1234 5678") == "13812345678"
    assert normalize_phone("0319-8161234") == "0319-8161234"
    with pytest.raises(InvalidInput, match="手机号"):
        normalize_phone("12812345678")


def test_state_machine_happy_path() -> None:
    t = TicketFacts("A001", TicketState.WAITING)
    assert next_state(t, Action.CALL) is TicketState.CALLED
    t = TicketFacts("A001", TicketState.CALLED, call_count=1)
    assert next_state(t, Action.RECALL) is TicketState.CALLED
    assert next_state(t, Action.START) is TicketState.SERVING
    t = TicketFacts("A001", TicketState.SERVING, call_count=1)
    assert next_state(t, Action.FINISH) is TicketState.FINISHED


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (TicketState.WAITING, Action.FINISH),
        (TicketState.WAITING, Action.START),
        (TicketState.CALLED, Action.FINISH),
        (TicketState.FINISHED, Action.CALL),
        (TicketState.FINISHED, Action.TRANSFER),
        (TicketState.SERVING, Action.NO_SHOW),
        (TicketState.CANCELLED, Action.REQUEUE),
        (TicketState.WAITING, Action.REQUEUE),
    ],
)
def test_disallowed_actions_are_refused_with_a_message(state: TicketState, action: Action) -> None:
    with pytest.raises(NotAllowed) as info:
        next_state(TicketFacts("B007", state), action)
    assert "B007" in info.value.message
    assert state.label in info.value.message


def test_three_calls_then_no_show_and_one_requeue_only() -> None:
    with pytest.raises(NotAllowed, match="过号"):
        next_state(TicketFacts("A001", TicketState.CALLED, call_count=3), Action.RECALL)
    assert next_state(TicketFacts("A1", TicketState.NO_SHOW), Action.REQUEUE) is TicketState.WAITING
    with pytest.raises(NotAllowed, match="重新取号"):
        next_state(TicketFacts("A1", TicketState.NO_SHOW, requeue_count=1), Action.REQUEUE)


def test_ticket_numbers() -> None:
    assert format_number("A", 1) == "A001"
    assert format_number("B", 100) == "B100"
    assert format_number("C", 1234) == "C1234"


def test_triage_green_channel_goes_to_the_green_lane_keeping_its_category() -> None:
    social = LaneRef(3, "C", False)
    green = LaneRef(9, "L", True)
    placed = place(social, green=True, green_lane=green)
    assert (placed.lane, placed.service_category, placed.priority) == (
        green,
        social,
        Priority.GREEN,
    )
    placed = place(social, green=False, green_lane=green)
    assert (placed.lane, placed.priority) == (social, Priority.NORMAL)
    assert place(social, green=True, green_lane=None).lane == social


def test_roles() -> None:
    assert allowed(Role.RECEPTION, Permission.ISSUE_TICKET)
    assert not allowed(Role.CLERK, Permission.ISSUE_TICKET)
    with pytest.raises(NotAllowed, match="窗口人员无权"):
        require(Role.CLERK, Permission.IMPORT_CATALOG)


def test_search_by_pinyin_initials_and_name() -> None:
    assert matches("hkqy", "户口迁移", "hkqy")
    assert matches("户口", "户口迁移", "hkqy")
    assert matches("HK", "户口迁移", "hkqy")
    assert not matches("sb", "户口迁移", "hkqy")
