"""Migration 0013 (legal bases, both limits, one correction per case) upgrades a database
holding items, notices and cases from its previous revision, on both backends: licences cite
Art. 32, other items the neutral rule, old cases keep their dates and notices already used for
an acceptance are closed."""

from __future__ import annotations

from sqlalchemy import text

from tests._migration import upgrade_holding

_OLD_ROWS = (
    "INSERT INTO category (id, code, name, prefix, green_channel, avg_service_minutes, "
    "description, active, search_key) VALUES (1, 'B', '不动产登记', 'B', false, 20, '', true, '')",
    "INSERT INTO staff (id, staff_no, name, role, password_hash, phone, active, failed_logins) "
    "VALUES (1, '1001', '王敏', 'clerk', 'x', '', true, 0)",
    "INSERT INTO service_item (id, code, basic_code, name, short_name, category_id, type, "
    "department, target, kind, legal_limit_days, promised_limit_days, legal_basis, conditions, "
    "fee, result, visits, online, appointment, delivery, search_key, active) VALUES "
    "(1, 'I1', 'B1', '不动产转移登记', '', 1, '行政确认', '县不动产登记中心', '自然人', '承诺件', "
    "30, 5, '《不动产登记暂行条例》', '', '', '', 1, false, false, false, '', true), "
    "(2, 'I2', 'K1', '食品经营许可', '', 1, '行政许可', '县市场监督管理局', '法人', '承诺件', "
    "20, 10, '《食品安全法》', '', '', '', 1, false, false, false, '', true)",
    "INSERT INTO service_case (id, case_no, item_id, accepted_at, accepted_on, limit_days, "
    "extension_days, extensions, extension_approver, extension_reason, completion_note, "
    "staff_id, receipt_reprints, applicant_name, id_type, id_number, phone, subject_name, "
    "subject_code, department, window_number) VALUES (1, 'SL-1', 2, "
    "'2026-11-25 09:00:00+08:00', '2026-11-25', 10, 0, 0, '', '', '', 1, 0, '张三', "
    "'居民身份证', '11010519491231002X', '', '食品经营许可', 'I2', '县市场监督管理局', 3)",
    "INSERT INTO notice (id, serial, kind, item_id, legal_basis, received_at, issued_at, "
    "staff_id, refusal_reason, refusal_subitem, right_office, reprints, case_id, "
    "applicant_name, id_type, id_number, phone, subject_name, subject_code, department) VALUES "
    "(1, 'BZ-1', 'correction', 2, '', '2026-11-24 09:00:00+08:00', "
    "'2026-11-24 09:00:00+08:00', 1, '', '', '', 0, 1, '张三', '居民身份证', "
    "'11010519491231002X', '', '食品经营许可', 'I2', ''), "
    "(2, 'BZ-2', 'correction', 1, '', '2026-11-25 10:00:00+08:00', "
    "'2026-11-25 10:00:00+08:00', 1, '', '', '', 0, NULL, '李四', '居民身份证', "
    "'440524188001010014', '', '不动产转移登记', 'I1', '')",
    "INSERT INTO case_pause (id, case_id, start_on, reason) VALUES (1, 1, '2026-11-26', '现场核查')",
)


def test_items_notices_and_cases_survive_the_upgrade_to_0013(empty_url: str) -> None:
    db = upgrade_holding(empty_url, "0013", _OLD_ROWS)
    with db.engine.connect() as conn:
        items = conn.execute(
            text(
                "SELECT code, correction_basis, refusal_basis, legal_limit_unit, "
                "promised_limit_unit FROM service_item ORDER BY code"
            )
        ).all()
        case = conn.execute(
            text(
                "SELECT case_no, limit_days, legal_limit_days, item_type, limit_unit, "
                "delivery_method, legal_extension_days, commitment_signed FROM service_case"
            )
        ).one()
        notices = conn.execute(
            text(
                "SELECT serial, closed_at IS NOT NULL, first_notice_id FROM notice ORDER BY serial"
            )
        ).all()
        pause = conn.execute(text("SELECT start_on, reason, kind FROM case_pause")).one()
    assert [tuple(r) for r in items] == [
        ("I1", "本中心一次性告知制度", "", "工作日", "工作日"),
        (
            "I2",
            "《中华人民共和国行政许可法》第三十二条第一款第（四）项",
            "《中华人民共和国行政许可法》第三十二条第一款",
            "工作日",
            "工作日",
        ),
    ]
    assert tuple(case) == ("SL-1", 10, 20, "行政许可", "工作日", "窗口领取", 0, False)
    # the notice used for the acceptance is closed; the other is still the open one
    assert [tuple(n) for n in notices] == [("BZ-1", True, None), ("BZ-2", False, None)]
    assert (str(pause[0]), pause[1], pause[2]) == ("2026-11-26", "现场核查", "")
    db.dispose()
