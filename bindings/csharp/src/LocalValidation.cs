using System;
using CognitoFeedback.Model;
using CognitoFeedback.Runtime;

namespace CognitoFeedback
{
    /// <summary>
    /// The exception for a request member that breaks the service's constraints, found before
    /// anything is sent. SDK code catches the service's answer to such a request,
    /// <see cref="InvalidParameterException"/>, so that is what is thrown, with the member in
    /// <see cref="InvalidParameterException.ParameterName"/> and, for code written against
    /// earlier versions of this library, the <see cref="ArgumentException"/> (or
    /// <see cref="ArgumentNullException"/>) naming it as the inner exception.
    /// </summary>
    internal static class LocalValidation
    {
        /// <summary>An InvalidParameterException about <paramref name="argument"/>'s member, wrapping it.</summary>
        internal static InvalidParameterException Exception(string message, ArgumentException argument)
        {
            return new InvalidParameterException(
                message, argument, ErrorType.Sender, "InvalidParameterException", null, 0)
            {
                ParameterName = argument.ParamName,
            };
        }

        /// <summary>The same, for a member the library rejected (its message is the library's).</summary>
        internal static InvalidParameterException Exception(ArgumentException argument)
        {
            return Exception(RawMessage(argument), argument);
        }

        /// <summary>The message without the runtime's "Parameter name" suffix.</summary>
        private static string RawMessage(ArgumentException argument)
        {
            string message = argument.Message;
            int suffix = argument.ParamName == null ? -1 : message.IndexOf(Environment.NewLine + "Parameter name:", StringComparison.Ordinal);
            if (suffix < 0 && argument.ParamName != null)
            {
                suffix = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            }
            return suffix < 0 ? message : message.Substring(0, suffix);
        }
    }
}
