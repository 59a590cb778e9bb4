using DbaaS.Api.Http;
using DbaaS.Core.Flavors;

namespace DbaaS.Api.Flavors;

public static class FlavorViews
{
    /// <summary>
    /// Trove's flavor view: <c>id</c> is the numeric id or null, <c>str_id</c> always the id as a string;
    /// Trove's clients fall back to str_id when id is null.
    /// </summary>
    public static object Flavor(Flavor flavor, HttpRequest request, PublicUrls urls, string tenantId) => new
    {
        id = long.TryParse(flavor.Id, out var numeric) ? numeric : (long?)null,
        str_id = flavor.Id,
        name = flavor.Name,
        ram = flavor.RamMb,
        vcpus = flavor.Vcpus,
        disk = flavor.DiskGb,
        ephemeral = flavor.EphemeralGb,
        links = urls.SelfAndBookmark(request, tenantId, $"flavors/{flavor.Id}"),
    };
}
