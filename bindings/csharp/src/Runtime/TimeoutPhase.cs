using System;

namespace CognitoFeedback.Runtime
{
    /// <summary>Which deadline a call's <see cref="TimeoutException"/> ran into.</summary>
    public enum TimeoutPhase
    {
        /// <summary>The connect timeout (<c>ConnectTimeout</c>): no connection was made within it.</summary>
        Connect,

        /// <summary>The attempt timeout (<c>Timeout</c>): one attempt (connecting, sending, and reading the answer) took longer.</summary>
        Attempt,

        /// <summary>The call's total timeout (<c>TotalTimeout</c>), across its attempts and the waits between them.</summary>
        Total,
    }

    /// <summary>
    /// The <see cref="TimeoutPhase"/> of a timed-out call. The client throws a plain
    /// <see cref="TimeoutException"/>, as the AWS SDK for .NET does, and records the phase in its
    /// <see cref="Exception.Data"/>; read it with <see cref="GetTimeoutPhase"/>.
    /// </summary>
    public static class TimeoutPhases
    {
        /// <summary>The key of the phase in <see cref="Exception.Data"/>.</summary>
        public const string DataKey = "CognitoFeedback.TimeoutPhase";

        /// <summary>Which deadline the call ran into; null for a timeout this library did not throw.</summary>
        public static TimeoutPhase? GetTimeoutPhase(this TimeoutException exception)
        {
            if (exception == null)
            {
                throw new ArgumentNullException("exception");
            }
            object phase = exception.Data[DataKey];
            return phase is TimeoutPhase ? (TimeoutPhase?)phase : null;
        }

        internal static void Set(TimeoutException exception, TimeoutPhase phase)
        {
            exception.Data[DataKey] = phase;
        }
    }
}
