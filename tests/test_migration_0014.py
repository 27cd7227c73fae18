"""Migration 0014 (one open correction notice per application) upgrades a database holding
notices from its previous revision, on both backends: duplicates issued before the rule are
closed, the newest staying open, every row survives, and the unique index then refuses a
second open notice of the same application."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests._migration import upgrade_holding

_STAFF = (
    "INSERT INTO staff (id, staff_no, name, role, password_hash, phone, active, failed_logins) "
    "VALUES (1, '1001', '王敏', 'clerk', 'x', '', true, 0)"
)


def _notice(id_: int, id_number: str, subject: str, closed: bool = False) -> str:
    return (
        "INSERT INTO notice (id, serial, kind, legal_basis, received_at, issued_at, staff_id, "
        "refusal_reason, refusal_subitem, right_office, reprints, applicant_name, id_type, "
        "id_number, phone, subject_name, subject_code, department, legal_rep, agent_name, "
        "agent_id_type, agent_id_number, agent_phone, agent_relation, further_reason, "
        f"refusal_ground, closed_at) VALUES ({id_}, 'BZ-{id_}', 'correction', '', "
        f"'2026-11-2{id_} 09:00:00+08:00', '2026-11-2{id_} 09:00:00+08:00', 1, '', '', '', 0, "
        f"'张三', '居民身份证', '{id_number}', '', '事项', '{subject}', '', '', '', '', '', '', "
        f"'', '', '', {'NULL' if not closed else chr(39) + '2026-11-29 09:00:00+08:00' + chr(39)})"
    )


def test_later_duplicates_link_to_the_first_notice_and_a_new_duplicate_is_refused(
    empty_url: str,
) -> None:
    person, other = "11010519491231002X", "440524188001010014"
    rows = (
        _STAFF,
        _notice(1, person, "I1"),
        _notice(2, person, "I1"),
        _notice(3, person, "I1"),
        _notice(4, other, "I1"),
        _notice(5, person, "I2"),
        _notice(6, "", "I1"),
        _notice(7, "", "I1"),
    )
    db = upgrade_holding(empty_url, "0014", rows)
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT serial, closed_at IS NULL, first_notice_id FROM notice ORDER BY id")
        ).all()
    # the first notice of the application (the citizen's slip) stays the open one; the later
    # ones are kept open as further notices linked to it, nothing is closed or lost
    assert [(r[0], bool(r[1]), r[2]) for r in rows] == [
        ("BZ-1", True, None),
        ("BZ-2", True, 1),
        ("BZ-3", True, 1),
        ("BZ-4", True, None),
        ("BZ-5", True, None),
        ("BZ-6", True, None),  # no ID number: not identified by the index
        ("BZ-7", True, None),
    ]
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(text(_notice(8, person, "I1")))
    with db.engine.begin() as conn:  # a closed one, or another item, is fine
        conn.execute(text(_notice(8, person, "I1", closed=True)))
        conn.execute(text(_notice(9, person, "I3")))
    db.dispose()
