"""View > Language saves the workstation's language in settings.json for the next start."""

from __future__ import annotations

from welcomedly_desktop.config import load_settings


def test_choosing_spanish_saves_the_setting_and_says_when_it_applies(qtbot, db, admin_actor, open_window, dialogs):
    from welcomedly_desktop.gui.language_menu import LanguageMenu

    window = open_window(admin_actor)
    menu = window.findChild(LanguageMenu, "languageMenu")
    assert menu.choice_actions[None].isChecked()  # nothing chosen yet: the OS decides

    menu.choice_actions["es"].trigger()
    saved = load_settings(data_dir=window.ctx.settings.data_dir)
    assert saved.language == "es" and window.ctx.settings.language == "es"
    assert menu.choice_actions["es"].isChecked()
    assert dialogs.seen[-1].title == "Language" and "next start" in dialogs.seen[-1].text

    menu.choice_actions[None].trigger()  # back to following the OS
    assert load_settings(data_dir=window.ctx.settings.data_dir).language is None
