namespace DbaaS.Api.OpenApi;

/// <summary>
/// The probes. Health-check endpoints are not described by ApiExplorer, so <see cref="UndescribedEndpointsFilter"/>
/// adds them to the document from these entries.
/// </summary>
public static class HealthDocs
{
    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new("GET /healthz")
        {
            Anonymous = true, Tag = "Health", Response = Alive,
            Description = "Checks nothing but that the process answers: for a liveness probe.",
        },
        new("GET /readyz")
        {
            Anonymous = true, Tag = "Health", Response = Ready,
            Description = "Checks PostgreSQL and the message bus: for a readiness probe.",
            OtherResponses = new Dictionary<int, Sample> { [503] = new("Service Unavailable: a dependency does not answer.", NotReady) },
        },
    ];

    private const string Alive = """
        { "status": "healthy", "checks": {} }
        """;

    private const string Ready = """
        {
          "status": "healthy",
          "checks": {
            "masstransit-bus": { "status": "healthy", "description": "Ready", "duration_ms": 2.4 },
            "postgresql": { "status": "healthy", "description": "PostgreSQL answers", "duration_ms": 1.7 }
          }
        }
        """;

    private const string NotReady = """
        {
          "status": "unhealthy",
          "checks": {
            "masstransit-bus": { "status": "healthy", "description": "Ready", "duration_ms": 2.1 },
            "postgresql": { "status": "unhealthy", "description": "PostgreSQL does not answer: NpgsqlException", "duration_ms": 5003.2 }
          }
        }
        """;
}
