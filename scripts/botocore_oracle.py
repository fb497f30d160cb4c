"""What the botocore-based vector generators share (gen_endpoint_vectors.py,
gen_profile_vectors.py): the pinned botocore, the call they make, and a way to make it with
every attempt answered inside the process, so nothing is ever sent."""

import os

BOTOCORE_VERSION = "1.44.8"
SERVICE = "cognito-idp"

# A valid request; the before-send hook answers it, so it never leaves the process.
CALL = {
    "UserPoolId": "us-east-1_AbCdEf123",
    "Username": "vector-user",
    "EventId": "vector-event",
    "FeedbackToken": "vector-token",
    "FeedbackValue": "Valid",
}


def isolate_from_environment():
    """No AWS_* variable of the caller's, and no instance metadata, may change botocore's
    answers; where the config files are is the generator's choice."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            del os.environ[name]
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


def canned_response(request, status, body):
    """The answer botocore takes from the server for `request`: `status`, a request id
    header, and `body` (bytes)."""
    from botocore.awsrequest import AWSResponse

    class Body:
        def stream(self, **kwargs):
            yield body

    return AWSResponse(request.url, status, {"x-amzn-RequestId": "vector"}, Body())


def call_answered_by(client, before_send):
    """Makes CALL with `client`; `before_send(request)` answers each attempt in the process."""
    client.meta.events.register(f"before-send.{SERVICE}.UpdateAuthEventFeedback", before_send)
    client.update_auth_event_feedback(**CALL)
