using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text;

namespace CognitoFeedback.Native
{
    /// <summary>
    /// Strings across the C boundary as NUL-terminated UTF-8, the same on every runtime (Mono
    /// and CoreCLR disagree on the default string marshalling, so none is used).
    /// </summary>
    internal static class Utf8
    {
        /// <summary>Throws on lone surrogates instead of silently sending U+FFFD.</summary>
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        /// <summary>
        /// Reads a NUL-terminated UTF-8 string the library owns; null for a NULL pointer.
        /// The pointer must stay valid during the read (its owner must be alive).
        /// </summary>
        internal static string Read(IntPtr text)
        {
            if (text == IntPtr.Zero)
            {
                return null;
            }
            int length = 0;
            while (Marshal.ReadByte(text, length) != 0)
            {
                length++;
            }
            byte[] bytes = new byte[length];
            Marshal.Copy(text, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>
        /// Reads a NUL-terminated UTF-8 string the library owns as the library writes server
        /// text (cognito_escape_text: control characters and terminal escapes escaped, cut to
        /// 1 KiB); null for a NULL pointer. The one escaping this binding uses for what it
        /// composes as text.
        /// </summary>
        internal static string ReadEscaped(IntPtr text)
        {
            if (text == IntPtr.Zero)
            {
                return null;
            }
            int length = checked((int)(ulong)NativeMethods.cognito_escape_text(text, null, UIntPtr.Zero));
            byte[] buffer = new byte[length + 1];
            NativeMethods.cognito_escape_text(text, buffer, (UIntPtr)buffer.Length);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }

        /// <summary>
        /// The UTF-8 bytes of <paramref name="value"/> followed by a NUL. Throws an
        /// <see cref="ArgumentException"/> naming <paramref name="paramName"/> when the string
        /// holds a NUL character (C would cut it short there) or a lone surrogate (not text).
        /// The message never repeats the value, which may be a secret.
        /// </summary>
        internal static byte[] Encode(string value, string paramName)
        {
            if (value.IndexOf('\0') >= 0)
            {
                throw new ArgumentException(paramName + " must not contain a NUL character.", paramName);
            }
            try
            {
                int length = Strict.GetByteCount(value);
                byte[] bytes = new byte[length + 1];
                Strict.GetBytes(value, 0, value.Length, bytes, 0);
                return bytes;
            }
            catch (EncoderFallbackException)
            {
                throw new ArgumentException(
                    paramName + " is not valid Unicode text (it holds an unpaired surrogate).", paramName);
            }
        }
    }

    /// <summary>
    /// Unmanaged copies of strings for one native call, as NUL-terminated UTF-8. Dispose
    /// overwrites each copy with zeros (they may hold a Username or FeedbackToken) and frees it.
    /// </summary>
    internal sealed class Utf8Buffers : IDisposable
    {
        private readonly List<KeyValuePair<IntPtr, int>> _buffers = new List<KeyValuePair<IntPtr, int>>();

        /// <summary>
        /// A pointer to a copy of <paramref name="value"/> valid until Dispose; NULL for null.
        /// Throws <see cref="ArgumentException"/> naming <paramref name="paramName"/> when the
        /// string cannot cross as UTF-8 (see <see cref="Utf8.Encode"/>).
        /// </summary>
        internal IntPtr Add(string value, string paramName)
        {
            if (value == null)
            {
                return IntPtr.Zero;
            }
            byte[] bytes = Utf8.Encode(value, paramName);
            IntPtr copy = Marshal.AllocHGlobal(bytes.Length);
            _buffers.Add(new KeyValuePair<IntPtr, int>(copy, bytes.Length));
            Marshal.Copy(bytes, 0, copy, bytes.Length);
            Array.Clear(bytes, 0, bytes.Length);
            return copy;
        }

        /// <summary>Zeroes and frees every copy.</summary>
        public void Dispose()
        {
            foreach (KeyValuePair<IntPtr, int> buffer in _buffers)
            {
                for (int i = 0; i < buffer.Value; i++)
                {
                    Marshal.WriteByte(buffer.Key, i, 0);
                }
                Marshal.FreeHGlobal(buffer.Key);
            }
            _buffers.Clear();
        }
    }
}
