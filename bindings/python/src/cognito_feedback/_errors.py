"""Turns a native ``CognitoError`` into the matching Python exception."""

from __future__ import annotations

import ctypes
import functools
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional

from ._native import Status
from .exceptions import (
    MODELED_ERRORS,
    OPERATION_NAME,
    ClientError,
    CognitoFeedbackError,
    ConnectTimeoutError,
    EndpointConnectionError,
    InvalidConfigError,
    InvalidParameterValidationError,
    LibraryError,
    NoRegionError,
    OperationCancelledError,
    ProfileNotFound,
    ReadTimeoutError,
    ResponseParserError,
    SSLError,
)

if TYPE_CHECKING:
    from ._native import ErrorHandle

#: The statuses that mean "the service answered with an error".
SERVICE_STATUSES = frozenset(
    {
        Status.INVALID_PARAMETER,
        Status.RESOURCE_NOT_FOUND,
        Status.TOO_MANY_REQUESTS,
        Status.NOT_AUTHORIZED,
        Status.USER_NOT_FOUND,
        Status.USER_POOL_ADD_ON_NOT_ENABLED,
        Status.OPERATION_NOT_ENABLED,
        Status.INTERNAL_ERROR,
        Status.UNKNOWN_SERVICE_ERROR,
    }
)


def _text(raw: Optional[bytes]) -> Optional[str]:
    """A borrowed C string as str (None stays None); undecodable bytes become U+FFFD."""
    return None if raw is None else raw.decode("utf-8", "replace")


def status_name(library: ctypes.CDLL, status: int) -> str:
    """The library's name for a status number, e.g. ``COGNITO_TIMEOUT``."""
    return _text(library.cognito_status_name(status)) or f"status {status}"


def require_ok(library: ctypes.CDLL, status: int, what: str) -> None:
    """Raises :class:`LibraryError` unless ``status`` is ``COGNITO_OK`` (for calls that cannot fail
    when this package uses them correctly)."""
    if status != Status.OK:
        raise LibraryError(f"{what} failed with {status_name(library, status)}")


def header_dict(lines: Optional[bytes]) -> Dict[str, str]:
    """The library's header lines (``name: value\\n`` each, names lowercase) as botocore's
    ``HTTPHeaders`` dict; a repeated header's values are joined with ``", "`` as urllib3 does."""
    headers: Dict[str, str] = {}
    if lines:
        for line in lines.decode("utf-8", "replace").splitlines():
            name, _, value = line.partition(": ")
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def response_metadata(
    request_id: Optional[str], http_status: int, headers: Dict[str, str], attempts: int, max_attempts: int
) -> Dict[str, Any]:
    """botocore's ``ResponseMetadata``: ``MaxAttemptsReached`` (only when true) when the call
    ended on its last allowed attempt, as botocore's standard retry mode reports it."""
    metadata: Dict[str, Any] = {}
    if request_id is not None:
        metadata["RequestId"] = request_id
    if http_status:
        metadata["HTTPStatusCode"] = http_status
    metadata["HTTPHeaders"] = headers
    metadata["RetryAttempts"] = max(attempts - 1, 0)
    if attempts >= max_attempts > 0:
        metadata["MaxAttemptsReached"] = True
    return metadata


def escape(library: ctypes.CDLL, text: str) -> str:
    """``text`` as the library writes server-supplied text (``cognito_escape_text``): control
    characters and terminal escapes escaped, cut to 1 KiB. The one escaping the package uses for
    what it writes as text; the raw values stay in the exceptions' attributes."""
    raw = text.encode("utf-8", "replace").replace(b"\0", b"\xef\xbf\xbd")
    size = library.cognito_escape_text(raw, None, 0) + 1
    buffer = ctypes.create_string_buffer(size)
    library.cognito_escape_text(raw, buffer, size)
    return buffer.value.decode("utf-8", "replace")


