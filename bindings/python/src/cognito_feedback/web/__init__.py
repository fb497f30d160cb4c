"""The web handler for the two links of Cognito's threat-protection email, safe from mail scanners.

Cognito's notification email carries a "this was me" and a "this wasn't me" link, built by the
application's template from ``{username}``, ``{event-id}`` and ``{feedback-token}``::

    https://app.example.com/feedback?username={username}&event={event-id}&token={feedback-token}&verdict=valid
    https://app.example.com/feedback?username={username}&event={event-id}&token={feedback-token}&verdict=invalid

Mail security scanners fetch every link of an email, so a ``GET`` here records nothing: it answers
a confirmation page ("Was this sign-in you?", the link's answer preselected). Only that page's
form ``POST``s the answer, which is checked (an HMAC of the link under the application's secret,
fresh and not used before) and reported with ``UpdateAuthEventFeedback``; the browser is then
redirected (303) to a result page whose URL holds no token. Mount it in any framework::

    from cognito_feedback import Client
    from cognito_feedback.web import AsgiApp, LinkHandler, WsgiApp

    handler = LinkHandler.from_environment(Client(region_name="eu-west-1"), "eu-west-1_AbCdEf123")
    flask_app.wsgi_app = DispatcherMiddleware(flask_app.wsgi_app, {"/feedback": WsgiApp(handler)})
    fastapi_app.router.routes.append(Route("/feedback", AsgiApp(handler), methods=["GET", "HEAD", "POST"]))

or run it alone: ``python -m cognito_feedback.web --port 8000 --user-pool-id eu-west-1_AbCdEf123``.
"""

from ._asgi import AsgiApp
from ._core import FORM_MAX_AGE_SECONDS, MAX_BODY_BYTES, LinkHandler, Request, Response
from ._proof import SECRET_ENV_VAR, MissingSecretError
from ._wsgi import WsgiApp

__all__ = [
    "AsgiApp",
    "FORM_MAX_AGE_SECONDS",
    "LinkHandler",
    "MAX_BODY_BYTES",
    "MissingSecretError",
    "Request",
    "Response",
    "SECRET_ENV_VAR",
    "WsgiApp",
]
