// The C# runner of `make bench`'s timed runs: the blocking UpdateAuthEventFeedback on one client,
// as bench/c/bench.c and bench/python/calls.py make the same call.
//
//     Calls.exe URL seq SECONDS          sequential calls for SECONDS
//     Calls.exe URL threads N SECONDS    N threads sharing the client for SECONDS
//
// Prints one JSON line with the figures the others print: calls, seconds, calls_per_s, mean_us,
// median_us, p99_us, max_us, cpu_us_per_call (the process's CPU time over the timed part ÷
// calls: the wrapper's cost is this minus the C runner's) and peak_rss_kib. A failed call
// throws, so failures are never counted as calls.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using CognitoFeedback;
using CognitoFeedback.Model;

internal static class Calls
{
    private const int WarmupCalls = 200;

    private static void Call(AmazonCognitoIdentityProviderClient client, UpdateAuthEventFeedbackRequest request)
    {
        UpdateAuthEventFeedbackResponse response = client.UpdateAuthEventFeedback(request);
        if (string.IsNullOrEmpty(response.ResponseMetadata.RequestId))
        {
            throw new InvalidOperationException("the response has no request id");
        }
    }

    /// <summary>Calls until <paramref name="deadline"/> (Stopwatch ticks); each call's latency in ticks.</summary>
    private static List<long> Loop(AmazonCognitoIdentityProviderClient client, long deadline)
    {
        UpdateAuthEventFeedbackRequest request = BenchClient.Request();
        List<long> latencies = new List<long>(1 << 16);
        while (true)
        {
            long t0 = Stopwatch.GetTimestamp();
            Call(client, request);
            long t1 = Stopwatch.GetTimestamp();
            latencies.Add(t1 - t0);
            if (t1 >= deadline)
            {
                return latencies;
            }
        }
    }

    private static long PeakRssKib()
    {
        foreach (string line in File.ReadAllLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException("no VmHWM in /proc/self/status");
    }

    private static int Main(string[] args)
    {
        string url = args[0];
        bool threaded = args[1] == "threads";
        int threads = threaded ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        double seconds = double.Parse(args[threaded ? 3 : 2], CultureInfo.InvariantCulture);
        using (AmazonCognitoIdentityProviderClient client = BenchClient.Make(url))
        {
            UpdateAuthEventFeedbackRequest request = BenchClient.Request();
            for (int i = 0; i < WarmupCalls; i++)
            {
                Call(client, request);
            }
            Process self = Process.GetCurrentProcess();
            TimeSpan cpuStart = self.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            long deadline = start + (long)(seconds * Stopwatch.Frequency);
            List<long>[] perThread = new List<long>[threads];
            Thread[] workers = Enumerable.Range(0, threads)
                .Select(i => new Thread(() => perThread[i] = Loop(client, deadline)))
                .ToArray();
            foreach (Thread worker in workers)
            {
                worker.Start();
            }
            foreach (Thread worker in workers)
            {
                worker.Join();
            }
            double elapsed = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
            self.Refresh();
            double cpu = (self.TotalProcessorTime - cpuStart).TotalSeconds;
            long[] all = perThread.SelectMany(l => l).OrderBy(t => t).ToArray();
            double toUs = 1e6 / Stopwatch.Frequency;
            Func<double, double> quantile = q => all[Math.Max(0, Math.Min(all.Length - 1, (int)Math.Round(q * all.Length) - 1))] * toUs;
            Console.WriteLine("{\"calls\": " + all.Length
                + ", \"seconds\": " + BenchClient.Json(elapsed)
                + ", \"calls_per_s\": " + BenchClient.Json(all.Length / elapsed)
                + ", \"mean_us\": " + BenchClient.Json(all.Average() * toUs)
                + ", \"median_us\": " + BenchClient.Json(quantile(0.5))
                + ", \"p99_us\": " + BenchClient.Json(quantile(0.99))
                + ", \"max_us\": " + BenchClient.Json(all[all.Length - 1] * toUs)
                + ", \"cpu_us_per_call\": " + BenchClient.Json(cpu / all.Length * 1e6)
                + ", \"peak_rss_kib\": " + PeakRssKib() + "}");
        }
        return 0;
    }
}
