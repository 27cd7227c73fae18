"""domain.masking.scrub: ID and mobile numbers in free text are masked; case numbers,
serials, dates, item codes and landlines are not. Fixed vectors, then generated text (a
seeded generator: hypothesis is not in the venv); and the domain rules of issue 13."""

from __future__ import annotations

import random

import pytest

from hall_app.domain import legal
from hall_app.domain.corrections import check_further_materials, check_new_correction, choose_ground
from hall_app.domain.credit_code import parse_credit_code
from hall_app.domain.errors import InvalidInput, NotAllowed
from hall_app.domain.idnumber import check_char
from hall_app.domain.masking import scrub

VECTORS = [
    ("电话13912345678请回电", "电话139****5678请回电"),
    ("手机 139-1234-5678", "手机 139****5678"),
    ("手机139 1234 5678。", "手机139****5678。"),
    ("+86 139 1234 5678", "+86 139****5678"),
    ("+8613912345678", "+86139****5678"),
    ("身份证11010519491231002X已核", "身份证110105********002X已核"),
    ("110105 19491231 002x", "110105********002X"),
    ("旧证130503670401001", "旧证130503*****1001"),
    ("卡号6222021234567890123", "卡号***************0123"),
]
KEPT = [
    "BZ-500231-20261125-0001",
    "SL-500231-20261125-0012",
    "BY-500229-20261231-9999",
    "2026-11-25 09:30",
    "20261125",
    "023-12345678",
    "023-74681234",
    "11500231MB1918730K1000133006000",
    "91330100716105852F",
    "A012号到5号窗口",
    "1391234567",
    "139123456789",
    "有效期至2025-12-31已过期",
    "K001",
    "",
]


@pytest.mark.parametrize(("text", "masked"), VECTORS)
def test_scrub_masks_ids_and_mobiles(text: str, masked: str) -> None:
    assert scrub(text) == masked


@pytest.mark.parametrize("text", KEPT)
def test_scrub_leaves_case_numbers_serials_dates_and_landlines(text: str) -> None:
    assert scrub(text) == text


def _id(rng: random.Random) -> str:
    first17 = (
        f"{rng.randint(110000, 659999)}{rng.randint(1950, 2020)}{rng.randint(1, 12):02d}"
        f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    )
    return first17 + check_char(first17)


def _mobile(rng: random.Random) -> str:
    digits = f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"
    sep = rng.choice(["", " ", "-"])
    return rng.choice(["", "+86", "+86 "]) + digits[:3] + sep + digits[3:7] + sep + digits[7:]


def _safe(rng: random.Random) -> str:
    return rng.choice(
        [
            f"BZ-500231-2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}-{rng.randint(1, 9999):04d}",
            f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"A{rng.randint(1, 999):03d}",
            "请于5个工作日内补正",
            "未加盖公章",
            f"023-{rng.randint(10000000, 99999999)}",
        ]
    )


@pytest.mark.parametrize("seed", range(40))
def test_scrub_property_no_number_survives_and_safe_text_does(seed: int) -> None:
    rng = random.Random(seed)
    secrets, parts = [], []
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        if kind < 0.3:
            secrets.append(_id(rng))
            parts.append(secrets[-1])
        elif kind < 0.6:
            secrets.append(_mobile(rng))
            parts.append(secrets[-1])
        else:
            parts.append(_safe(rng))
    text = rng.choice(["，", "；", " ", "。联系"]).join(parts)
    out = scrub(text)
    for secret in secrets:
        digits = "".join(ch for ch in secret if ch.isdigit() or ch == "X")
        core = digits[-11:] if len(digits) >= 11 and len(digits) != 18 else digits
        assert core not in "".join(ch for ch in out if ch.isdigit() or ch in "X*")
    for part in parts:
        if part not in secrets:
            assert part in out
    assert scrub(out) == out  # idempotent


def test_one_correction_rule_and_further_materials() -> None:
    check_new_correction([], None)
    with pytest.raises(NotAllowed, match="BZ-1"):
        check_new_correction(["BZ-1"], None)
    check_further_materials(["平面图"], ["平面图"], [])
    check_further_materials(["平面图"], ["规章"], ["规章"])
    with pytest.raises(NotAllowed, match="规章"):
        check_further_materials(["平面图"], ["平面图", "规章"], [])


def test_refusal_ground_is_chosen_from_the_closed_list() -> None:
    grounds = legal.refusal_grounds("行政许可")
    ground, office = choose_ground(grounds, "remit", " 某局 ")
    assert (ground.code, office) == ("remit", "某局")
    with pytest.raises(InvalidInput):
        choose_ground(grounds, "材料不齐全", "")
    with pytest.raises(InvalidInput):
        choose_ground(legal.refusal_grounds("行政确认"), "not_licence", "")


def test_credit_code_check_digit() -> None:
    for code in ("91330100716105852F", "91110108551385082Q", "91440300708461136T"):
        assert parse_credit_code(code.lower()) == code
    with pytest.raises(InvalidInput, match="校验位"):
        parse_credit_code("91110108551385082R")
    with pytest.raises(InvalidInput, match="无效字符"):
        parse_credit_code("9111010855138508IQ")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("电话１３８１２３４５６７８", "电话138****5678"),  # full-width digits from an IME
        ("Tel13812345678", "Tel138****5678"),  # glued to a word
        ("138.1234.5678", "138****5678"),  # grouped with dots
        ("身份证１１０１０５１９４９１２３１００２Ｘ", "身份证110105********002X"),
    ],
)
def test_numbers_typed_the_other_ways_are_masked_too(typed: str, shown: str) -> None:
    assert scrub(typed) == shown
