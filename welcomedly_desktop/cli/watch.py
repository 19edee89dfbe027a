"""``welcomedly watch [--json]``: one line per committed change, as it arrives, until interrupted.

IT hooks scripts on it; the tests use it.  A lost connection is reported on stderr, the command
reconnects with backoff and goes on (changes made meanwhile are not replayed: the server does not
keep them).
"""

from __future__ import annotations

import argparse
import json
import time

from welcomedly_desktop.cli.common import EXIT_OK, CliContext
from welcomedly_desktop.i18n import translate

#: Without notifications for this long, one round trip checks the connection is still there.
IDLE_CHECK_S = 5.0


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    watch = subparsers.add_parser("watch", parents=[common],
                                  help=translate("cli", "print every change made on any workstation as it happens (Ctrl+C stops)"))
    watch.add_argument("--json", action="store_true", help=translate("cli", "one JSON object per line"))
    watch.set_defaults(handler=cmd_watch)


def cmd_watch(ctx: CliContext) -> int:
    import psycopg

    from welcomedly_desktop.db.changes import ChangeListener, reconnect

    ctx.actor()  # a logged-in user, as for every command that reads the office's data
    db = ctx.db
    # On a workstation connection the listener joins this command's app session, as the desktop
    # app's does (gui/live): it then watches with that user's rights, and ending the session (an
    # admin, a deactivation) stops the watch with SessionEnded instead of leaving it listening.
    listener = ChangeListener(db.url, connect_timeout_s=int(db.settings.connect_timeout_s),
                              session_token=db.session_token)

    def say(text: str) -> None:
        print(f"welcomedly: {text}", file=ctx.stderr, flush=True)

    def retrying(exc: BaseException, delay: float) -> None:
        say(translate("cli", "the database server {server} is unreachable; retrying in {delay:g} s.").format(
            server=db.display_url, delay=delay))

    try:
        reconnect(listener, on_retry=retrying)
        say(translate("cli", "watching changes on {server} (Ctrl+C stops).").format(server=db.display_url))
        idle_since = time.monotonic()
        while True:
            try:
                changes = listener.wait(1.0)
                if not changes and time.monotonic() - idle_since > IDLE_CHECK_S:
                    listener.check_alive()
                    idle_since = time.monotonic()
            except psycopg.OperationalError:
                say(translate("cli", "lost the connection to the database server {server}; reconnecting.").format(server=db.display_url))
                reconnect(listener, on_retry=retrying)
                say(translate("cli", "reconnected; changes made while disconnected are not shown."))
                idle_since = time.monotonic()
                continue
            for change in changes:
                idle_since = time.monotonic()
                line = json.dumps(change.as_json()) if ctx.args.json else change.describe()
                print(line, file=ctx.stdout, flush=True)
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        listener.close()
