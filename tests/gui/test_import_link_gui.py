"""Issue 20: choosing a symbolic link in the GUI import shows the real file it reads."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from welcomedly_desktop.gui.dialogs.import_dialog import start_import

from .conftest import wait_idle


def test_import_dialog_names_the_real_file_of_a_link(qtbot, supervisor_actor, make_campaign, make_ctx, tmp_path):
    campaign = make_campaign("Linked")
    real = tmp_path / "real-leads.csv"
    real.write_text("nombre,telefono\nAna,3124900097\n", encoding="utf-8")
    link = tmp_path / "leads.csv"
    link.symlink_to(real)
    ctx = make_ctx(supervisor_actor)
    host = QWidget()
    qtbot.addWidget(host)
    dialog = start_import(ctx, campaign.id, [link], host)
    with qtbot.waitSignal(dialog.preview_loaded, timeout=10000):
        pass
    assert dialog.info_label.text().startswith("leads.csv: CSV")
    assert f"a link to {real.resolve()}" in dialog.info_label.text()
    dialog.reject()
    wait_idle(qtbot, ctx)
