"""``welcomedly settings get KEY`` / ``settings set country CODE`` / ``settings set timezone ZONE``:
the organization-wide settings every workstation shares (setting them: admins)."""

from __future__ import annotations

import argparse

from welcomedly_desktop.cli.common import EXIT_OK, CliContext
from welcomedly_desktop.i18n import translate

KEYS = ("country", "timezone")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    settings = subparsers.add_parser("settings", help=translate("cli", "organization settings: country, time zone"))
    sub = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True, parser_class=type(settings))
    get = sub.add_parser("get", parents=[common], help=translate("cli", "print a setting (country, timezone)"))
    get.add_argument("key", choices=KEYS, metavar="KEY", help=translate("cli", "country or timezone"))
    get.add_argument("--json", action="store_true")
    get.set_defaults(handler=cmd_settings_get)
    put = sub.add_parser("set", parents=[common], help=translate("cli", "change a setting (admins)"))
    put.add_argument("key", choices=KEYS, metavar="KEY", help=translate("cli", "country (ISO 3166 alpha-2, e.g. CO) or timezone (e.g. America/Bogota)"))
    put.add_argument("value", metavar="VALUE")
    put.add_argument("--json", action="store_true")
    put.set_defaults(handler=cmd_settings_set)


def cmd_settings_get(ctx: CliContext) -> int:
    from welcomedly_desktop.services import org_settings

    ctx.actor()  # a logged-in user, like every other command
    with ctx.db.session() as session:
        value = org_settings.get_value(session, ctx.args.key)
    if ctx.args.json:
        ctx.print_json({"key": ctx.args.key, "value": value})
    else:
        ctx.print(value or "")
    return EXIT_OK


def cmd_settings_set(ctx: CliContext) -> int:
    from welcomedly_desktop.services import org_settings

    actor = ctx.actor()
    with ctx.db.session() as session:
        if ctx.args.key == "country":
            view = org_settings.set_country(session, actor, ctx.args.value)
        else:
            view = org_settings.set_timezone(session, actor, ctx.args.value)
    value = getattr(view, ctx.args.key)
    if ctx.args.json:
        ctx.print_json({"key": ctx.args.key, "value": value})
    else:
        ctx.print(f"{ctx.args.key}: {value}")
    return EXIT_OK
