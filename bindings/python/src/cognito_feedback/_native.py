"""The C ABI of the cognito_feedback shared library, as ctypes sees it.

Every function the header ``include/cognito_feedback.h`` declares is listed in
:data:`FUNCTIONS` with its exact ``restype`` and ``argtypes``; the test suite parses the header
and fails when the two drift apart. The library is loaded by :mod:`cognito_feedback._loader`.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, c_bool, c_char_p, c_size_t, c_uint16, c_uint32, c_uint64, c_void_p
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Dict, List, Tuple


# BEGIN GENERATED ENUMS (scripts/gen_native_enums.py; do not edit)


class Status(IntEnum):
    """``CognitoStatus``: what a C function reports. The numbers are the header's and never change."""

    OK = 0
    INVALID_PARAMETER = 1
    RESOURCE_NOT_FOUND = 2
    TOO_MANY_REQUESTS = 3
    NOT_AUTHORIZED = 4
    USER_NOT_FOUND = 5
    USER_POOL_ADD_ON_NOT_ENABLED = 6
    OPERATION_NOT_ENABLED = 7
    INTERNAL_ERROR = 8
    UNKNOWN_SERVICE_ERROR = 9
    INVALID_ARGUMENT = 100
    VALIDATION_ERROR = 101
    CONFIG_ERROR = 102
    TIMEOUT = 103
    CONNECTION_ERROR = 104
    CANCELLED = 105
    RESPONSE_ERROR = 106
    SYSTEM_ERROR = 107
    PANIC = 199


class TimeoutPhase(IntEnum):
    """``CognitoTimeoutPhase`` (``COGNITO_TIMEOUT_PHASE_*``): which deadline a ``COGNITO_TIMEOUT`` ran into."""

    NONE = 0
    CONNECT = 1
    ATTEMPT = 2
    TOTAL = 3


class FeedbackValue(IntEnum):
    """``CognitoFeedbackValue``: the wire enum ``FeedbackValue`` as the C ABI numbers it."""

    VALID = 1
    INVALID = 2


class RetryMode(IntEnum):
    """``CognitoRetryMode`` (``COGNITO_RETRY_*``): the retry modes the C ABI accepts."""

    STANDARD = 1
    ADAPTIVE = 2


# END GENERATED ENUMS


class CognitoConfig(ctypes.Structure):
    """Opaque ``CognitoConfig`` (only ever used through a pointer)."""


class CognitoClient(ctypes.Structure):
    """Opaque ``CognitoClient`` (only ever used through a pointer)."""


class CognitoCancelToken(ctypes.Structure):
    """Opaque ``CognitoCancelToken`` (only ever used through a pointer)."""


class CognitoResponse(ctypes.Structure):
    """Opaque ``CognitoResponse`` (only ever used through a pointer)."""


class CognitoError(ctypes.Structure):
    """Opaque ``CognitoError`` (only ever used through a pointer)."""


class CognitoFeedbackRequest(ctypes.Structure):
    """``CognitoFeedbackRequest``: the five members of a call, as NUL-terminated UTF-8."""

    _fields_ = [
        ("user_pool_id", c_char_p),
        ("username", c_char_p),
        ("event_id", c_char_p),
        ("feedback_token", c_char_p),
        ("feedback_value", c_uint32),
    ]


#: ``CognitoLogCallback``: ``void (*)(void *user_data, uint32_t level, const char *message)``.
LogCallback = ctypes.CFUNCTYPE(None, c_void_p, c_uint32, c_char_p)

ConfigPtr = POINTER(CognitoConfig)
ClientPtr = POINTER(CognitoClient)
CancelTokenPtr = POINTER(CognitoCancelToken)
ResponsePtr = POINTER(CognitoResponse)
ErrorPtr = POINTER(CognitoError)
RequestPtr = POINTER(CognitoFeedbackRequest)

#: ``CognitoCompletionCallback``: ``void (*)(CognitoStatus status, CognitoResponse *response,
#: CognitoError *error, void *user_data)``; the receiver owns ``response`` / ``error``.
CompletionCallback = ctypes.CFUNCTYPE(None, c_uint32, ResponsePtr, ErrorPtr, c_void_p)

if TYPE_CHECKING:
    import _ctypes

    # How type checkers spell the values of the pointer and callback types below.
    ConfigHandle = ctypes._Pointer[CognitoConfig]
    ErrorHandle = ctypes._Pointer[CognitoError]
    LogCallbackObject = _ctypes.CFuncPtr

