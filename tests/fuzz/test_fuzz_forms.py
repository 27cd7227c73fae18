"""Property-based fuzzing of the form validators (issue 16): ID numbers, phones, names.

Any text is accepted in a normal form or refused with a Chinese KnownError; what is accepted
is ASCII where it must be, and a number equal after normalisation is one person."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from hall_app.domain.idnumber import check_char, parse_id_number
from hall_app.domain.masking import normalize_phone
from hall_app.domain.text import clean_text
from tests.fuzz._common import FUZZ, refused_or_ok

TODAY = dt.date(2026, 11, 25)
DIGITS = st.text(alphabet=st.characters(categories=["Nd"]), min_size=15, max_size=18)
ANY = st.text(max_size=60)
WIDE = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


@FUZZ
@given(st.one_of(ANY, DIGITS, DIGITS.map(lambda d: d + "x")))
def test_id_number_validator(raw: str) -> None:
    if refused_or_ok(lambda: parse_id_number(raw, TODAY)) is None:
        number = parse_id_number(raw, TODAY).number
        assert len(number) == 18 and number.isascii() and number[:17].isdigit()


@FUZZ
@given(
    st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31)),
    st.integers(0, 999),
    st.booleans(),
    st.booleans(),
)
def test_an_id_number_typed_any_way_is_one_person(
    born: dt.date, serial: int, wide: bool, lower: bool
) -> None:
    first17 = f"110105{born:%Y%m%d}{serial:03d}"
    number = first17 + check_char(first17)
    typed = number.lower() if lower else number
    typed = typed.translate(WIDE) if wide else typed
    assert parse_id_number(typed, TODAY).number == number


@FUZZ
@given(ANY)
def test_phone_validator(raw: str) -> None:
    if refused_or_ok(lambda: normalize_phone(raw)) is None:
        assert normalize_phone(raw).isascii()


@FUZZ
@given(st.text(max_size=80), st.booleans())
def test_name_and_note_cleaner(raw: str, multiline: bool) -> None:
    if refused_or_ok(lambda: clean_text(raw, "姓名", 50, multiline=multiline)) is None:
        text = clean_text(raw, "姓名", 50, multiline=multiline)
        assert len(text) <= 50 and "\x00" not in text
        assert not any(ch in text for ch in "\u200b\u202e\u2066\ufeff")
        assert clean_text(text, "姓名", 50, multiline=multiline) == text  # idempotent
