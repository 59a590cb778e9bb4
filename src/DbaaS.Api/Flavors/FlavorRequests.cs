using System.Text.RegularExpressions;
using DbaaS.Api.Http;
using DbaaS.Core.Flavors;

namespace DbaaS.Api.Flavors;

public static partial class FlavorRequests
{
    public static Flavor ReadCreate(JsonFields body)
    {
        var flavor = body.Object("flavor");
        var id = flavor.OptionalString("id", 64);
        if (id is not null && !SafeId().IsMatch(id))
            throw flavor.Invalid("id", "may contain only letters, digits, '.', '_' and '-'");
        var created = new Flavor
        {
            Id = id ?? Guid.NewGuid().ToString(),
            Name = flavor.String("name", 255).Trim(),
            RamMb = flavor.Int("ram", 64, 4 * 1024 * 1024),
            Vcpus = flavor.Int("vcpus", 1, 1024),
            DiskGb = flavor.Int("disk", 0, 100_000),
            EphemeralGb = flavor.OptionalInt("ephemeral", 0, 100_000) ?? 0,
        };
        flavor.RejectUnknown();
        body.RejectUnknown();
        return created;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SafeId();
}
