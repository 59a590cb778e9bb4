namespace DbaaS.Server;

/// <summary><c>DbaaS.Server [migrate] [--role api|taskmanager|conductor|all]... [host options such as --urls]</c>.</summary>
public sealed record ServerCommandLine(ServerRoles Roles, bool MigrateOnly, string[] HostArgs, string? Error)
{
    /// <summary>True when <c>--role</c> was given; otherwise the <c>Server:Roles</c> setting decides (default all).</summary>
    public bool RolesGiven { get; init; }

    /// <summary>The roles a comma-separated setting names; null when it names an unknown role.</summary>
    public static ServerRoles? ParseRoles(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting)) return ServerRoles.All;
        var roles = ServerRoles.None;
        foreach (var name in setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (ParseRole(name) is { } role) roles |= role;
            else return null;
        return roles;
    }

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
        return new ServerCommandLine(roles == ServerRoles.None ? ServerRoles.All : roles, migrateOnly, [.. hostArgs], null) { RolesGiven = roles != ServerRoles.None };

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
