using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CognitoFeedback.Model;

namespace CognitoFeedback.Tests
{
    /// <summary>
    /// What reached the emulator, from its feedback log (one JSON line per recorded feedback,
    /// written before it answers): the wire values behind FeedbackValueType and the exact
    /// username text.
    /// </summary>
    internal static class RecordedFeedbackTests
    {
        [Test]
        public static void ValidAndInvalidArriveAsThemselves()
        {
            Record("Zoë", "evt-zoe-1", "tok-zoe-1.GhI=", FeedbackValueType.Valid);
            Assert.Equal("Valid", Last("evt-zoe-1", "feedback_value"), "recorded FeedbackValue");
            Record("Zoë", "evt-zoe-1", "tok-zoe-1.GhI=", FeedbackValueType.Invalid);
            Assert.Equal("Invalid", Last("evt-zoe-1", "feedback_value"), "recorded FeedbackValue");
        }

        [Test]
        public static void TheUsernameArrivesUnchanged()
        {
            Record("\U0001F980crab", "evt-crab-1", "tok-crab-1.MnO=", FeedbackValueType.Valid);
            Assert.Equal("\U0001F980crab", Last("evt-crab-1", "username"), "recorded Username");
            Record("山田太郎", "evt-taro-1", "tok-taro-1.JkL=", FeedbackValueType.Valid);
            Assert.Equal("山田太郎", Last("evt-taro-1", "username"), "recorded Username");
        }

        private static void Record(string username, string eventId, string token, FeedbackValueType value)
        {
            Fixture.Shared.UpdateAuthEventFeedback(Fixture.Request(username, eventId, token, value));
        }

        /// <summary>A string member of the last line the log has for the event.</summary>
        private static string Last(string eventId, string member)
        {
            if (Settings.FeedbackLogPath == null)
            {
                throw new InvalidOperationException("run with --feedback-log PATH (the emulator's)");
            }
            string line = File.ReadAllLines(Settings.FeedbackLogPath)
                .LastOrDefault(l => l.Contains("\"event_id\":\"" + eventId + "\""));
            Assert.True(line != null, "the emulator recorded " + eventId);
            Match value = Regex.Match(line, "\"" + member + "\":\"([^\"\\\\]*)\"");
            Assert.True(value.Success, "the line has " + member + ": " + line);
            return value.Groups[1].Value;
        }
    }
}
