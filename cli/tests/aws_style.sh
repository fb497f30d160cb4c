#!/usr/bin/env bash
# A script written for the AWS CLI, as its documentation writes such scripts. It runs with
# cognito-feedback once the line marked "cognito-feedback:" is changed into the code after the
# mark (tests/aws_script.rs does that, runs it against the emulator and checks what it prints).
# Usage: ENDPOINT=http://127.0.0.1:PORT DEAD_HTTPS_ENDPOINT=https://127.0.0.1:PORT aws_style.sh
set -u

COGNITO_IDP=(aws cognito-idp)  # cognito-feedback: COGNITO_IDP=(cognito-feedback)
export AWS_DEFAULT_REGION=us-east-1
ALICE=(--user-pool-id us-east-1_PlusPool1 --username alice --feedback-token tok-alice-1.AbC=)

# Flags scripts pass without thinking.
feedback() {
    "${COGNITO_IDP[@]}" update-auth-event-feedback --endpoint-url "$ENDPOINT" \
        --no-cli-pager --color off --no-paginate "$@"
}

echo "-- a load balancer's HTML 503, twice"
AWS_MAX_ATTEMPTS=2 feedback "${ALICE[@]}" --event-id evt-alice-1 --feedback-value Valid 2>&1
echo "exit $?"

echo "-- feedback recorded"
feedback "${ALICE[@]}" --event-id evt-alice-1 --feedback-value Invalid 2>&1
echo "exit $?"

echo "-- a user who does not exist"
feedback "${ALICE[@]}" --username nobody --event-id evt-alice-1 --feedback-value Valid 2>&1
echo "exit $?"

echo "-- help"
"${COGNITO_IDP[@]}" help > /dev/null
echo "exit $?"
"${COGNITO_IDP[@]}" update-auth-event-feedback help | grep -c -e '--feedback-token'

echo "-- skeletons"
"${COGNITO_IDP[@]}" update-auth-event-feedback --generate-cli-skeleton input
"${COGNITO_IDP[@]}" update-auth-event-feedback --generate-cli-skeleton output \
    "${ALICE[@]}" --event-id evt-alice-1 --feedback-value Valid
echo "exit $?"

echo "-- an endpoint that refuses connections, certificate checks off"
AWS_MAX_ATTEMPTS=1 "${COGNITO_IDP[@]}" update-auth-event-feedback --endpoint-url "$DEAD_HTTPS_ENDPOINT" \
    --no-verify-ssl "${ALICE[@]}" --event-id evt-alice-1 --feedback-value Valid 2>&1
echo "exit $?"

echo "-- an answer that does not come in time"
AWS_MAX_ATTEMPTS=1 feedback --cli-read-timeout 1 "${ALICE[@]}" --event-id evt-stall --feedback-value Valid 2>&1
echo "exit $?"
