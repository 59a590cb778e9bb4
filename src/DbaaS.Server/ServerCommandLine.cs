namespace DbaaS.Server;

/// <summary><c>DbaaS.Server [migrate] [--role api|taskmanager|conductor|all]... [host options such as --urls]</c>.</summary>
public sealed record ServerCommandLine(ServerRoles Roles, bool MigrateOnly, string[] HostArgs, string? Error)
{
    public const string Usage =
        "usage: DbaaS.Server [migrate] [--role api|taskmanager|conductor|all] [--urls http://127.0.0.1:8779] [--Section:Key=value ...]";

    public static ServerCommandLine Parse(string[] args)
    {
        var roles = ServerRoles.None;
        var migrateOnly = false;
        var hostArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "migrate" && i == 0) { migrateOnly = true; continue; }
            if (args[i] is "--role" or "-r")
            {
                if (i + 1 >= args.Length) return Fail("--role needs a value");
                foreach (var name in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var role = ParseRole(name);
                    if (role is null) return Fail($"unknown role '{name}'; expected api, taskmanager, conductor or all");
                    roles |= role.Value;
                }
                continue;
            }
            if (args[i].StartsWith("--role=", StringComparison.Ordinal)) return Parse([.. args[..i], "--role", args[i]["--role=".Length..], .. args[(i + 1)..]]);
            hostArgs.Add(args[i]);
        }
        return new ServerCommandLine(roles == ServerRoles.None ? ServerRoles.All : roles, migrateOnly, [.. hostArgs], null);

        ServerCommandLine Fail(string error) => new(ServerRoles.None, false, [], error);
    }

    private static ServerRoles? ParseRole(string name) => name.ToLowerInvariant() switch
    {
        "api" => ServerRoles.Api,
        "taskmanager" => ServerRoles.TaskManager,
        "conductor" => ServerRoles.Conductor,
        "all" => ServerRoles.All,
        _ => null,
    };
}

[Flags]
public enum ServerRoles
{
    None = 0,
    Api = 1,
    TaskManager = 2,
    Conductor = 4,
    All = Api | TaskManager | Conductor,
}
