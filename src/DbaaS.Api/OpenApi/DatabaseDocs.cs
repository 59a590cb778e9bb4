using static DbaaS.Api.OpenApi.AccessFaultDocs;

namespace DbaaS.Api.OpenApi;

/// <summary>The databases inside an instance (Trove's databases extension).</summary>
public static class DatabaseDocs
{
    private const string Path = "/v1.0/{tenant_id}/instances/{instance_id}/databases";

    private static readonly ErrorDoc NoInstance = NotFound($"Instance {InstanceId} could not be found.",
        "No such instance in this project.");

    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new($"GET {Path}")
        {
            Response = List, Query = Paging,
            Description = "The databases a tenant may see (the engine's own left out), sorted by name, a page at a time; links holds a " +
                          "next link while more follow. Redis lists its numbered logical databases.",
            Errors = [BadRequest("limit must be a positive integer, not 0.", "limit is not a positive integer."), NoInstance, NotActive, GuestFailed, GuestSilent],
        },
        new($"POST {Path}")
        {
            Request = Create, Status = 202,
            Description = "Creates the databases, all or none. Names are checked by the engine's rules before anything is sent: " +
                          "MySQL and MariaDB take letters, digits, '_', '$' and '-' (up to 64) and refuse mysql, information_schema, " +
                          "performance_schema and sys; PostgreSQL takes a letter or '_' then letters, digits, '_' or '$' (up to 63) and " +
                          "refuses postgres and the template databases. character_set and collate are for MySQL and MariaDB. Redis " +
                          "cannot create databases.",
            Errors =
            [
                BadRequest("Database name 'a;drop' is not valid for MySQL/MariaDB: use letters, digits, '_', '$' and '-', 1 to 64 characters.",
                    "A name or character set the engine refuses (the message names the rule), a reserved name, a name listed twice, " +
                    "no databases or more than 100, a database that exists already, or a datastore that cannot create databases " +
                    "(Datastore redis does not support creating databases (it lacks the 'manage_databases' capability))."),
                NoInstance, NotActive, GuestFailed, GuestSilent,
            ],
        },
        new($"GET {Path}/{{database_name}}")
        {
            Response = Shown,
            Description = "One database of the instance (our addition: Trove has only the list).",
            Errors = [NotFound($"Database 'sales' could not be found on instance {InstanceId}.", "No such instance in this project, or no such database."),
                NotActive, GuestFailed, GuestSilent],
        },
        new($"DELETE {Path}/{{database_name}}")
        {
            Status = 202,
            Description = "Drops the database and its data; users keep their other grants.",
            Errors =
            [
                BadRequest("Database name 'mysql' is reserved by MySQL/MariaDB.", "A reserved or invalid name, or a datastore that cannot delete databases."),
                NotFound("Database 'sales' does not exist.", "No such instance in this project, or no such database."),
                NotActive, GuestFailed, GuestSilent,
            ],
        },
    ];

    private const string List = """
        {
          "databases": [ { "name": "app" } ],
          "links": [
            {
              "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2/databases?limit=1&marker=app",
              "rel": "next"
            }
          ]
        }
        """;

    private const string Create = """
        {
          "databases": [
            { "name": "sales", "character_set": "utf8mb4", "collate": "utf8mb4_general_ci" },
            { "name": "archive" }
          ]
        }
        """;

    private const string Shown = """
        { "database": { "name": "app" } }
        """;
}
