using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using CognitoFeedback.Native;

namespace CognitoFeedback.Tests
{
    /// <summary>
    /// The P/Invoke declarations, native enums and request struct against the C header, so that a
    /// change on either side fails here instead of corrupting memory at run time.
    /// </summary>
    internal static class HeaderTests
    {
        /// <summary>Opaque handle types of the header and the SafeHandle that owns each.</summary>
        private static readonly Dictionary<string, Type> Handles = new Dictionary<string, Type>
        {
            { "CognitoConfig", typeof(ConfigHandle) },
            { "CognitoClient", typeof(ClientHandle) },
            { "CognitoCancelToken", typeof(CancelTokenHandle) },
            { "CognitoResponse", typeof(ResponseHandle) },
            { "CognitoError", typeof(ErrorHandle) },
        };

        /// <summary>Scalar C types and the managed type each must be declared as.</summary>
        private static readonly Dictionary<string, Type> Scalars = new Dictionary<string, Type>
        {
            { "void", typeof(void) },
            { "uint16_t", typeof(ushort) },
            { "uint32_t", typeof(uint) },
            { "uint64_t", typeof(ulong) },
            { "CognitoStatus", typeof(CognitoStatus) },
            { "const char*", typeof(IntPtr) },
            { "void*", typeof(IntPtr) },
            { "size_t", typeof(UIntPtr) },
            { "char*", typeof(byte[]) },
            { "CognitoLogCallback", typeof(NativeLogCallback) },
            { "CognitoCompletionCallback", typeof(NativeCompletionCallback) },
        };

        /// <summary>The header's function-pointer typedefs and the delegate each is declared as.</summary>
        private static readonly Dictionary<string, Type> Callbacks = new Dictionary<string, Type>
        {
            { "CognitoLogCallback", typeof(NativeLogCallback) },
            { "CognitoCompletionCallback", typeof(NativeCompletionCallback) },
        };

        private static readonly Type[] NativeEnums =
        {
            typeof(CognitoStatus), typeof(CognitoFeedbackValue), typeof(CognitoRetryMode), typeof(CognitoLogLevel),
        };

        [Test]
        public static void EveryHeaderFunctionIsDeclaredAndEveryDeclarationIsInTheHeader()
        {
            Header header = Header.Load(Settings.HeaderPath);
            List<string> declared = Imports().Select(EntryPoint).ToList();
            Assert.Equal(declared.Count, declared.Distinct().Count(), "each function is declared once");
            string[] missing = header.Functions.Keys.Except(declared).OrderBy(n => n).ToArray();
            string[] extra = declared.Except(header.Functions.Keys).OrderBy(n => n).ToArray();
            Assert.True(missing.Length == 0, "functions of the header without a DllImport: " + string.Join(", ", missing));
            Assert.True(extra.Length == 0, "DllImports the header does not have: " + string.Join(", ", extra));
        }

        [Test]
        public static void EachDeclarationMatchesItsPrototype()
        {
            Header header = Header.Load(Settings.HeaderPath);
            List<string> problems = new List<string>();
            foreach (MethodInfo import in Imports())
            {
                CFunction c;
                if (!header.Functions.TryGetValue(EntryPoint(import), out c))
                {
                    continue;
                }
                DllImportAttribute dllImport = DllImport(import);
                if (dllImport.CallingConvention != CallingConvention.Cdecl)
                {
                    problems.Add(c.Name + ": not Cdecl");
                }
                CheckSignature(c, import.ReturnParameter, import.GetParameters(), problems);
            }
            Assert.True(problems.Count == 0, string.Join("; ", problems));
        }

        [Test]
        public static void EachCallbackDelegateMatchesItsTypedef()
        {
            Header header = Header.Load(Settings.HeaderPath);
            List<string> problems = new List<string>();
            foreach (KeyValuePair<string, Type> callback in Callbacks)
            {
                CFunction c;
                Assert.True(header.FunctionPointers.TryGetValue(callback.Key, out c), "the header has " + callback.Key);
                MethodInfo invoke = callback.Value.GetMethod("Invoke");
                CheckSignature(c, invoke.ReturnParameter, invoke.GetParameters(), problems);
                UnmanagedFunctionPointerAttribute convention = (UnmanagedFunctionPointerAttribute)callback.Value
                    .GetCustomAttributes(typeof(UnmanagedFunctionPointerAttribute), false).Single();
                if (convention.CallingConvention != CallingConvention.Cdecl)
                {
                    problems.Add(callback.Value.Name + ": not Cdecl");
                }
            }
            Assert.True(problems.Count == 0, string.Join("; ", problems));
        }

        [Test]
        public static void EachNativeEnumMatchesTheHeader()
        {
            Header header = Header.Load(Settings.HeaderPath);
            foreach (Type type in NativeEnums)
            {
                Dictionary<string, ulong> c;
                Assert.True(header.Enums.TryGetValue(type.Name, out c), "the header has enum " + type.Name);
                Assert.Equal(typeof(uint), Enum.GetUnderlyingType(type), type.Name + "'s underlying type");
                Dictionary<string, ulong> managed = Enum.GetNames(type).ToDictionary(
                    name => name, name => Convert.ToUInt64(Enum.Parse(type, name)));
                Assert.Equal(Describe(c), Describe(managed), type.Name);
            }
        }

        [Test]
        public static void ThePublicLogLevelsAreTheNativeOnes()
        {
            // LogSink hands the native level over as a LogLevel by value.
            foreach (CognitoLogLevel native in Enum.GetValues(typeof(CognitoLogLevel)))
            {
                string word = native.ToString().Substring("COGNITO_LOG_".Length);
                LogLevel managed = (LogLevel)Enum.Parse(typeof(LogLevel), word, true);
                Assert.Equal((uint)native, (uint)managed, "LogLevel." + managed);
            }
            Assert.Equal(Enum.GetValues(typeof(CognitoLogLevel)).Length, Enum.GetValues(typeof(LogLevel)).Length, "number of levels");
        }

