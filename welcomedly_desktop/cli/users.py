"""``welcomedly user add|list|unlock|update``: user accounts."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, group, print_table
from welcomedly_desktop.db.values import ROLE_VALUES
from welcomedly_desktop.errors import ValidationError
from welcomedly_desktop.i18n import translate

ENV_NEW_PASSWORD = "WELCOMEDLY_NEW_PASSWORD"


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = group(subparsers, "user", translate("cli", "user accounts"))
    add = sub.add_parser("add", parents=[common], help=translate("cli", "create a user (the first one becomes admin)"))
    add.add_argument("--email", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLE_VALUES)
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_user_add)
    lst = sub.add_parser("list", parents=[common], help=translate("cli", "list users"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_user_list)
    unlock = sub.add_parser("unlock", parents=[common], help=translate("cli", "clear a failed-login lock"))
    unlock.add_argument("email")
    unlock.add_argument("--local", action="store_true",
                        help=translate("cli", "no login: as the owner of the database (the computer account owning the built-in one)"))
    unlock.set_defaults(handler=cmd_user_unlock)
    update = sub.add_parser("update", parents=[common], help=translate("cli", "change a user's name, role or active flag (admin)"))
    update.add_argument("email")
    update.add_argument("--name")
    update.add_argument("--role", choices=ROLE_VALUES)
    update.add_argument("--active", choices=("yes", "no"))
    update.add_argument("--json", action="store_true")
    update.set_defaults(handler=cmd_user_update)


def new_password(prompt: str | None = None) -> str:
    password = os.environ.get(ENV_NEW_PASSWORD)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise ValidationError("password", translate("cli", "No password given: set ${env_new_password} or run the command in a terminal.").format(env_new_password=ENV_NEW_PASSWORD))
    first = getpass.getpass(prompt if prompt is not None else translate("cli", "New user's password: "))
    second = getpass.getpass(translate("cli", "Repeat the password: "))
    if first != second:
        raise ValidationError("password", translate("cli", "The two passwords do not match."))
    return first


def cmd_user_add(ctx: CliContext) -> int:
    from welcomedly_desktop.services import auth, org_settings, users

    db = ctx.db
    with db.session() as session:
        first = not auth.has_users(session)
    actor = None if first else ctx.actor()
    password = new_password()
    with db.session() as session:
        # The first user of an empty database also gives the organization its country (OS locale).
        country = org_settings.country_from_locale() if first else None
        user = users.create_user(session, actor, email=ctx.args.email, name=ctx.args.name, role=ctx.args.role,
                                 password=password, country=country)  # an agent gets its agent profile
        view = users.get_profile(session, auth.actor_for(user, "cli"), user.id)
    if ctx.args.json:
        ctx.print_json(view.to_dict())
    else:
        extra = " (first user: administrator)" if first else ""
        ctx.print(translate("cli", "Created user {id}: {email} ({role}){extra}.").format(id=view.id, email=view.email, role=view.role, extra=extra))
    return EXIT_OK


def cmd_user_list(ctx: CliContext) -> int:
    from welcomedly_desktop.services import users

    actor = ctx.actor()
    with ctx.db.session() as session:
        rows = users.list_users(session, actor)
    if ctx.args.json:
        ctx.print_json([u.to_dict() for u in rows])
    else:
        print_table(ctx, ["id", "email", "name", "role", "active", "locked"],
                    [[u.id, u.email, u.name, u.role, "yes" if u.active else "no", "yes" if u.locked else ""] for u in rows])
    return EXIT_OK


def cmd_user_unlock(ctx: CliContext) -> int:
    from welcomedly_desktop.services import recovery, users

    if ctx.args.local:
        settings = ctx.file_settings
        pgdata = settings.pgdata_dir if settings.uses_embedded_database else None
        with ctx.db.session() as session:
            was_locked = recovery.owner_unlock(session, ctx.args.email, builtin_pgdata=pgdata)
        ctx.print(translate("cli", "Unlocked {email}.").format(email=ctx.args.email) if was_locked
                  else translate("cli", "{email} was not locked.").format(email=ctx.args.email))
        return EXIT_OK
    actor = ctx.actor()
    with ctx.db.session() as session:
        was_locked = users.unlock(session, actor, ctx.args.email)
    ctx.print(translate("cli", "Unlocked {email}.").format(email=ctx.args.email) if was_locked
              else translate("cli", "{email} was not locked.").format(email=ctx.args.email))
    return EXIT_OK


def cmd_user_update(ctx: CliContext) -> int:
    from welcomedly_desktop.services import users

    actor = ctx.actor()
    args = ctx.args
    if args.name is None and args.role is None and args.active is None:
        raise ValidationError(None, translate("cli", "Nothing to change: give --name, --role or --active."))
    with ctx.db.session() as session:
        view = users.update_user(session, actor, args.email, name=args.name, role=args.role,
                                 active=None if args.active is None else args.active == "yes")
    if args.json:
        ctx.print_json(view.to_dict())
    else:
        ctx.print((translate("cli", "Updated user {id}: {email} ({role}, active).") if view.active
                   else translate("cli", "Updated user {id}: {email} ({role}, inactive).")).format(
            id=view.id, email=view.email, role=view.role))
    return EXIT_OK
