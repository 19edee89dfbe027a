"""Reports page: campaign or agent report for a date range — tables beside QtCharts charts,
print preview (Ctrl+P) and PDF/CSV/XLSX exports, all through the same builders and render path
as the CLI.

Reports are built on a worker (``ctx.run_in_session``); the page only draws the returned plain
data.  Charts and the paged document are Qt objects, so the PDF is painted on the GUI thread (a
few hundred milliseconds), while CSV/XLSX and record exports run on a worker.  Agents see only
their own agent report.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from welcomedly_desktop.gui import messages, window_state
from welcomedly_desktop.gui import file_dialogs
from welcomedly_desktop.gui.context import AppContext
from welcomedly_desktop.gui.dialogs.dispositions_dialog import DispositionsDialog
from welcomedly_desktop.gui.charts.report_charts import report_charts
from welcomedly_desktop.gui.views.report_widgets import fill_table, new_printer, system_timezone, table_widget
from welcomedly_desktop.printing.report_document import render_report, write_pdf
from welcomedly_desktop.reports.model import AgentReport, CampaignReport
from welcomedly_desktop.reports.tables import report_tables
from welcomedly_desktop.services import reports
from welcomedly_desktop.i18n import localized

CAMPAIGN = "campaign"
AGENT = "agent"
#: data_changed kinds after which the subject lists are reloaded
_SUBJECT_KINDS = ("campaigns", "agents", "assignments")
#: data_changed kinds that make a shown report out of date
_ACTIVITY_KINDS = ("activity", "records", "uploads", "campaigns", "dispositions")


class ReportsPage(QWidget):
    #: Emitted after a report was drawn (tests wait for it).
    loaded = Signal()
    #: Emitted after an export finished, with the file written.
    exported = Signal(str)
    #: The main window re-reads can_print_page when this fires.
    actions_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPage")
        self.ctx = ctx
        self.report: CampaignReport | AgentReport | None = None
        self._own_agent_id: int | None = None
        is_agent = ctx.actor.is_agent

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        if not is_agent:
            self.kind_combo.addItem(self.tr("Campaign report"), CAMPAIGN)
        self.kind_combo.addItem(self.tr("Agent report") if not is_agent else self.tr("My agent report"), AGENT)
        self.subject_combo = QComboBox(self)
        self.subject_combo.setObjectName("subjectCombo")
        self.subject_combo.setMinimumContentsLength(24)
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addDays(-29), self)
        self.from_edit.setObjectName("fromEdit")
        self.to_edit = QDateEdit(today, self)
        self.to_edit.setObjectName("toEdit")
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.tz_combo = QComboBox(self)
        self.tz_combo.setObjectName("timezoneCombo")
        local = system_timezone()
        self.tz_combo.addItem(local, local)
        if local != "UTC":
            self.tz_combo.addItem("UTC", "UTC")
        self.preset_combo = QComboBox(self)
        self.preset_combo.setObjectName("presetCombo")
        for label, days in ((self.tr("Range…"), None), (self.tr("Today"), 1), (self.tr("Last 7 days"), 7),
                            (self.tr("Last 30 days"), 30), (self.tr("This month"), "month"),
                            (self.tr("Last 90 days"), 90)):
            self.preset_combo.addItem(label, days)
        self.preset_combo.activated.connect(self._apply_preset)
        self.show_button = QPushButton(self.tr("Show"), self)
        self.show_button.setObjectName("showButton")
        self.show_button.setDefault(True)
        self.print_button = QPushButton(self.tr("Print preview…"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.setToolTip(self.tr("Ctrl+P"))
        self.pdf_button = QPushButton(self.tr("PDF…"), self)
        self.pdf_button.setObjectName("pdfButton")
        self.csv_button = QPushButton(self.tr("CSV…"), self)
        self.csv_button.setObjectName("csvButton")
        self.xlsx_button = QPushButton(self.tr("Excel…"), self)
        self.xlsx_button.setObjectName("xlsxButton")
        self.records_button = QPushButton(self.tr("Export records…"), self)
        self.records_button.setObjectName("recordsButton")
        self.records_button.setToolTip(self.tr("Every record of the campaign with its last disposition"))
        self.records_button.setVisible(ctx.actor.can_manage_campaigns)
        self.catalogue_button = QPushButton(self.tr("Dispositions…"), self)
        self.catalogue_button.setObjectName("catalogueButton")
        self.catalogue_button.setToolTip(self.tr("The call outcomes and the flags that define contacts and successes"))
        self.catalogue_button.setVisible(ctx.actor.can_manage_campaigns)

        bar = QHBoxLayout()
        for label, widget in ((None, self.kind_combo), (None, self.subject_combo), (self.tr("From"), self.from_edit),
                              (self.tr("to"), self.to_edit), (self.tr("Time zone"), self.tz_combo)):
            if label:
                bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
        bar.addWidget(self.preset_combo)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        exports = QHBoxLayout()
        self.status_label = QLabel(self.tr("Choose a report and press Show."), self)
        self.status_label.setObjectName("statusLabel")
        exports.addWidget(self.status_label, 1)
        for button in (self.print_button, self.pdf_button, self.csv_button, self.xlsx_button, self.records_button,
                       self.catalogue_button):
            exports.addWidget(button)

        # Tables on the left, charts on the right.
        self.summary_table = table_widget(self, "summaryTable")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tableTabs")
        self.table_widgets: dict[str, QTableWidget] = {}
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary_table, 2)
        left_layout.addWidget(self.tabs, 3)
        left.setMinimumWidth(380)
        self.chart_views = [QChartView(self) for _ in range(3)]
        charts_box = QWidget(self)
        charts_layout = QVBoxLayout(charts_box)
        for i, view in enumerate(self.chart_views):
            view.setObjectName(("dispositionChart", "dailyChart", "hourlyChart")[i])
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
            view.setMinimumWidth(440)
            charts_layout.addWidget(view)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(charts_box)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("reportsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addLayout(exports)
        layout.addWidget(self.splitter, 1)

        self.kind_combo.currentIndexChanged.connect(lambda _i: self._load_subjects())
        self.show_button.clicked.connect(self.refresh)
        self.print_button.clicked.connect(self.print_page)
        self.pdf_button.clicked.connect(lambda: self._ask_and_export("pdf"))
        self.csv_button.clicked.connect(lambda: self._ask_and_export("csv"))
        self.xlsx_button.clicked.connect(lambda: self._ask_and_export("xlsx"))
        self.records_button.clicked.connect(self._ask_and_export_records)
        self.catalogue_button.clicked.connect(self.open_catalogue)
        ctx.data_changed.connect(self._on_data_changed)
        self._update_buttons()
        self._load_subjects()

    def _on_data_changed(self, kind: str, _entity_id: object) -> None:
        if kind in _SUBJECT_KINDS:
            self._load_subjects()
        if kind in _ACTIVITY_KINDS and self.report is not None:
            self.status_label.setText(self.tr("The data changed since this report was computed; press Show to update it."))

    def set_last_days(self, days: int) -> None:
        """Preset ranges: the last ``days`` days up to today."""
        today = QDate.currentDate()
        self.to_edit.setDate(today)
        self.from_edit.setDate(today.addDays(-(days - 1)))

    def set_this_month(self) -> None:
        today = QDate.currentDate()
        self.from_edit.setDate(QDate(today.year(), today.month(), 1))
        self.to_edit.setDate(today)

    # -- subjects --------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def _load_subjects(self) -> None:
        kind = self.kind
        actor = self.ctx.actor

        def work(session):  # noqa: ANN001, ANN202
            if actor.is_agent:
                from welcomedly_desktop.services import agents

                own = agents.get_for_user(session, actor.user_id)
                return [] if own is None else [(own.id, own.name)]
            if kind == CAMPAIGN:
                from welcomedly_desktop.services import campaigns

                return [(c.id, c.name) for c in campaigns.list_campaigns(session, actor)]
            from welcomedly_desktop.services import agents

            return [(a.id, a.name) for a in agents.list_agents(session, actor)]

        self.ctx.run_in_session(work, self._show_subjects, parent=self, label="report subjects")

    def _show_subjects(self, items: list[tuple[int, str]]) -> None:
        previous = self.subject_combo.currentData()
        self.subject_combo.clear()
        for subject_id, name in items:
            self.subject_combo.addItem(name, subject_id)
        index = self.subject_combo.findData(previous)
        if index >= 0:
            self.subject_combo.setCurrentIndex(index)
        if not items:
            self.status_label.setText(
                self.tr("Your account is not linked to an agent profile.") if self.ctx.actor.is_agent
                else self.tr("Nothing to report on yet.")
            )
        self._update_buttons()

    def select_subject(self, subject_id: int) -> None:
        index = self.subject_combo.findData(subject_id)
        if index < 0:
            raise LookupError(subject_id)
        self.subject_combo.setCurrentIndex(index)

    def _apply_preset(self, index: int) -> None:
        value = self.preset_combo.itemData(index)
        if value == "month":
            self.set_this_month()
        elif value:
            self.set_last_days(int(value))
        self.preset_combo.setCurrentIndex(0)
        if value:
            self.refresh()

    # -- building and drawing ------------------------------------------------------------------
    def period(self):  # noqa: ANN201
        return reports.make_period(self.from_edit.date().toPython(), self.to_edit.date().toPython(),
                                    self.tz_combo.currentData())

    def refresh(self) -> None:
        subject = self.subject_combo.currentData()
        if subject is None:
            return
        try:
            period = self.period()
        except Exception as exc:  # noqa: BLE001 - ValidationError: one sentence
            messages.warning(self, self.tr("Reports"), getattr(exc, "user_message", str(exc)))
            return
        kind, actor = self.kind, self.ctx.actor

        def work(session):  # noqa: ANN001, ANN202
            if kind == CAMPAIGN:
                return reports.campaign_report(session, actor, subject, period)
            return reports.agent_report(session, actor, subject, period)

        self.status_label.setText(self.tr("Computing…"))
        self.show_button.setEnabled(False)
        self.ctx.run_in_session(work, self._show_report, self._on_error, parent=self, label="report")

    def _on_error(self, _exc: BaseException) -> bool:
        self.show_button.setEnabled(True)
        self.status_label.setText(self.tr("The report could not be computed."))
        return False  # the default message box explains why

    def _show_report(self, report: CampaignReport | AgentReport) -> None:
        self.report = report
        tables = report_tables(report)
        fill_table(self.summary_table, tables[0])
        # Values must always be readable: the metric names take what width is left (elided).
        header = self.summary_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.summary_table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.table_widgets = {}
        for table in tables[1:]:
            widget = table_widget(self.tabs, f"{table.key}Table")
            fill_table(widget, table)
            self.tabs.addTab(widget, table.title)
            self.table_widgets[table.key] = widget
        self.tabs.setCurrentIndex(max(current, 0))
        charts = report_charts(report) if report.attempts else [self._empty_chart() for _ in self.chart_views]
        for view, chart in zip(self.chart_views, charts):
            old = view.chart()
            view.setChart(chart)
            if old is not None:
                old.deleteLater()
        self.status_label.setText(
            self.tr("{subject}, {period}; computed {at}.").format(
                subject=report.subject, period=report.period.label(),
                at=report.generated_at.astimezone().strftime("%H:%M:%S"))
        )
        self.show_button.setEnabled(True)
        self._update_buttons()
        self.loaded.emit()

    def _empty_chart(self) -> QChart:
        """No calls: one sentence instead of axes that read "1, 1, 0, 0" (issue 18, #9)."""
        chart = QChart()
        chart.setTitle(self.tr("No calls in this period."))
        chart.legend().hide()
        return chart

    def _update_buttons(self) -> None:
        has_report = self.report is not None
        for button in (self.print_button, self.pdf_button, self.csv_button, self.xlsx_button):
            button.setEnabled(has_report)
        self.records_button.setEnabled(self.kind == CAMPAIGN and self.subject_combo.currentData() is not None)
        self.show_button.setEnabled(self.subject_combo.count() > 0)
        self.actions_changed.emit()

    # -- saved UI state (the main window calls these) --------------------------------------------
    def save_state(self, settings) -> None:  # noqa: ANN001 - QSettings
        window_state.save_splitter(settings, "reportsPage", self.splitter)
        settings.setValue("reportsPage/timezone", self.tz_combo.currentData())

    def restore_state(self, settings) -> None:  # noqa: ANN001
        window_state.restore_splitter(settings, "reportsPage", self.splitter)
        tz = settings.value("reportsPage/timezone")
        if isinstance(tz, str) and self.tz_combo.findData(tz) >= 0:
            self.tz_combo.setCurrentIndex(self.tz_combo.findData(tz))

    # -- printing (Ctrl+P through the main window) ---------------------------------------------
    def can_print_page(self) -> bool:
        return self.report is not None

    def print_page(self) -> None:
        if self.report is None:
            return
        report = self.report
        printer = new_printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setObjectName("printPreviewDialog")
        dialog.setWindowTitle(self.tr("Print preview — {subject}").format(subject=report.subject))
        dialog.paintRequested.connect(lambda p: render_report(report, p))
        self.preview_dialog = dialog
        messages.run_and_dispose(dialog)

    # -- the disposition catalogue ---------------------------------------------------------------
    def open_catalogue(self) -> None:
        campaign_id = self.subject_combo.currentData() if self.kind == CAMPAIGN else None
        dialog = DispositionsDialog(self.ctx, campaign_id, self.subject_combo.currentText() if campaign_id else "", self)
        self.catalogue_dialog = dialog
        dialog.load()
        messages.run_and_dispose(dialog)

    # -- exports -------------------------------------------------------------------------------
    def _ask_path(self, caption: str, suggested: str, file_filter: str) -> Path | None:
        return file_dialogs.save_file(self.ctx, self, file_dialogs.REPORTS, caption, suggested, file_filter)

    def _file_stem(self) -> str:
        assert self.report is not None
        r = self.report
        name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in r.subject.split(": ", 1)[-1])[:60]
        return f"{r.kind}-report-{name}-{r.period.date_from}-{r.period.date_to}"

    def _ask_and_export(self, fmt: str) -> None:
        if self.report is None:
            return
        filters = {"pdf": self.tr("PDF (*.pdf)"), "csv": self.tr("CSV (*.csv)"), "xlsx": self.tr("Excel (*.xlsx)")}
        path = self._ask_path(self.tr("Export report"), f"{self._file_stem()}.{fmt}", filters[fmt])
        if path is not None:
            self.export_to(fmt, path)

    def export_to(self, fmt: str, path: Path) -> None:
        """Export the shown report (PDF painted here on the GUI thread; CSV/XLSX on a worker)."""
        if self.report is None:
            return
        report, actor = self.report, self.ctx.actor
        path = Path(path)
        if fmt == "pdf":
            try:
                write_pdf(report, path)
            except Exception as exc:  # noqa: BLE001
                messages.error(self, self.tr("Export report"),
                               getattr(exc, "user_message", None) or self.tr("The PDF could not be written: {e}").format(e=exc))
                return
            self.ctx.run_in_session(lambda s: reports.audit_report_export(s, actor, report, "pdf", path),
                                    lambda _r: self._exported(path), parent=self, label="audit export")
            return
        self.ctx.run_in_session(lambda s: reports.export_report(s, actor, report, fmt, path),
                                lambda _r: self._exported(path), parent=self, label="export report")

    def _ask_and_export_records(self) -> None:
        campaign_id = self.subject_combo.currentData()
        if self.kind != CAMPAIGN or campaign_id is None:
            return
        name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in self.subject_combo.currentText())[:60]
        path = self._ask_path(self.tr("Export records"), f"records-{name}-{dt.date.today()}.xlsx",
                              self.tr("Excel (*.xlsx);;CSV (*.csv)"))
        if path is not None:
            self.export_records_to(campaign_id, path)

    def export_records_to(self, campaign_id: int, path: Path) -> None:
        path = Path(path)
        fmt = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx")
        actor = self.ctx.actor
        self.status_label.setText(self.tr("Exporting records…"))
        self.ctx.run_in_session(lambda s: reports.export_records(s, actor, campaign_id, fmt, path),
                                lambda n: self._exported(path, n), parent=self, label="export records")

    def _exported(self, path: Path, rows: int | None = None) -> None:
        text = self.tr("Saved {file}.").format(file=path)
        if rows is not None:
            text = localized(self.tr("Saved {rows:,} records to {file}.")).format(rows=rows, file=path)
        self.status_label.setText(text)
        self.exported.emit(str(path))
