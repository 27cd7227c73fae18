"""Property-based fuzzing of the importers (issue 16): catalog YAML and bookings JSON/CSV.

Whatever the bytes, the reader returns or raises a KnownError with a Chinese message (never a
traceback), and a refused import leaves every row count as it was."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from hall_app import paths
from hall_app.domain.booking_import import parse_bookings
from hall_app.domain.catalog import check_catalog, parse_catalog
from hall_app.domain.catalog_yaml import load_yaml
from hall_app.services.hall import Hall
from hall_app.store import models as m
from tests.conftest import login
from tests.fuzz._common import FUZZ, FUZZ_DB, refused_or_ok

TODAY = dt.date(2026, 11, 25)
HOSTILE = st.sampled_from(
    [
        "\x00",
        "\n",
        "\r",
        "\u202e",
        "\u200b",
        "\ufeff",
        "０１２",
        "٣",
        '=HYPERLINK("x")',
        "&a",
        "*a",
        "<<: *a",
        "!!python/object",
        "010",
        "0x1F",
        "1:30",
        "9" * 5000,
        "{",
        "[",
        '"',
        "'",
        ":",
        "- ",
        "？",
        "\t",
        "\\",
        "张" * 300,
        "x" * 70,
    ]
)
YAML_LINES = st.lists(
    st.one_of(
        st.text(max_size=30),
        HOSTILE,
        st.builds(lambda k, v: f"{k}: {v}", st.text(max_size=8), HOSTILE),
    ),
    max_size=12,
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | HOSTILE,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = ("code", "name", "id_number", "phone", "item_code", "date", "slot")


def _check_yaml(raw: bytes) -> None:
    data = load_yaml(raw, "fuzz.yaml")
    if not check_catalog(data):
        parse_catalog(data)


@FUZZ
@given(st.binary(max_size=300))
def test_catalog_reader_on_any_bytes(raw: bytes) -> None:
    refused_or_ok(lambda: _check_yaml(raw))


@FUZZ
@given(YAML_LINES)
def test_catalog_reader_on_yaml_like_text(lines: list[str]) -> None:
    refused_or_ok(lambda: _check_yaml("\n".join(lines).encode("utf-8", "surrogatepass")))


_DEMO = paths.demo_catalog().read_text(encoding="utf-8").splitlines()


@FUZZ
@given(st.integers(0, len(_DEMO) - 1), HOSTILE)
def test_catalog_reader_on_the_demo_file_with_one_line_spoiled(index: int, junk: str) -> None:
    lines = list(_DEMO)
    lines[index] = lines[index][: len(lines[index]) // 2] + junk
    refused_or_ok(lambda: _check_yaml("\n".join(lines).encode("utf-8", "surrogatepass")))


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["b.csv", "b.json", "b.txt", "b"]))
def test_bookings_reader_on_any_bytes(raw: bytes, name: str) -> None:
    refused_or_ok(lambda: parse_bookings(raw, name, TODAY))


@FUZZ
@given(JSON_VALUES)
def test_bookings_reader_on_any_json(document: object) -> None:
    raw = json.dumps(document, allow_nan=True).encode()
    refused_or_ok(lambda: parse_bookings(raw, "b.json", TODAY))


@FUZZ
@given(
    st.lists(
        st.fixed_dictionaries({k: st.one_of(st.text(max_size=20), HOSTILE) for k in FIELDS}),
        max_size=5,
    )
)
def test_bookings_reader_on_csv_rows(rows: list[dict[str, str]]) -> None:
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    raw = out.getvalue().encode("utf-8", "surrogatepass")
    result = refused_or_ok(lambda: parse_bookings(raw, "b.csv", TODAY))
    if result is None:
        parsed = parse_bookings(raw, "b.csv", TODAY)
        for row in parsed.rows:  # what is accepted is clean ASCII where it must be
            assert row.id_number.isascii() and row.phone.isascii() and "\x00" not in row.name


def _counts(hall: Hall) -> dict[str, int]:
    with hall.ctx.db.read() as s:
        return {
            t.__tablename__: s.scalar(select(func.count()).select_from(t)) or 0
            for t in (
                m.Category,
                m.ServiceItem,
                m.Material,
                m.Window,
                m.Staff,
                m.StaffQualification,
                m.Appointment,
                m.AuditEntry,
            )
        }


@FUZZ_DB
@given(st.integers(0, len(_DEMO) - 1), HOSTILE)
def test_a_refused_catalog_import_writes_nothing(
    sqlite_hall: Hall, tmp_path: Path, index: int, junk: str
) -> None:
    lines = list(_DEMO)
    lines[index] = lines[index][: len(lines[index]) // 2] + junk
    path = tmp_path / "c.yaml"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    admin = login(sqlite_hall, "9001")  # the login's own audit entry comes before the count
    before = _counts(sqlite_hall)
    if refused_or_ok(lambda: sqlite_hall.catalog.import_file(admin, path)) is not None:
        assert _counts(sqlite_hall) == before


@FUZZ_DB
@given(JSON_VALUES)
def test_a_refused_bookings_import_writes_nothing(
    sqlite_hall: Hall, tmp_path: Path, document: object
) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    admin = login(sqlite_hall, "9001")  # the login's own audit entry comes before the count
    before = _counts(sqlite_hall)
    if refused_or_ok(lambda: sqlite_hall.appointments.import_file(admin, path)) is not None:
        assert _counts(sqlite_hall) == before


JSON_PIECES = st.sampled_from([
    "[", "]", "{", "}", '"code":', '"name":', ",", "9" * 5000, "-" + "9" * 30, "1e999", "null",
    '"x"', "[" * 3000, "]" * 3000, '"\\u0000"', '"\\u202e"', "true",
])  # fmt: skip


@FUZZ
@given(st.lists(JSON_PIECES, max_size=12))
def test_bookings_reader_on_hostile_json_text(pieces: list[str]) -> None:
    raw = ("[{" + "".join(pieces)).encode()
    refused_or_ok(lambda: parse_bookings(raw, "b.json", TODAY))
    refused_or_ok(lambda: parse_bookings("".join(pieces).encode(), "b.json", TODAY))
