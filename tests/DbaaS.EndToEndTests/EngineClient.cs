using DbaaS.IntegrationTests.Clients;

namespace DbaaS.EndToEndTests;

/// <summary>Talks to an instance with the engine's own client over TCP, as the instance's user would.</summary>
public abstract class EngineClient
{
    public abstract string Datastore { get; }
    public abstract bool HasDatabases { get; }

    /// <summary>Writes one row (or key) holding <paramref name="value"/>.</summary>
    public abstract Task WriteAsync(string host, int port, string user, string password, string value);

    /// <summary>Reads back what <see cref="WriteAsync"/> stored.</summary>
    public abstract Task<string> ReadAsync(string host, int port, string user, string password);

    protected static async Task<string> RunAsync(string program, IEnumerable<string> args, Dictionary<string, string>? environment = null)
    {
        var result = await ExternalProcess.RunAsync(program, args, environment ?? []);
        result.AssertSuccess();
        return result.Stdout.Trim();
    }
}

public sealed class MariaDbClient : EngineClient
{
    public override string Datastore => "mariadb";
    public override bool HasDatabases => true;

    public override Task WriteAsync(string host, int port, string user, string password, string value) =>
        Query(host, port, user, password, $"CREATE TABLE IF NOT EXISTS items (v varchar(64)); INSERT INTO items VALUES ('{value}')");

    public override Task<string> ReadAsync(string host, int port, string user, string password) =>
        Query(host, port, user, password, "SELECT v FROM items");

    static Task<string> Query(string host, int port, string user, string password, string sql) =>
        RunAsync("mariadb", ["--no-defaults", "--protocol=TCP", "-h", host, "-P", port.ToString(), "-u", user, $"-p{password}", "-N", "-B", "app", "-e", sql]);
}

public sealed class PostgreSqlClient : EngineClient
{
    public override string Datastore => "postgresql";
    public override bool HasDatabases => true;

    public override Task WriteAsync(string host, int port, string user, string password, string value) =>
        Query(host, port, user, password, $"CREATE TABLE IF NOT EXISTS items (v text); INSERT INTO items VALUES ('{value}')");

    public override Task<string> ReadAsync(string host, int port, string user, string password) =>
        Query(host, port, user, password, "SELECT v FROM items");

    static Task<string> Query(string host, int port, string user, string password, string sql) =>
        RunAsync("psql", [$"host={host} port={port} user={user} dbname=app sslmode=disable", "-v", "ON_ERROR_STOP=1", "-tA", "-c", sql],
            new() { ["PGPASSWORD"] = password });
}

public sealed class RedisClient : EngineClient
{
    public override string Datastore => "redis";
    public override bool HasDatabases => false;

    public override async Task WriteAsync(string host, int port, string user, string password, string value) =>
        Assert.Equal("OK", await Cli(host, port, user, password, "SET", "item", value));

    public override Task<string> ReadAsync(string host, int port, string user, string password) =>
        Cli(host, port, user, password, "GET", "item");

    static Task<string> Cli(string host, int port, string user, string password, params string[] command) =>
        RunAsync("redis-cli", ["-h", host, "-p", port.ToString(), "--user", user, "--no-auth-warning", .. command],
            new() { ["REDISCLI_AUTH"] = password });
}
