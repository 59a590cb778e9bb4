namespace DbaaS.Api.OpenApi;

/// <summary>
/// The tenant-facing catalog: datastores, their versions, and the flavors and configuration parameters each
/// version accepts. Versions and their flavors and parameters have two route forms: under the datastore (by id or
/// name) and by version id alone.
/// </summary>
public static class DatastoreDocs
{
    private const string Tenant = "/v1.0/{tenant_id}";
    private static readonly ErrorDoc NoDatastore = new(404, "Datastore 'oracle' cannot be found.");
    private static readonly ErrorDoc NoVersion = new(404, "Datastore version '9.9' cannot be found in datastore 'mysql'.");
    private static readonly ErrorDoc NoVersionById = new(404, "Datastore version '0b5a6c1e-9f7d-4e2a-8c3b-1d2e3f4a5b6c' cannot be found.");
    private static readonly ErrorDoc NoParameter = new(404, "No configuration parameter named max_conections for datastore version 8.0.");

    private static readonly IReadOnlyList<Sample> OtherParameters =
    [
        new("A string parameter", StringParameter),
        new("A float parameter without a default or description", FloatParameter),
    ];

    private const string CapabilitiesNote =
        "capabilities (our extension, the capabilities API Trove planned) says what the datastore's plugin does with databases, " +
        "users and root: list_databases, manage_databases (create and delete), database_character_sets, users (create, list, " +
        "delete, change passwords), user_host (users are name@host), rename_users, user_access (grant and revoke single " +
        "databases) and root. A call the datastore cannot do answers 400 naming the datastore.";

    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new($"GET {Tenant}/datastores")
        {
            Response = Datastores,
            Description = "Datastores with at least one active version; each lists its active versions.",
        },
        new($"GET {Tenant}/datastores/{{datastore_id}}") { Response = Datastore, Errors = [NoDatastore] },
        new($"DELETE {Tenant}/datastores/{{datastore_id}}")
        {
            Status = 202, Description = "Only a datastore without versions can go; delete its versions first.",
            Errors = [new(400, "Datastore cassandra still has versions; delete them first."), NoDatastore],
        },

        new($"GET {Tenant}/datastores/{{datastore_id}}/versions") { Response = Versions, Errors = [NoDatastore] },
        new($"GET {Tenant}/datastores/{{datastore_id}}/versions/{{version_id}}")
        {
            Description = CapabilitiesNote,
            Response = Version, ResponseVariants = [new("A version pinned to an image", VersionWithImage)],
            Errors = [NoVersion],
        },
        new($"GET {Tenant}/datastores/versions/{{version_id}}")
        {
            Description = CapabilitiesNote,
            Response = Version, ResponseVariants = [new("A version pinned to an image", VersionWithImage)],
            Errors = [NoVersionById],
        },

        new($"GET {Tenant}/datastores/{{datastore_id}}/versions/{{version_id}}/flavors")
        {
            Response = VersionFlavors, Description = VersionFlavorsNote, Errors = [NoVersion],
        },
        new($"GET {Tenant}/datastores/versions/{{version_id}}/flavors")
        {
            Response = VersionFlavors, Description = VersionFlavorsNote, Errors = [NoVersionById],
        },

