using System.Collections.Specialized;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace DbaaS.Tests.Cli;

/// <summary>
/// Trove's user/database/root extension on a <see cref="FakeInstance"/>, with Trove's answers: 202 for changes,
/// 400 <c>badRequest</c> for duplicates, reserved names and malformed bodies, 404 <c>itemNotFound</c> for unknown
/// users and databases, 422 when the instance is not ACTIVE, and lists paged by name (users by <c>name@host</c>).
/// A route's user is <c>name</c> or <c>name@host</c>, cut at the last '@', the host defaulting to '%'.
/// </summary>
internal static class FakeAccessRoutes
{
    private static readonly string[] ReservedDatabases = ["mysql", "information_schema", "performance_schema", "sys"];
    private static readonly string[] ReservedUsers = ["root", "os_admin"];

    /// <param name="route">The path below the instance: ["databases", …], ["users", …] or ["root"].</param>
    public static HttpResponseMessage? Answer(
        FakeInstance instance, HttpMethod method, string[] route, NameValueCollection query, string? body, int pageSize)
    {
        if (instance.Status is not ("ACTIVE" or "HEALTHY"))
        {
            return FakeInstanceStore.Fault(HttpStatusCode.UnprocessableEntity, "unprocessableEntity",
                $"Instance is not currently available for an action to be performed ({instance.Status} status was found).");
        }
        var access = instance.Access;
        var self = $"instances/{instance.Id}";
        return route switch
        {
            ["databases"] when method == HttpMethod.Get =>
                Page(access.Databases, d => d.Name, d => d.View(), query, "databases", $"{self}/databases", pageSize),
            ["databases"] when method == HttpMethod.Post => CreateDatabases(access, body),
            ["databases", var name] when method == HttpMethod.Delete => DeleteDatabase(access, name),
            ["users"] when method == HttpMethod.Get =>
                Page(access.Users, u => u.Id, u => u.View(), query, "users", $"{self}/users", pageSize),
            ["users"] when method == HttpMethod.Post => CreateUsers(access, body),
            ["users", var user, ..] => AnswerUser(access, method, FindUser(access, user), route[2..], body),
            ["root"] => AnswerRoot(access, method, body),
            _ => null,
        };
    }

    public static HttpResponseMessage RootHistory(FakeInstance instance) => Ok(new JsonObject
    {
        ["root_history"] = new JsonObject
        {
            ["enabled"] = instance.Access.RootEnabledAt ?? "Never",
            ["id"] = instance.Id,
            ["user"] = instance.Access.RootEnabledBy ?? "Nobody",
        },
    });

    private static HttpResponseMessage CreateDatabases(FakeInstanceAccess access, string? body)
    {
        if (ListIn(body, "databases") is not { Count: > 0 } requested || requested.Any(d => Text(d, "name") is not { Length: > 0 }))
        {
            return BadRequest("Validation error: databases must be a non-empty list of objects with a name.");
        }
        foreach (var database in requested)
        {
            var name = Text(database, "name")!;
            if (ReservedDatabases.Contains(name))
            {
                return BadRequest($"'{name}' is a reserved database name.");
            }
            if (access.Databases.Any(d => d.Name == name))
            {
                return BadRequest($"A database with the name \"{name}\" already exists.");
            }
        }
        access.Databases.AddRange(requested.Select(d => new FakeDatabase(Text(d, "name")!, Text(d, "character_set"), Text(d, "collate"))));
        return Accepted();
    }

    private static HttpResponseMessage DeleteDatabase(FakeInstanceAccess access, string name)
    {
        if (access.Databases.RemoveAll(d => d.Name == name) == 0)
        {
            return DatabaseNotFound(name);
        }
        access.Users.ForEach(user => user.Databases.Remove(name));
        return Accepted();
    }

