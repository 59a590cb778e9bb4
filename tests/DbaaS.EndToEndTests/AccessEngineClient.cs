using DbaaS.IntegrationTests.Clients;

namespace DbaaS.EndToEndTests;

/// <summary>
/// What a tenant's user can do in an instance, asked with the engine's own client over TCP: log in, and which
/// databases it can enter. Used to check every database, user and root route by its effect on the engine.
/// </summary>
public abstract class AccessEngineClient
{
    public abstract string Datastore { get; }

    /// <summary>True when <paramref name="user"/> gets in with <paramref name="password"/> (into <paramref name="database"/> when given).</summary>
    public abstract Task<bool> CanLogInAsync(string host, int port, string user, string password, string? database = null);

    /// <summary>Among <paramref name="candidates"/>, the databases <paramref name="user"/> can enter.</summary>
    public async Task<IReadOnlyList<string>> ReachableAsync(string host, int port, string user, string password, params string[] candidates)
    {
        var reachable = new List<string>();
        foreach (var database in candidates)
            if (await CanLogInAsync(host, port, user, password, database)) reachable.Add(database);
        return reachable;
    }

    protected static async Task<bool> SucceedsAsync(string program, IEnumerable<string> args, Dictionary<string, string> environment) =>
        (await ExternalProcess.RunAsync(program, args, environment)).ExitCode == 0;
}

public sealed class MariaDbAccessClient : AccessEngineClient
{
    public override string Datastore => "mariadb";

    // The password through MYSQL_PWD, not argv: the tests use passwords full of quotes and backslashes.
    public override Task<bool> CanLogInAsync(string host, int port, string user, string password, string? database = null) =>
        SucceedsAsync("mariadb", ["--no-defaults", "--protocol=TCP", "-h", host, "-P", port.ToString(), "-u", user, "-N", "-B",
            .. database is null ? Array.Empty<string>() : [database], "-e", "SELECT 1"], new() { ["MYSQL_PWD"] = password });
}

public sealed class PostgreSqlAccessClient : AccessEngineClient
{
    public override string Datastore => "postgresql";

    public override Task<bool> CanLogInAsync(string host, int port, string user, string password, string? database = null) =>
        SucceedsAsync("psql", [$"host={host} port={port} user={user} dbname={database ?? "postgres"} sslmode=disable", "-tA", "-c", "SELECT 1"],
            new() { ["PGPASSWORD"] = password });
}

public sealed class RedisAccessClient : AccessEngineClient
{
    public override string Datastore => "redis";

    public override async Task<bool> CanLogInAsync(string host, int port, string user, string password, string? database = null)
    {
        var result = await ExternalProcess.RunAsync("redis-cli",
            ["-h", host, "-p", port.ToString(), "--user", user, "--no-auth-warning", "-n", database ?? "0", "PING"],
            new Dictionary<string, string> { ["REDISCLI_AUTH"] = password });
        return result.ExitCode == 0 && result.Stdout.Trim() == "PONG";
    }
}
