namespace DbaaS.Api.OpenApi;

/// <summary>The caller's limits: absolute quotas and per-minute request rates.</summary>
public static class LimitDocs
{
    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new("GET /v1.0/{tenant_id}/limits")
        {
            Response = Limits,
            Description = "First the project's absolute quotas (max_<resource>, -1 for unlimited), then each rate limit " +
                          "with what remains of it in the current minute.",
        },
    ];

    private const string Limits = """
        {
          "limits": [
            { "verb": "ABSOLUTE", "max_instances": 10, "max_volumes": 40, "max_backups": 50, "max_ram": -1 },
            { "verb": "POST", "uri": "*", "regex": ".*", "value": 200, "unit": "MINUTE", "remaining": 200, "nextAvailable": "2026-11-20T23:40:37Z" },
            { "verb": "PUT", "uri": "*", "regex": ".*", "value": 200, "unit": "MINUTE", "remaining": 200, "nextAvailable": "2026-11-20T23:40:37Z" },
            { "verb": "DELETE", "uri": "*", "regex": ".*", "value": 200, "unit": "MINUTE", "remaining": 200, "nextAvailable": "2026-11-20T23:40:37Z" },
            { "verb": "GET", "uri": "*", "regex": ".*", "value": 200, "unit": "MINUTE", "remaining": 196, "nextAvailable": "2026-11-20T23:40:37Z" },
            { "verb": "POST", "uri": "*/mgmt", "regex": "^/mgmt", "value": 200, "unit": "MINUTE", "remaining": 200, "nextAvailable": "2026-11-20T23:40:37Z" }
          ]
        }
        """;
}
