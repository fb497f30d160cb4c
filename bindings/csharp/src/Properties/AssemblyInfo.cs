using System.Runtime.CompilerServices;

// The tests check the P/Invoke declarations and native enums against the C header.
[assembly: InternalsVisibleTo("CognitoFeedback.Tests")]
