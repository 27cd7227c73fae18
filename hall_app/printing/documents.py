"""What goes on the printed notices and receipts: plain data, filled in by the services.

Personal data arrives here already masked (ID number, phone); the applicant's name is
printed in full because the notice is handed to the applicant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CORRECTION = "correction"  # 补正材料通知书（一次性告知单）
REFUSAL = "refusal"  # 不予受理通知书

REMEDIES = (
    "如不服本决定，可在收到本通知书之日起六十日内依法申请行政复议，"
    "或者在六个月内依法向人民法院提起行政诉讼。"
)


@dataclass(frozen=True)
class MaterialLine:
    name: str
    form: str  # 原件 / 复印件 / 原件和复印件 / 电子
    copies: int
    standard: str = ""  # the acceptance standard from the catalog, e.g. 复印件须签名，A4纸
    problem: str = ""  # 缺失 / 过期 / 信息不一致 / 格式不符 / 其他 (empty for received ones)
    note: str = ""  # what the clerk adds, e.g. 有效期至2025-12-31，已过期
    where: str = ""  # where to obtain it, e.g. 县公安局户籍窗口

    @property
    def requirement(self) -> str:
        """``原件1份`` / ``复印件2份`` / ``电子材料``."""
        if self.form == "电子":
            return "电子材料"
        return f"{self.form}{self.copies}份" if self.copies else self.form


@dataclass(frozen=True)
class NoticeData:
    kind: str  # CORRECTION or REFUSAL
    serial: str  # unique, never reused, e.g. BZ-130534-20261125-0007
    hall_name: str
    hall_phone: str
    complaint_phone: str
    department: str  # the office the item belongs to
    applicant_name: str
    id_type: str  # 居民身份证 / 港澳居民居住证 / …
    id_number_masked: str
    phone_masked: str
    subject: str  # item or bundle name
    subject_code: str
    received_at: dt.datetime  # when the materials were received (local time)
    issued_at: dt.datetime  # local time
    clerk_name: str
    clerk_no: str
    window_number: int | None
    legal_basis: str
    received: tuple[MaterialLine, ...] = ()
    to_correct: tuple[MaterialLine, ...] = ()
    reprint: bool = False  # prints 补打 prominently
    # refusal notices only
    refusal_reason: str = ""
    refusal_subitem: str = ""  # e.g. 《行政许可法》第三十二条第一款第（二）项
    right_office: str = ""  # the office to apply to instead
    remedies: str = REMEDIES

    @property
    def title(self) -> str:
        return "不予受理通知书" if self.kind == REFUSAL else "一次性告知单（补正材料通知书）"

    @property
    def qr_payload(self) -> str:
        """What a scanner types back at the window: the serial alone."""
        return self.serial


@dataclass(frozen=True)
class ReceiptData:
    """受理回执 (acceptance receipt)."""

    case_no: str
    hall_name: str
    hall_phone: str
    complaint_phone: str
    department: str
    applicant_name: str
    id_type: str
    id_number_masked: str
    phone_masked: str
    subject: str
    subject_code: str
    accepted_at: dt.datetime  # local time
    promised_days: int  # working days
    due_date: dt.date
    clerk_name: str
    clerk_no: str
    window_number: int | None
    received: tuple[MaterialLine, ...] = ()
    deferred: tuple[MaterialLine, ...] = field(default=())  # 容缺后补: to supply later
    calendar_warning: str = ""  # set when the due date rests on an assumed calendar
    reprint: bool = False

    @property
    def qr_payload(self) -> str:
        return self.case_no
