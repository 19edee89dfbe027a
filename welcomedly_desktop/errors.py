"""Typed errors that carry one user-facing sentence.

Every error the user may see derives from :class:`WelcomedlyError`; its ``user_message`` is a
complete, plain sentence fit for a message box or for stderr of the CLI.  Anything else that
escapes is a bug and is reported as such (log file + "Copy details" dialog / exit code 1).
"""

from __future__ import annotations


class WelcomedlyError(Exception):
    """Base class: an expected failure with a sentence for the user."""

    #: CLI exit code used when this error ends a command.
    exit_code = 1

    def __init__(self, user_message: str, *, detail: str | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.detail = detail

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.user_message


class ValidationError(WelcomedlyError):
    """Input that breaks a rule; ``field`` names the offending field (or None for the whole form)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(WelcomedlyError):
    """The requested entity does not exist (or is not visible to the user)."""


class PermissionDenied(WelcomedlyError):
    """The logged-in user's role does not allow the action."""


class AuthenticationError(WelcomedlyError):
    """Login failed.  The message is the same whatever the cause (unknown user, wrong password, locked)."""


class SessionEnded(AuthenticationError):
    """The app session of this workstation was ended on the server (logout elsewhere, ``session end``,
    the user deactivated): its connections were closed.  The GUI returns to the login dialog."""


class ConflictError(WelcomedlyError):
    """A stale edit: the row was changed by someone else since it was read."""

    def __init__(self, user_message: str, *, entity: str | None = None, entity_id: int | None = None) -> None:
        super().__init__(user_message)
        self.entity = entity
        self.entity_id = entity_id


class DuplicateError(ValidationError):
    """A uniqueness rule was broken (same e-mail, same pair, same file)."""


class DatabaseUnavailable(WelcomedlyError):
    """The database cannot be reached (server down, connection dropped, wrong URL)."""


class ConnectionLost(DatabaseUnavailable):
    """An open connection dropped (server restart, network, terminated): a read may be retried;
    ``saved`` says what became of a write: False not saved, True saved, None not known yet."""

    def __init__(self, user_message: str, *, detail: str | None = None, saved: bool | None = False) -> None:
        super().__init__(user_message, detail=detail)
        self.saved = saved


class SchemaBehindError(WelcomedlyError):
    """The database schema is older than this program; an admin must run ``welcomedly db upgrade``."""

    exit_code = 3


class ConfigurationError(WelcomedlyError):
    """The settings are unusable (bad URL, unreadable settings file, ...)."""


class ImportFileError(WelcomedlyError):
    """A file given to the importer is refused (empty, corrupt, hostile, too big, wrong format...)."""


class OperationCancelled(WelcomedlyError):
    """The user cancelled a long operation; nothing was changed."""

    def __init__(self, user_message: str | None = None) -> None:
        from welcomedly_desktop.i18n import translate

        super().__init__(user_message or translate("services", "The operation was cancelled; nothing was changed."))
