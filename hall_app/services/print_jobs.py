"""The record of everything printed: each PDF is archived first; a print that fails stays
queued so it can be printed again when the printer is back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from hall_app.domain.errors import NotFound
from hall_app.domain.roles import Permission
from hall_app.services.context import Actor, ServiceContext, audit
from hall_app.services.guard import guarded
from hall_app.store.models import PrintJob

QUEUED, PRINTED, SAVED = "queued", "printed", "saved"


@dataclass(frozen=True)
class PrintJobView:
    id: int
    created_at: dt.datetime
    document: str
    reference: str
    path: str
    status: str
    printer: str
    message: str
    attempts: int


def _view(job: PrintJob) -> PrintJobView:
    return PrintJobView(
        job.id,
        job.created_at,
        job.document,
        job.reference,
        job.path,
        job.status,
        job.printer,
        job.message,
        job.attempts,
    )


class PrintJobService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @guarded(Permission.PRINT_DOCUMENTS)
    def record(
        self,
        actor: Actor,
        document: str,
        reference: str,
        path: str,
        status: str,
        printer: str = "",
        message: str = "",
    ) -> PrintJobView:
        """``document`` is ticket / notice / refusal / receipt / booking; ``reference`` its number."""
        with self.ctx.db.write() as s:
            job = PrintJob(
                created_at=self.ctx.now(),
                staff_id=actor.staff_id,
                terminal=actor.terminal,
                document=document,
                reference=reference,
                path=path,
                status=status,
                printer=printer,
                message=message[:500],
                attempts=1 if status != SAVED else 0,
            )
            s.add(job)
            s.flush()
            audit(
                s,
                self.ctx,
                actor,
                f"print_{status}",
                "print_job",
                job.id,
                document=document,
                reference=reference,
            )
            return _view(job)

    @guarded(Permission.PRINT_DOCUMENTS)
    def update(
        self, actor: Actor, job_id: int, status: str, printer: str = "", message: str = ""
    ) -> PrintJobView:
        with self.ctx.db.write() as s:
            job = s.get(PrintJob, job_id)
            if job is None:
                raise NotFound(f"打印任务 {job_id} 不存在")
            job.status, job.printer, job.message = status, printer, message[:500]
            job.attempts += 1
            audit(
                s,
                self.ctx,
                actor,
                f"print_{status}",
                "print_job",
                job.id,
                document=job.document,
                reference=job.reference,
            )
            return _view(job)

    def queued(self, terminal: str | None = None) -> list[PrintJobView]:
        with self.ctx.db.read() as s:
            stmt = select(PrintJob).where(PrintJob.status == QUEUED)
            if terminal:
                stmt = stmt.where(PrintJob.terminal == terminal)
            return [_view(j) for j in s.scalars(stmt.order_by(PrintJob.id))]
