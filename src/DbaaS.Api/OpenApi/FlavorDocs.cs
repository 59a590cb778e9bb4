namespace DbaaS.Api.OpenApi;

/// <summary>Flavors, and their management (create, delete).</summary>
public static class FlavorDocs
{
    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new("GET /v1.0/{tenant_id}/flavors") { Response = Flavors },
        new("GET /v1.0/{tenant_id}/flavors/{flavor_id}")
        {
            Response = Flavor,
            ResponseVariants = [new("A flavor with a string id", CustomFlavor)],
            Errors = [new(404, "Flavor m1.huge could not be found.")],
        },
        new("POST /v1.0/{tenant_id}/mgmt/flavors")
        {
            Request = NewFlavor, Response = CustomFlavor,
            RequestVariants = [new("Without an id: a UUID is made up", NewFlavorWithoutId)],
            Description = "ram is in MB (64 to 4194304), disk and ephemeral in GB; the id may use letters, digits, '.', '_' and '-'. " +
                          "Answers 200 with the flavor, as Trove does.",
            Errors =
            [
                new(400, "Invalid field 'flavor.ram': expected an integer, got a string."),
                new(409, "Flavor with id m1.custom already exists."),
            ],
        },
        new("DELETE /v1.0/{tenant_id}/mgmt/flavors/{flavor_id}")
        {
            Status = 202, Description = "Marks the flavor deleted and drops its datastore-version associations.",
            Errors = [new(404, "Flavor m1.custom could not be found.")],
        },
    ];

    private const string Flavors = """
        {
          "flavors": [
            {
              "id": 1,
              "str_id": "1",
              "name": "m1.tiny",
              "ram": 512,
              "vcpus": 1,
              "disk": 5,
              "ephemeral": 0,
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/1", "rel": "self" },
                { "href": "https://dbaas.example.com/flavors/1", "rel": "bookmark" }
              ]
            },
            {
              "id": 2,
              "str_id": "2",
              "name": "m1.small",
              "ram": 2048,
              "vcpus": 1,
              "disk": 20,
              "ephemeral": 0,
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/2", "rel": "self" },
                { "href": "https://dbaas.example.com/flavors/2", "rel": "bookmark" }
              ]
            },
            {
              "id": null,
              "str_id": "m1.custom",
              "name": "m1.custom",
              "ram": 3072,
              "vcpus": 2,
              "disk": 30,
              "ephemeral": 0,
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/m1.custom", "rel": "self" },
                { "href": "https://dbaas.example.com/flavors/m1.custom", "rel": "bookmark" }
              ]
            }
          ]
        }
        """;

    private const string Flavor = """
        {
          "flavor": {
            "id": 2,
            "str_id": "2",
            "name": "m1.small",
            "ram": 2048,
            "vcpus": 1,
            "disk": 20,
            "ephemeral": 0,
            "links": [
              { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/2", "rel": "self" },
              { "href": "https://dbaas.example.com/flavors/2", "rel": "bookmark" }
            ]
          }
        }
        """;

    private const string CustomFlavor = """
        {
          "flavor": {
            "id": null,
            "str_id": "m1.custom",
            "name": "m1.custom",
            "ram": 3072,
            "vcpus": 2,
            "disk": 30,
            "ephemeral": 0,
            "links": [
              { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/flavors/m1.custom", "rel": "self" },
              { "href": "https://dbaas.example.com/flavors/m1.custom", "rel": "bookmark" }
            ]
          }
        }
        """;

    private const string NewFlavor = """
        { "flavor": { "id": "m1.custom", "name": "m1.custom", "ram": 3072, "vcpus": 2, "disk": 30, "ephemeral": 0 } }
        """;

    private const string NewFlavorWithoutId = """
        { "flavor": { "name": "m1.scratch", "ram": 1024, "vcpus": 1, "disk": 10 } }
        """;
}
