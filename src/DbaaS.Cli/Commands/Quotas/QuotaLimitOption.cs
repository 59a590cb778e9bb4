using System.CommandLine;

namespace DbaaS.Cli.Commands.Quotas;

/// <summary>One <c>quota update</c> flag and the quota resource it sets.</summary>
internal sealed record QuotaLimitOption(string Resource, Option<int?> Option)
{
    public static IReadOnlyList<QuotaLimitOption> All() =>
    [
        Create("instances", "Most database instances the project may have"),
        Create("volumes", "Most volume space in GB the project may use"),
        Create("backups", "Most backups the project may keep"),
        Create("ram", "Most RAM in MB the project's instances may use"),
    ];

    // -1 is Trove's "unlimited", so negative numbers are passed through rather than rejected.
    private static QuotaLimitOption Create(string resource, string description) =>
        new(resource, new Option<int?>("--" + resource) { Description = description, HelpName = "limit" });
}
