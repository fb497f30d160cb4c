"""Every exception this package raises, named as botocore names them where botocore has one.

``ClientError`` and its subclasses mean the service answered with an error; everything else is a
local failure (bad input, bad settings, the network, a deadline, cancellation) and a
:class:`BotoCoreError`, as in botocore. All of them derive from :class:`CognitoFeedbackError`.

One class is both: a request that breaks the model's constraints fails locally (nothing is sent)
with :class:`InvalidParameterValidationError`, a ``ParamValidationError`` that is also the
service's ``InvalidParameterException``, so handlers written for either catch it.
"""

from __future__ import annotations

import builtins
from typing import Any, Callable, Dict, Mapping, Optional, Type

#: The operation name botocore reports in ``ClientError.operation_name``.
OPERATION_NAME = "UpdateAuthEventFeedback"


class CognitoFeedbackError(Exception):
    """The root of every exception raised by this package."""


class ClientError(CognitoFeedbackError):
    """The service answered with an error, as ``botocore.exceptions.ClientError``.

    ``response`` has botocore's shape: ``{"Error": {"Code": ..., "Message": ...},
    "ResponseMetadata": {"RequestId": ..., "HTTPStatusCode": ..., "RetryAttempts": ...}}``, plus
    the modeled error's own members at the top level (``message``, and ``reasonCode`` for an
    ``InvalidParameterException`` that has one).
    """

    MSG_TEMPLATE = (
        "An error occurred ({error_code}) when calling the {operation_name} operation{retry_info}: {error_message}"
    )

    def __init__(
        self, error_response: Dict[str, Any], operation_name: str, *, escape: Callable[[str], str] = str
    ) -> None:
        error = error_response.get("Error", {})
        super().__init__(
            self.MSG_TEMPLATE.format(
                error_code=escape(error.get("Code", "Unknown")),
                error_message=escape(error.get("Message", "Unknown")),
                operation_name=operation_name,
                retry_info=_retry_info(error_response),
            )
        )
        #: The parsed error response (see the class documentation).
        self.response = error_response
        #: The operation that failed: ``"UpdateAuthEventFeedback"``.
        self.operation_name = operation_name

    def __reduce__(self) -> Any:
        # The text as composed (escaped when it came from the service) survives a round trip.
        text = str(self)
        return _with_text, (type(self), self.response, self.operation_name, text)


def _with_text(cls: Type[ClientError], response: Dict[str, Any], operation_name: str, text: str) -> ClientError:
    """A ``ClientError`` rebuilt by pickle, with the text it had."""
    error = cls(response, operation_name)
    error.args = (text,)
    return error


def _retry_info(error_response: Dict[str, Any]) -> str:
    """botocore's " (reached max retries: N)" when the call ended on its last allowed attempt."""
    metadata = error_response.get("ResponseMetadata", {})
    if metadata.get("MaxAttemptsReached", False) and "RetryAttempts" in metadata:
        return f" (reached max retries: {metadata['RetryAttempts']})"
    return ""


class InvalidParameterException(ClientError):
    """The service found a parameter invalid; ``response["reasonCode"]`` may say why."""


class ResourceNotFoundException(ClientError):
    """The service cannot find the user pool (or another resource) named."""


class TooManyRequestsException(ClientError):
    """The caller is being throttled (retried first, as the SDKs do)."""


class NotAuthorizedException(ClientError):
    """The call is not authorized, e.g. the feedback token is not valid for the event."""


class UserNotFoundException(ClientError):
    """The user does not exist in the user pool."""


class UserPoolAddOnNotEnabledException(ClientError):
    """Threat protection (the advanced security add-on) is not enabled for the user pool."""


class OperationNotEnabledException(ClientError):
    """The operation is not available here, e.g. in a replica region of the user pool."""


class InternalErrorException(ClientError):
    """The service failed internally (retried first, as the SDKs do)."""


#: The modeled errors of UpdateAuthEventFeedback, by their service error code.
MODELED_ERRORS: Mapping[str, Type[ClientError]] = {
    cls.__name__: cls
    for cls in (
        InvalidParameterException,
        ResourceNotFoundException,
        TooManyRequestsException,
        NotAuthorizedException,
        UserNotFoundException,
        UserPoolAddOnNotEnabledException,
        OperationNotEnabledException,
        InternalErrorException,
    )
}


class BotoCoreError(CognitoFeedbackError):
    """Every local failure: ``except botocore.exceptions.BotoCoreError`` ports as is."""


class LocalError(BotoCoreError):
    """A failure on this side of the wire; ``str()`` is the whole story.

    ``attempts`` says how many requests were sent before it happened (0: none).
    """

    def __init__(self, message: str, attempts: int = 0) -> None:
        # Not super(): in InvalidParameterValidationError the next class is ClientError, whose
        # constructor takes a response; that class sets the response itself.
        CognitoFeedbackError.__init__(self, message)
        #: How many requests were sent before the failure.
        self.attempts = attempts

    def __reduce__(self) -> Any:
        return type(self), (str(self), self.attempts)


