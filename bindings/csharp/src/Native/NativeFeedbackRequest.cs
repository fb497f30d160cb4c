using System;
using System.Runtime.InteropServices;

namespace CognitoFeedback.Native
{
    /// <summary>
    /// CognitoFeedbackRequest: four NUL-terminated UTF-8 strings and a
    /// <see cref="CognitoFeedbackValue"/>, read by the library only during the call. Field names
    /// are the header's, so the header test can compare the layout.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeFeedbackRequest
    {
        internal IntPtr user_pool_id;
        internal IntPtr username;
        internal IntPtr event_id;
        internal IntPtr feedback_token;
        internal uint feedback_value;
    }
}
