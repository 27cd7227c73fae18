"""What goes on the printed notices and receipts: plain data, filled in by the services.

Personal data arrives here already masked (ID number, phone); the applicant's name is
printed in full because the notice is handed to the applicant.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hall_app.domain.materials import original_kept

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
    where: str = ""  # where to obtain it (获取途径), e.g. 县公安局户籍窗口
    due_on: dt.date | None = None  # 容缺后补: the date the applicant promised it by
    received_on: dt.date | None = None  # ticked as received on the return visit

    @property
    def original_returned(self) -> bool:
        """Originals are seen and handed back (核验后退还); the application's own forms
        (申请书, 申请表 …) are handed in and kept."""
        return self.form in ("原件", "原件和复印件") and not original_kept(self.name)

    @property
    def requirement(self) -> str:
        """``原件1份`` / ``复印件2份`` / ``电子材料``."""
        if self.form == "电子":
            return "电子材料"
        return f"{self.form}{self.copies}份" if self.copies else self.form


@dataclass(frozen=True)
class Agent:
    """Someone applying on the applicant's behalf (代理人 / 经办人)."""

    name: str
    id_type: str = "居民身份证"
    id_number_masked: str = ""
    phone_masked: str = ""
    relation: str = ""  # 受委托人 / 配偶 / 法定代理人 / 单位经办人 …


@dataclass(frozen=True)
class ReceiptItem:
    """One item of a bundle on the receipt: its office and its own due date."""

    name: str
    department: str
    limit_days: int
    limit_unit: str  # 工作日 / 自然日
    due_date: dt.date


@dataclass(frozen=True)
class NoticeData:
    kind: str  # CORRECTION or REFUSAL
    serial: str  # unique, never reused, e.g. BZ-500231-20261125-0007
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
    # catalog v2: materials issued inside the bundle (内部流转), listed, never asked for
    internal: tuple[MaterialLine, ...] = ()
    reprint: bool = False  # prints 补打 prominently
    # refusal notices only
    refusal_reason: str = ""
    refusal_subitem: str = ""  # e.g. 《行政许可法》第三十二条第一款第（二）项
    right_office: str = ""  # the office to apply to instead
    remedies: str = REMEDIES
    # issue 13
    correction_terms: str = ""  # the correction period and what happens if it lapses
    legal_rep: str = ""  # a company's legal representative
    agent: Agent | None = None
    reprinted_at: dt.datetime | None = None  # the reprint's date, printed beside 补打
    first_serial: str = ""  # a further notice links to the application's first one
    further_reason: str = ""  # why a further notice (a changed or newly submitted material)
    refusal_ground: str = ""  # the ground's text, from the item type's closed list
    reconsideration_body: str = ""  # 本级人民政府, or the next-higher office when vertical
    court: str = ""  # the court a lawsuit goes to
    seal_office: str = ""  # who seals: the department, or the hall's 综合受理 for a bundle
    # the rule each document cites (helper B): the item's own correction rule (a bundle: its
    # items' distinct rules joined) and its refusal basis; legal_basis stays the item's law
    correction_basis: str = ""
    refusal_basis: str = ""

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
    # issue 13: both limits, 即办件, delivery, bundles, pauses, agent
    promised_unit: str = "工作日"
    legal_days: int = 0
    legal_unit: str = "工作日"
    legal_due_date: dt.date | None = None
    instant: bool = False  # 即办件: 即时办结, due the same day
    delivery_method: str = "窗口领取"  # 窗口领取 / 邮寄 / 电子证照
    delivery_address: str = ""
    items: tuple[ReceiptItem, ...] = ()  # a bundle: one row per item
    pauses: tuple[tuple[str, dt.date, dt.date | None], ...] = ()  # (kind, from, to), if asked
    legal_rep: str = ""
    agent: Agent | None = None
    reprinted_at: dt.datetime | None = None
    seal_office: str = ""

    @property
    def qr_payload(self) -> str:
        return self.case_no


@dataclass(frozen=True)
class ExtensionNoticeData:
    """延长办理期限告知书: the one legal extension of a licence (行政许可法 第四十二条)."""

    case_no: str
    hall_name: str
    hall_phone: str
    complaint_phone: str
    department: str
    applicant_name: str
    id_type: str
    id_number_masked: str
    subject: str
    subject_code: str
    accepted_at: dt.datetime  # local time
    old_due_date: dt.date
    new_due_date: dt.date
    days: int
    unit: str  # 工作日
    approver: str  # the head of the office who approved it
    reason: str
    legal_basis: str  # 《中华人民共和国行政许可法》第四十二条
    issued_on: dt.date
    clerk_name: str
    clerk_no: str
    window_number: int | None
    reprint: bool = False
    seal_office: str = ""

    @property
    def qr_payload(self) -> str:
        return self.case_no


@dataclass(frozen=True)
class CommitmentData:
    """容缺受理承诺书: the applicant's signed promise to supply deferred materials by a date."""

    case_no: str
    hall_name: str
    hall_phone: str
    department: str
    applicant_name: str
    id_type: str
    id_number_masked: str
    phone_masked: str
    subject: str
    subject_code: str
    accepted_at: dt.datetime  # local time
    materials: tuple[MaterialLine, ...]  # each with its due_on
    clerk_name: str
    clerk_no: str
    window_number: int | None
    agent: Agent | None = None
    reprint: bool = False

    @property
    def qr_payload(self) -> str:
        return self.case_no
