"""``welcomedly user add|list|unlock|update``: user accounts."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from welcomedly_desktop.cli.common import EXIT_OK, CliContext, group, print_table
from welcomedly_desktop.db.values import ROLE_VALUES
from welcomedly_desktop.errors import ValidationError

ENV_NEW_PASSWORD = "WELCOMEDLY_NEW_PASSWORD"


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sub = group(subparsers, "user", "user accounts")
    add = sub.add_parser("add", parents=[common], help="create a user (the first one becomes admin)")
    add.add_argument("--email", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=ROLE_VALUES)
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=cmd_user_add)
    lst = sub.add_parser("list", parents=[common], help="list users")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_user_list)
    unlock = sub.add_parser("unlock", parents=[common], help="clear a failed-login lock")
    unlock.add_argument("email")
    unlock.set_defaults(handler=cmd_user_unlock)
    update = sub.add_parser("update", parents=[common], help="change a user's name, role or active flag (admin)")
    update.add_argument("email")
    update.add_argument("--name")
    update.add_argument("--role", choices=ROLE_VALUES)
    update.add_argument("--active", choices=("yes", "no"))
    update.add_argument("--json", action="store_true")
    update.set_defaults(handler=cmd_user_update)


def new_password(prompt: str = "New user's password: ") -> str:
    password = os.environ.get(ENV_NEW_PASSWORD)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise ValidationError("password", f"No password given: set ${ENV_NEW_PASSWORD} or run the command in a terminal.")
    first = getpass.getpass(prompt)
    second = getpass.getpass("Repeat the password: ")
    if first != second:
        raise ValidationError("password", "The two passwords do not match.")
    return first


def cmd_user_add(ctx: CliContext) -> int:
    from welcomedly_desktop.services import auth, users

    db = ctx.db
    with db.session() as session:
        first = not auth.has_users(session)
    actor = None if first else ctx.actor()
    password = new_password()
    with db.session() as session:
        user = users.create_user(session, actor, email=ctx.args.email, name=ctx.args.name, role=ctx.args.role,
                                 password=password)  # an agent gets its agent profile
        view = users.get_profile(session, auth.actor_for(user, "cli"), user.id)
    if ctx.args.json:
        ctx.print_json(view.to_dict())
    else:
        extra = " (first user: administrator)" if first else ""
        ctx.print(f"Created user {view.id}: {view.email} ({view.role}){extra}.")
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
    from welcomedly_desktop.services import users

    actor = ctx.actor()
    with ctx.db.session() as session:
        was_locked = users.unlock(session, actor, ctx.args.email)
    ctx.print(f"Unlocked {ctx.args.email}." if was_locked else f"{ctx.args.email} was not locked.")
    return EXIT_OK


def cmd_user_update(ctx: CliContext) -> int:
    from welcomedly_desktop.services import users

    actor = ctx.actor()
    args = ctx.args
    if args.name is None and args.role is None and args.active is None:
        raise ValidationError(None, "Nothing to change: give --name, --role or --active.")
    with ctx.db.session() as session:
        view = users.update_user(session, actor, args.email, name=args.name, role=args.role,
                                 active=None if args.active is None else args.active == "yes")
    if args.json:
        ctx.print_json(view.to_dict())
    else:
        ctx.print(f"Updated user {view.id}: {view.email} ({view.role}, {'active' if view.active else 'inactive'}).")
    return EXIT_OK
