"""Showing an applicant's full ID number on screen: a permission of its own (``REVEAL_ID``),
with a written reason, and an audit entry for each look (part of ``hall.documents``)."""

from __future__ import annotations

from hall_app.domain.masking import reveal_reason
from hall_app.domain.roles import Permission
from hall_app.services.context import Actor, audit
from hall_app.services.doc_common import DocumentBase
from hall_app.services.guard import guarded


class RevealMixin(DocumentBase):
    @guarded(Permission.REVEAL_ID)
    def reveal_id(self, actor: Actor, case_no: str, reason: str) -> str:
        """The full ID number of ``case_no``'s applicant, for ``actor`` holding ``REVEAL_ID``
        with a reason of at least four characters; audited as ``reveal_id`` with the case
        and the reason (scrubbed). Shown on screen only, never printed or logged."""
        why = reveal_reason(reason)
        with self.ctx.db.write() as s:
            case = self._case(s, case_no)
            audit(s, self.ctx, actor, "reveal_id", "case", case.id, case=case.case_no, reason=why)
            return case.id_number
