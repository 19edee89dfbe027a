"""A command line's password work, started before its heavy modules load.

bcrypt (cost 12, ~0.25 s) releases the GIL.  With a server already running (a configured URL), the
salt is asked from the login door's public ``app.login_salt`` over a plain psycopg connection (no
SQLAlchemy yet) and the proof computed on a thread, while the command imports SQLAlchemy and opens
its database; the login (``services.auth`` / ``services.sessions``) then takes it instead of
computing it again: same door, same checks and order, same audit.  Nothing is read but what the door
gives anyone (a salt, a fake one for an unknown identifier).  Any trouble here is ignored: the login
does the work as usual and reports it.
"""

from __future__ import annotations

from welcomedly_desktop.services import passwords


def start(database_url: str | None, email: str, password: str) -> None:
    """Ask for the salt here (a few ms once psycopg is loaded, which SQLAlchemy needs anyway), then
    compute the proof on a thread.  Done on the caller's thread on purpose: on a thread the lookup
    competed for the GIL with the command's imports and the proof started ~0.25 s later."""
    if not database_url or not email or not password:
        return  # the built-in server is started by the database's opening; nothing to overlap
    try:
        import psycopg

        from welcomedly_desktop.config import plain_postgresql_url

        with psycopg.connect(plain_postgresql_url(database_url), connect_timeout=5,
                             application_name="welcomedly-login") as conn:
            row = conn.execute("SELECT app.login_salt(%s)", (email,)).fetchone()
    except Exception:  # noqa: BLE001 - the login proper connects, computes and reports any trouble
        return
    if row and row[0]:
        passwords.start_early_proof(password, row[0])
