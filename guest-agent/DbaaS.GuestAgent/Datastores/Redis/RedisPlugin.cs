using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestAgent.Datastores.Redis;

/// <summary>
/// Redis 7: redis-server with a rendered redis.conf as the redis user; the admin is the ACL "default" user,
/// reached over a private unix socket with its password in REDISCLI_AUTH. Initial users become ACL users saved to
/// the ACL file. Redis has numbered logical databases only, so a named database is refused. Users and root at run
/// time are in RedisAccess.cs.
/// </summary>
public sealed partial class RedisPlugin(EngineContext context) : EnginePlugin(context, "redis")
{
    const string Engine = "redis";
    const string AdminUser = "default";
    const string RootUser = "root";

    /// <summary>Everything but administration (CONFIG, ACL, SHUTDOWN, DEBUG, replication control, ...), on every key and channel.</summary>
    public static readonly IReadOnlyList<string> UserRules = ["reset", "on", "~*", "&*", "+@all", "-@admin"];

    /// <summary>Keys the agent owns: listeners, paths, authentication, and what loads or renames commands.</summary>
    static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "port", "bind", "bind-source-addr", "unixsocket", "unixsocketperm", "daemonize", "supervised", "pidfile",
        "logfile", "syslog-enabled", "syslog-ident", "dir", "dbfilename", "appenddirname", "aclfile", "include", "user",
        "requirepass", "masterauth", "masteruser", "replicaof", "slaveof", "protected-mode", "rename-command",
        "loadmodule", "enable-debug-command", "enable-module-command", "enable-protected-configs",
        "cluster-config-file", "tls-port", "tls-cert-file", "tls-key-file", "tls-ca-cert-file", "tls-ca-cert-dir",
    };

    static readonly ConfigOverrides OverrideRules =
        new(Engine, c => char.IsAsciiLetterOrDigit(c) || c == '-', key => key.ToLowerInvariant(), ReservedKeys);

    string? serverExecutable;
    string? clientExecutable;

    public string Socket => Files.InRun("redis.sock");
    public string AclFile => Files.InRun("users.acl");
    public string LogFile => Files.InRun("redis.log");
    string OverridesFile => Files.InRun("overrides.conf");
    string ClientExecutable => clientExecutable ??= Executables.Require("redis-cli", "redis-tools");

    protected override string EngineUser => "redis";
    protected override string ServerExecutable => serverExecutable ??= Executables.Require("redis-server", "redis-server");
    protected override string PidFile => Files.InRun("redis.pid");
    protected override string ConfigFile => Files.InRun("redis.conf");
    protected override IEnumerable<string> EngineLogs => [LogFile];

    protected override EngineCommand ServerCommand() =>
        new(ServerExecutable, [ConfigFile], OsUsers.RunAs(EngineUser), Files.DataDirectory);

    protected override void Validate(PrepareArgs args)
    {
        if (args.Databases.Count > 0)
            throw new NotSupportedException(
                $"{Engine}: Redis has no named databases (its logical databases are numbered); cannot create '{args.Databases[0].Name}'");
        foreach (var user in args.Users)
        {
            RequireUserName(user.Name);
            NameRules.RequirePassword(Engine, user.Name, user.Password);
            if (user.Databases.Count > 0)
                throw new NotSupportedException(
                    $"{Engine}: Redis has no named databases to grant; user '{user.Name}' gets every key instead of '{user.Databases[0]}'");
        }
        OverrideRules.Validate(args.Overrides);
    }

    /// <summary>Nothing to create but the ACL file: the server makes its data files on first start.</summary>
    protected override async Task InitializeAsync(PrepareArgs args, string adminPassword, CancellationToken cancellationToken) =>
        await PrivateFiles.WriteIfChangedAsync(AclFile, RedisConfig.RenderInitialAcl(adminPassword), EngineUser, cancellationToken);

    protected override async Task<bool> WriteConfigAsync(int memoryMb, IReadOnlyDictionary<string, string>? overrides, CancellationToken cancellationToken)
    {
        var changed = false;
        if (overrides is not null || !File.Exists(OverridesFile))
            changed |= await PrivateFiles.WriteIfChangedAsync(OverridesFile,
                RedisConfig.RenderOverrides(OverrideRules.Validate(overrides)), EngineUser, cancellationToken);
        var settings = new RedisConfig.Settings(Config.Port, Config.BindAddress, Socket, PidFile, LogFile, Files.DataDirectory,
            AclFile, memoryMb, OverridesFile);
        changed |= await PrivateFiles.WriteIfChangedAsync(ConfigFile, RedisConfig.Render(settings), EngineUser, cancellationToken);
        return changed;
    }

    /// <summary>PING → PONG as the admin. Not INFO's loading flag: Redis accepts connections while it loads (infra-facts).</summary>
    protected override async Task<bool> AnswersAsAdminAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Files.AdminPasswordFile)) return false;
        var result = await CliTool.RunAsync(Cli(["PING"], null, TimeSpan.FromSeconds(10)), cancellationToken);
        return result.Succeeded && result.StandardOutput.Trim() == "PONG";
    }

    protected override async Task CreateDatabasesAndUsersAsync(PrepareArgs args, CancellationToken cancellationToken)
    {
        if (args.Users.Count == 0) return;
        var existing = (await RunAsync(["ACL", "USERS"], null, [], "listing ACL users", cancellationToken)).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var missing = args.Users.DistinctBy(u => u.Name).Where(u => !existing.Contains(u.Name)).ToList();
        foreach (var user in missing)
            // -x: the last argument (">password") comes from stdin, never from argv.
            await RunAsync(["-x", "ACL", "SETUSER", user.Name, .. UserRules], ">" + user.Password, [user.Password],
                $"creating user '{user.Name}'", cancellationToken);
        if (missing.Count > 0) await RunAsync(["ACL", "SAVE"], null, [], "saving the ACL file", cancellationToken);
    }

    protected override async Task<string> EngineVersionAsync(CancellationToken cancellationToken)
    {
        var info = (await RunAsync(["INFO", "server"], null, [], "reading the server version", cancellationToken)).StandardOutput;
        var line = info.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("redis_version:", StringComparison.Ordinal));
        return line?["redis_version:".Length..] ?? throw new EngineException("redis: INFO server did not report redis_version");
    }

    /// <summary>A tenant's ACL user: not the admin ("default") or root.</summary>
    static void RequireUserName(string name)
    {
        NameRules.Require(Engine, "user name", name, 64, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.', "letters, digits, '_', '-' or '.'");
        NameRules.RefuseReserved(Engine, "user name", name, [AdminUser, RootUser], StringComparer.Ordinal);
    }

    /// <summary>One command as the admin over the socket; -e turns an error reply into a failed exit code.</summary>
    public async Task<CliResult> RunAsync(IReadOnlyList<string> arguments, string? standardInput, IReadOnlyCollection<string> secrets, string doing, CancellationToken cancellationToken) =>
        (await CliTool.RunAsync(Cli(arguments, standardInput, TimeSpan.FromMinutes(1)) with { Secrets = secrets }, cancellationToken))
        .EnsureSuccess($"{Engine}: {doing}");

    CliCommand Cli(IReadOnlyList<string> arguments, string? standardInput, TimeSpan timeout) =>
        new(ClientExecutable, ["-s", Socket, "-e", "--no-auth-warning", .. arguments])
        {
            StandardInput = standardInput,
            Environment = new Dictionary<string, string> { ["REDISCLI_AUTH"] = File.ReadAllText(Files.AdminPasswordFile).Trim() },
            Timeout = timeout,
            WorkingDirectory = Files.InstanceDirectory,
        };
}
