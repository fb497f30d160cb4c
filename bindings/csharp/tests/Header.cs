using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace CognitoFeedback.Tests
{
    /// <summary>One parameter or struct field of the C header: its type (spaces normalized) and name.</summary>
    internal sealed class CDeclaration
    {
        internal CDeclaration(string type, string name)
        {
            Type = type;
            Name = name;
        }

        internal string Type { get; private set; }

        internal string Name { get; private set; }
    }

    /// <summary>A function prototype of the C header.</summary>
    internal sealed class CFunction
    {
        internal string ReturnType { get; set; }

        internal string Name { get; set; }

        internal List<CDeclaration> Parameters { get; set; }
    }

    /// <summary>
    /// What the binding needs from include/cognito_feedback.h: function prototypes, enums,
    /// struct fields and function-pointer typedefs. cbindgen writes plain C, so a few regular
    /// expressions over the comment-free text are enough.
    /// </summary>
    internal sealed class Header
    {
        private static readonly Regex Comments = new Regex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline);
        private static readonly Regex Preprocessor = new Regex(@"^\s*#.*$", RegexOptions.Multiline);
        private static readonly Regex Function = new Regex(@"([A-Za-z_][\w\s\*]*?)\b(cognito_\w+)\s*\(([^()]*)\)\s*;");
        private static readonly Regex Enum = new Regex(@"enum\s+(\w+)\s*(?::\s*\w+\s*)?\{([^}]*)\}");
        private static readonly Regex Struct = new Regex(@"struct\s+(\w+)\s*\{([^}]*)\}");
        private static readonly Regex FunctionPointer = new Regex(@"typedef\s+([\w\s\*]+?)\s*\(\s*\*\s*(\w+)\s*\)\s*\(([^()]*)\)\s*;");
        private static readonly Regex Enumerator = new Regex(@"^\s*(\w+)\s*=\s*(\d+)[uU]?\s*$");

        private Header(string text)
        {
            string code = Preprocessor.Replace(Comments.Replace(text, " "), " ");
            Functions = Function.Matches(code).Cast<Match>().ToDictionary(m => m.Groups[2].Value, ToFunction);
            Enums = Enum.Matches(code).Cast<Match>().ToDictionary(
                m => m.Groups[1].Value,
                m => Enumerators(m.Groups[2].Value));
            Structs = Struct.Matches(code).Cast<Match>().ToDictionary(
                m => m.Groups[1].Value,
                m => Declarations(m.Groups[2].Value, ';'));
            FunctionPointers = FunctionPointer.Matches(code).Cast<Match>().ToDictionary(m => m.Groups[2].Value, ToFunction);
        }

        /// <summary>A match of <see cref="Function"/> or <see cref="FunctionPointer"/>: return type, name, parameters.</summary>
        private static CFunction ToFunction(Match m)
        {
            return new CFunction
            {
                ReturnType = NormalizeType(m.Groups[1].Value),
                Name = m.Groups[2].Value,
                Parameters = Declarations(m.Groups[3].Value, ','),
            };
        }

        /// <summary>Function prototypes by name.</summary>
        internal Dictionary<string, CFunction> Functions { get; private set; }

        /// <summary>Enumerators (name to value, in order) of each named enum.</summary>
        internal Dictionary<string, Dictionary<string, ulong>> Enums { get; private set; }

        /// <summary>The fields, in order, of each named struct with a body.</summary>
        internal Dictionary<string, List<CDeclaration>> Structs { get; private set; }

        /// <summary>Function-pointer typedefs by name.</summary>
        internal Dictionary<string, CFunction> FunctionPointers { get; private set; }

        internal static Header Load(string path)
        {
            if (path == null)
            {
                throw new InvalidOperationException("run with --header PATH (include/cognito_feedback.h)");
            }
            return new Header(File.ReadAllText(path));
        }

        /// <summary>"const  char *" becomes "const char*"; "struct CognitoConfig **" becomes "CognitoConfig**".</summary>
        internal static string NormalizeType(string type)
        {
            string spaced = Regex.Replace(Regex.Replace(type.Trim(), @"\bstruct\s+", ""), @"\s+", " ");
            return Regex.Replace(spaced, @"\s*\*\s*", "*").Trim();
        }

        private static List<CDeclaration> Declarations(string list, char separator)
        {
            List<CDeclaration> result = new List<CDeclaration>();
            foreach (string part in list.Split(separator))
            {
                string declaration = part.Trim();
                if (declaration.Length == 0 || declaration == "void")
                {
                    continue;
                }
                Match m = Regex.Match(declaration, @"^(.*?)(\w+)$", RegexOptions.Singleline);
                result.Add(new CDeclaration(NormalizeType(m.Groups[1].Value), m.Groups[2].Value));
            }
            return result;
        }

        private static Dictionary<string, ulong> Enumerators(string body)
        {
            Dictionary<string, ulong> result = new Dictionary<string, ulong>();
            foreach (string part in body.Split(','))
            {
                if (part.Trim().Length == 0)
                {
                    continue;
                }
                Match m = Enumerator.Match(part);
                if (!m.Success)
                {
                    throw new InvalidDataException("enumerator without an explicit value: " + part.Trim());
                }
                result.Add(m.Groups[1].Value, ulong.Parse(m.Groups[2].Value));
            }
            return result;
        }
    }
}
