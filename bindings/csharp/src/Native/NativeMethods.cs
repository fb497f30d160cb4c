using System;
using System.Runtime.InteropServices;

namespace CognitoFeedback.Native
{
    /// <summary>
    /// The C functions of include/cognito_feedback.h, one declaration each. Strings cross as
    /// NUL-terminated UTF-8 through <see cref="IntPtr"/> (see <see cref="Utf8"/>), never through
    /// the runtime's default string marshalling. The header test compares this list, its
    /// parameter types and the enums with the header, so a change on either side fails the tests.
    /// </summary>
    internal static class NativeMethods
    {
        /// <summary>The shared library: libcognito_feedback.so, libcognito_feedback.dylib or cognito_feedback.dll.</summary>
        internal const string Library = "cognito_feedback";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_status_name(uint status);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [return: MarshalAs(UnmanagedType.U1)]
        internal static extern bool cognito_status_is_service_error(uint status);

        // CognitoConfig

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_new(out ConfigHandle config_out);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void cognito_config_free(IntPtr config);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_region(ConfigHandle config, IntPtr region);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_endpoint_url(ConfigHandle config, IntPtr url);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_use_fips(
            ConfigHandle config, [MarshalAs(UnmanagedType.U1)] bool use_fips);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_use_dualstack(
            ConfigHandle config, [MarshalAs(UnmanagedType.U1)] bool use_dualstack);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_connect_timeout_ms(ConfigHandle config, ulong timeout_ms);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_attempt_timeout_ms(ConfigHandle config, ulong timeout_ms);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_total_timeout_ms(ConfigHandle config, ulong timeout_ms);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_max_attempts(ConfigHandle config, uint max_attempts);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_max_concurrency(ConfigHandle config, uint max_concurrency);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_retry_mode(ConfigHandle config, uint retry_mode);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_ca_bundle_path(ConfigHandle config, IntPtr path);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_app_id(ConfigHandle config, IntPtr app_id);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_verify_tls(
            ConfigHandle config, [MarshalAs(UnmanagedType.U1)] bool verify);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_max_pool_connections(ConfigHandle config, uint connections);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_proxy(ConfigHandle config, IntPtr url);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_profile(ConfigHandle config, IntPtr profile);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_ignore_environment(
            ConfigHandle config, [MarshalAs(UnmanagedType.U1)] bool ignore_environment);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_log_callback(
            ConfigHandle config, NativeLogCallback callback, IntPtr user_data);

        // Text

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern UIntPtr cognito_escape_text(IntPtr text, byte[] buffer, UIntPtr buffer_size);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_config_set_log_level(ConfigHandle config, uint level);

        /// <summary>The error of the most recent setter call on the config, borrowed from it (NULL when that call succeeded).</summary>
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_config_last_error(ConfigHandle config);

        // CognitoClient

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_client_new(
            ConfigHandle config, out ClientHandle client_out, out ErrorHandle error_out);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void cognito_client_free(IntPtr client);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_client_endpoint(ClientHandle client);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern uint cognito_client_max_attempts(ClientHandle client);

        // CognitoCancelToken

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_cancel_token_new(out CancelTokenHandle token_out);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_cancel_token_cancel(CancelTokenHandle token);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [return: MarshalAs(UnmanagedType.U1)]
        internal static extern bool cognito_cancel_token_is_cancelled(CancelTokenHandle token);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void cognito_cancel_token_free(IntPtr token);

        // The call

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_update_auth_event_feedback(
            ClientHandle client,
            ref NativeFeedbackRequest request,
            CancelTokenHandle cancel,
            out ResponseHandle response_out,
            out ErrorHandle error_out);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_update_auth_event_feedback_async(
            ClientHandle client,
            ref NativeFeedbackRequest request,
            CancelTokenHandle cancel,
            NativeCompletionCallback callback,
            IntPtr user_data,
            out ErrorHandle error_out);

        // CognitoResponse

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_response_request_id(ResponseHandle response);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern ushort cognito_response_http_status(ResponseHandle response);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern ulong cognito_response_content_length(ResponseHandle response);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern uint cognito_response_attempts(ResponseHandle response);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_response_headers(ResponseHandle response);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void cognito_response_free(IntPtr response);

        // CognitoError

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoStatus cognito_error_status(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_error_code(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_error_message(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_error_reason_code(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_error_field(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_error_request_id(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern ushort cognito_error_http_status(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern uint cognito_error_attempts(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern CognitoTimeoutPhase cognito_error_timeout_phase(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr cognito_error_headers(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [return: MarshalAs(UnmanagedType.U1)]
        internal static extern bool cognito_error_is_retryable(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        [return: MarshalAs(UnmanagedType.U1)]
        internal static extern bool cognito_error_is_throttling(ErrorHandle error);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void cognito_error_free(IntPtr error);
    }

    /// <summary>
    /// CognitoLogCallback: user data, a <see cref="CognitoLogLevel"/> value and a NUL-terminated
    /// UTF-8 message valid only during the call.
    /// </summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate void NativeLogCallback(IntPtr user_data, uint level, IntPtr message);

    /// <summary>
    /// CognitoCompletionCallback: the outcome of cognito_update_auth_event_feedback_async, on a
    /// library thread: the status, the response or the error (the other NULL; owned by the
    /// receiver) and the user data given with the call.
    /// </summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate void NativeCompletionCallback(CognitoStatus status, IntPtr response, IntPtr error, IntPtr user_data);
}
