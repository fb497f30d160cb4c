"""The shapes of what the client returns, for type checkers (named as boto3-stubs names them)."""

from __future__ import annotations

from typing import Literal, TypedDict

#: The values ``FeedbackValue`` accepts.
FeedbackValueType = Literal["Valid", "Invalid"]


class ResponseMetadataTypeDef(TypedDict, total=False):
    """``ResponseMetadata``: ``RequestId`` (when the service sent one), ``HTTPStatusCode``, and
    ``RetryAttempts`` (retries, not attempts: 0 when the first attempt succeeded)."""

    RequestId: str
    HTTPStatusCode: int
    RetryAttempts: int


class UpdateAuthEventFeedbackResponse(TypedDict):
    """What ``update_auth_event_feedback`` returns: metadata only, as the service's body is ``{}``."""

    ResponseMetadata: ResponseMetadataTypeDef
