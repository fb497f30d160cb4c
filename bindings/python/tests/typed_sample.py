"""Feedback reporting annotated as boto3-stubs' documentation annotates boto3 code.

It type-checks with ``mypy --strict`` under boto3-stubs as written, and under cognito_feedback
with only the lines marked ``# cognito-feedback:`` changed (into the code after the mark).
"""

from typing import Optional

import boto3  # cognito-feedback: import cognito_feedback
from mypy_boto3_cognito_idp.client import CognitoIdentityProviderClient  # cognito-feedback: from cognito_feedback import CognitoIdentityProviderClient
from mypy_boto3_cognito_idp.literals import FeedbackValueTypeType  # cognito-feedback: from cognito_feedback import FeedbackValueTypeType
from mypy_boto3_cognito_idp.type_defs import ResponseMetadataTypeDef, UpdateAuthEventFeedbackRequestTypeDef  # cognito-feedback: from cognito_feedback import ResponseMetadataTypeDef, UpdateAuthEventFeedbackRequestTypeDef


def new_client(endpoint_url: str) -> CognitoIdentityProviderClient:
    """The one client of the application."""
    return boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=endpoint_url)  # cognito-feedback: return cognito_feedback.Client(region_name="us-east-1", endpoint_url=endpoint_url)


def verdict(clicked_yes: bool) -> FeedbackValueTypeType:
    """The feedback value of the link the user clicked."""
    return "Valid" if clicked_yes else "Invalid"


def report(client: CognitoIdentityProviderClient, username: str, event_id: str, token: str, yes: bool) -> Optional[str]:
    """Sends the feedback; the request id, or None when the link is stale or forged."""
    request: UpdateAuthEventFeedbackRequestTypeDef = {
        "UserPoolId": "us-east-1_PlusPool1",
        "Username": username,
        "EventId": event_id,
        "FeedbackToken": token,
        "FeedbackValue": verdict(yes),
    }
    try:
        response = client.update_auth_event_feedback(**request)
    except client.exceptions.NotAuthorizedException as error:
        message: str = error.response["Error"]["Message"]
        print("stale link:", message)
        return None
    metadata: ResponseMetadataTypeDef = response["ResponseMetadata"]
    return metadata["RequestId"]
