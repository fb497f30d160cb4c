"""``AsyncClient``: the client for asyncio code, shaped like aiobotocore's."""

from __future__ import annotations

import inspect
from types import TracebackType
from typing import TYPE_CHECKING, Any, Optional, Type

from .client import _CALL_SIGNATURE, Client, ClientExceptions, ClientMeta
from ._types import FeedbackValueType, UpdateAuthEventFeedbackResponse


class AsyncClient:
    """:class:`Client` for asyncio, as aiobotocore shapes a client::

        async with cognito_feedback.AsyncClient(region_name="eu-west-1") as client:
            await client.update_auth_event_feedback(UserPoolId=..., Username=..., EventId=...,
                                                    FeedbackToken=..., FeedbackValue="Valid")

    Same constructor keywords, call keywords, response and exceptions as :class:`Client`; the
    call is a coroutine that holds no thread while it runs (see
    :meth:`Client.update_auth_event_feedback_async`). Leaving the ``async with`` block (or
    ``await client.close()``) releases the connection pool once the calls in flight are over.
    """

    #: The service's errors by name: ``except client.exceptions.UserNotFoundException``.
    exceptions = ClientExceptions

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._client = Client(*args, **kwargs)

    @property
    def meta(self) -> ClientMeta:
        """What boto3 users read in ``client.meta``: here, ``endpoint_url``."""
        return self._client.meta

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._client.closed

    async def close(self) -> None:
        """Releases the connection pool (once the calls in flight are over). Idempotent."""
        self._client.close()

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<cognito_feedback.AsyncClient {self.meta.endpoint_url} ({state})>"

    if TYPE_CHECKING:

        async def update_auth_event_feedback(
            self,
            *,
            UserPoolId: str,
            Username: str,
            EventId: str,
            FeedbackToken: str,
            FeedbackValue: FeedbackValueType,
        ) -> UpdateAuthEventFeedbackResponse: ...

    else:

        async def update_auth_event_feedback(self, *args, **kwargs):
            """Reports a user's feedback on an authentication event: :meth:`Client.update_auth_event_feedback`
            as a coroutine. Cancelling the awaiting task cancels the call."""
            return await self._client.update_auth_event_feedback_async(*args, **kwargs)

        update_auth_event_feedback.__signature__ = _CALL_SIGNATURE


AsyncClient.__init__.__signature__ = inspect.signature(Client.__init__)  # type: ignore[attr-defined]
