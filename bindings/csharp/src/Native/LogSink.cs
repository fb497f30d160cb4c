using System;

namespace CognitoFeedback.Native
{
    /// <summary>
    /// Bridges the native log callback to a managed <see cref="Action{LogLevel, String}"/>. The
    /// delegate handed to the library lives in this object, which the client's handle keeps
    /// alive, so the library never calls a collected delegate.
    /// </summary>
    internal sealed class LogSink
    {
        private readonly Action<LogLevel, string> _target;

        internal LogSink(Action<LogLevel, string> target)
        {
            _target = target;
            Callback = Receive;
        }

        /// <summary>The delegate to pass to cognito_config_set_log_callback.</summary>
        internal NativeLogCallback Callback { get; private set; }

        private void Receive(IntPtr userData, uint level, IntPtr message)
        {
            // Nothing may unwind into the library: a throwing callback loses its message.
            try
            {
                _target((LogLevel)level, Utf8.Read(message));
            }
            catch (Exception)
            {
            }
        }
    }
}
