"""``AsyncClient``: the client for asyncio code, shaped like aiobotocore's."""

from __future__ import annotations

import inspect

from ._client_attributes import ClientExceptions
from .client import Client


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

    def __init__(self, *args, **kwargs):
        self._client = Client(*args, **kwargs)

    @property
    def meta(self):
        """What boto3 users read in ``client.meta``: here, ``endpoint_url``."""
        return self._client.meta

    @property
    def closed(self):
        """Whether :meth:`close` was called."""
        return self._client.closed

    async def close(self):
        """Releases the connection pool (once the calls in flight are over). Idempotent."""
        self._client.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        await self.close()

    def __repr__(self):
        state = "closed" if self.closed else "open"
        return f"<cognito_feedback.AsyncClient {self.meta.endpoint_url} ({state})>"

    async def update_auth_event_feedback(self, *args, **kwargs):
        """Reports a user's feedback on an authentication event: :meth:`Client.update_auth_event_feedback`
        as a coroutine. Cancelling the awaiting task cancels the call."""
        return await self._client.update_auth_event_feedback_async(*args, **kwargs)


#: help() shows the constructor keywords Client takes (this one passes them on).
AsyncClient.__init__.__signature__ = inspect.signature(Client.__init__)
