"""The native completion API's callback: one for the process, and the calls waiting for it.

``cognito_update_auth_event_feedback_async`` reports each call's outcome, exactly once, on a
thread of the library's pool. The C callback below is made once and lives as long as the
module, so the library never calls a collected function; the user data it gets back is a key
into :data:`_waiting`, which holds the Python side of each accepted call until its outcome came.
"""

from __future__ import annotations

import itertools
import threading
from typing import Callable, Dict, Optional

from ._native import CompletionCallback

#: What a call does with its outcome: (status, response pointer, error pointer), on a library
#: thread; it owns (and must free) whichever of the two pointers is set.
OnOutcome = Callable[[int, object, object], None]

_waiting: Dict[int, OnOutcome] = {}
_lock = threading.Lock()
_keys = itertools.count(1)


def wait_for(on_outcome: OnOutcome) -> int:
    """Registers a call about to be submitted; returns the user data to submit it with."""
    key = next(_keys)
    with _lock:
        _waiting[key] = on_outcome
    return key


def forget(key: int) -> None:
    """Drops a registration whose call the library did not accept (no outcome will come)."""
    with _lock:
        _waiting.pop(key, None)


def _on_complete(status: int, response: object, error: object, user_data: Optional[int]) -> None:
    with _lock:
        on_outcome = _waiting.pop(user_data or 0, None)
    if on_outcome is None:  # cannot happen: each key is submitted once and reported once
        return
    try:
        on_outcome(status, response, error)
    except BaseException:  # nothing may unwind into the library (ctypes would only print it)
        pass


#: The C function pointer passed with every call.
CALLBACK = CompletionCallback(_on_complete)
