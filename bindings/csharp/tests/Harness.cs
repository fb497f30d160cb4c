using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace CognitoFeedback.Tests
{
    /// <summary>Marks a public static method without parameters as a test.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class TestAttribute : Attribute
    {
    }

    /// <summary>A failed assertion.</summary>
    internal sealed class AssertionException : Exception
    {
        internal AssertionException(string message) : base(message)
        {
        }
    }

    /// <summary>The assertions the tests use.</summary>
    internal static class Assert
    {
        internal static void Equal<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
            {
                throw new AssertionException(what + ": expected <" + expected + "> but was <" + actual + ">");
            }
        }

        internal static void True(bool condition, string what)
        {
            if (!condition)
            {
                throw new AssertionException(what);
            }
        }

        internal static void NotEmpty(string value, string what)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new AssertionException(what + ": expected a non-empty string but was <" + (value ?? "null") + ">");
            }
        }

        internal static void Contains(string part, string text, string what)
        {
            if (text == null || !text.Contains(part))
            {
                throw new AssertionException(what + ": <" + (text ?? "null") + "> does not contain <" + part + ">");
            }
        }

        internal static void DoesNotContain(string secret, string text, string what)
        {
            if (text != null && text.Contains(secret))
            {
                throw new AssertionException(what + ": <" + text + "> gives away a secret");
            }
        }

        /// <summary>Runs <paramref name="action"/> and returns what it threw, which must be exactly a <typeparamref name="T"/>.</summary>
        internal static T Throws<T>(Action action) where T : Exception
        {
            Exception thrown = null;
            try
            {
                action();
            }
            catch (Exception e)
            {
                thrown = e;
            }
            return Is<T>(thrown);
        }

        /// <summary>Waits (at most <paramref name="timeout"/>) for a task that must fail with exactly a <typeparamref name="T"/>.</summary>
        internal static T ThrowsAsync<T>(Task task, TimeSpan timeout) where T : Exception
        {
            Finishes(task, timeout, "the task");
            Exception thrown = null;
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                thrown = e;
            }
            return Is<T>(thrown);
        }

        /// <summary>Fails unless the task ends within <paramref name="timeout"/>.</summary>
        internal static void Finishes(Task task, TimeSpan timeout, string what)
        {
            try
            {
                task.Wait(timeout);
            }
            catch (AggregateException)
            {
                // Its outcome is for the caller to check.
            }
            if (!task.IsCompleted)
            {
                throw new AssertionException(what + " did not finish within " + timeout.TotalSeconds + " s");
            }
        }

        private static T Is<T>(Exception thrown) where T : Exception
        {
            if (thrown == null)
            {
                throw new AssertionException("expected " + typeof(T).Name + " but nothing was thrown");
            }
            if (thrown.GetType() != typeof(T))
            {
                throw new AssertionException("expected " + typeof(T).Name + " but got " + thrown.GetType().Name + ": " + thrown);
            }
            return (T)thrown;
        }
    }

    /// <summary>
    /// Finds every [Test] method in this assembly, runs each (each bounded in time), prints one
    /// line per test and "N passed, N failed" last, and exits non-zero when any failed.
    /// Arguments: --endpoint URL (the emulator), --feedback-log PATH (its feedback log),
    /// --header PATH (include/cognito_feedback.h), --cargo-toml PATH, and optional name filters.
    /// </summary>
    internal static class Runner
    {
        private static readonly TimeSpan PerTest = TimeSpan.FromSeconds(60);

        internal static int Main(string[] args)
        {
            List<string> filters = new List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i] == "--endpoint" && i + 1 < args.Length)
                {
                    Settings.Endpoint = args[++i];
                }
                else if (args[i] == "--header" && i + 1 < args.Length)
                {
                    Settings.HeaderPath = args[++i];
                }
                else if (args[i] == "--feedback-log" && i + 1 < args.Length)
                {
                    Settings.FeedbackLogPath = args[++i];
                }
                else if (args[i] == "--cargo-toml" && i + 1 < args.Length)
                {
                    Settings.CargoTomlPath = args[++i];
                }
                else
                {
                    filters.Add(args[i]);
                }
            }
            Console.WriteLine("runtime: " + RuntimeInformation.FrameworkDescription);
            List<MethodInfo> tests = typeof(Runner).Assembly.GetTypes()
                .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
                .Where(method => method.GetCustomAttributes(typeof(TestAttribute), false).Length > 0)
                .Where(method => filters.Count == 0 || filters.Any(f => Name(method).Contains(f)))
                .OrderBy(Name, StringComparer.Ordinal)
                .ToList();
            int passed = 0;
            int failed = 0;
            foreach (MethodInfo test in tests)
            {
                string failure = Run(test);
                if (failure == null)
                {
                    passed++;
                    Console.WriteLine("PASS " + Name(test));
                }
                else
                {
                    failed++;
                    Console.WriteLine("FAIL " + Name(test) + ": " + failure);
                }
            }
            if (tests.Count == 0)
            {
                Console.WriteLine("FAIL no test matched");
                failed++;
            }
            Console.WriteLine(passed + " passed, " + failed + " failed");
            Console.Out.Flush();
            // A hung test may leave a thread behind; do not wait for it.
            Environment.Exit(failed == 0 ? 0 : 1);
            return 1;
        }

        private static string Name(MethodInfo method)
        {
            return method.DeclaringType.Name + "." + method.Name;
        }

        /// <summary>Runs one test; null when it passed, else why it failed.</summary>
        private static string Run(MethodInfo test)
        {
            Task run = Task.Factory.StartNew(() => test.Invoke(null, null), TaskCreationOptions.LongRunning);
            try
            {
                if (!run.Wait(PerTest))
                {
                    return "did not finish within " + PerTest.TotalSeconds + " s";
                }
                return null;
            }
            catch (AggregateException failure)
            {
                Exception cause = failure.InnerException;
                if (cause is TargetInvocationException && cause.InnerException != null)
                {
                    cause = cause.InnerException;
                }
                return cause is AssertionException ? cause.Message : cause.ToString();
            }
        }
    }
}
