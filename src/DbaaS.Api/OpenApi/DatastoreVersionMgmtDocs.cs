namespace DbaaS.Api.OpenApi;

/// <summary>Management of datastore versions and of the configuration parameters each accepts.</summary>
public static class DatastoreVersionMgmtDocs
{
    private const string Versions = "/v1.0/{tenant_id}/mgmt/datastore-versions";
    private const string Parameters = "/v1.0/{tenant_id}/mgmt/datastores/versions/{version_id}/parameters";
    private static readonly ErrorDoc NoVersion = new(404, "Datastore version '0b5a6c1e-9f7d-4e2a-8c3b-1d2e3f4a5b6c' cannot be found.");
    private static readonly ErrorDoc NoParameter =
        new(404, "Configuration parameter max_conections cannot be found for datastore version 56231f68-7dc3-4b31-8903-e95621430db1.");
    private static readonly ErrorDoc BadParameter = new(400, "min_size (100) is greater than max_size (10).");

    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new($"GET {Versions}") { Response = MgmtVersions, Description = "Every version, active or not." },
        new($"POST {Versions}")
        {
            Status = 202, Request = NewVersion,
            Description = "Creates the version, and its datastore when the name is new. active is required; version defaults " +
                          "to name; default makes it the datastore's default (as does being its first version). " +
                          "Answers 202 with no body, as Trove does: read the version back from the list.",
            Errors =
            [
                new(400, "Datastore manager 'oracle' is not one of mariadb, mysql, postgresql, redis, cassandra, mongodb."),
                new(409, "Datastore version 8.4 of datastore mysql already exists."),
            ],
        },
        new($"GET {Versions}/{{version_id}}") { Response = MgmtVersion, Errors = [NoVersion] },
        new($"PATCH {Versions}/{{version_id}}")
        {
            Status = 202, Request = VersionChanges,
            RequestVariants = [new("Unpin the image: fall back to image_tags", ClearImage)],
            Description = "Changes the fields the body names, at its top level as Trove sends them; \"image\": null unpins the image.",
            Errors =
            [
                new(400, "Invalid field 'active': expected a boolean, got a string."), NoVersion,
                new(409, "Datastore version 8.4 already exists in its datastore."),
            ],
        },
        new($"DELETE {Versions}/{{version_id}}")
        {
            Status = 202, Description = "Deletes the version; a datastore whose default it was then has none.",
            Errors = [NoVersion],
        },

