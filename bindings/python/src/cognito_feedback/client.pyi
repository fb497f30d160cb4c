# The types of cognito_feedback.client (client.py holds the code and the documentation).
# tests/test_stubs.py holds the two together.

import os
from types import TracebackType
from typing import Any, Optional, Type, Union

from typing_extensions import Unpack

from ._client_attributes import ClientExceptions, ClientMeta
from ._types import UpdateAuthEventFeedbackRequestTypeDef, UpdateAuthEventFeedbackResponse

class Client:
    exceptions: ClientExceptions
    meta: ClientMeta
    def __init__(
        self,
        region_name: Optional[str] = ...,
        endpoint_url: Optional[str] = ...,
        use_fips_endpoint: Optional[bool] = ...,
        use_dualstack_endpoint: Optional[bool] = ...,
        connect_timeout: Optional[float] = ...,
        read_timeout: Optional[float] = ...,
        max_attempts: Optional[int] = ...,
        retry_mode: Optional[str] = ...,
        ca_bundle: Optional[Union[str, os.PathLike[str]]] = ...,
        app_id: Optional[str] = ...,
        ignore_environment: bool = ...,
        total_timeout: Optional[float] = ...,
        profile_name: Optional[str] = ...,
        max_concurrency: Optional[int] = ...,
        *,
        config: Optional[Any] = ...,
        verify: Optional[Union[bool, str, os.PathLike[str]]] = ...,
        aws_access_key_id: Optional[str] = ...,
        aws_secret_access_key: Optional[str] = ...,
        aws_session_token: Optional[str] = ...,
    ) -> None: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    def __enter__(self) -> Client: ...
    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], traceback: Optional[TracebackType]
    ) -> None: ...
    def __del__(self) -> None: ...
    def update_auth_event_feedback(
        self, **kwargs: Unpack[UpdateAuthEventFeedbackRequestTypeDef]
    ) -> UpdateAuthEventFeedbackResponse: ...
    async def update_auth_event_feedback_async(
        self, **kwargs: Unpack[UpdateAuthEventFeedbackRequestTypeDef]
    ) -> UpdateAuthEventFeedbackResponse: ...
