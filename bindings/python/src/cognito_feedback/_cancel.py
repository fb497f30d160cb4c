"""A native cancel token: ends a call in flight from any thread."""

from __future__ import annotations

import ctypes

from ._native import CancelTokenPtr


class CancelToken:
    """Owns one ``CognitoCancelToken``; freed when the object is garbage collected.

    Hold a reference for as long as a call may use the token: the call then keeps it alive.
    """

    def __init__(self, library: ctypes.CDLL) -> None:
        self._library = library
        #: The native handle, passed to ``cognito_update_auth_event_feedback``.
        self.handle: CancelTokenPtr = library.cognito_cancel_token_new()

    def cancel(self) -> None:
        """Ends every call using this token, now and later. Idempotent, any thread."""
        self._library.cognito_cancel_token_cancel(self.handle)

    def is_cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return bool(self._library.cognito_cancel_token_is_cancelled(self.handle))

    def __del__(self) -> None:
        handle = getattr(self, "handle", None)
        if handle:
            self.handle = CancelTokenPtr()
            self._library.cognito_cancel_token_free(handle)
