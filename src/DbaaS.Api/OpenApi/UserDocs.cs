using static DbaaS.Api.OpenApi.AccessFaultDocs;

namespace DbaaS.Api.OpenApi;

/// <summary>The users inside an instance and their access to databases (Trove's users extension).</summary>
public static class UserDocs
{
    private const string Path = "/v1.0/{tenant_id}/instances/{instance_id}/users";

    private static readonly ErrorDoc NoUser = NotFound("User 'sales@%' could not be found on instance 7de1bed8-6983-4d46-9a52-0abfbb0d27a2.",
        "No such instance in this project, or no such user (a name alone means host % on MySQL and MariaDB).");

    private static readonly ErrorDoc BadUser = BadRequest("User name 'root' is reserved by MySQL/MariaDB.",
        "A name, host or password the engine refuses (the message names the rule), a reserved name (root, the admin, the engine's own " +
        "accounts; Redis: default), a host on an engine without hosts, a user or database listed twice, more than 100 items, or " +
        "something the datastore cannot do (the message names the datastore and the capability it lacks).");

    private static readonly ErrorDoc[] Shared = [NotActive, GuestFailed, GuestSilent];

    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new($"GET {Path}")
        {
            Response = List, Query = Paging,
            Description = "The users a tenant may see (root, the admin and the engine's own accounts left out), sorted by name then host, " +
                          "each with the databases it can reach, a page at a time; links holds a next link while more follow. host is " +
                          "there for MySQL and MariaDB only.",
            Errors = [BadRequest("limit must be a positive integer, not 0.", "limit is not a positive integer."),
                NotFound("Instance 7de1bed8-6983-4d46-9a52-0abfbb0d27a2 could not be found.", "No such instance in this project."), .. Shared],
        },
        new($"POST {Path}")
        {
            Request = Create, Status = 202,
            RequestVariants = [new("PostgreSQL or Redis: no host", CreateWithoutHost)],
            Description = "Creates the users, all or none, each with its password and, where the engine grants single databases, access " +
                          "to the databases listed (which must exist). host (MySQL and MariaDB) is % when left out. A user that exists " +
                          "already answers 400, as in Trove.",
            Errors = [BadUser, NotFound("Database 'sales' does not exist.", "No such instance in this project, or a granted database does not exist."), .. Shared],
        },
        new($"PUT {Path}")
        {
            Request = ChangePasswords, Status = 202,
            Description = "Changes the passwords of the users listed, all or none: every user must exist.",
            Errors = [BadUser, NoUser, .. Shared],
        },
        new($"GET {Path}/{{user_name}}")
        {
            Response = Shown,
            Description = "One user with the databases it can reach.",
            Errors = [BadRequest("User host is not supported by PostgreSQL: name the user without '@host'.", "A host on an engine without hosts."), NoUser, .. Shared],
        },
        new($"PUT {Path}/{{user_name}}")
        {
            Request = Update, Status = 202,
            Description = "Renames the user, moves it to another host (MySQL and MariaDB) and/or sets its password; at least one. The " +
                          "user keeps its grants. A new name or host that is taken answers 400.",
            Errors = [BadUser, NoUser, .. Shared],
        },
        new($"DELETE {Path}/{{user_name}}")
        {
            Status = 202,
            Description = "Drops the user; its databases stay.",
            Errors = [BadUser, NoUser, .. Shared],
        },
        new($"GET {Path}/{{user_name}}/databases")
        {
            Response = Access,
            Description = "The databases the user can reach.",
            Errors = [BadRequest("Datastore redis does not support access to single databases (it lacks the 'user_access' capability).",
                "The datastore does not grant single databases (Redis)."), NoUser, .. Shared],
        },
        new($"PUT {Path}/{{user_name}}/databases")
        {
            Request = Grant, Status = 202,
            Description = "Grants the user access to the databases listed (which must exist); those it can reach already stay.",
            Errors = [BadUser, NotFound("Database 'sales' does not exist.", "No such instance, user or database."), .. Shared],
        },
        new($"DELETE {Path}/{{user_name}}/databases/{{database_name}}")
        {
            Status = 202,
            Description = "Revokes the user's access to one database. The path says everything: a body, if any, must be {} " +
                          "(Trove ignored whatever was sent).",
            Errors =
            [
                BadRequest("Unknown field 'databases' in the request body.", "A body other than {}, an invalid name, or a datastore that does not grant single databases."),
                NotFound("User 'app@%' has no access to database 'sales'.", "No such instance, user or database, or the user has no access to it."),
                .. Shared,
            ],
        },
    ];

    private const string List = """
        {
          "users": [
            { "name": "app", "host": "%", "databases": [ { "name": "app" }, { "name": "reports" } ] }
          ],
          "links": [
            {
              "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2/users?limit=1&marker=app%40%25",
              "rel": "next"
            }
          ]
        }
        """;

    private const string Create = """
        {
          "users": [
            { "name": "sales", "password": "S3cret-sales", "databases": [ { "name": "app" } ] },
            { "name": "auditor", "password": "An0ther-s3cret", "host": "10.0.0.%", "databases": [ { "name": "app" }, { "name": "reports" } ] },
            { "name": "nobody", "password": "Th1rd-s3cret" }
          ]
        }
        """;

    private const string CreateWithoutHost = """
        {
          "users": [ { "name": "cache_reader", "password": "S3cret-reader" } ]
        }
        """;

    private const string ChangePasswords = """
        {
          "users": [
            { "name": "app", "password": "N3w-s3cret" },
            { "name": "reader", "host": "10.0.0.%", "password": "N3w-s3cret-too" }
          ]
        }
        """;

    private const string Shown = """
        {
          "user": { "name": "app", "host": "%", "databases": [ { "name": "app" }, { "name": "reports" } ] }
        }
        """;

    private const string Update = """
        {
          "user": { "name": "app_v2", "host": "192.168.30.%", "password": "N3w-s3cret" }
        }
        """;

    private const string Access = """
        {
          "databases": [ { "name": "app" }, { "name": "reports" } ]
        }
        """;

    private const string Grant = """
        {
          "databases": [ { "name": "reports" } ]
        }
        """;
}
