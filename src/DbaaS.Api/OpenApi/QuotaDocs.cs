namespace DbaaS.Api.OpenApi;

/// <summary>Management of a project's quotas.</summary>
public static class QuotaDocs
{
    private static readonly ErrorDoc NoProject = new(404, "Could not find project: 3c6e2a0b9d4f4e1a8b7c5d2e1f0a9b8c.");

    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new("GET /v1.0/{tenant_id}/mgmt/quotas/{project_id}")
        {
            Response = Quotas,
            Description = "Each resource's limit (-1: unlimited), use and reservations. With built-in identity an unknown project is a 404; " +
                          "with Keystone it cannot be checked and shows the defaults.",
            Errors = [NoProject],
        },
        new("PUT /v1.0/{tenant_id}/mgmt/quotas/{project_id}")
        {
            Request = QuotaUpdate, Response = UpdatedQuotas,
            Description = "Sets the named limits (instances, volumes, backups, ram; -1 for unlimited; numbers or numeric strings) " +
                          "and answers with what it set.",
            Errors = [new(400, "Quota resource 'cpus' is unknown; known: instances, volumes, backups, ram."), NoProject],
        },
    ];

    private const string Quotas = """
        {
          "quotas": [
            { "resource": "instances", "in_use": 2, "limit": 10, "reserved": 0 },
            { "resource": "volumes", "in_use": 20, "limit": 40, "reserved": 0 },
            { "resource": "backups", "in_use": 5, "limit": 50, "reserved": 1 },
            { "resource": "ram", "in_use": 4096, "limit": -1, "reserved": 0 }
          ]
        }
        """;

    private const string QuotaUpdate = """
        { "quotas": { "instances": 20, "volumes": 60, "backups": 100, "ram": -1 } }
        """;

    private const string UpdatedQuotas = """
        { "quotas": { "instances": 20, "volumes": 60, "backups": 100, "ram": -1 } }
        """;
}
