using System;
using System.Runtime.InteropServices;

namespace CognitoFeedback.Native
{
    /// <summary>
    /// A pointer to a library-owned object, freed exactly once by its type's <c>_free</c>
    /// function: on Dispose, or by the finalizer when Dispose was forgotten. While a P/Invoke
    /// call uses the handle, the runtime holds a reference, so Dispose from another thread
    /// waits for that call to return before the object is freed.
    /// </summary>
    internal abstract class NativeHandle : SafeHandle
    {
        /// <summary>An empty handle (NULL), filled in by the marshaller from an out parameter.</summary>
        protected NativeHandle() : base(IntPtr.Zero, true)
        {
        }

        /// <summary>
        /// A handle to <paramref name="pointer"/>, an object the library still owns and frees
        /// itself (<paramref name="owned"/> false): Dispose then never frees it.
        /// </summary>
        protected NativeHandle(IntPtr pointer, bool owned) : base(IntPtr.Zero, owned)
        {
            SetHandle(pointer);
        }

        /// <summary>NULL is the only invalid value; ReleaseHandle is never called for it.</summary>
        /// <summary>Takes ownership of <paramref name="pointer"/>, an object the library handed over (NULL allowed).</summary>
        internal void Own(IntPtr pointer)
        {
            SetHandle(pointer);
        }

        public override bool IsInvalid
        {
            get { return handle == IntPtr.Zero; }
        }
    }

    /// <summary>A CognitoConfig, freed by cognito_config_free.</summary>
    internal sealed class ConfigHandle : NativeHandle
    {
        protected override bool ReleaseHandle()
        {
            NativeMethods.cognito_config_free(handle);
            return true;
        }
    }

    /// <summary>
    /// A CognitoClient, freed by cognito_client_free. It also keeps the managed log callback
    /// (if any) alive for as long as the native client may call it.
    /// </summary>
    internal sealed class ClientHandle : NativeHandle
    {
        /// <summary>The log sink the native client calls; null when logging is off.</summary>
        internal LogSink LogSink { get; set; }

        protected override bool ReleaseHandle()
        {
            NativeMethods.cognito_client_free(handle);
            return true;
        }
    }

    /// <summary>A CognitoCancelToken, freed by cognito_cancel_token_free.</summary>
    internal sealed class CancelTokenHandle : NativeHandle
    {
        /// <summary>
        /// A handle that is NULL and stays NULL: passed as a call's cancel token, it means
        /// "not cancellable" (the runtime marshals a SafeHandle that is not closed as its
        /// pointer, here NULL).
        /// </summary>
        internal static CancelTokenHandle None()
        {
            return new CancelTokenHandle();
        }

        protected override bool ReleaseHandle()
        {
            NativeMethods.cognito_cancel_token_free(handle);
            return true;
        }
    }

    /// <summary>A CognitoResponse, freed by cognito_response_free.</summary>
    internal sealed class ResponseHandle : NativeHandle
    {
        protected override bool ReleaseHandle()
        {
            NativeMethods.cognito_response_free(handle);
            return true;
        }
    }

    /// <summary>A CognitoError, freed by cognito_error_free.</summary>
    internal sealed class ErrorHandle : NativeHandle
    {
        /// <summary>An empty handle (NULL), filled in by the marshaller from an out parameter.</summary>
        public ErrorHandle()
        {
        }

        private ErrorHandle(IntPtr borrowed) : base(borrowed, false)
        {
        }

        /// <summary>
        /// A handle to an error the library keeps and frees itself (as from
        /// cognito_config_last_error), for reading it while its owner lives; Dispose leaves it alone.
        /// </summary>
        internal static ErrorHandle Borrow(IntPtr error)
        {
            return new ErrorHandle(error);
        }

        protected override bool ReleaseHandle()
        {
            NativeMethods.cognito_error_free(handle);
            return true;
        }
    }
}