        [Test]
        public static void EveryStatusHasTheLibrarysName()
        {
            foreach (CognitoStatus status in Enum.GetValues(typeof(CognitoStatus)))
            {
                Assert.Equal(status.ToString(), Utf8.Read(NativeMethods.cognito_status_name((uint)status)), "name of " + (uint)status);
            }
            Assert.Equal(null, Utf8.Read(NativeMethods.cognito_status_name(4242)), "name of an unknown status");
        }

        [Test]
        public static void TheRequestStructMatchesTheHeader()
        {
            Header header = Header.Load(Settings.HeaderPath);
            List<CDeclaration> c;
            Assert.True(header.Structs.TryGetValue("CognitoFeedbackRequest", out c), "the header has struct CognitoFeedbackRequest");
            List<FieldInfo> fields = typeof(NativeFeedbackRequest)
                .GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
                .OrderBy(f => Marshal.OffsetOf(typeof(NativeFeedbackRequest), f.Name).ToInt64())
                .ToList();
            Assert.Equal(
                string.Join(", ", c.Select(d => d.Type + " " + d.Name)),
                string.Join(", ", fields.Select(f => CTypeOf(f.FieldType) + " " + f.Name)),
                "fields in order");
        }

        [Test]
        public static void TheHeaderVersionIsTheLibrarys()
        {
            string text = System.IO.File.ReadAllText(Settings.HeaderPath);
            string version = AmazonCognitoIdentityProviderClient.NativeLibraryVersion;
            Assert.True(text.Contains("\"" + version + "\""), "the header names version " + version);
        }

        private static IEnumerable<MethodInfo> Imports()
        {
            return typeof(NativeMethods)
                .GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
                .Where(m => (m.Attributes & MethodAttributes.PinvokeImpl) != 0);
        }

        private static DllImportAttribute DllImport(MethodInfo method)
        {
            object[] attributes = method.GetCustomAttributes(typeof(DllImportAttribute), false);
            if (attributes.Length != 1)
            {
                throw new AssertionException(method.Name + ": the runtime does not report its DllImport");
            }
            return (DllImportAttribute)attributes[0];
        }

        private static string EntryPoint(MethodInfo method)
        {
            DllImportAttribute attribute = DllImport(method);
            Assert.Equal(NativeMethods.Library, attribute.Value, method.Name + "'s library");
            return string.IsNullOrEmpty(attribute.EntryPoint) ? method.Name : attribute.EntryPoint;
        }

        private static void CheckSignature(CFunction c, ParameterInfo returned, ParameterInfo[] parameters, List<string> problems)
        {
            string why = Mismatch(c.ReturnType, returned);
            if (why != null)
            {
                problems.Add(c.Name + " returns " + c.ReturnType + " but is declared " + why);
            }
            if (c.Parameters.Count != parameters.Length)
            {
                problems.Add(c.Name + " takes " + c.Parameters.Count + " parameters but is declared with " + parameters.Length);
                return;
            }
            for (int i = 0; i < parameters.Length; i++)
            {
                why = Mismatch(c.Parameters[i].Type, parameters[i]);
                if (why != null)
                {
                    problems.Add(c.Name + " parameter " + c.Parameters[i].Name + " is " + c.Parameters[i].Type + " but is declared " + why);
                }
                else if (parameters[i].Name != c.Parameters[i].Name)
                {
                    problems.Add(c.Name + " parameter " + i + " is named " + c.Parameters[i].Name + " but declared " + parameters[i].Name);
                }
            }
        }

        /// <summary>Null when the managed parameter (or return value) can carry the C type; else what it is.</summary>
        private static string Mismatch(string cType, ParameterInfo managed)
        {
            Type type = managed.ParameterType;
            string described = type.Name + (managed.IsOut ? " (out)" : "");
            string bare = cType.StartsWith("const ") ? cType.Substring(6) : cType;
            string pointee = bare.TrimEnd('*');
            int stars = bare.Length - pointee.Length;
            Type handle;
            if (Handles.TryGetValue(pointee, out handle))
            {
                bool ok = stars == 1 ? type == handle || type == typeof(IntPtr)
                    : stars == 2 && managed.IsOut && type == handle.MakeByRefType();
                return ok ? null : described;
            }
            if (pointee == "CognitoFeedbackRequest")
            {
                return stars == 1 && !managed.IsOut && type == typeof(NativeFeedbackRequest).MakeByRefType() ? null : described;
            }
            if (cType == "bool")
            {
                return type == typeof(bool) && IsMarshalledAsOneByte(managed) ? null : described + " (bool needs [MarshalAs(UnmanagedType.U1)])";
            }
            Type scalar;
            if (Scalars.TryGetValue(cType, out scalar))
            {
                return type == scalar ? null : described;
            }
            return described + " (no mapping for this C type)";
        }

        private static bool IsMarshalledAsOneByte(ParameterInfo parameter)
        {
            object[] attributes = parameter.GetCustomAttributes(typeof(MarshalAsAttribute), false);
            return attributes.Length == 1 && ((MarshalAsAttribute)attributes[0]).Value == UnmanagedType.U1;
        }

        private static string CTypeOf(Type type)
        {
            return type == typeof(IntPtr) ? "const char*" : type == typeof(uint) ? "uint32_t" : type.Name;
        }

        private static string Describe(Dictionary<string, ulong> enumerators)
        {
            return string.Join(", ", enumerators.OrderBy(e => e.Value).ThenBy(e => e.Key).Select(e => e.Key + "=" + e.Value));
        }
    }
}
