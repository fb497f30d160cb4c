using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace CognitoFeedback
{
    /// <summary>
    /// An AWS region, as in the AWS SDK for .NET: a field for every region of every partition
    /// (generated from the library's <c>data/partitions.json</c> with the SDK's names:
    /// <c>USEast1</c>, <c>APEast1</c>, <c>CNNorth1</c>, <c>USGovCloudWest1</c>, <c>USIsoEast1</c>, ...),
    /// and <see cref="GetBySystemName"/> for any other name. The endpoint itself is resolved by
    /// the library from the service's endpoint rules (FIPS and dual-stack variants included); a
    /// name that is not a valid region is reported when the client is built.
    /// </summary>
    public sealed partial class RegionEndpoint
    {
        private static readonly object Lock = new object();
        private static Dictionary<string, RegionEndpoint> _byName;

        private RegionEndpoint(string systemName, string displayName, string partitionName, string partitionDnsSuffix)
        {
            SystemName = systemName;
            DisplayName = displayName;
            PartitionName = partitionName;
            PartitionDnsSuffix = partitionDnsSuffix;
        }

        /// <summary>The region's name, e.g. <c>eu-west-1</c>.</summary>
        public string SystemName { get; private set; }

        /// <summary>A human-readable name, e.g. <c>Europe (Ireland)</c>; <c>Unknown</c> for a region this class does not list, as in the SDK.</summary>
        public string DisplayName { get; private set; }

        /// <summary>The partition the region belongs to, e.g. <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>.</summary>
        public string PartitionName { get; private set; }

        /// <summary>The partition's DNS suffix, e.g. <c>amazonaws.com</c>.</summary>
        public string PartitionDnsSuffix { get; private set; }

        /// <summary>Every region this class lists, of every partition.</summary>
        public static IEnumerable<RegionEndpoint> EnumerableAllRegions
        {
            get { return (RegionEndpoint[])Defined.Clone(); }
        }

        /// <summary>
        /// The region with this name: the listed one (<c>GetBySystemName("eu-west-1")</c> is
        /// <see cref="EUWest1"/>), else, as in the SDK, a region of that name with the display
        /// name <c>Unknown</c>, in the partition whose pattern it matches (<c>aws</c> when none
        /// does), so regions newer than this library work. The same name gives the same instance.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="systemName"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="systemName"/> is empty.</exception>
        public static RegionEndpoint GetBySystemName(string systemName)
        {
            if (systemName == null)
            {
                throw new ArgumentNullException("systemName");
            }
            if (systemName.Length == 0)
            {
                throw new ArgumentException("A region name is required, e.g. eu-west-1.", "systemName");
            }
            lock (Lock)
            {
                if (_byName == null)
                {
                    _byName = new Dictionary<string, RegionEndpoint>(StringComparer.Ordinal);
                    foreach (RegionEndpoint region in Defined)
                    {
                        _byName.Add(region.SystemName, region);
                    }
                }
                RegionEndpoint found;
                if (!_byName.TryGetValue(systemName, out found))
                {
                    Partition partition = PartitionOf(systemName);
                    found = new RegionEndpoint(systemName, "Unknown", partition.Name, partition.DnsSuffix);
                    _byName.Add(systemName, found);
                }
                return found;
            }
        }

        /// <summary>The system and display names, e.g. <c>Europe (Ireland) (eu-west-1)</c>.</summary>
        public override string ToString()
        {
            return DisplayName + " (" + SystemName + ")";
        }

        private static Partition PartitionOf(string systemName)
        {
            foreach (Partition partition in Partitions)
            {
                if (partition.Matches(systemName))
                {
                    return partition;
                }
            }
            return Partitions[0];
        }

        /// <summary>A partition of <c>data/partitions.json</c>: its name, DNS suffix and region pattern.</summary>
        private sealed class Partition
        {
            private readonly Regex _regionPattern;

            internal Partition(string name, string dnsSuffix, string regionPattern)
            {
                Name = name;
                DnsSuffix = dnsSuffix;
                _regionPattern = new Regex(regionPattern, RegexOptions.CultureInvariant);
            }

            internal string Name { get; private set; }

            internal string DnsSuffix { get; private set; }

            internal bool Matches(string systemName)
            {
                return _regionPattern.IsMatch(systemName);
            }
        }
    }
}
