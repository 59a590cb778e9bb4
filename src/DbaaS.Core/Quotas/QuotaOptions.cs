namespace DbaaS.Core.Quotas;

public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    /// <summary>Limits for projects with no row of their own; -1 is unlimited. Trove's defaults.</summary>
    public Dictionary<string, int> Defaults { get; set; } = new()
    {
        [QuotaResources.Instances] = 10,
        [QuotaResources.Volumes] = 40,
        [QuotaResources.Backups] = 50,
        [QuotaResources.Ram] = -1,
    };

    public int DefaultFor(string resource) => Defaults.TryGetValue(resource, out var limit) ? limit : -1;
}