        new($"GET {Tenant}/datastores/{{datastore_id}}/versions/{{version_id}}/parameters")
        {
            Response = Parameters, Errors = [NoVersion],
        },
        new($"GET {Tenant}/datastores/{{datastore_id}}/versions/{{version_id}}/parameters/{{name}}")
        {
            Response = IntegerParameter, ResponseVariants = OtherParameters, Errors = [NoParameter],
        },
        new($"GET {Tenant}/datastores/versions/{{version_id}}/parameters")
        {
            Response = Parameters, Errors = [NoVersionById],
        },
        new($"GET {Tenant}/datastores/versions/{{version_id}}/parameters/{{name}}")
        {
            Response = IntegerParameter, ResponseVariants = OtherParameters, Errors = [NoParameter],
        },
    ];

    private const string VersionFlavorsNote =
        "The flavors an instance of this version may use: those associated with it, or every flavor when none is.";

    private const string Datastores = """
        {
          "datastores": [
            {
              "id": "a73d7567-2841-4e2e-9af8-45a94fa886cb",
              "name": "mysql",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/datastores/a73d7567-2841-4e2e-9af8-45a94fa886cb", "rel": "self" },
                { "href": "https://dbaas.example.com/datastores/a73d7567-2841-4e2e-9af8-45a94fa886cb", "rel": "bookmark" }
              ],
              "versions": [
                {
                  "id": "56231f68-7dc3-4b31-8903-e95621430db1",
                  "name": "8.0",
                  "links": [
                    { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/datastores/versions/56231f68-7dc3-4b31-8903-e95621430db1", "rel": "self" },
                    { "href": "https://dbaas.example.com/datastores/versions/56231f68-7dc3-4b31-8903-e95621430db1", "rel": "bookmark" }
                  ]
                }
              ],
              "default_version": "56231f68-7dc3-4b31-8903-e95621430db1"
            },
            {
              "id": "f84d4817-d15e-4f46-a845-672d3c20b0b0",
              "name": "postgresql",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/datastores/f84d4817-d15e-4f46-a845-672d3c20b0b0", "rel": "self" },
                { "href": "https://dbaas.example.com/datastores/f84d4817-d15e-4f46-a845-672d3c20b0b0", "rel": "bookmark" }
              ],
              "versions": [
                {
                  "id": "c9d4ff39-d812-4b43-802f-dd528bd04eb5",
                  "name": "15",
                  "links": [
                    { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/datastores/versions/c9d4ff39-d812-4b43-802f-dd528bd04eb5", "rel": "self" },
                    { "href": "https://dbaas.example.com/datastores/versions/c9d4ff39-d812-4b43-802f-dd528bd04eb5", "rel": "bookmark" }
                  ]
                }
              ],
              "default_version": "c9d4ff39-d812-4b43-802f-dd528bd04eb5"
            }
          ]
        }
        """;

    private const string Datastore = """
        {
          "datastore": {
            "id": "a73d7567-2841-4e2e-9af8-45a94fa886cb",
            "name": "mysql",
            "links": [
              { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/datastores/a73d7567-2841-4e2e-9af8-45a94fa886cb", "rel": "self" },
              { "href": "https://dbaas.example.com/datastores/a73d7567-2841-4e2e-9af8-45a94fa886cb", "rel": "bookmark" }
            ],
            "versions": [
              {
                "id": "56231f68-7dc3-4b31-8903-e95621430db1",
                "name": "8.0",
                "links": [
                  { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/datastores/versions/56231f68-7dc3-4b31-8903-e95621430db1", "rel": "self" },
                  { "href": "https://dbaas.example.com/datastores/versions/56231f68-7dc3-4b31-8903-e95621430db1", "rel": "bookmark" }
                ]
              }
            ],
            "default_version": "56231f68-7dc3-4b31-8903-e95621430db1"
          }
        }
        """;

    private const string Versions = """
        {
          "versions": [
            {
              "id": "56231f68-7dc3-4b31-8903-e95621430db1",
              "name": "8.0",
              "datastore": "a73d7567-2841-4e2e-9af8-45a94fa886cb",
              "version": "8.0.40",
              "capabilities": ["list_databases", "manage_databases", "database_character_sets", "users", "user_host", "rename_users", "user_access", "root"],
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/datastores/versions/56231f68-7dc3-4b31-8903-e95621430db1", "rel": "self" },
                { "href": "https://dbaas.example.com/datastores/versions/56231f68-7dc3-4b31-8903-e95621430db1", "rel": "bookmark" }
              ]
            }
          ]
        }
        """;

    private const string Version = """
        {
          "version": {
            "id": "56231f68-7dc3-4b31-8903-e95621430db1",
            "name": "8.0",
            "datastore": "a73d7567-2841-4e2e-9af8-45a94fa886cb",
            "datastore_name": "mysql",
            "version": "8.0.40",
            "active": true,
            "datastore_manager": "mysql",
            "packages": "mysql-server",
            "image": null,
            "image_tags": ["mysql"],
            "capabilities": ["list_databases", "manage_databases", "database_character_sets", "users", "user_host", "rename_users", "user_access", "root"],
            "links": [
              { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/datastores/versions/56231f68-7dc3-4b31-8903-e95621430db1", "rel": "self" },
              { "href": "https://dbaas.example.com/datastores/versions/56231f68-7dc3-4b31-8903-e95621430db1", "rel": "bookmark" }
            ]
          }
        }
        """;

    private const string VersionWithImage = """
        {
          "version": {
            "id": "c9d4ff39-d812-4b43-802f-dd528bd04eb5",
            "name": "15",
            "datastore": "f84d4817-d15e-4f46-a845-672d3c20b0b0",
            "datastore_name": "postgresql",
            "version": "15.20",
            "active": true,
            "datastore_manager": "postgresql",
            "packages": "postgresql-15,postgresql-contrib-15",
            "image": "42706631-3b76-4d1c-95c9-6a85e72eebda",
            "image_tags": [],
            "capabilities": ["list_databases", "manage_databases", "users", "rename_users", "user_access", "root"],
            "links": [
              { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/datastores/versions/c9d4ff39-d812-4b43-802f-dd528bd04eb5", "rel": "self" },
              { "href": "https://dbaas.example.com/datastores/versions/c9d4ff39-d812-4b43-802f-dd528bd04eb5", "rel": "bookmark" }
            ]
          }
        }
        """;

    private const string VersionFlavors = """
        {
          "flavors": [
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
              "id": 3,
              "str_id": "3",
              "name": "m1.medium",
              "ram": 4096,
              "vcpus": 2,
              "disk": 40,
              "ephemeral": 0,
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/3", "rel": "self" },
                { "href": "https://dbaas.example.com/flavors/3", "rel": "bookmark" }
              ]
            }
          ]
        }
        """;

    /// <summary>Integer, string and float parameters: each shows fields the others leave null or out.</summary>
    internal const string Parameters = """
        {
          "configuration-parameters": [
            {
              "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
              "name": "max_connections",
              "type": "integer",
              "restart_required": false,
              "dynamic": true,
              "default": "151",
              "allowed_values": null,
              "unit": null,
              "description": "Maximum number of simultaneous client connections.",
              "min": 1,
              "max": 100000
            },
            {
              "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
              "name": "transaction_isolation",
              "type": "string",
              "restart_required": false,
              "dynamic": true,
              "default": "REPEATABLE-READ",
              "allowed_values": ["READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE"],
              "unit": null,
              "description": "Default transaction isolation level."
            },
            {
              "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
              "name": "innodb_max_dirty_pages_pct",
              "type": "float",
              "restart_required": false,
              "dynamic": true,
              "default": null,
              "allowed_values": null,
              "unit": "percent",
              "description": null,
              "min": 0.0,
              "max": 99.99
            }
          ]
        }
        """;

    internal const string IntegerParameter = """
        {
          "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
          "name": "max_connections",
          "type": "integer",
          "restart_required": false,
          "dynamic": true,
          "default": "151",
          "allowed_values": null,
          "unit": null,
          "description": "Maximum number of simultaneous client connections.",
          "min": 1,
          "max": 100000
        }
        """;

    private const string StringParameter = """
        {
          "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
          "name": "transaction_isolation",
          "type": "string",
          "restart_required": false,
          "dynamic": true,
          "default": "REPEATABLE-READ",
          "allowed_values": ["READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE"],
          "unit": null,
          "description": "Default transaction isolation level."
        }
        """;

    private const string FloatParameter = """
        {
          "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
          "name": "innodb_max_dirty_pages_pct",
          "type": "float",
          "restart_required": false,
          "dynamic": true,
          "default": null,
          "allowed_values": null,
          "unit": "percent",
          "description": null,
          "min": 0.0,
          "max": 99.99
        }
        """;
}
