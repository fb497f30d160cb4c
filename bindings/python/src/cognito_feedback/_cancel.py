"""A native cancel token: ends a call in flight from any thread."""

from __future__ import annotations

import ctypes

from ._errors import require_ok
from ._native import CancelTokenPtr


class CancelToken:
    """Owns one ``CognitoCancelToken``; freed when the object is garbage collected.

    Hold a reference for as long as a call may use the token: the call then keeps it alive.
    """

    def __init__(self, library: ctypes.CDLL) -> None:
        self._library = library
        #: The native handle, passed to ``cognito_update_auth_event_feedback``.
        self.handle = CancelTokenPtr()
        require_ok(library, library.cognito_cancel_token_new(ctypes.byref(self.handle)), "cognito_cancel_token_new")

    def cancel(self) -> None:
        """Ends every call using this token, now and later. Idempotent, any thread."""
        require_ok(self._library, self._library.cognito_cancel_token_cancel(self.handle), "cognito_cancel_token_cancel")

    def __del__(self) -> None:
        handle = getattr(self, "handle", None)
        if handle:
            self.handle = CancelTokenPtr()
            self._library.cognito_cancel_token_free(handle)