def service_error(
    code: str,
    message: str,
    reason_code: Optional[str],
    metadata: Dict[str, Any],
    escape: Callable[[str], str] = str,
) -> ClientError:
    """A ``ClientError`` (the modeled subclass for a known code) with botocore's response shape;
    its text has the code and message as ``escape`` writes them, its ``response`` the raw ones."""
    response: Dict[str, Any] = {"Error": {"Message": message, "Code": code}, "ResponseMetadata": metadata}
    cls = MODELED_ERRORS.get(code, ClientError)
    if cls is not ClientError:
        # botocore adds the modeled error shape's members at the top level.
        response["message"] = message
        if reason_code is not None:
            response["reasonCode"] = reason_code
    return cls(response, OPERATION_NAME, escape=escape)


def from_native(
    library: ctypes.CDLL,
    status: int,
    error: "ErrorHandle",
    endpoint_url: str,
    max_attempts: int = 0,
    profile: Optional[str] = None,
) -> CognitoFeedbackError:
    """The exception for a failed call; ``error`` is read, not freed (it may be NULL).
    ``max_attempts`` is the client's, for ``MaxAttemptsReached``; ``profile`` the profile the
    client was asked to read, for ``ProfileNotFound``."""
    if not error:
        return LibraryError(f"the library failed with {status_name(library, status)} and gave no details")
    status = library.cognito_error_status(error)
    raw_message = _text(library.cognito_error_message(error)) or ""
    attempts = library.cognito_error_attempts(error)
    http_status = library.cognito_error_http_status(error)
    field = _text(library.cognito_error_field(error))
    if status in SERVICE_STATUSES or (status == Status.RESPONSE_ERROR and http_status >= 400):
        metadata = response_metadata(
            _text(library.cognito_error_request_id(error)),
            http_status,
            header_dict(library.cognito_error_headers(error)),
            attempts,
            max_attempts,
        )
        written = functools.partial(escape, library)
        if status == Status.RESPONSE_ERROR:
            # An error answer without an error code (an HTML 503 from a load balancer): botocore
            # makes the status its code, and for a 5xx the reason phrase its message. (Imported
            # here: http.client costs more import time than the rest of this package.)
            import http.client

            if http_status < 500:
                return service_error(str(http_status), raw_message, None, metadata, written)
            # botocore's generic 5xx parsing reads no request id either.
            metadata.pop("RequestId", None)
            return service_error(str(http_status), http.client.responses.get(http_status, ""), None, metadata, written)
        return service_error(
            _text(library.cognito_error_code(error)) or "Unknown",
            raw_message,
            _text(library.cognito_error_reason_code(error)),
            metadata,
            written,
        )
    # Every other message is the library's own, but may quote what the server sent.
    message = escape(library, raw_message)
    if status == Status.VALIDATION_ERROR:
        return InvalidParameterValidationError(message, field=field)
    if status == Status.CONFIG_ERROR:
        if field == "region":
            return NoRegionError()
        if field == "profile":
            return ProfileNotFound(message, profile=profile)
        return InvalidConfigError(message)
    if status == Status.CANCELLED:
        return OperationCancelledError(message, attempts)
    if status == Status.CONNECTION_ERROR:
        # The library marks a certificate failure with the setting that decides trust.
        if field == "ca_bundle":
            return SSLError(f"SSL validation failed for {endpoint_url} {message}", endpoint_url, attempts)
        return EndpointConnectionError(
            f'Could not connect to the endpoint URL: "{endpoint_url}": {message}', endpoint_url, attempts
        )
    if status == Status.TIMEOUT:
        # The C ABI has one status for every timeout; a connect timeout names its setting.
        if field == "connect_timeout":
            return ConnectTimeoutError(
                f'Connect timeout on endpoint URL: "{endpoint_url}": {message}', endpoint_url, attempts
            )
        return ReadTimeoutError(f'Read timeout on endpoint URL: "{endpoint_url}": {message}', endpoint_url, attempts)
    if status == Status.RESPONSE_ERROR:
        return ResponseParserError(
            f'Unable to parse the response from "{endpoint_url}": {message}', endpoint_url, attempts
        )
    return LibraryError(f"{status_name(library, status)}: {message}")
