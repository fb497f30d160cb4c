"""Forwards the library's log messages to the standard ``logging`` module.

The library never puts a Username or a FeedbackToken in a message. The callback runs on the
thread making the call, takes the GIL for as long as it logs, and never lets an exception reach C.

A client reads the ``cognito_feedback`` logger's effective level when it is created
(:func:`library_level`) and passes it to the library, which then builds no message and makes
no callback below it; with the logger off, no callback is installed at all, so a call that
logs nothing never takes the GIL to do so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Optional

from ._native import LogCallback

if TYPE_CHECKING:
    from ._native import LogCallbackObject

#: The logger every client writes to. Like any library's, it has only a NullHandler: the
#: application decides where records go (without one, Python would print warnings to stderr).
LOGGER = logging.getLogger("cognito_feedback")
LOGGER.addHandler(logging.NullHandler())

#: Python's level for the library's finest messages (below DEBUG).
TRACE = 5

#: Library level (``CognitoLogLevel``: 1 error ... 5 trace) -> ``logging`` level.
LEVELS = {1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO, 4: logging.DEBUG, 5: TRACE}

if logging.getLevelName(TRACE) == f"Level {TRACE}":
    logging.addLevelName(TRACE, "TRACE")


def library_level(logger: logging.Logger = LOGGER) -> Optional[int]:
    """The most detailed library level ``logger`` takes now, or ``None`` when it takes none."""
    enabled = [level for level, python_level in LEVELS.items() if logger.isEnabledFor(python_level)]
    return max(enabled) if enabled else None


def make_callback(logger: logging.Logger = LOGGER) -> "LogCallbackObject":
    """A C log callback writing to ``logger``; keep it referenced for as long as C may call it."""

    def forward(_user_data: Optional[int], level: int, message: Optional[bytes]) -> None:
        try:
            python_level = LEVELS.get(level, logging.DEBUG)
            if message is not None and logger.isEnabledFor(python_level):
                logger.log(python_level, "%s", message.decode("utf-8", "replace"))
        except BaseException:  # noqa: B036 - nothing may propagate into the library
            pass

    return LogCallback(forward)
