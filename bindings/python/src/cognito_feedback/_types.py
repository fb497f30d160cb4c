"""The shapes of what the client returns, for type checkers (named as boto3-stubs names them)."""

from __future__ import annotations

from typing import Dict, Literal, TypedDict

#: The values ``FeedbackValue`` accepts.
FeedbackValueType = Literal["Valid", "Invalid"]


class ResponseMetadataTypeDef(TypedDict, total=False):
    """``ResponseMetadata``: ``RequestId`` (when the service sent one), ``HTTPStatusCode``,
    ``HTTPHeaders`` (on a success, only the two headers the library reports: ``content-length``
    and, when the service sent a request id, ``x-amzn-requestid``), and ``RetryAttempts``
    (retries, not attempts: 0 when the first attempt succeeded)."""

    RequestId: str
    HTTPStatusCode: int
    HTTPHeaders: Dict[str, str]
    RetryAttempts: int


class UpdateAuthEventFeedbackResponse(TypedDict):
    """What ``update_auth_event_feedback`` returns: metadata only, as the service's body is ``{}``."""

    ResponseMetadata: ResponseMetadataTypeDef
