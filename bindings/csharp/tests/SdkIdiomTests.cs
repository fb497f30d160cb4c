using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using CognitoFeedback.Model;
using CognitoFeedback.Runtime;

namespace CognitoFeedback.Tests
{
    /// <summary>
    /// The SDK's idioms beyond the sample (samples/SdkStyle.cs): credentials constructors,
    /// regions, the Begin/End pair's failure path, and an error answer without an error code.
    /// </summary>
    internal static class SdkIdiomTests
    {
        [Test]
        public static void EveryCredentialsConstructorBuildsAWorkingClient()
        {
            AmazonCognitoIdentityProviderConfig config = Fixture.Config();
            List<AmazonCognitoIdentityProviderClient> clients = new List<AmazonCognitoIdentityProviderClient>
            {
                new AmazonCognitoIdentityProviderClient(new AnonymousAWSCredentials(), config),
                new AmazonCognitoIdentityProviderClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), config),
                new AmazonCognitoIdentityProviderClient("AKIDEXAMPLE", "secret", config),
            };
            foreach (AmazonCognitoIdentityProviderClient client in clients)
            {
                using (client)
                {
                    Assert.True(ReferenceEquals(config, client.Config), "Config is the one given");
                    Assert.Equal(HttpStatusCode.OK, client.UpdateAuthEventFeedback(Fixture.Alice()).HttpStatusCode, "call");
                }
            }
            Assert.Equal("credentials", Assert.Throws<ArgumentNullException>(
                () => new AmazonCognitoIdentityProviderClient((AWSCredentials)null, config)).ParamName, "null credentials");
            Assert.Equal("secretKey", Assert.Throws<ArgumentNullException>(
                () => new BasicAWSCredentials("AKIDEXAMPLE", "")).ParamName, "empty secret key");
        }

        [Test]
        public static void CredentialsAndARegionResolveTheRegionsEndpoint()
        {
            using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(
                new AnonymousAWSCredentials(), RegionEndpoint.APEast1))
            {
                Assert.Equal("https://cognito-idp.ap-east-1.amazonaws.com", client.Endpoint, "Endpoint");
            }
            using (AmazonCognitoIdentityProviderClient client = new AmazonCognitoIdentityProviderClient(
                "AKIDEXAMPLE", "secret", RegionEndpoint.CNNorth1))
            {
                Assert.Equal("https://cognito-idp.cn-north-1.amazonaws.com.cn", client.Endpoint, "Endpoint");
            }
        }

        [Test]
        public static void RegionsCarryTheirPartitionAndUnlistedNamesWork()
        {
            Assert.Equal("aws-us-gov", RegionEndpoint.USGovCloudWest1.PartitionName, "GovCloud partition");
            Assert.Equal("c2s.ic.gov", RegionEndpoint.USIsoEast1.PartitionDnsSuffix, "ISO DNS suffix");
            Assert.Equal("Asia Pacific (Hong Kong)", RegionEndpoint.APEast1.DisplayName, "DisplayName");
            RegionEndpoint[] all = RegionEndpoint.EnumerableAllRegions.ToArray();
            Assert.True(all.Length >= 48, "every region of every partition: " + all.Length);
            Assert.Equal(all.Length, all.Select(r => r.SystemName).Distinct().Count(), "no region twice");
            Assert.True(!all.Any(r => r.SystemName.EndsWith("-global", StringComparison.Ordinal)), "no pseudo-regions");
            RegionEndpoint future = RegionEndpoint.GetBySystemName("cn-southwest-9");
            Assert.Equal("Unknown", future.DisplayName, "DisplayName");
            Assert.Equal("aws-cn", future.PartitionName, "partition by pattern");
            Assert.True(ReferenceEquals(future, RegionEndpoint.GetBySystemName("cn-southwest-9")), "one instance per name");
            Assert.Equal("aws", RegionEndpoint.GetBySystemName("xx-nowhere-1").PartitionName, "default partition");
            Assert.Throws<ArgumentNullException>(() => RegionEndpoint.GetBySystemName(null));
            Assert.Throws<ArgumentException>(() => RegionEndpoint.GetBySystemName(""));
        }

        [Test]
        public static void EndThrowsTheCallsExceptionUnwrapped()
        {
            IAmazonCognitoIdentityProvider client = Fixture.Shared;
            using (ManualResetEvent called = new ManualResetEvent(false))
            {
                IAsyncResult started = client.BeginUpdateAuthEventFeedback(
                    Fixture.Scripted("evt-user-not-found"), result => called.Set(), 42);
                Assert.True(called.WaitOne(TimeSpan.FromSeconds(30)), "the callback ran");
                Assert.Equal(42, (int)started.AsyncState, "AsyncState");
                Assert.True(started.IsCompleted, "IsCompleted");
                UserNotFoundException e = Assert.Throws<UserNotFoundException>(
                    () => client.EndUpdateAuthEventFeedback(started));
                Assert.Equal("UserNotFoundException", e.ErrorCode, "ErrorCode");
            }
            Assert.Equal(HttpStatusCode.OK, client.EndUpdateAuthEventFeedback(
                client.BeginUpdateAuthEventFeedback(Fixture.Alice(), null, null)).HttpStatusCode, "no callback");
            Assert.Throws<ArgumentException>(
                () => client.EndUpdateAuthEventFeedback(System.Threading.Tasks.Task.FromResult(0)));
        }

        [Test]
        public static void AnAnswerWithoutAnErrorCodeIsAnUnmarshallingException()
        {
            // A plain HTTP server's 404, as an endpoint that is not Cognito answers (the
            // emulator's HTML 503 is the sample's case).
            using (NotFoundServer server = new NotFoundServer())
            using (AmazonCognitoIdentityProviderClient client = Fixture.NewClient(c =>
            {
                c.ServiceURL = server.Url;
                c.MaxErrorRetry = 0;
            }))
            {
                AmazonUnmarshallingException e = Assert.Throws<AmazonUnmarshallingException>(
                    () => client.UpdateAuthEventFeedback(Fixture.Alice()));
                Assert.Equal(HttpStatusCode.NotFound, e.StatusCode, "StatusCode");
                Assert.Equal(ErrorType.Sender, e.ErrorType, "ErrorType");
                Assert.Equal("rid-404", e.RequestId, "RequestId");
                Assert.Equal(null, e.ErrorCode, "ErrorCode");
                Assert.True(e.Retryable == null, "a 404 is not retried");
                Assert.True(e is AmazonServiceException, "an AmazonServiceException");
            }
        }

        /// <summary>An HTTP server on loopback answering every request 404 with an HTML body.</summary>
        private sealed class NotFoundServer : IDisposable
        {
            private readonly System.Net.Sockets.TcpListener _listener;
            private readonly Thread _thread;

            internal NotFoundServer()
            {
                _listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
                _listener.Start();
                Url = "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;
                _thread = new Thread(Serve) { IsBackground = true };
                _thread.Start();
            }

            internal string Url { get; private set; }

            public void Dispose()
            {
                _listener.Stop();
            }

            private void Serve()
            {
                try
                {
                    while (true)
                    {
                        using (System.Net.Sockets.TcpClient connection = _listener.AcceptTcpClient())
                        using (System.IO.Stream stream = connection.GetStream())
                        {
                            ReadRequest(stream);
                            byte[] answer = System.Text.Encoding.ASCII.GetBytes(
                                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nx-amzn-RequestId: rid-404\r\n" +
                                "Content-Length: 22\r\nConnection: close\r\n\r\n<html>Not Found</html>");
                            stream.Write(answer, 0, answer.Length);
                        }
                    }
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // Stopped.
                }
                catch (ObjectDisposedException)
                {
                    // Stopped.
                }
                catch (InvalidOperationException)
                {
                    // Stopped before the next accept.
                }
            }

            /// <summary>Reads the head and the Content-Length body of one request.</summary>
            private static void ReadRequest(System.IO.Stream stream)
            {
                List<byte> head = new List<byte>();
                while (head.Count < 4 || !(head[head.Count - 4] == '\r' && head[head.Count - 3] == '\n' && head[head.Count - 2] == '\r' && head[head.Count - 1] == '\n'))
                {
                    int b = stream.ReadByte();
                    if (b < 0)
                    {
                        return;
                    }
                    head.Add((byte)b);
                }
                string text = System.Text.Encoding.ASCII.GetString(head.ToArray()).ToLowerInvariant();
                int at = text.IndexOf("content-length:", StringComparison.Ordinal);
                int length = at < 0 ? 0 : int.Parse(text.Substring(at + 15, text.IndexOf('\r', at) - at - 15).Trim());
                byte[] body = new byte[length];
                int read = 0;
                while (read < length)
                {
                    int n = stream.Read(body, read, length - read);
                    if (n <= 0)
                    {
                        return;
                    }
                    read += n;
                }
            }
        }
    }
}
