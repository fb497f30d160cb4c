"""``client.exceptions`` and ``client.meta``: what boto3 users read on a client besides its calls."""

from __future__ import annotations

from typing import Type

from .exceptions import (
    MODELED_ERRORS,
    ClientError,
    InternalErrorException,
    InvalidParameterException,
    NotAuthorizedException,
    OperationNotEnabledException,
    ResourceNotFoundException,
    TooManyRequestsException,
    UserNotFoundException,
    UserPoolAddOnNotEnabledException,
)

#: ``ClientError`` under another name, for annotations inside ClientExceptions (where the name
#: ``ClientError`` is the attribute).
_ServiceError = ClientError


class ClientExceptions:
    """``client.exceptions``: the service's errors by name, as on a boto3 client."""

    ClientError = ClientError
    InternalErrorException = InternalErrorException
    InvalidParameterException = InvalidParameterException
    NotAuthorizedException = NotAuthorizedException
    OperationNotEnabledException = OperationNotEnabledException
    ResourceNotFoundException = ResourceNotFoundException
    TooManyRequestsException = TooManyRequestsException
    UserNotFoundException = UserNotFoundException
    UserPoolAddOnNotEnabledException = UserPoolAddOnNotEnabledException

    @staticmethod
    def from_code(error_code: str) -> Type[_ServiceError]:
        """The exception class for a service error code (``ClientError`` for one the model does
        not list), as botocore's ``client.exceptions.from_code``."""
        return MODELED_ERRORS.get(error_code, _ServiceError)


class ClientMeta:
    """``client.meta``: what boto3 users read there that this client knows."""

    def __init__(self, endpoint_url: str) -> None:
        #: The endpoint URL calls go to (resolved from the region, or the override).
        self.endpoint_url = endpoint_url