    private static HttpResponseMessage CreateUsers(FakeInstanceAccess access, string? body)
    {
        if (ListIn(body, "users") is not { Count: > 0 } requested
            || requested.Any(u => Text(u, "name") is not { Length: > 0 } || Text(u, "password") is not { Length: > 0 }))
        {
            return BadRequest("Validation error: users must be a non-empty list of objects with a name and a password.");
        }
        var created = new List<FakeDatabaseUser>();
        foreach (var user in requested)
        {
            var name = Text(user, "name")!;
            var host = Text(user, "host") ?? "%";
            var databases = ((user["databases"] as JsonArray) ?? []).OfType<JsonObject>().Select(d => Text(d, "name") ?? "").ToList();
            if (ReservedUsers.Contains(name))
            {
                return BadRequest($"'{name}' is a reserved user name.");
            }
            if (access.Users.Concat(created).Any(u => u.Name == name && u.Host == host))
            {
                return BadRequest($"A user with the name \"{name}\" already exists.");
            }
            if (databases.FirstOrDefault(d => access.Databases.All(known => known.Name != d)) is { } missing)
            {
                return DatabaseNotFound(missing);
            }
            created.Add(new FakeDatabaseUser { Name = name, Host = host, Password = Text(user, "password")!, Databases = databases });
        }
        access.Users.AddRange(created);
        return Accepted();
    }

    private static HttpResponseMessage? AnswerUser(
        FakeInstanceAccess access, HttpMethod method, (FakeDatabaseUser? User, string Id) found, string[] below, string? body)
    {
        if (found.User is not { } user)
        {
            return FakeInstanceStore.Fault(HttpStatusCode.NotFound, "itemNotFound", $"User {found.Id} cannot be found on the instance.");
        }
        switch (below)
        {
            case [] when method == HttpMethod.Get:
                return Ok(new JsonObject { ["user"] = user.View() });
            case [] when method == HttpMethod.Put:
                return UpdateUser(access, user, body);
            case [] when method == HttpMethod.Delete:
                access.Users.Remove(user);
                return Accepted();
            case ["databases"] when method == HttpMethod.Get:
                return Ok(new JsonObject { ["databases"] = user.View()["databases"]!.DeepClone() });
            case ["databases"] when method == HttpMethod.Put:
                return Grant(access, user, body);
            case ["databases", var database] when method == HttpMethod.Delete:
                if (access.Databases.All(d => d.Name != database))
                {
                    return DatabaseNotFound(database);
                }
                user.Databases.Remove(database);
                return Accepted();
            default:
                return null;
        }
    }

    private static HttpResponseMessage UpdateUser(FakeInstanceAccess access, FakeDatabaseUser user, string? body)
    {
        var change = Parse(body)?["user"] as JsonObject;
        var (name, host, password) = (Text(change, "name"), Text(change, "host"), Text(change, "password"));
        if (name is null && host is null && password is null)
        {
            return BadRequest("Validation error: user needs at least one of name, host and password.");
        }
        var (newName, newHost) = (name ?? user.Name, host ?? user.Host);
        if ((newName, newHost) != (user.Name, user.Host) && access.Users.Any(u => u.Name == newName && u.Host == newHost))
        {
            return BadRequest($"A user with the name \"{newName}\" already exists.");
        }
        (user.Name, user.Host, user.Password) = (newName, newHost, password ?? user.Password);
        return Accepted();
    }

    private static HttpResponseMessage Grant(FakeInstanceAccess access, FakeDatabaseUser user, string? body)
    {
        if (ListIn(body, "databases") is not { Count: > 0 } requested || requested.Any(d => Text(d, "name") is not { Length: > 0 }))
        {
            return BadRequest("Validation error: databases must be a non-empty list of objects with a name.");
        }
        var names = requested.Select(d => Text(d, "name")!).ToList();
        if (names.FirstOrDefault(d => access.Databases.All(known => known.Name != d)) is { } missing)
        {
            return DatabaseNotFound(missing);
        }
        user.Databases.AddRange(names.Where(name => !user.Databases.Contains(name)).Distinct());
        return Accepted();
    }

