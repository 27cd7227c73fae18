"""One-time notification slips, refusal notices, acceptance and the cases' deadlines.

Each public method is one transaction with one audit entry. Serials and case numbers come
from the document counter (never reused); personal data leaves here masked, except in the
row itself. The methods live in ``notices``, ``acceptance`` and ``case_clock``; this class
puts them behind the one ``hall.documents`` the screens use.
"""

from __future__ import annotations

from hall_app.domain.corrections import FurtherRequest
from hall_app.services.acceptance import AcceptanceMixin
from hall_app.services.case_clock import CaseClockMixin, CaseView
from hall_app.services.doc_common import (
    AGENT_ID_TYPES,
    ID_TYPES,
    AgentInput,
    Applicant,
    DocumentBase,
    MaterialPlan,
    _line,
    _plan_item,
    _requirements,
)
from hall_app.services.notices import NoticeRecord, NoticesMixin, Refusal, refusal_grounds_of
from hall_app.services.reveal import RevealMixin

__all__ = [
    "AGENT_ID_TYPES",
    "ID_TYPES",
    "AgentInput",
    "Applicant",
    "CaseView",
    "DocumentService",
    "FurtherRequest",
    "MaterialPlan",
    "NoticeRecord",
    "Refusal",
    "_line",
    "_plan_item",
    "_requirements",
    "refusal_grounds_of",
]


class DocumentService(NoticesMixin, AcceptanceMixin, CaseClockMixin, RevealMixin, DocumentBase):
    """Notices, acceptance, the case clock and revealing a full ID, behind one service."""
