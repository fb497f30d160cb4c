using System;

namespace CognitoFeedback
{
    /// <summary>
    /// The user's verdict on an authentication event, as in the AWS SDK for .NET: a constant
    /// class whose <see cref="Value"/> is the wire string. Only <see cref="Valid"/> and
    /// <see cref="Invalid"/> can be sent; any other value is rejected before sending with an
    /// <see cref="Model.InvalidParameterException"/> naming <c>FeedbackValue</c>.
    /// </summary>
    public sealed class FeedbackValueType : IEquatable<FeedbackValueType>
    {
        /// <summary><c>Valid</c>: "this was me", the event came from the real user.</summary>
        public static readonly FeedbackValueType Valid = new FeedbackValueType("Valid");

        /// <summary><c>Invalid</c>: "this wasn't me", the event did not come from the user.</summary>
        public static readonly FeedbackValueType Invalid = new FeedbackValueType("Invalid");

        /// <summary>A value with the given wire string (prefer <see cref="Valid"/>, <see cref="Invalid"/> or <see cref="FindValue"/>).</summary>
        public FeedbackValueType(string value)
        {
            Value = value;
        }

        /// <summary>The wire string, <c>Valid</c> or <c>Invalid</c>.</summary>
        public string Value { get; private set; }

        /// <summary>
        /// The constant for a wire string (exact match); a new instance for any other string,
        /// which a call then rejects; null for null.
        /// </summary>
        public static FeedbackValueType FindValue(string value)
        {
            if (value == null)
            {
                return null;
            }
            if (value == Valid.Value)
            {
                return Valid;
            }
            if (value == Invalid.Value)
            {
                return Invalid;
            }
            return new FeedbackValueType(value);
        }

        /// <summary>The constant for a wire string, as <see cref="FindValue"/>.</summary>
        public static implicit operator FeedbackValueType(string value)
        {
            return FindValue(value);
        }

        /// <summary>Whether both are the same wire string (or both null).</summary>
        public static bool operator ==(FeedbackValueType left, FeedbackValueType right)
        {
            return ReferenceEquals(left, null) ? ReferenceEquals(right, null) : left.Equals(right);
        }

        /// <summary>Whether the wire strings differ.</summary>
        public static bool operator !=(FeedbackValueType left, FeedbackValueType right)
        {
            return !(left == right);
        }

        /// <summary>Whether <paramref name="other"/> has the same wire string.</summary>
        public bool Equals(FeedbackValueType other)
        {
            return !ReferenceEquals(other, null) && string.Equals(Value, other.Value, StringComparison.Ordinal);
        }

        /// <summary>Whether <paramref name="obj"/> is a FeedbackValueType with the same wire string.</summary>
        public override bool Equals(object obj)
        {
            return Equals(obj as FeedbackValueType);
        }

        /// <summary>The wire string's hash.</summary>
        public override int GetHashCode()
        {
            return Value == null ? 0 : StringComparer.Ordinal.GetHashCode(Value);
        }

        /// <summary>The wire string.</summary>
        public override string ToString()
        {
            return Value;
        }
    }
}
