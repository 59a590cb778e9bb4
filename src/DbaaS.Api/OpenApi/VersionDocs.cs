namespace DbaaS.Api.OpenApi;

/// <summary>Trove's version discovery: <c>GET /</c> and <c>GET /v1.0</c>.</summary>
public static class VersionDocs
{
    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new("GET /") { Anonymous = true, Response = Versions },
        new("GET /v1.0") { Anonymous = true, Response = Version },
    ];

    private const string Versions = """
        {
          "versions": [
            {
              "id": "v1.0",
              "links": [{ "href": "https://dbaas.example.com/v1.0/", "rel": "self" }],
              "status": "CURRENT",
              "updated": "2012-08-01T00:00:00Z"
            }
          ]
        }
        """;

    private const string Version = """
        {
          "version": {
            "id": "v1.0",
            "links": [{ "href": "https://dbaas.example.com/v1.0/", "rel": "self" }],
            "status": "CURRENT",
            "updated": "2012-08-01T00:00:00Z"
          }
        }
        """;
}