class ParamValidationError(LocalError):
    """The request broke a constraint, so nothing was sent (``botocore``'s name).

    ``field`` names the member at fault (``"Username"``, ...) when there is one, and ``report`` is
    the text after botocore's ``"Parameter validation failed:"`` line.
    """

    def __init__(self, report: str, field: Optional[str] = None) -> None:
        super().__init__(f"Parameter validation failed:\n{report}")
        #: What was wrong, one problem per line.
        self.report = report
        #: The request member at fault, when one is.
        self.field = field
        #: botocore keeps its format arguments here.
        self.kwargs = {"report": report}

    def __reduce__(self) -> Any:
        return type(self), (self.report, self.field)


class InvalidParameterValidationError(ParamValidationError, InvalidParameterException):
    """A request member broke the model's constraints (a length or pattern); nothing was sent.

    boto3 sends such a request and the service answers ``InvalidParameterException``; here it
    fails before the network, as this class, which is both a :class:`ParamValidationError`
    (``field``, ``report``) and the service's :class:`InvalidParameterException` with
    botocore's ``response`` shape: ``Error.Code`` ``"InvalidParameterException"``, the message
    naming the member, no request id and no HTTP status (no response was received), and
    ``RetryAttempts`` 0. ``str()`` is the ``ParamValidationError`` text.
    """

    def __init__(self, report: str, field: Optional[str] = None) -> None:
        super().__init__(report, field)
        #: botocore's error response shape (see the class documentation).
        self.response: Dict[str, Any] = {
            "Error": {"Code": InvalidParameterException.__name__, "Message": report},
            "ResponseMetadata": {"HTTPHeaders": {}, "RetryAttempts": 0},
        }
        #: The operation the request was for: ``"UpdateAuthEventFeedback"``.
        self.operation_name = OPERATION_NAME

    def __reduce__(self) -> Any:
        return type(self), (self.report, self.field)


class InvalidConfigError(LocalError):
    """The client's settings cannot work (bad region, FIPS with an endpoint override, ...)."""


class NoRegionError(InvalidConfigError):
    """Neither a region nor an endpoint override is configured (botocore's name and text)."""

    def __init__(self, message: str = "You must specify a region.") -> None:
        super().__init__(message)

    def __reduce__(self) -> Any:
        return type(self), (str(self),)


class ProfileNotFound(InvalidConfigError):
    """The named shared-config profile does not exist (botocore's name); ``profile`` names it."""

    def __init__(self, message: str, profile: Optional[str] = None) -> None:
        super().__init__(message)
        #: The profile that was asked for.
        self.profile = profile
        #: botocore keeps its format arguments here.
        self.kwargs = {"profile": profile}

    def __reduce__(self) -> Any:
        return type(self), (str(self), self.profile)


class HTTPClientError(LocalError):
    """Talking to the endpoint failed: no connection, no answer in time, or an unreadable answer.

    ``endpoint_url`` is where the client sends its calls.
    """

    def __init__(self, message: str, endpoint_url: str, attempts: int = 0) -> None:
        super().__init__(message, attempts)
        #: The endpoint the call went to.
        self.endpoint_url = endpoint_url

    def __reduce__(self) -> Any:
        return type(self), (str(self), self.endpoint_url, self.attempts)


class EndpointConnectionError(HTTPClientError):
    """No connection could be made, or it broke (refused, reset, DNS, TLS certificate, ...)."""


class SSLError(EndpointConnectionError):
    """The endpoint's TLS certificate could not be verified (botocore's name); also an
    :class:`EndpointConnectionError`, which is what this package raised before."""


class EndpointTimeoutError(HTTPClientError, builtins.TimeoutError):
    """The call ran out of time; also a built-in ``TimeoutError``."""


class ConnectTimeoutError(EndpointTimeoutError):
    """Connecting to the endpoint took longer than ``connect_timeout``."""


class ReadTimeoutError(EndpointTimeoutError):
    """An attempt (``read_timeout``) or the whole call (``total_timeout``) ran out of time."""


class ResponseParserError(HTTPClientError):
    """The service's answer could not be understood (not JSON, truncated, too large, a redirect)."""


class OperationCancelledError(LocalError):
    """The call's cancel token ended it (``update_auth_event_feedback_async`` was cancelled)."""


class ClientClosedError(CognitoFeedbackError):
    """The client was used after ``close()``."""


class LibraryError(CognitoFeedbackError):
    """The native library failed in a way it should not (a bug in it or in this package)."""


class LibraryNotFoundError(LibraryError):
    """The native library could not be found or loaded; the message lists where it looked."""
