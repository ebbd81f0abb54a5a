"""The one exception family: a user sees one line and an exit code, never a traceback."""
from __future__ import annotations

import click


class GovdocsError(click.ClickException):
    """Base class: anything govdocs refuses to do, with the reason in one line."""

    exit_code = 1

    def show(self, file=None) -> None:  # one line on stderr, no "Error:" noise doubled
        click.echo(f"govdocs: {self.format_message()}", err=True)


class UsageProblem(GovdocsError):
    """Raised when an argument is malformed (a date, a RAG value, initials)."""

    exit_code = 2


class NotFound(GovdocsError):
    """Raised when a named thing (board, person, meeting, item, action) does not exist."""


class RecordError(GovdocsError):
    """Raised when a file of the record cannot be read or used; `file` and `line` say where, when known,
    and the message leads with them (`meetings/x/2030-01-10/meeting.yaml:4: ...`)."""

    def __init__(self, detail: str, file: str | None = None, line: int | None = None) -> None:
        self.detail, self.file, self.line = detail, file, line
        where = f"{file}:{line}: " if file and line else f"{file}: " if file else ""
        super().__init__(where + detail)

    @property
    def path(self) -> str | None:
        """The file, as the workspace names it (the same as `file`)."""
        return self.file


class WorkspaceError(GovdocsError):
    """Raised when there is no workspace, or git is in a state where we must not commit."""


class ChangedMeanwhile(WorkspaceError):
    """A file this change read was changed by another command before it could be written: nothing was."""


class RenderError(GovdocsError):
    """Raised when a document cannot be rendered (a broken template, a missing paper)."""


def message_of(exc: BaseException) -> str:
    """The one line a person reads: govdocs' own wording, or the exception's text."""
    return exc.format_message() if isinstance(exc, click.ClickException) else str(exc)
