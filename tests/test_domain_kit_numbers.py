"""Kit numbers (issue 15): no date in them, the kit's number instead; what a clerk types at
back-entry is completed and checked against the kits used in the incident."""

from __future__ import annotations

import pytest

from hall_app.domain.errors import InvalidInput
from hall_app.domain.kit_numbers import (
    KitRanges,
    KitSerial,
    fresh_ranges,
    kit_number,
    kit_ticket,
    match_kit_serial,
    parse_kit_ticket,
    resolve_serial,
    resolve_ticket,
    ticket_sequence,
)
from hall_app.domain.serials import parse_serial

K7 = fresh_ranges(7, {"S": 60, "SW": 30, "SL": 30, "BZ": 10, "BY": 5})
K8 = fresh_ranges(8, {"S": 20, "SL": 5})


def test_kit_numbers_carry_the_kit_and_no_date() -> None:
    assert kit_ticket(7, 15) == "S07-015" and kit_ticket(123, 1) == "S123-001"
    assert len(kit_ticket(999, 999)) <= 8  # the ticket column holds 8 characters
    assert kit_number("BZ", "500231", 7, 3) == "BZ-500231-K07-0003"
    assert K7.numbers("S", "500231")[:2] == ["S07-001", "S07-002"]
    assert K7.numbers("SL", "500231")[-1] == "SL-500231-K07-0030"
    assert KitRanges.from_json(7, K7.to_json()) == K7
    with pytest.raises(InvalidInput, match="数量"):
        fresh_ranges(1, {"S": 1000})
    with pytest.raises(InvalidInput, match="已用完"):
        fresh_ranges(1000, {"S": 1})


def test_typed_numbers_are_normalised() -> None:
    assert parse_kit_ticket("S07-015") == (7, 15)
    assert parse_kit_ticket(" s7－15 ") == (7, 15)
    assert parse_kit_ticket("S015") == (None, 15) and parse_kit_ticket("15") == (None, 15)
    with pytest.raises(InvalidInput, match="S07-015"):
        parse_kit_ticket("A015")
    assert match_kit_serial("bz-500231-k7-3") == KitSerial("BZ", "500231", 7, 3)
    assert match_kit_serial("BZ-500231-20261125-0003") is None
    # a scanner reading a kit's slip: the serial parser knows kit serials too
    assert str(parse_serial("BZ-500231-K07-0003")) == "BZ-500231-K07-0003"
    assert str(parse_serial("BZ-500231-20261125-0003")) == "BZ-500231-20261125-0003"


def test_back_entry_resolves_against_the_incidents_kits() -> None:
    assert resolve_ticket("S07-015", [K7, K8]) == "S07-015"
    assert resolve_ticket("50", [K7, K8]) == "S07-050"  # only kit 7 holds 50
    with pytest.raises(InvalidInput, match="多个应急包"):
        resolve_ticket("15", [K7, K8])
    with pytest.raises(InvalidInput, match="不是本次应急包中预留的号码"):
        resolve_ticket("S08-021", [K7, K8])
    with pytest.raises(InvalidInput, match="不是本次应急包中预留的号码"):
        resolve_ticket("S09-001", [K7, K8])
    assert resolve_serial("SL", "SL-500231-K08-0005", [K7, K8], "500231") == "SL-500231-K08-0005"
    assert resolve_serial("BZ", "3", [K7, K8], "500231") == "BZ-500231-K07-0003"
    with pytest.raises(InvalidInput, match="以 BZ 开头"):
        resolve_serial("BZ", "SL-500231-K07-0003", [K7], "500231")
    with pytest.raises(InvalidInput, match="区划代码"):
        resolve_serial("BZ", "BZ-130999-K07-0003", [K7], "500231")
    with pytest.raises(InvalidInput, match="不是本次应急包"):
        resolve_serial("BZ", "BZ-500231-K07-0011", [K7], "500231")


def test_ticket_sequence_keeps_kits_apart_and_in_order() -> None:
    assert ticket_sequence("S07-015") == 7015 < ticket_sequence("S08-001") == 8001
    assert ticket_sequence("S101") == 101  # a kit printed before kit numbers


def test_a_fresh_kit_holds_one_to_n_of_each_kind_asked_and_nothing_else() -> None:
    kit = fresh_ranges(3, {"S": 999, "BZ": 0})  # 999: the most a ticket sequence can hold
    assert kit.ranges == {"S": (1, 999)}
    assert kit.numbers("S", "500231")[0] == "S03-001" and kit.holds("S", 999)
    assert kit.numbers("BZ", "500231") == [] and not kit.holds("BZ", 1)
    assert fresh_ranges(4, {}).to_json() == {}


def test_a_ticket_not_in_the_kits_is_named_in_its_full_form() -> None:
    with pytest.raises(InvalidInput) as exc:
        resolve_ticket(" s8-21 ", [fresh_ranges(7, {"S": 60}), fresh_ranges(8, {"S": 20})])
    assert exc.value.message.startswith("S08-021 不是本次应急包中预留的号码")
    with pytest.raises(InvalidInput) as exc:
        resolve_ticket(" 99 ", [fresh_ranges(7, {"S": 60})])
    assert exc.value.message.startswith("99 不是本次应急包中预留的号码")
