"""A feedback reporter written for a boto3 ``cognito-idp`` client.

It runs unchanged against cognito_feedback.Client; only the line creating the client differs.
It prints one JSON object per call: what a boto3 user reads from the response or the error.
Usage: COGNITO_ENDPOINT_URL=http://127.0.0.1:PORT python boto3_style_script.py
"""

import json
import os
import sys

import boto3

ENDPOINT_URL = os.environ["COGNITO_ENDPOINT_URL"]
POOL_ID = "us-east-1_PlusPool1"

cognito = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=ENDPOINT_URL)


def report(username, event_id, token, value):
    """Sends one verdict and describes the outcome the way an application would log it."""
    try:
        response = cognito.update_auth_event_feedback(
            UserPoolId=POOL_ID,
            Username=username,
            EventId=event_id,
            FeedbackToken=token,
            FeedbackValue=value,
        )
    except cognito.exceptions.NotAuthorizedException as error:
        return {"outcome": "link expired or forged", "message": error.response["Error"]["Message"]}
    except cognito.exceptions.UserNotFoundException as error:
        return {"outcome": "no such user", "code": error.response["Error"]["Code"]}
    except cognito.exceptions.InvalidParameterException as error:
        return {
            "outcome": "refused",
            "code": error.response["Error"]["Code"],
            "reason": error.response.get("reasonCode"),
            "status": error.response["ResponseMetadata"]["HTTPStatusCode"],
        }
    except cognito.exceptions.ClientError as error:
        return {
            "outcome": "other service error",
            "code": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "has_request_id": bool(error.response["ResponseMetadata"].get("RequestId")),
            "operation": error.operation_name,
            "text": str(error),
        }
    metadata = response["ResponseMetadata"]
    return {
        "outcome": "recorded",
        "status": metadata["HTTPStatusCode"],
        "retries": metadata["RetryAttempts"],
        "has_request_id": bool(metadata["RequestId"]),
        "content_length": metadata["HTTPHeaders"]["content-length"],
        "request_id_header": metadata["HTTPHeaders"]["x-amzn-requestid"] == metadata["RequestId"],
    }


def main():
    calls = [
        ("alice", "evt-alice-1", "tok-alice-1.AbC=", "Valid"),
        ("山田太郎", "evt-taro-1", "tok-taro-1.JkL=", "Invalid"),
        ("alice", "evt-alice-2", "tok-not-the-right-one", "Invalid"),
        ("nobody", "evt-alice-1", "tok-alice-1.AbC=", "Valid"),
        ("alice", "evt-invalid-parameter", "tok-alice-1.AbC=", "Valid"),
        ("alice", "evt-unknown-code", "tok-alice-1.AbC=", "Valid"),
        ("alice", "evt-resource-not-found", "tok-alice-1.AbC=", "Valid"),
    ]
    for call in calls:
        print(json.dumps(report(*call), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
