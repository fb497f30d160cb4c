"""``Client``: boto3's ``cognito-idp`` client, for the one call UpdateAuthEventFeedback."""

from __future__ import annotations

import ctypes
import os
import threading
from ctypes import byref
from typing import Any, Optional, Union

from . import _completion, _config, _errors, _loader, _logging
from ._cancel import CancelToken
from ._client_attributes import ClientExceptions, ClientMeta
from ._native import ClientPtr, CognitoFeedbackRequest, ErrorPtr, ResponsePtr, Status
from ._request import build_request
from ._types import ResponseMetadataTypeDef, UpdateAuthEventFeedbackResponse
from .exceptions import ClientClosedError


class Client:
    """A Cognito user pools client for UpdateAuthEventFeedback, with boto3's interface.

    Create it once and share it between threads: it owns a keep-alive connection pool, and calls
    release the GIL while they wait on the network. Use it as a context manager or call
    :meth:`close`; a closed client raises :class:`~cognito_feedback.exceptions.ClientClosedError`.

    Every setting left as ``None`` falls back to its standard ``AWS_*`` environment variable,
    then to the shared config file's profile (``profile_name``, else ``AWS_PROFILE``, else
    ``default``, from ``AWS_CONFIG_FILE`` or ``~/.aws/config``), then to the SDKs' default;
    ``ignore_environment`` reads neither variables nor files. A named profile that does not
    exist raises :class:`~cognito_feedback.exceptions.InvalidConfigError`, as botocore's
    ``ProfileNotFound`` does. Timeouts are in seconds:
    ``connect_timeout`` for a connection, ``read_timeout`` for one attempt, ``total_timeout`` for
    the whole call including retries; any length is accepted, and 100 years or more (such as
    ``1e300``) means no limit. ``retry_mode`` is ``"standard"`` or ``"adaptive"``,
    ``max_attempts`` counts the first attempt, ``ca_bundle`` is a PEM file to trust instead of the
    bundled roots, ``app_id`` goes into the User-Agent. ``max_concurrency`` bounds the
    ``update_auth_event_feedback_async`` calls running at once on the library's own threads
    (default 64); more wait in the library's queue.

    ``boto3.client``'s keywords work too: ``config`` (a :class:`~cognito_feedback.Config` or a
    ``botocore.config.Config``, with botocore's meaning; the keywords above win over it),
    ``verify`` (``False``: no certificate checks, for tests only; a path: the CA bundle), and
    ``aws_access_key_id`` / ``aws_secret_access_key`` / ``aws_session_token``, accepted and not
    used: UpdateAuthEventFeedback is unauthenticated, so nothing is signed (a debug log line says
    so).

    Log messages go to the ``cognito_feedback`` logger; they never contain a Username or a
    FeedbackToken. The logger's effective level when the client is created decides which
    messages the library builds at all (none when the logger is off): set the level first.
    """

    #: The service's errors by name: ``except client.exceptions.UserNotFoundException``.
    exceptions = ClientExceptions()

    def __init__(
        self,
        region_name=None,
        endpoint_url=None,
        use_fips_endpoint=None,
        use_dualstack_endpoint=None,
        connect_timeout=None,
        read_timeout=None,
        max_attempts=None,
        retry_mode=None,
        ca_bundle=None,
        app_id=None,
        ignore_environment=False,
        total_timeout=None,
        profile_name=None,
        max_concurrency=None,
        *,
        config=None,
        verify=None,
        aws_access_key_id=None,
        aws_secret_access_key=None,
        aws_session_token=None,
    ):
        self._lock = threading.Lock()
        self._handle = None
        self._in_flight = 0
        self._closed = False
        _config.ignore_credentials(
            {
                "aws_access_key_id": aws_access_key_id,
                "aws_secret_access_key": aws_secret_access_key,
                "aws_session_token": aws_session_token,
            }
        )
        settings = _config.client_settings(
            {
                "region_name": region_name,
                "endpoint_url": endpoint_url,
                "use_fips_endpoint": use_fips_endpoint,
                "use_dualstack_endpoint": use_dualstack_endpoint,
                "connect_timeout": connect_timeout,
                "read_timeout": read_timeout,
                "total_timeout": total_timeout,
                "max_attempts": max_attempts,
                "retry_mode": retry_mode,
                "ca_bundle": ca_bundle,
                "app_id": app_id,
                "profile_name": profile_name,
                "max_concurrency": max_concurrency,
            },
            config=config,
            verify=verify,
            ignore_environment=ignore_environment,
        )
        self._library = _loader.library()
        # The library calls this for as long as the native client lives: it must outlive it.
        # Only the levels the logger takes now are sent; with the logger off there is none.
        log_level = _logging.library_level()
        self._log_callback = _logging.make_callback() if log_level is not None else None
        config = _config.build(self._library, settings, self._log_callback, log_level)
        try:
            handle = ClientPtr()
            error = ErrorPtr()
            status = self._library.cognito_client_new(config, ctypes.byref(handle), ctypes.byref(error))
        finally:
            self._library.cognito_config_free(config)
        if status != Status.OK:
            try:
                # The profile asked for, explicitly or (as the library reads it) by AWS_PROFILE.
                profile = profile_name or (None if ignore_environment else os.environ.get("AWS_PROFILE"))
                raise _errors.from_native(self._library, status, error, endpoint_url or "", profile=profile)
            finally:
                self._library.cognito_error_free(error)
        self._handle = handle
        self._max_attempts: int = self._library.cognito_client_max_attempts(handle)
        endpoint = self._library.cognito_client_endpoint(handle)
        #: What boto3 users read in ``client.meta``: here, ``endpoint_url``.
        self.meta = ClientMeta(endpoint.decode("utf-8") if endpoint else "")

    # -- lifetime ---------------------------------------------------------------------------

    def close(self):
        """Releases the connection pool. Safe to call more than once, and while calls are in
        flight on other threads (they finish first); later calls raise ``ClientClosedError``."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            handle = self._take_handle_if_idle()
        self._free(handle)

    @property
    def closed(self):
        """Whether :meth:`close` was called."""
        return self._closed

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None):
            self.close()

    def __repr__(self):
        state = "closed" if self._closed else "open"
        meta = getattr(self, "meta", None)
        return f"<cognito_feedback.Client {meta.endpoint_url if meta else '?'} ({state})>"

    def _take_handle_if_idle(self):
        """With the lock held: the handle, if the client is closed and no call uses it."""
        if self._closed and self._in_flight == 0:
            handle, self._handle = self._handle, None
            return handle
        return None

    def _free(self, handle):
        if handle:
            self._library.cognito_client_free(handle)

    # -- the call ---------------------------------------------------------------------------

    def _acquire(self):
        """The native handle, counted as in use by one more call until :meth:`_release`:
        ``close()`` defers freeing it until the last call in flight is over."""
        with self._lock:
            handle = self._handle
            if self._closed or not handle:
                raise ClientClosedError("this Client is closed; create a new one to make calls")
            self._in_flight += 1
        return handle

    def _release(self) -> None:
        """Ends one call's use of the handle; frees it if the client was closed meanwhile."""
        with self._lock:
            self._in_flight -= 1
            idle_handle = self._take_handle_if_idle()
        self._free(idle_handle)

    def _call(self, request: CognitoFeedbackRequest, cancel: Optional[CancelToken]) -> UpdateAuthEventFeedbackResponse:
        """One blocking call through the library (the GIL is released while it runs)."""
        library = self._library
        response = ResponsePtr()
        error = ErrorPtr()
        handle = self._acquire()
        try:
            status = library.cognito_update_auth_event_feedback(
                handle,
                byref(request),
                cancel.handle if cancel is not None else None,
                byref(response),
                byref(error),
            )
        finally:
            self._release()
        if status:  # anything but COGNITO_OK (0)
            raise self._exception(status, error)
        return self._response(response)

    def _submit(self, request: CognitoFeedbackRequest, cancel: CancelToken, on_outcome: _completion.OnOutcome) -> None:
        """Hands a call to the library's completion API; ``on_outcome`` then runs exactly once, on
        a library thread, with what :meth:`_outcome` takes. Raises (and never calls back) when the
        library refuses the call: bad input, or a closed client. The call counts as in flight
        until its outcome has come."""
        library = self._library
        error = ErrorPtr()

        def finish(status: int, response: object, error: object) -> None:
            # Released first, so whoever sees the outcome sees the call over.
            self._release()
            on_outcome(status, response, error)

        handle = self._acquire()
        key = _completion.wait_for(finish)
        try:
            status = library.cognito_update_auth_event_feedback_async(
                handle, byref(request), cancel.handle, _completion.CALLBACK, key, byref(error)
            )
        except BaseException:
            _completion.forget(key)
            self._release()
            raise
        if status:
            _completion.forget(key)
            self._release()
            raise self._exception(status, error)

    def _outcome(self, status: int, response: Any, error: Any) -> Union[UpdateAuthEventFeedbackResponse, Exception]:
        """A call's outcome as boto3 shapes it: the response, or the exception to raise."""
        return self._exception(status, error) if status else self._response(response)

    def _exception(self, status: int, error: Any) -> Exception:
        """The exception for a failed call; frees the native error."""
        try:
            return _errors.from_native(self._library, status, error, self.meta.endpoint_url, self._max_attempts)
        finally:
            self._library.cognito_error_free(error)

    def _response(self, response: Any) -> UpdateAuthEventFeedbackResponse:
        """boto3's response for a native one; frees the native response."""
        library = self._library
        try:
            request_id = library.cognito_response_request_id(response)
            http_status = library.cognito_response_http_status(response)
            header_lines = library.cognito_response_headers(response)
            attempts = library.cognito_response_attempts(response)
        finally:
            library.cognito_response_free(response)
        metadata: ResponseMetadataTypeDef = {}
        if request_id is not None:
            metadata["RequestId"] = request_id.decode("utf-8", "replace")
        metadata["HTTPStatusCode"] = http_status
        metadata["HTTPHeaders"] = _errors.header_dict(header_lines)
        # boto3 counts retries, not attempts.
        metadata["RetryAttempts"] = attempts - 1 if attempts else 0
        if attempts >= self._max_attempts:
            metadata["MaxAttemptsReached"] = True
        return {"ResponseMetadata": metadata}

    def update_auth_event_feedback(self, *args, **kwargs):
        """Reports a user's feedback on an authentication event; blocks until it is done.

        Keyword arguments only, as on boto3: ``UserPoolId``, ``Username``, ``EventId``,
        ``FeedbackToken``, ``FeedbackValue`` (``"Valid"`` or ``"Invalid"``). Returns
        ``{"ResponseMetadata": {"RequestId", "HTTPStatusCode", "HTTPHeaders", "RetryAttempts"}}``.

        Raises ``ParamValidationError`` for bad input (nothing is sent), a ``ClientError``
        subclass when the service answers with an error, and ``EndpointConnectionError``,
        ``ConnectTimeoutError`` / ``ReadTimeoutError`` or ``InvalidConfigError`` for local
        failures.
        """
        return self._call(build_request(args, kwargs), None)

    async def update_auth_event_feedback_async(self, *args, **kwargs):
        """:meth:`update_auth_event_feedback` for asyncio, holding no thread while it runs.

        The call goes to the library's completion API: it runs on the library's own bounded
        pool (``max_concurrency``), never in an executor, and its outcome comes back to the
        event loop through ``loop.call_soon_threadsafe``. Bad input raises at once, before
        anything is sent. Cancelling the awaiting task cancels the native call through a
        cancel token (a call still queued is dropped at once, unsent); the task then ends
        with ``asyncio.CancelledError`` once the library has reported the call over.
        """
        # Imported here, not at module level: a coroutine only runs inside an event loop, so
        # asyncio is loaded by then, and synchronous users don't pay its import (~half of
        # this package's import time).
        import asyncio

        request = build_request(args, kwargs)
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        token = CancelToken(self._library)

        def on_outcome(status: int, response: Any, error: Any) -> None:
            # A library thread: convert (freeing the native objects), then hand over.
            outcome = self._outcome(status, response, error)
            try:
                loop.call_soon_threadsafe(_settle, future, outcome)
            except RuntimeError:  # the loop is closed: nobody awaits this call any more
                pass

        self._submit(request, token, on_outcome)
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            token.cancel()
            await _wait_uncancellable(future)
            raise


def _settle(future, outcome):
    """Completes the asyncio ``future`` with a call's outcome (a response, or the exception to raise)."""
    if future.done():
        return
    if isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)


async def _wait_uncancellable(future):
    """Waits for the asyncio ``future`` to finish even if the waiting task is cancelled again meanwhile,
    and marks its outcome as seen (the caller reports the cancellation instead)."""
    import asyncio

    while not future.done():
        try:
            await asyncio.wait({future})
        except asyncio.CancelledError:
            continue
    if not future.cancelled():
        future.exception()
