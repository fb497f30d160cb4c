using System;
using System.Threading;
using CognitoFeedback.Runtime;

namespace CognitoFeedback.Native
{
    /// <summary>Builds a native client from an <see cref="AmazonCognitoIdentityProviderConfig"/>.</summary>
    internal static class NativeClientBuilder
    {
        /// <summary>
        /// A native client with <paramref name="config"/>'s settings, and its resolved endpoint.
        /// The native config lives only during this method. Throws <see cref="AmazonClientException"/>
        /// when the settings cannot work and <see cref="ArgumentException"/> naming the setting
        /// when one cannot be passed.
        /// </summary>
        internal static ClientHandle Build(AmazonCognitoIdentityProviderConfig config, out string endpoint)
        {
            ConfigHandle nativeConfig;
            CognitoStatus created = NativeMethods.cognito_config_new(out nativeConfig);
            if (created != CognitoStatus.COGNITO_OK)
            {
                nativeConfig.Dispose();
                throw new ArgumentException(
                    "The library refused to create a config (" + NativeErrors.StatusName(created) + ").", "config");
            }
            using (nativeConfig)
            {
                LogSink logSink = Apply(config, nativeConfig);
                ClientHandle client;
                ErrorHandle error;
                CognitoStatus status = NativeMethods.cognito_client_new(nativeConfig, out client, out error);
                using (error)
                {
                    if (status != CognitoStatus.COGNITO_OK)
                    {
                        client.Dispose();
                        throw NativeErrors.ToException(status, error, CancellationToken.None);
                    }
                }
                try
                {
                    client.LogSink = logSink;
                    endpoint = Utf8.Read(NativeMethods.cognito_client_endpoint(client));
                    return client;
                }
                catch
                {
                    client.Dispose();
                    throw;
                }
            }
        }

        /// <summary>Sets every explicitly given setting; returns the log sink to keep alive, if any.</summary>
        private static LogSink Apply(AmazonCognitoIdentityProviderConfig config, ConfigHandle native)
        {
            if (config.RegionEndpoint != null)
            {
                SetText(native, config.RegionEndpoint.SystemName, "RegionEndpoint", NativeMethods.cognito_config_set_region);
            }
            if (config.ServiceURL != null)
            {
                SetText(native, config.ServiceURL, "ServiceURL", NativeMethods.cognito_config_set_endpoint_url);
            }
            if (config.UseFipsIfSet.HasValue)
            {
                Check(native, NativeMethods.cognito_config_set_use_fips(native, config.UseFipsIfSet.Value), "UseFIPSEndpoint");
            }
            if (config.UseDualstackIfSet.HasValue)
            {
                Check(native, NativeMethods.cognito_config_set_use_dualstack(native, config.UseDualstackIfSet.Value), "UseDualstackEndpoint");
            }
            if (config.ConnectTimeout.HasValue)
            {
                Check(native, NativeMethods.cognito_config_set_connect_timeout_ms(native, Milliseconds(config.ConnectTimeout.Value)), "ConnectTimeout");
            }
            if (config.Timeout.HasValue)
            {
                Check(native, NativeMethods.cognito_config_set_attempt_timeout_ms(native, Milliseconds(config.Timeout.Value)), "Timeout");
            }
            if (config.TotalTimeout.HasValue)
            {
                Check(native, NativeMethods.cognito_config_set_total_timeout_ms(native, Milliseconds(config.TotalTimeout.Value)), "TotalTimeout");
            }
            if (config.MaxErrorRetryIfSet.HasValue)
            {
                uint attempts = (uint)config.MaxErrorRetryIfSet.Value + 1;
                Check(native, NativeMethods.cognito_config_set_max_attempts(native, attempts), "MaxErrorRetry");
            }
            if (config.MaxConcurrency.HasValue)
            {
                Check(native, NativeMethods.cognito_config_set_max_concurrency(native, (uint)config.MaxConcurrency.Value), "MaxConcurrency");
            }
            if (config.RetryModeIfSet.HasValue)
            {
                CognitoRetryMode mode = config.RetryModeIfSet.Value == RequestRetryMode.Adaptive
                    ? CognitoRetryMode.COGNITO_RETRY_ADAPTIVE
                    : CognitoRetryMode.COGNITO_RETRY_STANDARD;
                Check(native, NativeMethods.cognito_config_set_retry_mode(native, (uint)mode), "RetryMode");
            }
            if (config.CABundlePath != null)
            {
                SetText(native, config.CABundlePath, "CABundlePath", NativeMethods.cognito_config_set_ca_bundle_path);
            }
            if (config.ClientAppId != null)
            {
                SetText(native, config.ClientAppId, "ClientAppId", NativeMethods.cognito_config_set_app_id);
            }
            if (config.ProfileName != null)
            {
                SetText(native, config.ProfileName, "ProfileName", NativeMethods.cognito_config_set_profile);
            }
            Check(native, NativeMethods.cognito_config_set_ignore_environment(native, config.IgnoreEnvironment), "IgnoreEnvironment");
            if (config.LogCallback == null)
            {
                return null;
            }
            LogSink sink = new LogSink(config.LogCallback);
            Check(native, NativeMethods.cognito_config_set_log_callback(native, sink.Callback, IntPtr.Zero), "LogCallback");
            Check(native, NativeMethods.cognito_config_set_log_level(native, (uint)config.LogLevel), "LogLevel");
            return sink;
        }

        private static void SetText(
            ConfigHandle native, string value, string setting, Func<ConfigHandle, IntPtr, CognitoStatus> setter)
        {
            using (Utf8Buffers buffers = new Utf8Buffers())
            {
                Check(native, setter(native, buffers.Add(value, setting)), setting);
            }
        }

        /// <summary>Whole milliseconds, rounded up so that a sub-millisecond remainder is not lost.</summary>
        private static ulong Milliseconds(TimeSpan value)
        {
            // Rounded up without adding to Ticks first: TimeSpan.MaxValue would overflow.
            long whole = value.Ticks / TimeSpan.TicksPerMillisecond;
            return (ulong)(value.Ticks % TimeSpan.TicksPerMillisecond == 0 ? whole : whole + 1);
        }

        /// <summary>
        /// A setter's status: anything but COGNITO_OK means the setting was refused, for the
        /// reason the library keeps on the config (cognito_config_last_error), which names the
        /// C parameter; the exception names the setting.
        /// </summary>
        private static void Check(ConfigHandle native, CognitoStatus status, string setting)
        {
            if (status != CognitoStatus.COGNITO_OK)
            {
                throw new ArgumentException(
                    "The library refused the setting " + setting + " (" + NativeErrors.StatusName(status) + "): "
                    + RefusalReason(native), setting);
            }
        }

        /// <summary>The message of the config's last error: which parameter was refused and why.</summary>
        private static string RefusalReason(ConfigHandle native)
        {
            IntPtr error = NativeMethods.cognito_config_last_error(native);
            if (error == IntPtr.Zero)
            {
                return "no reason given";
            }
            using (ErrorHandle borrowed = ErrorHandle.Borrow(error))
            {
                return Utf8.Read(NativeMethods.cognito_error_message(borrowed));
            }
        }
    }
}
