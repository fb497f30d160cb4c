"""The shapes of what the client takes and returns, for type checkers, named as boto3-stubs
(``mypy_boto3_cognito_idp``) names them, so annotated boto3 code type-checks after changing its
imports: ``FeedbackValueTypeType``, ``UpdateAuthEventFeedbackRequestTypeDef``,
``ResponseMetadataTypeDef`` and the client protocol ``CognitoIdentityProviderClient``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Literal, Protocol, Type, TypedDict

# Another name: inside ExceptionsProtocol, "ClientError" is the attribute of that name.
from .exceptions import ClientError as ServiceError

if TYPE_CHECKING:
    # typing.Unpack is Python 3.11's; type checkers have typing_extensions on every version.
    from typing_extensions import Unpack

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


#: Another name for :class:`UpdateAuthEventFeedbackResponse`, in boto3-stubs' style (boto3-stubs
#: types this operation's response as ``dict[str, Any]``).
UpdateAuthEventFeedbackResponseTypeDef = UpdateAuthEventFeedbackResponse


class UpdateAuthEventFeedbackRequestTypeDef(TypedDict):
    """The call's keyword arguments, for ``client.update_auth_event_feedback(**request)``."""

    UserPoolId: str
    Username: str
    EventId: str
    FeedbackToken: str
    FeedbackValue: FeedbackValueTypeType


class ExceptionsProtocol(Protocol):
    """``client.exceptions`` as type checkers see it (boto3-stubs: ``client.Exceptions``); read-only,
    so a client's more specific classes fit."""

    @property
    def ClientError(self) -> Type[ServiceError]:
        """The service error ``ClientError``."""
        ...

    @property
    def InternalErrorException(self) -> Type[ServiceError]:
        """The service error ``InternalErrorException``."""
        ...

    @property
    def InvalidParameterException(self) -> Type[ServiceError]:
        """The service error ``InvalidParameterException``."""
        ...

    @property
    def NotAuthorizedException(self) -> Type[ServiceError]:
        """The service error ``NotAuthorizedException``."""
        ...

    @property
    def OperationNotEnabledException(self) -> Type[ServiceError]:
        """The service error ``OperationNotEnabledException``."""
        ...

    @property
    def ResourceNotFoundException(self) -> Type[ServiceError]:
        """The service error ``ResourceNotFoundException``."""
        ...

    @property
    def TooManyRequestsException(self) -> Type[ServiceError]:
        """The service error ``TooManyRequestsException``."""
        ...

    @property
    def UserNotFoundException(self) -> Type[ServiceError]:
        """The service error ``UserNotFoundException``."""
        ...

    @property
    def UserPoolAddOnNotEnabledException(self) -> Type[ServiceError]:
        """The service error ``UserPoolAddOnNotEnabledException``."""
        ...

    def from_code(self, error_code: str) -> Type[ServiceError]:
        """The exception class for a service error code."""
        ...


class CognitoIdentityProviderClient(Protocol):
    """The client under the name boto3-stubs gives ``boto3.client("cognito-idp")``'s type, for
    the one operation here: this package's ``Client`` fits it, so code annotated for boto3
    type-checks once its imports come from this package."""

    @property
    def exceptions(self) -> ExceptionsProtocol:
        """The service's errors by name."""
        ...

    def update_auth_event_feedback(
        self, **kwargs: Unpack[UpdateAuthEventFeedbackRequestTypeDef]
    ) -> UpdateAuthEventFeedbackResponseTypeDef:
        """Reports a user's feedback on an authentication event: the members of
        :class:`UpdateAuthEventFeedbackRequestTypeDef`, as keyword arguments."""
        ...