    private static HttpResponseMessage? AnswerRoot(FakeInstanceAccess access, HttpMethod method, string? body)
    {
        if (method == HttpMethod.Get)
        {
            return Ok(new JsonObject { ["rootEnabled"] = access.RootEnabled });
        }
        if (method == HttpMethod.Post)
        {
            var password = Text(Parse(body) as JsonObject, "password") ?? "GeneratedRootPassw0rd-" + Guid.NewGuid().ToString("N")[..12];
            access.RootEnabled = true;
            access.RootPassword = password;
            access.RootEnabledAt ??= "2026-11-01T12:10:00";
            access.RootEnabledBy ??= "u-alice";
            return Ok(new JsonObject { ["user"] = new JsonObject { ["name"] = "root", ["password"] = password } });
        }
        if (method == HttpMethod.Delete)
        {
            if (access.RootEnabledAt is null)
            {
                return FakeInstanceStore.Fault(HttpStatusCode.NotFound, "itemNotFound", "The root user has never been enabled on this instance.");
            }
            access.RootEnabled = false;
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        }
        return null;
    }

    private static (FakeDatabaseUser? User, string Id) FindUser(FakeInstanceAccess access, string segment)
    {
        var at = segment.LastIndexOf('@');
        var (name, host) = at < 0 ? (segment, "%") : (segment[..at], segment[(at + 1)..]);
        return (access.Users.FirstOrDefault(u => u.Name == name && u.Host == host), $"{name}@{host}");
    }

    /// <summary>A Trove page: items after the marker (a key), at most min(limit, pageSize), and a next link when more follow.</summary>
    private static HttpResponseMessage Page<T>(
        List<T> source, Func<T, string> key, Func<T, JsonObject> view, NameValueCollection query, string envelope, string route, int pageSize)
    {
        var limit = Math.Min(int.Parse(query["limit"] ?? pageSize.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), pageSize);
        var start = 0;
        if (query["marker"] is { } marker)
        {
            var at = source.FindIndex(item => key(item) == marker);
            if (at < 0)
            {
                return BadRequest($"Invalid marker: {marker}");
            }
            start = at + 1;
        }
        var page = source.Skip(start).Take(limit).ToList();
        var body = new JsonObject { [envelope] = new JsonArray([.. page.Select(item => (JsonNode)view(item))]) };
        if (start + page.Count < source.Count)
        {
            var next = $"https://127.0.0.1:8779/v1.0/{FakeDbaaSServer.ProjectId}/{route}?limit={limit}&marker={Uri.EscapeDataString(key(page[^1]))}";
            body["links"] = new JsonArray(new JsonObject { ["href"] = next, ["rel"] = "next" });
        }
        return Ok(body);
    }

    private static List<JsonObject>? ListIn(string? body, string envelope) =>
        (Parse(body)?[envelope] as JsonArray)?.Select(item => item as JsonObject ?? []).ToList();

    private static string? Text(JsonObject? item, string field) => item?[field] is JsonValue value ? value.ToString() : null;

    private static JsonNode? Parse(string? body) => FakeInstanceStore.Parse(body);

    private static HttpResponseMessage DatabaseNotFound(string name) =>
        FakeInstanceStore.Fault(HttpStatusCode.NotFound, "itemNotFound", $"Database {name} cannot be found on the instance.");

    private static HttpResponseMessage BadRequest(string message) => FakeInstanceStore.Fault(HttpStatusCode.BadRequest, "badRequest", message);

    private static HttpResponseMessage Ok(JsonObject body) => FakeDbaaSServer.Json(HttpStatusCode.OK, body.ToJsonString());

    private static HttpResponseMessage Accepted() => new(HttpStatusCode.Accepted) { Content = new StringContent("") };
}
