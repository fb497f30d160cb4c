// A burst of concurrent UpdateAuthEventFeedbackAsync calls on one client, against an endpoint
// that answers each request after a fixed delay (the emulator with --delay-ms):
//
//     Burst.exe URL CALLS
//
// Makes one call to open the way (JIT, first connection), then starts CALLS calls at once and
// waits for all of them, sampling the .NET thread pool every millisecond on a thread of its
// own. Prints one JSON line: the burst's wall time, the pool's minimum worker threads, and its
// peak: ThreadPool.ThreadCount where the runtime has it (CoreCLR), else the worker threads in
// use (max - available; Mono). A failed call throws, so a failure is never counted as a call.
using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using CognitoFeedback;
using CognitoFeedback.Model;

internal static class Burst
{
    private static readonly PropertyInfo ThreadCountProperty = typeof(ThreadPool).GetProperty("ThreadCount");

    private static int PoolThreads()
    {
        if (ThreadCountProperty != null)
        {
            return (int)ThreadCountProperty.GetValue(null);
        }
        int maxWorkers, maxIo, availableWorkers, availableIo;
        ThreadPool.GetMaxThreads(out maxWorkers, out maxIo);
        ThreadPool.GetAvailableThreads(out availableWorkers, out availableIo);
        return maxWorkers - availableWorkers;
    }

    private static int Main(string[] args)
    {
        string url = args[0];
        int calls = int.Parse(args[1], CultureInfo.InvariantCulture);
        using (AmazonCognitoIdentityProviderClient client = BenchClient.Make(url))
        {
            client.UpdateAuthEventFeedbackAsync(BenchClient.Request()).GetAwaiter().GetResult();
            int minWorkers, minIo;
            ThreadPool.GetMinThreads(out minWorkers, out minIo);
            int peak = PoolThreads();
            bool done = false;
            Thread sampler = new Thread(() =>
            {
                while (!Volatile.Read(ref done))
                {
                    peak = Math.Max(peak, PoolThreads());
                    Thread.Sleep(1);
                }
            });
            sampler.IsBackground = true;
            sampler.Start();
            Stopwatch watch = Stopwatch.StartNew();
            Task<UpdateAuthEventFeedbackResponse>[] tasks = new Task<UpdateAuthEventFeedbackResponse>[calls];
            for (int i = 0; i < calls; i++)
            {
                tasks[i] = client.UpdateAuthEventFeedbackAsync(BenchClient.Request());
            }
            UpdateAuthEventFeedbackResponse[] responses = Task.WhenAll(tasks).GetAwaiter().GetResult();
            double seconds = watch.Elapsed.TotalSeconds;
            Volatile.Write(ref done, true);
            sampler.Join();
            foreach (UpdateAuthEventFeedbackResponse response in responses)
            {
                if (response.HttpStatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException("HTTP " + response.HttpStatusCode);
                }
            }
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{{\"calls\": {0}, \"seconds\": {1:R}, \"calls_per_s\": {2:R}, \"pool_min_threads\": {3}, \"pool_peak_threads\": {4}, \"pool_measure\": \"{5}\"}}",
                calls, seconds, calls / seconds, minWorkers, peak,
                ThreadCountProperty != null ? "ThreadPool.ThreadCount" : "worker threads in use"));
        }
        return 0;
    }
}
