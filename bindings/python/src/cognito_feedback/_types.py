"""The shapes of what the client takes and returns, for type checkers, named as boto3-stubs
(``mypy_boto3_cognito_idp``) names them, so annotated boto3 code type-checks after changing its
imports: ``FeedbackValueTypeType``, ``ResponseMetadataTypeDef``,
``UpdateAuthEventFeedbackResponseTypeDef`` and the client protocol ``CognitoIdentityProviderClient``."""

from __future__ import annotations

from typing import Dict, Literal, Protocol, Type, TypedDict

from .exceptions import ClientError

#: The values ``FeedbackValue`` accepts (boto3-stubs: ``literals.FeedbackValueTypeType``).
FeedbackValueTypeType = Literal["Valid", "Invalid"]

#: This package's earlier name for :data:`FeedbackValueTypeType`.
FeedbackValueType = FeedbackValueTypeType


class ResponseMetadataTypeDef(TypedDict, total=False):
    """``ResponseMetadata``: ``RequestId`` (when the service sent one), ``HTTPStatusCode``,
    ``HTTPHeaders`` (on a success, only the two headers the library reports: ``content-length``
    and, when the service sent a request id, ``x-amzn-requestid``), and ``RetryAttempts``
    (retries, not attempts: 0 when the first attempt succeeded)."""

    RequestId: str
    HTTPStatusCode: int
    HTTPHeaders: Dict[str, str]
    RetryAttempts: int
    MaxAttemptsReached: bool


class UpdateAuthEventFeedbackResponse(TypedDict):
    """What ``update_auth_event_feedback`` returns: metadata only, as the service's body is ``{}``."""

    ResponseMetadata: ResponseMetadataTypeDef


#: boto3-stubs' name for :class:`UpdateAuthEventFeedbackResponse`.
UpdateAuthEventFeedbackResponseTypeDef = UpdateAuthEventFeedbackResponse


class ExceptionsProtocol(Protocol):
    """``client.exceptions`` as type checkers see it (boto3-stubs: ``client.Exceptions``)."""

    ClientError: Type[ClientError]
    InternalErrorException: Type[ClientError]
    InvalidParameterException: Type[ClientError]
    NotAuthorizedException: Type[ClientError]
    OperationNotEnabledException: Type[ClientError]
    ResourceNotFoundException: Type[ClientError]
    TooManyRequestsException: Type[ClientError]
    UserNotFoundException: Type[ClientError]
    UserPoolAddOnNotEnabledException: Type[ClientError]

    def from_code(self, error_code: str) -> Type[ClientError]:
        """The exception class for a service error code."""
        ...


class CognitoIdentityProviderClient(Protocol):
    """The client as boto3-stubs types ``boto3.client("cognito-idp")``, for the one operation
    here: annotate with it and both this package's ``Client`` and a boto3 client fit."""

    @property
    def exceptions(self) -> ExceptionsProtocol:
        """The service's errors by name."""
        ...

    def update_auth_event_feedback(
        self,
        *,
        UserPoolId: str,
        Username: str,
        EventId: str,
        FeedbackToken: str,
        FeedbackValue: FeedbackValueTypeType,
    ) -> UpdateAuthEventFeedbackResponseTypeDef:
        """Reports a user's feedback on an authentication event."""
        ...