#: Every exported function: name -> (restype, argtypes).
FUNCTIONS: Dict[str, Tuple[Any, List[Any]]] = {
    "cognito_version": (c_char_p, []),
    "cognito_status_name": (c_char_p, [c_uint32]),
    "cognito_status_is_service_error": (c_bool, [c_uint32]),
    "cognito_config_new": (c_uint32, [POINTER(ConfigPtr)]),
    "cognito_config_free": (None, [ConfigPtr]),
    "cognito_config_set_region": (c_uint32, [ConfigPtr, c_char_p]),
    "cognito_config_set_endpoint_url": (c_uint32, [ConfigPtr, c_char_p]),
    "cognito_config_set_use_fips": (c_uint32, [ConfigPtr, c_bool]),
    "cognito_config_set_use_dualstack": (c_uint32, [ConfigPtr, c_bool]),
    "cognito_config_set_connect_timeout_ms": (c_uint32, [ConfigPtr, c_uint64]),
    "cognito_config_set_attempt_timeout_ms": (c_uint32, [ConfigPtr, c_uint64]),
    "cognito_config_set_total_timeout_ms": (c_uint32, [ConfigPtr, c_uint64]),
    "cognito_config_set_max_attempts": (c_uint32, [ConfigPtr, c_uint32]),
    "cognito_config_set_max_concurrency": (c_uint32, [ConfigPtr, c_uint32]),
    "cognito_config_set_retry_mode": (c_uint32, [ConfigPtr, c_uint32]),
    "cognito_config_set_ca_bundle_path": (c_uint32, [ConfigPtr, c_char_p]),
    "cognito_config_set_app_id": (c_uint32, [ConfigPtr, c_char_p]),
    "cognito_config_set_profile": (c_uint32, [ConfigPtr, c_char_p]),
    "cognito_config_set_ignore_environment": (c_uint32, [ConfigPtr, c_bool]),
    "cognito_config_set_verify_tls": (c_uint32, [ConfigPtr, c_bool]),
    "cognito_config_set_proxy": (c_uint32, [ConfigPtr, c_char_p]),
    "cognito_config_set_max_pool_connections": (c_uint32, [ConfigPtr, c_uint32]),
    "cognito_config_set_log_callback": (c_uint32, [ConfigPtr, LogCallback, c_void_p]),
    "cognito_config_set_log_level": (c_uint32, [ConfigPtr, c_uint32]),
    "cognito_client_new": (c_uint32, [ConfigPtr, POINTER(ClientPtr), POINTER(ErrorPtr)]),
    "cognito_client_free": (None, [ClientPtr]),
    "cognito_client_endpoint": (c_char_p, [ClientPtr]),
    "cognito_client_max_attempts": (c_uint32, [ClientPtr]),
    "cognito_cancel_token_new": (c_uint32, [POINTER(CancelTokenPtr)]),
    "cognito_cancel_token_cancel": (c_uint32, [CancelTokenPtr]),
    "cognito_cancel_token_is_cancelled": (c_bool, [CancelTokenPtr]),
    "cognito_cancel_token_free": (None, [CancelTokenPtr]),
    "cognito_update_auth_event_feedback": (
        c_uint32,
        [ClientPtr, RequestPtr, CancelTokenPtr, POINTER(ResponsePtr), POINTER(ErrorPtr)],
    ),
    "cognito_update_auth_event_feedback_async": (
        c_uint32,
        [ClientPtr, RequestPtr, CancelTokenPtr, CompletionCallback, c_void_p, POINTER(ErrorPtr)],
    ),
    "cognito_response_request_id": (c_char_p, [ResponsePtr]),
    "cognito_response_http_status": (c_uint16, [ResponsePtr]),
    "cognito_response_content_length": (c_uint64, [ResponsePtr]),
    "cognito_response_attempts": (c_uint32, [ResponsePtr]),
    "cognito_response_headers": (c_char_p, [ResponsePtr]),
    "cognito_response_free": (None, [ResponsePtr]),
    "cognito_error_status": (c_uint32, [ErrorPtr]),
    "cognito_error_code": (c_char_p, [ErrorPtr]),
    "cognito_error_message": (c_char_p, [ErrorPtr]),
    "cognito_error_reason_code": (c_char_p, [ErrorPtr]),
    "cognito_error_field": (c_char_p, [ErrorPtr]),
    "cognito_error_request_id": (c_char_p, [ErrorPtr]),
    "cognito_error_http_status": (c_uint16, [ErrorPtr]),
    "cognito_error_attempts": (c_uint32, [ErrorPtr]),
    "cognito_error_timeout_phase": (c_uint32, [ErrorPtr]),
    "cognito_error_headers": (c_char_p, [ErrorPtr]),
    "cognito_error_is_retryable": (c_bool, [ErrorPtr]),
    "cognito_error_is_throttling": (c_bool, [ErrorPtr]),
    "cognito_error_free": (None, [ErrorPtr]),
    "cognito_escape_text": (c_size_t, [c_char_p, c_char_p, c_size_t]),
}


def declare(library: ctypes.CDLL) -> None:
    """Sets ``restype`` and ``argtypes`` of every function in :data:`FUNCTIONS` on ``library``.

    Raises ``AttributeError`` naming the first function the library does not export.
    """
    for name, (restype, argtypes) in FUNCTIONS.items():
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes
