"""A feedback reporter written for a boto3 ``cognito-idp`` client, as boto3's documentation writes
such code: a ``botocore.config.Config``, credentials passed to the client, ``botocore.exceptions``.

It runs against cognito_feedback.Client with only the lines marked ``# cognito-feedback:`` changed
(each into the code after the mark). It prints one JSON object per step: what a boto3 user reads
from the response or the error.
Usage: COGNITO_ENDPOINT_URL=http://127.0.0.1:PORT python boto3_style_script.py
"""

import json
import os
import sys
import urllib.request

import boto3
from botocore.config import Config  # cognito-feedback: from cognito_feedback import Config
from botocore.exceptions import BotoCoreError, NoRegionError  # cognito-feedback: from cognito_feedback.exceptions import BotoCoreError, NoRegionError

ENDPOINT_URL = os.environ["COGNITO_ENDPOINT_URL"]
POOL_ID = "us-east-1_PlusPool1"

CONFIG = Config(
    retries={"max_attempts": 1, "mode": "standard"},  # one retry: two attempts
    connect_timeout=5,
    read_timeout=10,
    user_agent_appid="feedback-app",
    max_pool_connections=4,
)
cognito = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=ENDPOINT_URL, config=CONFIG, aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")  # cognito-feedback: import cognito_feedback; cognito = cognito_feedback.Client(region_name="us-east-1", endpoint_url=ENDPOINT_URL, config=CONFIG, aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY")


def set_faults(**faults):
    """Test setup, not SDK code: the emulator's admin endpoint injects faults."""
    request = urllib.request.Request(
        ENDPOINT_URL + "/__emulator/faults", data=json.dumps(faults).encode(), method="POST"
    )
    urllib.request.urlopen(request).close()


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
    except cognito.exceptions.from_code("UserNotFoundException") as error:
        return {"outcome": "no such user", "code": error.response["Error"]["Code"]}
    except cognito.exceptions.InvalidParameterException as error:
        return {
            "outcome": "refused",
            "code": error.response["Error"]["Code"],
            "reason": error.response.get("reasonCode"),
            "names_username": "username" in error.response["Error"]["Message"].lower(),
        }
    except cognito.exceptions.ClientError as error:
        metadata = error.response["ResponseMetadata"]
        return {
            "outcome": "other service error",
            "code": error.response["Error"]["Code"],
            "message": error.response["Error"]["Message"],
            "status": metadata["HTTPStatusCode"],
            "retries": metadata["RetryAttempts"],
            "max_attempts_reached": metadata.get("MaxAttemptsReached", False),
            "content_type": metadata["HTTPHeaders"]["content-type"],
            "operation": error.operation_name,
            "text": str(error),
        }
    metadata = response["ResponseMetadata"]
    return {
        "outcome": "recorded",
        "status": metadata["HTTPStatusCode"],
        "retries": metadata["RetryAttempts"],
        "max_attempts_reached": metadata.get("MaxAttemptsReached", False),
        "has_request_id": bool(metadata["RequestId"]),
        "headers": sorted(metadata["HTTPHeaders"]),
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
        ("a" * 129, "evt-alice-1", "tok-alice-1.AbC=", "Valid"),  # longer than the service allows
        ("alice", "evt-unknown-code", "tok-alice-1.AbC=", "Valid"),
        ("alice", "evt-resource-not-found", "tok-alice-1.AbC=", "Valid"),
        ("alice", "evt-internal-error", "tok-alice-1.AbC=", "Valid"),  # retried, then given up
    ]
    for call in calls:
        print(json.dumps(report(*call), ensure_ascii=False), flush=True)

    # A load balancer's HTML 503, twice: retried once, then reported with the status as its code.
    set_faults(server_error=2, server_error_status=503, server_error_body="html")
    print(json.dumps(report("alice", "evt-alice-1", "tok-alice-1.AbC=", "Valid")), flush=True)

    try:
        boto3.client("cognito-idp", config=Config(retries={"total_max_attempts": 1}))  # cognito-feedback: cognito_feedback.Client(config=Config(retries={"total_max_attempts": 1}))
    except NoRegionError as error:
        print(json.dumps({"outcome": "no region", "text": str(error), "local": isinstance(error, BotoCoreError)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
