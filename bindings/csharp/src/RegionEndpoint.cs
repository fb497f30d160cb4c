using System;
using System.Collections.Generic;

namespace CognitoFeedback
{
    /// <summary>
    /// An AWS region, as in the AWS SDK for .NET. The endpoint for it is resolved by the library
    /// from the service's endpoint rules (FIPS and dual-stack variants included); a name that is
    /// not a valid region is reported when the client is built.
    /// </summary>
    public sealed class RegionEndpoint
    {
        private static readonly Dictionary<string, RegionEndpoint> Known = new Dictionary<string, RegionEndpoint>(StringComparer.Ordinal);

        /// <summary>US East (N. Virginia).</summary>
        public static readonly RegionEndpoint USEast1 = Define("us-east-1", "US East (N. Virginia)");
        /// <summary>US East (Ohio).</summary>
        public static readonly RegionEndpoint USEast2 = Define("us-east-2", "US East (Ohio)");
        /// <summary>US West (N. California).</summary>
        public static readonly RegionEndpoint USWest1 = Define("us-west-1", "US West (N. California)");
        /// <summary>US West (Oregon).</summary>
        public static readonly RegionEndpoint USWest2 = Define("us-west-2", "US West (Oregon)");
        /// <summary>Canada (Central).</summary>
        public static readonly RegionEndpoint CACentral1 = Define("ca-central-1", "Canada (Central)");
        /// <summary>South America (Sao Paulo).</summary>
        public static readonly RegionEndpoint SAEast1 = Define("sa-east-1", "South America (Sao Paulo)");
        /// <summary>Europe (Ireland).</summary>
        public static readonly RegionEndpoint EUWest1 = Define("eu-west-1", "Europe (Ireland)");
        /// <summary>Europe (London).</summary>
        public static readonly RegionEndpoint EUWest2 = Define("eu-west-2", "Europe (London)");
        /// <summary>Europe (Paris).</summary>
        public static readonly RegionEndpoint EUWest3 = Define("eu-west-3", "Europe (Paris)");
        /// <summary>Europe (Frankfurt).</summary>
        public static readonly RegionEndpoint EUCentral1 = Define("eu-central-1", "Europe (Frankfurt)");
        /// <summary>Europe (Stockholm).</summary>
        public static readonly RegionEndpoint EUNorth1 = Define("eu-north-1", "Europe (Stockholm)");
        /// <summary>Asia Pacific (Tokyo).</summary>
        public static readonly RegionEndpoint APNortheast1 = Define("ap-northeast-1", "Asia Pacific (Tokyo)");
        /// <summary>Asia Pacific (Seoul).</summary>
        public static readonly RegionEndpoint APNortheast2 = Define("ap-northeast-2", "Asia Pacific (Seoul)");
        /// <summary>Asia Pacific (Singapore).</summary>
        public static readonly RegionEndpoint APSoutheast1 = Define("ap-southeast-1", "Asia Pacific (Singapore)");
        /// <summary>Asia Pacific (Sydney).</summary>
        public static readonly RegionEndpoint APSoutheast2 = Define("ap-southeast-2", "Asia Pacific (Sydney)");
        /// <summary>Asia Pacific (Mumbai).</summary>
        public static readonly RegionEndpoint APSouth1 = Define("ap-south-1", "Asia Pacific (Mumbai)");
        /// <summary>AWS GovCloud (US-West).</summary>
        public static readonly RegionEndpoint USGovCloudWest1 = Define("us-gov-west-1", "AWS GovCloud (US-West)");
        /// <summary>AWS GovCloud (US-East).</summary>
        public static readonly RegionEndpoint USGovCloudEast1 = Define("us-gov-east-1", "AWS GovCloud (US-East)");

        private RegionEndpoint(string systemName, string displayName)
        {
            SystemName = systemName;
            DisplayName = displayName;
        }

        /// <summary>The region's name, e.g. <c>eu-west-1</c>.</summary>
        public string SystemName { get; private set; }

        /// <summary>A human-readable name, e.g. <c>Europe (Ireland)</c>; the system name for regions this class does not list.</summary>
        public string DisplayName { get; private set; }

        /// <summary>
        /// The region with this name, e.g. <c>eu-west-1</c>. Any name is accepted here (new regions
        /// work without a library update); the client reports a name that is not a region.
        /// </summary>
        public static RegionEndpoint GetBySystemName(string systemName)
        {
            if (systemName == null)
            {
                throw new ArgumentNullException("systemName");
            }
            lock (Known)
            {
                RegionEndpoint region;
                if (!Known.TryGetValue(systemName, out region))
                {
                    region = new RegionEndpoint(systemName, systemName);
                    Known.Add(systemName, region);
                }
                return region;
            }
        }

        /// <summary>The system and display names, e.g. <c>Europe (Ireland) (eu-west-1)</c>.</summary>
        public override string ToString()
        {
            return DisplayName + " (" + SystemName + ")";
        }

        private static RegionEndpoint Define(string systemName, string displayName)
        {
            RegionEndpoint region = new RegionEndpoint(systemName, displayName);
            Known.Add(systemName, region);
            return region;
        }
    }
}
