"""Getting a rendered PDF onto paper: archive it, try the printer, record the job.

Runs on the worker thread. A printer that fails leaves the file archived and the job queued
for reprint; the caller shows the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hall_app.domain.errors import PrintError
from hall_app.services.context import Actor
from hall_app.services.hall import Hall
from hall_app.services.print_jobs import PRINTED, QUEUED, SAVED, PrintJobView
from hall_app.ui import printer


@dataclass(frozen=True)
class Printed:
    path: Path
    job: PrintJobView
    printer: str | None = None
    error: PrintError | None = None


def save_document(hall: Hall, actor: Actor, pdf: bytes, document: str, reference: str) -> Printed:
    path = printer.archive(pdf, f"{document}-{reference}", hall.ctx.today())
    job = hall.print_jobs.record(actor, document, reference, str(path), SAVED)
    return Printed(path, job)


def print_document(hall: Hall, actor: Actor, saved: Printed, printer_name: str) -> Printed:
    """Print an archived document; on failure the job is queued for reprint."""
    try:
        used = printer.print_pdf(saved.path, printer_name)
    except PrintError as error:
        job = hall.print_jobs.update(actor, saved.job.id, QUEUED, printer_name, error.message)
        return Printed(saved.path, job, None, error)
    job = hall.print_jobs.update(actor, saved.job.id, PRINTED, used)
    return Printed(saved.path, job, used, None)


def output_document(
    hall: Hall,
    actor: Actor,
    pdf: bytes,
    document: str,
    reference: str,
    *,
    print_it: bool,
    printer_name: str = "",
) -> Printed:
    saved = save_document(hall, actor, pdf, document, reference)
    return print_document(hall, actor, saved, printer_name) if print_it else saved
