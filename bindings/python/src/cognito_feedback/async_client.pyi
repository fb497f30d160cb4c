# The types of cognito_feedback.async_client (async_client.py holds the code and the
# documentation). tests/test_stubs.py holds the two together.

from types import TracebackType
from typing import Any, Optional, Type

from typing_extensions import Unpack

from ._client_attributes import ClientExceptions, ClientMeta
from ._types import UpdateAuthEventFeedbackRequestTypeDef, UpdateAuthEventFeedbackResponse

class AsyncClient:
    exceptions: Type[ClientExceptions]
    # Client's keywords, passed on to it.
    def __init__(self, *args: Any, **kwargs: Any) -> None: ...
    @property
    def meta(self) -> ClientMeta: ...
    @property
    def closed(self) -> bool: ...
    async def close(self) -> None: ...
    async def __aenter__(self) -> AsyncClient: ...
    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], traceback: Optional[TracebackType]
    ) -> None: ...
    async def update_auth_event_feedback(
        self, **kwargs: Unpack[UpdateAuthEventFeedbackRequestTypeDef]
    ) -> UpdateAuthEventFeedbackResponse: ...
