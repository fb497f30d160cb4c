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
from ._types import (
    CognitoIdentityProviderClient,
    FeedbackValueType,
    FeedbackValueTypeType,
    ResponseMetadataTypeDef,
    UpdateAuthEventFeedbackRequestTypeDef,
    UpdateAuthEventFeedbackResponse,
    UpdateAuthEventFeedbackResponseTypeDef,
)
from .async_client import AsyncClient
from .client import Client
from .config import Config
from .exceptions import (
    BotoCoreError,
    ClientError,
    CognitoFeedbackError,
    ConnectTimeoutError,
    EndpointConnectionError,
    InvalidConfigError,
    InvalidParameterValidationError,
    NoRegionError,
    OperationCancelledError,
    ParamValidationError,
    ProfileNotFound,
    ReadTimeoutError,
    SSLError,
)

__version__ = "0.1.0"

__all__ = [
    "AsyncClient",
    "BotoCoreError",
    "Client",
    "ClientError",
    "CognitoFeedbackError",
    "CognitoIdentityProviderClient",
    "Config",
    "ConnectTimeoutError",
    "EndpointConnectionError",
    "FeedbackValueType",
    "FeedbackValueTypeType",
    "InvalidConfigError",
    "InvalidParameterValidationError",
    "LIBRARY_ENV_VAR",
    "NoRegionError",
    "OperationCancelledError",
    "ParamValidationError",
    "ProfileNotFound",
    "ReadTimeoutError",
    "ResponseMetadataTypeDef",
    "SSLError",
    "UpdateAuthEventFeedbackRequestTypeDef",
    "UpdateAuthEventFeedbackResponse",
    "UpdateAuthEventFeedbackResponseTypeDef",
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
