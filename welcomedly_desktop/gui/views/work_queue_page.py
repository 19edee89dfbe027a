"""Work queue page: an agent works the records handed to them, one call at a time.

Left: the queue (callbacks due first, then new records, then retries) and its counts.  Right: the
current record — its fields, its ``extra`` data, previous attempts — and the outcome form
(disposition, talk time, callback date for dispositions that need one, notes).  "Save and next"
(Ctrl+Return) records the outcome and loads the next record.

Supervisors and admins pick any agent and see the same screen read-only.  Every database call
runs on a worker through ``ctx.run_in_session``; a record changed meanwhile by someone else
(``expected_attempts``) shows one sentence and reloads.

Live office: changes made elsewhere reload the counts and the queue (work_queue_live.py), and so
does F5, but both keep the record on screen and whatever is typed in the outcome form; when that
record was taken by someone else meanwhile, one sentence says so and the notes stay to be copied.
Only "Save and next", "Next record" and choosing another record move on.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.labels import record_status_label
from welcomedly_desktop.gui.views.work_queue_live import QueueFollower, what_happened
from welcomedly_desktop.gui.views.work_queue_widgets import fill as _fill, phone_text as _phone_text
from welcomedly_desktop.gui.views.work_queue_widgets import table as _table, when as _when
from welcomedly_desktop.i18n import QT_TRANSLATE_NOOP
from welcomedly_desktop.services import distribution, work_queue
from welcomedly_desktop.services.dispositions import DispositionView, list_dispositions
from welcomedly_desktop.i18n import localized
from welcomedly_desktop.formatting import format_number

REASONS = {
    "callback": QT_TRANSLATE_NOOP("WorkQueuePage", "Callback due"),
    "new": QT_TRANSLATE_NOOP("WorkQueuePage", "New"),
    "retry": QT_TRANSLATE_NOOP("WorkQueuePage", "Retry"),
}


class WorkQueuePage(QWidget):
    #: Emitted after the queue and the current record were drawn (tests wait for it).
    loaded = Signal()
    #: Emitted after an outcome was saved (record id).
    saved = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workQueuePage")
        self.ctx = ctx
        self.read_only = not ctx.actor.is_agent
        self.item: work_queue.QueueItem | None = None
        self.dispositions: list[DispositionView] = []
        self.lost = False  # the record on screen was taken, deleted or closed elsewhere: no saving
        self._generation = 0  # answers of an older load are dropped
        self._busy = False
        self._reload_pending = False

        # -- top bar: whose queue (supervisors) and the counts
        self.agent_combo = QComboBox(self)
        self.agent_combo.setObjectName("agentCombo")
        self.agent_combo.setVisible(self.read_only)
        self.agent_combo.setMinimumContentsLength(20)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summaryLabel")
        self.mode_label = QLabel(self)
        self.mode_label.setObjectName("modeLabel")
        top = QHBoxLayout()
        if self.read_only:
            top.addWidget(QLabel(self.tr("Agent"), self))
            top.addWidget(self.agent_combo)
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.mode_label, 1)

        # -- supervisors: hand records out ("Distribute") and move an agent's records ("Rebalance")
        self.campaign_combo = QComboBox(self)
        self.campaign_combo.setObjectName("campaignCombo")
        self.campaign_combo.setMinimumContentsLength(20)
        self.mode_combo = QComboBox(self)
        self.mode_combo.setObjectName("distributionModeCombo")
        self.mode_combo.addItem(self.tr("balanced round-robin"), "balanced")
        self.mode_combo.addItem(self.tr("by agent share"), "share")
        self.distribute_button = QPushButton(self.tr("Distribute unassigned records"), self)
        self.distribute_button.setObjectName("distributeButton")
        self.rebalance_button = QPushButton(self.tr("Move open records…"), self)
        self.rebalance_button.setObjectName("rebalanceButton")
        self.rebalance_button.setToolTip(self.tr("Move this agent's open records to the others"))
        self.tools_label = QLabel(self)
        self.tools_label.setObjectName("toolsLabel")
        for label in (self.summary_label, self.mode_label, self.tools_label):
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        tools = QHBoxLayout()
        for widget in (QLabel(self.tr("Campaign"), self), self.campaign_combo, self.mode_combo, self.distribute_button,
                       self.rebalance_button, self.tools_label):
            widget.setVisible(self.read_only)
            tools.addWidget(widget)
        tools.setStretch(tools.count() - 1, 1)
        self.distribute_button.clicked.connect(self.distribute)
        self.rebalance_button.clicked.connect(self.rebalance)

        # -- left: the queue
        self.queue_table = _table(self, "queueTable", [self.tr("Why"), self.tr("Name"), self.tr("Phone"),
                                                        self.tr("Campaign"), self.tr("Attempts"), self.tr("Callback")])
        self.queue_table.itemSelectionChanged.connect(self._queue_selection_changed)
        self._queue_ids: list[int] = []

        # -- right: the record as a form (label | value, values wrap), in a scroll area so a long
        # record never grows the window (issue 18, #3); its extra data and earlier attempts in tabs.
        self.record_box = QGroupBox(self.tr("Record"), self)
        self.record_box.setObjectName("recordBox")
        self.fields: dict[str, QLabel] = {}
        form_widget = QWidget()
        form_widget.setObjectName("recordForm")
        form = QFormLayout(form_widget)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for key, title in (("name", self.tr("Name")), ("phone", self.tr("Phone")), ("alt_phone", self.tr("Other phone")),
                           ("email", self.tr("E-mail")), ("external_id", self.tr("External id")),
                           ("campaign", self.tr("Campaign")), ("status", self.tr("Status")),
                           ("attempts", self.tr("Attempts")), ("callback", self.tr("Callback"))):
            label = QLabel(form_widget)
            label.setObjectName(f"{key}Field")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.fields[key] = label
            form.addRow(title, label)
        self.record_scroll = QScrollArea(self.record_box)
        self.record_scroll.setObjectName("recordScroll")
        self.record_scroll.setWidgetResizable(True)
        self.record_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.record_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.record_scroll.setWidget(form_widget)
        self.extra_table = _table(self, "extraTable", [self.tr("Field"), self.tr("Value")])
        self.history_table = _table(self, "historyTable", [self.tr("When"), self.tr("Outcome"), self.tr("Agent"),
                                                            self.tr("Talk"), self.tr("Notes")])
        self.record_tabs = QTabWidget(self.record_box)
        self.record_tabs.setObjectName("recordTabs")
        self.record_tabs.addTab(self.extra_table, self.tr("More data"))
        self.record_tabs.addTab(self.history_table, self.tr("Previous attempts"))
        for table in (self.extra_table, self.history_table):
            table.setMinimumHeight(60)
        box_layout = QVBoxLayout(self.record_box)
        box_layout.addWidget(self.record_scroll, 3)
        box_layout.addWidget(self.record_tabs, 2)

        self.outcome_box = QGroupBox(self.tr("Outcome of this call"), self)
        self.outcome_box.setObjectName("outcomeBox")
        self.disposition_combo = QComboBox(self)
        self.disposition_combo.setObjectName("dispositionCombo")
        self.talk_spin = QSpinBox(self)
        self.talk_spin.setObjectName("talkSpin")
        self.talk_spin.setRange(0, work_queue.MAX_TALK_SECONDS)
        self.talk_spin.setSuffix(self.tr(" s"))
        self.callback_edit = QDateTimeEdit(self)
        self.callback_edit.setObjectName("callbackEdit")
        self.callback_edit.setCalendarPopup(True)
        self.callback_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("notesEdit")
        self.notes_edit.setPlaceholderText(self.tr("Notes for the next person who calls"))
        # A few lines are enough; the record above gets the rest of the height.
        self.notes_edit.setMinimumHeight(40)
        self.notes_edit.setMaximumHeight(self.notes_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #c62828")
        self.error_label.setWordWrap(True)
        # Ignored horizontally: a long message wraps inside the box instead of widening the window.
        self.error_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.save_button = QPushButton(self.tr("Save and next"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip(self.tr("Ctrl+Return"))
        self.skip_button = QPushButton(self.tr("Next record"), self)
        self.skip_button.setObjectName("nextButton")
        outcome = QFormLayout(self.outcome_box)
        outcome.addRow(self.tr("Disposition"), self.disposition_combo)
        outcome.addRow(self.tr("Talk time"), self.talk_spin)
        outcome.addRow(self.tr("Call back at"), self.callback_edit)
        outcome.addRow(self.tr("Notes"), self.notes_edit)
        outcome.addRow(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        outcome.addRow(buttons)

        # The outcome form keeps the height it needs (a message wraps into it); the record, which
        # scrolls, takes the rest.
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.record_box, 1)
        right_layout.addWidget(self.outcome_box, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("workQueueSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.queue_table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)

        self.disposition_combo.currentIndexChanged.connect(lambda _i: self._update_form())
        self.save_button.clicked.connect(self.save)
        self.skip_button.clicked.connect(lambda: self.load())
        self.agent_combo.activated.connect(lambda _i: self.load())
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.activated.connect(self.save)
        if self.read_only:
            self.mode_label.setText(self.tr("Read-only: supervisors see an agent's queue but do not record calls."))
            self._load_agents()
        else:
            self.load()
        self._update_form()
        self.follower = QueueFollower(ctx, self.refresh, self)

    # -- saved UI state (the main window calls these) --------------------------------------------
    def save_state(self, settings) -> None:  # noqa: ANN001 - QSettings
        from welcomedly_desktop.gui import window_state

        window_state.save_splitter(settings, "workQueuePage", self.splitter)

    def restore_state(self, settings) -> None:  # noqa: ANN001
        from welcomedly_desktop.gui import window_state

        window_state.restore_splitter(settings, "workQueuePage", self.splitter)

    # -- loading -------------------------------------------------------------------------------
    def _load_agents(self) -> None:
        from welcomedly_desktop.services import agents, campaigns

        actor = self.ctx.actor

        def work(session):  # noqa: ANN001, ANN202
            campaign_items = [(c.id, c.name) for c in campaigns.list_campaigns(session, actor)]
            return [(a.id, a.name) for a in agents.list_agents(session, actor, include_inactive=False)], campaign_items

        self.ctx.run_in_session(work, self._show_agents, parent=self, label="queue agents")

    def _show_agents(self, result) -> None:  # noqa: ANN001
        items, campaign_items = result
        previous = self.campaign_combo.currentData()
        self.campaign_combo.clear()
        for campaign_id, name in campaign_items:
            self.campaign_combo.addItem(name, campaign_id)
        if self.campaign_combo.findData(previous) >= 0:
            self.campaign_combo.setCurrentIndex(self.campaign_combo.findData(previous))
        self.distribute_button.setEnabled(bool(campaign_items))
        self.rebalance_button.setEnabled(bool(campaign_items) and bool(items))
        self.agent_combo.clear()
        for agent_id, name in items:
            self.agent_combo.addItem(name, agent_id)
        if items:
            self.load()
        else:
            self.summary_label.setText(self.tr("There are no agents yet."))

    def select_agent(self, agent_id: int) -> None:
        self.agent_combo.setCurrentIndex(self.agent_combo.findData(agent_id))
        self.load()

    def refresh(self) -> None:
        """F5 and changes made elsewhere: the counts and the queue again, the record on screen and
        the outcome form as they are.  While a load runs, once more after it."""
        if self._busy:
            self._reload_pending = True
            return
        if self.item is None:
            self.load()
        else:
            self.load(self.item.record_id, keep=True)

    def load(self, record_id: int | None = None, *, keep: bool = False) -> None:
        """Load the counts, the queue and the next record (or ``record_id``).  ``keep``: the record
        on screen is read again and the outcome form is left as typed."""
        actor = self.ctx.actor
        agent_id = self.agent_combo.currentData() if self.read_only else None
        if self.read_only and agent_id is None:
            return
        shown_dispositions, read_only = self.dispositions, self.read_only

        def work(session):  # noqa: ANN001, ANN202
            from welcomedly_desktop.errors import NotFoundError, PermissionDenied

            summary = work_queue.queue_summary(session, actor, agent_id=agent_id)
            queue = work_queue.list_queue(session, actor, agent_id=agent_id)
            error = item = None
            if record_id is not None:
                try:
                    item = work_queue.get_record(session, actor, record_id)
                except (PermissionDenied, NotFoundError) as exc:
                    if not keep:
                        raise
                    item, error = None, exc
            if record_id is None or (keep and read_only and (item is None
                                                             or item.record_id not in {q.record_id for q in queue})):
                # Supervisors follow the agent's queue: a record that left it gives way to the next.
                item, error = work_queue.next_record(session, actor, agent_id=agent_id), None
            dispositions = list_dispositions(session, actor, campaign_id=item.campaign_id) if item else \
                shown_dispositions if error else []
            return summary, queue, item, dispositions, error

        self._generation += 1
        self._busy = True
        generation = self._generation
        self.ctx.run_in_session(work, lambda result: self._show(generation, keep, result),
                                lambda exc: self._load_failed(generation), parent=self, label="work queue")

    def _load_failed(self, generation: int) -> bool:
        if generation == self._generation:
            self._busy = False
        return False  # the default handler says why

    def _show(self, generation: int, keep: bool, result) -> None:  # noqa: ANN001
        if generation != self._generation:
            return  # a newer load is under way
        self._busy = False
        summary, queue, item, dispositions, error = result
        self.summary_label.setText(
            self.tr("{name}: {ready} ready — {cb} callbacks due, {new} new, {retry} retries; {later} callbacks later.")
            .format(name=summary.agent_name, ready=summary.ready, cb=summary.callbacks_due, new=summary.fresh,
                    retry=summary.retries, later=summary.scheduled_callbacks))
        self._queue_ids = [q.record_id for q in queue]
        self.queue_table.blockSignals(True)
        _fill(self.queue_table, [[self.tr(REASONS[q.reason]), q.name or "", q.phone_display or q.phone, q.campaign_name,
                                  str(q.attempts), _when(q.callback_at)] for q in queue])
        same = item.record_id == self.item.record_id if item is not None and self.item is not None else error is not None
        if keep and self.item is not None and same:
            self._show_again(item, dispositions, error)
        else:
            self.item, self.dispositions, self.lost = item, dispositions, False
            self._show_item()
        if self.item is not None and self.item.record_id in self._queue_ids:
            self.queue_table.selectRow(self._queue_ids.index(self.item.record_id))
        self.queue_table.blockSignals(False)
        self.loaded.emit()
        if self._reload_pending:
            self._reload_pending = False
            self.refresh()

    def _show_again(self, item, dispositions, error) -> None:  # noqa: ANN001
        """The record on screen read again: its fields follow, the outcome form stays as typed."""
        note, lost = what_happened(self.item, item, error)
        self.lost = self.lost or lost
        if item is not None:
            chosen = self.disposition_combo.currentData()
            self.item, self.dispositions = item, dispositions
            self._show_record()
            self._fill_dispositions()
            self.disposition_combo.setCurrentIndex(max(self.disposition_combo.findData(chosen), 0))
        if note:
            self.error_label.setText(note)
        self._update_form()

    def _fill_dispositions(self) -> None:
        self.disposition_combo.blockSignals(True)
        self.disposition_combo.clear()
        self.disposition_combo.addItem(self.tr("Choose the outcome…"), None)
        for d in self.dispositions:
            self.disposition_combo.addItem(d.name, d.id)
        self.disposition_combo.blockSignals(False)

    def _show_item(self) -> None:
        self._show_record()
        self._fill_dispositions()
        self.talk_spin.setValue(0)
        self.notes_edit.clear()
        self.callback_edit.setDateTime(QDateTime.currentDateTime().addSecs(24 * 3600))
        self.error_label.clear()
        self._update_form()

    def _show_record(self) -> None:
        item = self.item
        values = {key: "" for key in self.fields}
        if item is not None:
            values.update(
                name=item.name or "", phone=_phone_text(item), alt_phone=item.alt_phone_display or item.alt_phone or "",
                email=item.email or "",
                external_id=item.external_id or "", campaign=item.campaign_name, status=record_status_label(item.status),
                attempts=str(item.attempts), callback=_when(item.callback_at),
            )
        for key, label in self.fields.items():
            label.setText(values[key])
        self.record_box.setTitle(self.tr("Record") if item else self.tr("No record to call right now"))
        _fill(self.extra_table, [[k, v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)]
                                 for k, v in sorted((item.extra if item else {}).items())])
        _fill(self.history_table, [[_when(h.started_at), h.disposition, h.agent or "", f"{h.talk_seconds} s", h.notes]
                                   for h in (item.history if item else [])])

    def _queue_selection_changed(self) -> None:
        rows = self.queue_table.selectionModel().selectedRows()
        if rows and self.item is not None and self._queue_ids[rows[0].row()] != self.item.record_id:
            self.load(self._queue_ids[rows[0].row()])

    # -- the outcome form ----------------------------------------------------------------------
    def current_disposition(self) -> DispositionView | None:
        did = self.disposition_combo.currentData()
        return next((d for d in self.dispositions if d.id == did), None)

    def _update_form(self) -> None:
        editable = not self.read_only and self.item is not None
        self.outcome_box.setEnabled(editable)
        d = self.current_disposition()
        self.callback_edit.setEnabled(editable and d is not None and d.needs_callback)
        self.save_button.setEnabled(editable and d is not None and not self.lost)

    def save(self) -> None:
        d = self.current_disposition()
        if self.read_only or self.item is None or d is None or self.lost or not self.save_button.isEnabled():
            return
        item, actor = self.item, self.ctx.actor
        callback = self.callback_edit.dateTime().toPython().astimezone() if d.needs_callback else None
        talk, notes = self.talk_spin.value(), self.notes_edit.toPlainText()
        self.save_button.setEnabled(False)

        def work(session):  # noqa: ANN001, ANN202
            return work_queue.record_disposition(session, actor, item.record_id, d.id, notes=notes, talk_seconds=talk,
                                                 callback_at=callback, expected_attempts=item.attempts)

        self.ctx.run_in_session(work, self._saved, self._save_failed, parent=self, label="record outcome")

    def _saved(self, outcome) -> None:  # noqa: ANN001
        self.saved.emit(outcome.record_id)
        self.ctx.notify_changed("activity", outcome.record_id)
        self.load()

    def _save_failed(self, exc: BaseException) -> bool:
        from welcomedly_desktop.errors import ConflictError, ValidationError

        self._update_form()
        if isinstance(exc, ValidationError):
            self.error_label.setText(exc.user_message)
            return True
        if isinstance(exc, ConflictError):  # the record again, with what was typed kept
            self.refresh()
        return False  # the default message box says why

    # -- supervisors: distribution ---------------------------------------------------------------
    def distribute(self) -> None:
        campaign_id = self.campaign_combo.currentData()
        if not self.read_only or campaign_id is None:
            return
        actor, by_share = self.ctx.actor, self.mode_combo.currentData() == "share"
        self.ctx.run_in_session(lambda s: distribution.distribute(s, actor, campaign_id, by_share=by_share),
                                lambda r: self._distributed(r, self.tr("Handed out")), parent=self, label="distribute")

    def rebalance(self, *, confirmed: bool = False) -> None:
        from welcomedly_desktop.gui import messages

        campaign_id, agent_id = self.campaign_combo.currentData(), self.agent_combo.currentData()
        if not self.read_only or campaign_id is None or agent_id is None:
            return
        if not confirmed and not messages.confirm(
            self, self.tr("Move records"),
            self.tr("Move every open record of {agent} in {campaign} to the campaign's other agents?").format(
                agent=self.agent_combo.currentText(), campaign=self.campaign_combo.currentText()),
            ok_text=self.tr("Move records")):
            return
        actor = self.ctx.actor
        self.ctx.run_in_session(lambda s: distribution.rebalance(s, actor, campaign_id, agent_id),
                                lambda r: self._distributed(r, self.tr("Moved")), parent=self, label="rebalance")

    def _distributed(self, result, verb: str) -> None:  # noqa: ANN001
        names = {self.agent_combo.itemData(i): self.agent_combo.itemText(i) for i in range(self.agent_combo.count())}
        detail = ", ".join(f"{names.get(a, a)} {format_number(n)}" for a, n in sorted(result.assigned.items()))
        self.tools_label.setText(localized(self.tr("{verb} {n:,} records{detail}.")).format(
            verb=verb, n=result.total, detail=f" ({detail})" if detail else ""))
        self.ctx.notify_changed("records", result.campaign_id)
        self.load()
