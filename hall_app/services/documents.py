"""One-time notification slips, refusal notices, acceptance and the cases' deadlines.

Each public method is one transaction with one audit entry. Serials and case numbers come
from the document counter (never reused); personal data leaves here masked, except in the
row itself. The methods live in ``notices``, ``acceptance`` and ``case_clock``; this class
puts them behind the one ``hall.documents`` the screens use.
"""

from __future__ import annotations

from hall_app.services.acceptance import AcceptanceMixin
from hall_app.services.case_clock import CaseClockMixin, CaseView
from hall_app.services.doc_common import (
    ID_TYPES,
    Applicant,
    DocumentBase,
    MaterialPlan,
    _line,
    _requirements,
)
from hall_app.services.notices import NoticeRecord, NoticesMixin

__all__ = [
    "ID_TYPES",
    "Applicant",
    "CaseView",
    "DocumentService",
    "MaterialPlan",
    "NoticeRecord",
    "_line",
    "_requirements",
]


class DocumentService(NoticesMixin, AcceptanceMixin, CaseClockMixin, DocumentBase):
    """Notices, acceptance and the case clock, behind one service."""
