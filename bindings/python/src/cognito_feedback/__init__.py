"""Amazon Cognito's UpdateAuthEventFeedback with boto3's interface, over the cognito-feedback library.

    import cognito_feedback

    with cognito_feedback.Client(region_name="eu-west-1") as client:
        try:
            client.update_auth_event_feedback(
                UserPoolId="eu-west-1_AbCdEf123", Username="alice", EventId=event_id,
                FeedbackToken=token, FeedbackValue="Valid",
            )
        except client.exceptions.NotAuthorizedException as error:
            print(error.response["Error"]["Message"])

Code written for ``boto3.client("cognito-idp")`` runs unchanged once the client is created here.
"""

from __future__ import annotations

from pathlib import Path

from . import exceptions
from ._loader import ENV_VAR as LIBRARY_ENV_VAR
from ._loader import library as _library
from ._loader import library_path as _library_path
from ._types import FeedbackValueType, ResponseMetadataTypeDef, UpdateAuthEventFeedbackResponse
from .async_client import AsyncClient
from .client import Client
from .exceptions import (
    ClientError,
    CognitoFeedbackError,
    ConnectTimeoutError,
    EndpointConnectionError,
    InvalidConfigError,
    OperationCancelledError,
    ParamValidationError,
    ReadTimeoutError,
)

__version__ = "0.1.0"

__all__ = [
    "AsyncClient",
    "Client",
    "ClientError",
    "CognitoFeedbackError",
    "ConnectTimeoutError",
    "EndpointConnectionError",
    "FeedbackValueType",
    "InvalidConfigError",
    "LIBRARY_ENV_VAR",
    "OperationCancelledError",
    "ParamValidationError",
    "ReadTimeoutError",
    "ResponseMetadataTypeDef",
    "UpdateAuthEventFeedbackResponse",
    "exceptions",
    "library_path",
    "library_version",
]


def library_version() -> str:
    """The native library's version (``cognito_version()``), loading the library if needed."""
    version: bytes = _library().cognito_version()
    return version.decode("utf-8")


def library_path() -> Path:
    """Where the native library was loaded from, loading it if needed."""
    return _library_path()
