"""One error hierarchy: each error carries a translated message and an exit code.

The core raises these; the CLI turns them into one line on stderr and the
documented exit code (docs/exit-codes.md), in one place.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ATTENTION = 1
    USAGE = 2
    CHECK_FAILED = 3
    LOCAL_DATA = 4
    INTERNAL = 70
    INTERRUPTED = 130


class CeliaError(Exception):
    """An expected failure with a message for people (already translated)."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(CeliaError):
    """Bad input from the user: an unknown key, a bad date, an identity code."""

    exit_code = ExitCode.USAGE


class CheckFailed(CeliaError):
    """Celianet could not be checked: network, HTTP or page problem."""

    exit_code = ExitCode.CHECK_FAILED


class LocalDataError(CeliaError):
    """A local config file or database is unreadable, locked, corrupt or foreign."""

    exit_code = ExitCode.LOCAL_DATA
