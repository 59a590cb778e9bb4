using DbaaS.Api.Http;
using DbaaS.Core.Flavors;

namespace DbaaS.Api.Flavors;

public static class FlavorViews
{
    /// <summary>Trove's flavor view: a numeric id as a number (older clients expect it), the string form in str_id.</summary>
    public static object Flavor(Flavor flavor, HttpRequest request, PublicUrls urls, string tenantId) => new
    {
        id = long.TryParse(flavor.Id, out var numeric) ? (object)numeric : flavor.Id,
        str_id = flavor.Id,
        name = flavor.Name,
        ram = flavor.RamMb,
        vcpus = flavor.Vcpus,
        disk = flavor.DiskGb,
        ephemeral = flavor.EphemeralGb,
        links = urls.SelfAndBookmark(request, tenantId, $"flavors/{flavor.Id}"),
    };
}
