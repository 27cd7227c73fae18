"""补录: typing the paper registers of the open incident back into the system, one line at
a time and from the keyboard. The kind (Ctrl+1..5) decides the fields; Enter moves to the
next field and, in the last one, saves and clears the form for the next line (kind, window
and clerk stay). What the service refuses is shown beside the form and nothing typed is lost.
The form is ``ui/back_entry_form.py``; this screen loads the incident, its ledger and what
has been entered, and saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from hall_app.domain.errors import KnownError
from hall_app.domain.fallback import Ledger
from hall_app.services.catalog import CatalogEntry
from hall_app.services.context import Actor
from hall_app.services.fallback import IncidentView
from hall_app.services.hall import Hall
from hall_app.ui.back_entry_form import BackEntryForm
from hall_app.ui.back_entry_parts import _TAIL, BackEntryModel, _clock
from hall_app.ui.common import table_view
from hall_app.ui.incident_models import number_ranges, paper_kind, paper_label
from hall_app.ui.settings import Settings
from hall_app.ui.worker import Runner


@dataclass(frozen=True)
class _Loaded:
    incident: IncidentView | None
    entries: list[dict[str, Any]]
    ledger: Ledger | None
    catalog: list[CatalogEntry] | None


class BackEntryView(BackEntryForm):
    refreshed = Signal()
    saved = Signal(str)  # the number entered

    def __init__(
        self,
        hall: Hall,
        runner: Runner,
        actor: Actor,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(hall, runner, actor, settings, parent)
        self.incident: IncidentView | None = None
        self.ledger: Ledger | None = None
        self._catalog_loaded = False
        self._saving = False
        self.header = QLabel()
        self.header.setObjectName("backEntryHeader")
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-size:13pt;font-weight:bold;")
        self.progress = QLabel()
        self.progress.setObjectName("backEntryProgress")
        self.progress.setWordWrap(True)  # four counts: wider than the screen in English

        self.model = BackEntryModel(hall.ctx.tz, self)
        self.table = table_view(self.model, stretch_column=3)
        self.table.setObjectName("backEntryTable")
        table_box = QGroupBox(self.tr("本次事件已补录"))
        tl = QVBoxLayout(table_box)
        tl.addWidget(self.progress)
        tl.addWidget(self.table)
        body = QHBoxLayout()
        body.addWidget(self.form_box)
        body.addWidget(table_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        self.set_kind("ticket")
        self._set_enabled(False)

    # ------------------------------------------------------------ loading

    def refresh(self) -> None:
        fallback, catalog = self.hall.fallback, self.hall.catalog
        need_catalog = not self._catalog_loaded

        def load() -> _Loaded:
            entries = catalog.entries() if need_catalog else None
            incident = fallback.current_incident()
            if incident is None:
                return _Loaded(None, [], None, entries)
            return _Loaded(
                incident,
                fallback.back_entries(incident.number),
                fallback.ledger(incident.number),
                entries,
            )

        def failed(error: KnownError) -> None:
            self.message.show_error(error)
            self.refreshed.emit()

        self.runner.run(load, self._show, failed)

    def _show(self, loaded: _Loaded) -> None:
        if loaded.catalog is not None:
            self._catalog_loaded = True
            self.category.clear()
            self.category.addItem(self.tr("（按事项确定）"), "")
            for entry in loaded.catalog:
                if entry.kind == "category":
                    self.category.addItem(f"{entry.code} {entry.name}", entry.code)
            self.item.set_items([e for e in loaded.catalog if e.kind == "item"])
        self.incident = loaded.incident
        self.ledger = loaded.ledger
        self.model.set_rows(loaded.entries)
        self._set_enabled(loaded.incident is not None)
        if loaded.incident is None:
            self.header.setText(self.tr("当前没有未结束的应急事件，无需补录。"))
            self.progress.clear()
        else:
            start = self.hall.ctx.local(loaded.incident.started_at)
            self.header.setText(
                self.tr("补录：应急事件 {} · {} · {:%H:%M} 起").format(
                    loaded.incident.number, loaded.incident.cause, start
                )
            )
            numbers = [r["reference"] for r in loaded.entries]
            numbers += list(loaded.ledger.outstanding_numbers) if loaded.ledger else []
            for number in numbers:
                match = _TAIL.match(number)
                kind = paper_kind(number)
                if match and kind != "ticket" and kind not in self.templates:
                    prefix, digits = match.groups()
                    self.templates[kind] = prefix + "{:0" + str(len(digits)) + "d}"
            self._show_progress()
        self.refreshed.emit()

    def _show_progress(self) -> None:
        ledger = self.ledger
        if ledger is None:
            return
        parts = [
            self.tr("{} {}/{}").format(
                paper_label(line.kind), line.entered + line.voided, line.reserved
            )
            for line in ledger.lines
        ]
        mine = [n for n in ledger.outstanding_numbers if paper_kind(n) == self.kind]
        text = self.tr("已处理（补录+作废）/预留：") + "　".join(parts)
        if mine:
            text += self.tr("\n{}待补录：{}").format(paper_label(self.kind), number_ranges(mine, 3))
        self.progress.setText(text)

    def _set_enabled(self, on: bool) -> None:
        for name, action in self.named_actions.items():
            action.setEnabled(on or name.startswith("kind_"))
        for widget in self.fields.values():
            widget.setEnabled(on)

    # ------------------------------------------------------------ saving

    def save(self) -> None:
        if self.incident is None or self._saving:
            return
        try:
            entry = self.entry()
        except KnownError as error:
            self.show_error(error)
            return
        hall, actor, number = self.hall, self.actor, self.incident.number
        self._saving = True

        def done(reference: str) -> None:
            self._saving = False
            self.message.show_message(
                self.tr("已补录 {} {}（原始时间 {}）").format(
                    paper_label(entry.kind), reference, _clock(entry.time)
                ),
                "ok",
            )
            self.clear_line(next_line=True)
            self.saved.emit(reference)
            self.refresh()

        def failed(error: KnownError) -> None:
            self._saving = False
            self.show_error(error)

        self.runner.run(lambda: hall.fallback.back_enter(actor, number, entry), done, failed)