        new($"GET {Parameters}")
        {
            Response = MgmtParameters, Description = "The parameters with Trove's management fields (min_size, max_size, deleted).",
            Errors = [NoVersion],
        },
        new($"POST {Parameters}")
        {
            Request = NewParameter, Response = CreatedParameter,
            RequestVariants =
            [
                new("A string parameter with allowed values", NewStringParameter),
                new("A float parameter without a default or description", NewFloatParameter),
            ],
            ResponseVariants =
            [
                new("A string parameter with allowed values", CreatedStringParameter),
                new("A float parameter without a default or description", CreatedFloatParameter),
            ],
            Description = "data_type is integer, float, string, boolean or list; min_size and max_size apply to numbers, allowed_values " +
                          "to strings. dynamic defaults to the opposite of restart_required. Answers 200, as Trove does.",
            Errors =
            [
                BadParameter, NoVersion,
                new(409, "Configuration parameter innodb_strict_mode already exists for datastore version 56231f68-7dc3-4b31-8903-e95621430db1."),
            ],
        },
        new($"GET {Parameters}/{{name}}") { Response = MgmtParameter, Errors = [NoParameter] },
        new($"PUT {Parameters}/{{name}}")
        {
            Request = ParameterUpdate, Response = UpdatedParameter,
            RequestVariants = [new("Only the required fields: the rest is cleared", BareParameterUpdate)],
            ResponseVariants = [new("Only the required fields: the rest is cleared", BareUpdatedParameter)],
            Description = "Replaces the parameter's whole rule (fields the body leaves out are cleared); the body's name must be the path's.",
            Errors = [new(400, "The parameter's name cannot change: the URL names 'max_connections', the body 'max_connection'."), NoParameter],
        },
        new($"DELETE {Parameters}/{{name}}")
        {
            Status = 202, Description = "Marks the parameter deleted: configurations can no longer set it.",
            Errors = [NoParameter],
        },
    ];

    private const string MgmtVersions = """
        {
          "versions": [
            {
              "id": "56231f68-7dc3-4b31-8903-e95621430db1",
              "name": "8.0",
              "version": "8.0.40",
              "datastore_id": "a73d7567-2841-4e2e-9af8-45a94fa886cb",
              "datastore_name": "mysql",
              "datastore_manager": "mysql",
              "image": null,
              "image_tags": ["mysql"],
              "packages": ["mysql-server"],
              "active": true,
              "default": true
            },
            {
              "id": "c9d4ff39-d812-4b43-802f-dd528bd04eb5",
              "name": "15",
              "version": "15.20",
              "datastore_id": "f84d4817-d15e-4f46-a845-672d3c20b0b0",
              "datastore_name": "postgresql",
              "datastore_manager": "postgresql",
              "image": "42706631-3b76-4d1c-95c9-6a85e72eebda",
              "image_tags": [],
              "packages": ["postgresql-15"],
              "active": true,
              "default": true
            }
          ]
        }
        """;

    private const string MgmtVersion = """
        {
          "version": {
            "id": "56231f68-7dc3-4b31-8903-e95621430db1",
            "name": "8.0",
            "version": "8.0.40",
            "datastore_id": "a73d7567-2841-4e2e-9af8-45a94fa886cb",
            "datastore_name": "mysql",
            "datastore_manager": "mysql",
            "image": null,
            "image_tags": ["mysql"],
            "packages": ["mysql-server"],
            "active": true,
            "default": true
          }
        }
        """;

    private const string NewVersion = """
        {
          "version": {
            "datastore_name": "mysql",
            "datastore_manager": "mysql",
            "name": "8.4",
            "version": "8.4.3",
            "image_tags": ["trove", "mysql"],
            "packages": ["mysql-server"],
            "active": true,
            "default": false
          }
        }
        """;

    private const string VersionChanges = """
        { "image": "42706631-3b76-4d1c-95c9-6a85e72eebda", "packages": ["mysql-server", "mysql-client"], "active": true }
        """;

    private const string ClearImage = """
        { "image": null }
        """;

    private const string MgmtParameters = """
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
              "max": 100000,
              "min_size": 1,
              "max_size": 100000,
              "deleted": 0,
              "deleted_at": null
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
              "description": "Default transaction isolation level.",
              "min_size": null,
              "max_size": null,
              "deleted": 0,
              "deleted_at": null
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
              "max": 99.99,
              "min_size": 0.0,
              "max_size": 99.99,
              "deleted": 0,
              "deleted_at": null
            }
          ]
        }
        """;

    private const string MgmtParameter = """
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
          "max": 100000,
          "min_size": 1,
          "max_size": 100000,
          "deleted": 0,
          "deleted_at": null
        }
        """;

    private const string NewParameter = """
        {
          "configuration-parameter": {
            "name": "innodb_strict_mode",
            "data_type": "integer",
            "min_size": 0,
            "max_size": 1,
            "restart_required": false,
            "default": "1",
            "description": "Whether InnoDB returns errors rather than warnings for some conditions."
          }
        }
        """;

    private const string NewStringParameter = """
        {
          "configuration-parameter": {
            "name": "default_storage_engine",
            "data_type": "string",
            "restart_required": false,
            "dynamic": true,
            "default": "InnoDB",
            "allowed_values": ["InnoDB", "MyISAM", "MEMORY"],
            "description": "The storage engine of tables created without one."
          }
        }
        """;

    private const string CreatedParameter = """
        {
          "configuration-parameters": [
            {
              "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
              "name": "innodb_strict_mode",
              "type": "integer",
              "restart_required": false,
              "dynamic": true,
              "default": "1",
              "allowed_values": null,
              "unit": null,
              "description": "Whether InnoDB returns errors rather than warnings for some conditions.",
              "min": 0,
              "max": 1
            }
          ]
        }
        """;

    private const string ParameterUpdate = """
        {
          "configuration-parameter": {
            "name": "max_connections",
            "data_type": "integer",
            "min_size": 1,
            "max_size": 20000,
            "restart_required": false,
            "default": "500",
            "unit": "connections",
            "description": "Maximum number of simultaneous client connections."
          }
        }
        """;

    private const string UpdatedParameter = """
        {
          "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
          "name": "max_connections",
          "type": "integer",
          "restart_required": false,
          "dynamic": true,
          "default": "500",
          "allowed_values": null,
          "unit": "connections",
          "description": "Maximum number of simultaneous client connections.",
          "min": 1,
          "max": 20000,
          "min_size": 1,
          "max_size": 20000,
          "deleted": 0,
          "deleted_at": null
        }
        """;

    private const string NewFloatParameter = """
        {
          "configuration-parameter": {
            "name": "innodb_max_dirty_pages_pct",
            "data_type": "float",
            "min_size": 0,
            "max_size": 99.99,
            "restart_required": false,
            "unit": "percent"
          }
        }
        """;

    private const string CreatedStringParameter = """
        {
          "configuration-parameters": [
            {
              "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
              "name": "default_storage_engine",
              "type": "string",
              "restart_required": false,
              "dynamic": true,
              "default": "InnoDB",
              "allowed_values": ["InnoDB", "MyISAM", "MEMORY"],
              "unit": null,
              "description": "The storage engine of tables created without one."
            }
          ]
        }
        """;

    private const string CreatedFloatParameter = """
        {
          "configuration-parameters": [
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

    private const string BareParameterUpdate = """
        { "configuration-parameter": { "name": "max_connections", "data_type": "integer", "restart_required": true } }
        """;

    private const string BareUpdatedParameter = """
        {
          "datastore_version_id": "56231f68-7dc3-4b31-8903-e95621430db1",
          "name": "max_connections",
          "type": "integer",
          "restart_required": true,
          "dynamic": false,
          "default": null,
          "allowed_values": null,
          "unit": null,
          "description": null,
          "min_size": null,
          "max_size": null,
          "deleted": 0,
          "deleted_at": null
        }
        """;
}
