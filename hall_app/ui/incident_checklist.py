"""The incident console's checklist: the emergency plan's steps with their tick boxes, time
limits and progress line. Ticking a step asks the console (``tick_requested``), which runs
the service; the box only shows what the incident holds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from hall_app.domain.fallback import EmergencyPlan, PlanStep
from hall_app.services.context import ServiceContext
from hall_app.services.fallback import IncidentView as Incident
from hall_app.ui.common import table_view
from hall_app.ui.incident_models import StepModel, StepRow


class ChecklistBox(QGroupBox):
    """应急预案步骤: one row per step of the plan, ticked with the space bar."""

    tick_requested = Signal(str, bool)  # step id, done

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("IncidentView", "应急预案步骤（空格键勾选）"))
        self.steps = StepModel(self)
        self.steps.tick_requested.connect(self.tick_requested)
        self.table = table_view(self.steps, stretch_column=2)
        self.table.setWordWrap(True)
        self.table.setObjectName("stepTable")
        self.progress = QLabel()
        self.progress.setObjectName("stepProgress")
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.table)

    def show_incident(self, plan: EmergencyPlan, incident: Incident, ctx: ServiceContext) -> None:
        start = ctx.local(incident.started_at)
        rows = []
        for step in plan.steps:
            done = incident.steps_done.get(step.id)
            due = start + dt.timedelta(minutes=step.minutes) if step.minutes else None
            rows.append(
                StepRow(step, ctx.local(done[0]) if done else None, done[1] if done else "", due)
            )
        self.steps.set_steps(rows, ctx.now())
        self.table.resizeRowsToContents()

    def set_now(self, now: dt.datetime) -> None:
        """Overdue steps turn red as the clock moves on; the progress line counts them."""
        self.steps.set_now(now)
        rows = [self.steps.row(r) for r in range(self.steps.rowCount())]
        done = sum(1 for r in rows if self.steps.done(r))
        late = sum(1 for r in rows if self.steps.overdue(r))
        text = QCoreApplication.translate("IncidentView", "已完成 {}/{} 步").format(done, len(rows))
        if late:
            text += QCoreApplication.translate("IncidentView", "，{} 步已超时").format(late)
        self.progress.setText(text)
        self.progress.setStyleSheet("color:#c62828;font-weight:bold;" if late else "")

    def what(self, step: str) -> str:
        """A step's text, shortened for a message."""
        rows = [self.steps.row(r) for r in range(self.steps.rowCount())]
        what = next((r.step.what for r in rows if r.step.id == step), step)
        return what if len(what) <= 24 else what[:24] + "…"

    def unticked(self) -> list[PlanStep]:
        """The plan's steps not ticked (as shown), in the plan's order."""
        rows = [self.steps.row(r) for r in range(self.steps.rowCount())]
        return [r.step for r in rows if not self.steps.done(r)]
