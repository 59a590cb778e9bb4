using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestAgent.Datastores.PostgreSql;

/// <summary>
/// PostgreSQL 15: initdb and postgres run as the postgres user (both refuse root); the admin is the postgres
/// superuser with a SCRAM password, reaching the server over the private socket with a 0600 PGPASSFILE. Users are
/// login roles; a database made at prepare is owned by the first user granted it. Databases, users and root at
/// run time are in PostgreSqlAccess.cs.
/// </summary>
public sealed partial class PostgreSqlPlugin(EngineContext context) : EnginePlugin(context, "postgresql")
{
    const string Engine = "postgresql";
    static readonly string[] SystemDatabases = ["postgres", "template0", "template1"];
    static readonly string[] SystemRoles = ["postgres", "public", "none", "current_user", "current_role", "session_user", PostgreSqlSql.RootRole];

    /// <summary>Keys the agent owns: listeners, paths, authentication files, and anything that runs or loads code.</summary>
    static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "listen_addresses", "port", "unix_socket_directories", "unix_socket_group", "unix_socket_permissions",
        "data_directory", "config_file", "hba_file", "ident_file", "external_pid_file", "include", "include_dir",
        "include_if_exists", "log_directory", "logging_collector", "ssl_cert_file", "ssl_key_file", "ssl_ca_file",
        "ssl_crl_file", "ssl_crl_dir", "archive_command", "restore_command", "archive_cleanup_command",
        "recovery_end_command", "shared_preload_libraries", "local_preload_libraries", "session_preload_libraries",
        "dynamic_library_path", "krb_server_keyfile",
    };

    static readonly ConfigOverrides OverrideRules =
        new(Engine, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.', key => key.ToLowerInvariant(), ReservedKeys);

    string? binDirectory;

    /// <summary>/usr/lib/postgresql/&lt;major&gt;/bin for the datastore version (Debian keeps versions side by side), else PATH.</summary>
    public string BinDirectory => binDirectory ??=
        Path.GetDirectoryName(Executables.Require("postgres", $"postgresql-{Major}", $"/usr/lib/postgresql/{Major}/bin"))!;

    public string SocketDirectory => Files.RunDirectory;
    public string PassFile => Files.InInstance("admin.pgpass");
    public string LogDirectory => Files.InRun("log");
    string Major => Config.DatastoreVersion.Split('.')[0];
    string HbaFile => Path.Combine(Files.DataDirectory, "pg_hba.conf");
    string OverridesFile => Path.Combine(Files.DataDirectory, PostgreSqlConfig.OverridesFileName);
    string Tool(string name) => Path.Combine(BinDirectory, name);

    protected override string EngineUser => "postgres";
    protected override string ServerExecutable => Tool("postgres");
    protected override string PidFile => Path.Combine(Files.DataDirectory, "postmaster.pid");
    protected override string ConfigFile => Path.Combine(Files.DataDirectory, "postgresql.conf");
    protected override IEnumerable<string> EngineLogs =>
        Directory.Exists(LogDirectory) ? Directory.EnumerateFiles(LogDirectory).OrderBy(File.GetLastWriteTimeUtc).TakeLast(1) : [];

    /// <summary>SIGINT is PostgreSQL's fast shutdown; SIGTERM (smart) would wait for every client to leave.</summary>
    protected override int StopSignal => ProcFs.SigInt;

    protected override EngineCommand ServerCommand() =>
        new(ServerExecutable, ["-D", Files.DataDirectory], OsUsers.RunAs(EngineUser), Files.DataDirectory);

    protected override void Validate(PrepareArgs args)
    {
        foreach (var database in args.Databases)
        {
            RequireDatabaseName(database.Name);
            if (database.CharacterSet is not null)
                NameRules.Require(Engine, "encoding", database.CharacterSet, 32, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-', "letters, digits, '_' or '-'");
            if (database.Collate is not null)
                NameRules.Require(Engine, "collation", database.Collate, 64, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '@', "letters, digits, '_', '-', '.' or '@'");
        }
        foreach (var user in args.Users)
        {
            RequireUserName(user.Name);
            NameRules.RequirePassword(Engine, user.Name, user.Password);
            foreach (var database in user.Databases) RequireDatabaseName(database);
        }
        OverrideRules.Validate(args.Overrides);
    }

    /// <summary>initdb with the admin password from a postgres-owned file (a /dev/fd path would not be readable after the user switch).</summary>
    protected override async Task InitializeAsync(PrepareArgs args, string adminPassword, CancellationToken cancellationToken)
    {
        var passwordFile = Files.InRun("initdb.password");
        PrivateFiles.Write(passwordFile, adminPassword + "\n");
        try
        {
            await OsUsers.GiveAsync(EngineUser, false, [passwordFile], cancellationToken);
            var initdb = new CliCommand(Tool("initdb"),
            [
                "-D", Files.DataDirectory, "-U", PostgreSqlSql.AdminRole, "-E", "UTF8", "--locale=C.UTF-8",
                "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}", "--no-instructions",
            ])
            {
                User = OsUsers.RunAs(EngineUser),
                WorkingDirectory = Files.RunDirectory,
                Timeout = TimeSpan.FromMinutes(5),
            };
            (await CliTool.RunAsync(initdb, cancellationToken)).EnsureSuccess("postgresql: initdb");
        }
        finally
        {
            File.Delete(passwordFile);
        }
        PrivateFiles.Write(PassFile, PostgreSqlConfig.PassFileLine(PostgreSqlSql.AdminRole, adminPassword));
    }

    protected override async Task<bool> WriteConfigAsync(int memoryMb, IReadOnlyDictionary<string, string>? overrides, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateDirectory(LogDirectory);
        await OsUsers.GiveAsync(EngineUser, false, [LogDirectory], cancellationToken);
        var changed = false;
        if (overrides is not null || !File.Exists(OverridesFile))
            changed |= await PrivateFiles.WriteIfChangedAsync(OverridesFile,
                PostgreSqlConfig.RenderOverrides(OverrideRules.Validate(overrides)), EngineUser, cancellationToken);
        var settings = new PostgreSqlConfig.Settings(Config.Port, Config.BindAddress, SocketDirectory, LogDirectory, memoryMb);
        changed |= await PrivateFiles.WriteIfChangedAsync(ConfigFile, PostgreSqlConfig.Render(settings), EngineUser, cancellationToken);
        changed |= await PrivateFiles.WriteIfChangedAsync(HbaFile, PostgreSqlConfig.RenderHba(), EngineUser, cancellationToken);
        return changed;
    }

    protected override async Task<bool> AnswersAsAdminAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(PassFile)) return false;
        var result = await CliTool.RunAsync(Psql("postgres", "SELECT 1;", [], TimeSpan.FromSeconds(10)), cancellationToken);
        return result.Succeeded && result.StandardOutput.Trim() == "1";
    }

    protected override async Task CreateDatabasesAndUsersAsync(PrepareArgs args, CancellationToken cancellationToken)
    {
        if (args.Databases.Count == 0 && args.Users.Count == 0) return;
        var existing = Lines((await RunSqlAsync("postgres", PostgreSqlSql.ExistingDatabasesAndRoles, [], "listing databases and roles", cancellationToken)).StandardOutput)
            .ToHashSet(StringComparer.Ordinal);

        var statements = new List<string>();
        foreach (var user in args.Users.DistinctBy(u => u.Name).Where(u => !existing.Contains($"role|{u.Name}")))
            statements.Add(PostgreSqlSql.CreateRole(user.Name, PostgreSqlPassword.ForServer(user.Password)));
        foreach (var database in args.Databases.DistinctBy(d => d.Name).Where(d => !existing.Contains($"database|{d.Name}")))
        {
            var owner = args.Users.FirstOrDefault(u => u.Databases.Contains(database.Name, StringComparer.Ordinal))?.Name ?? PostgreSqlSql.AdminRole;
            statements.Add(PostgreSqlSql.CreateDatabase(database, owner));
            statements.Add(PostgreSqlSql.RevokeFromPublic(database.Name));
        }
        var grants = args.Users.SelectMany(u => u.Databases.Select(database => (database, user: u.Name))).Distinct().ToList();
        statements.AddRange(grants.Select(g => PostgreSqlSql.GrantDatabase(g.database, g.user)));
        var secrets = args.Users.Select(u => u.Password).ToList();
        if (statements.Count > 0)
            await RunSqlAsync("postgres", PostgreSqlSql.QuietSession + "\n" + string.Join('\n', statements), secrets, "creating databases and users", cancellationToken);

        foreach (var database in grants.GroupBy(g => g.database))
            await RunSqlAsync(database.Key, string.Join('\n', database.Select(g => PostgreSqlSql.GrantPublicSchema(g.user))), [],
                $"granting schema public of {database.Key}", cancellationToken);
    }

    protected override async Task<string> EngineVersionAsync(CancellationToken cancellationToken) =>
        (await RunSqlAsync("postgres", "SHOW server_version;", [], "reading the server version", cancellationToken)).StandardOutput.Trim();

    /// <summary>SQL as the admin over the private socket; psql stops at the first error (ON_ERROR_STOP).</summary>
    public async Task<CliResult> RunSqlAsync(string database, string sql, IReadOnlyCollection<string> secrets, string doing, CancellationToken cancellationToken) =>
        (await CliTool.RunAsync(Psql(database, sql, secrets, TimeSpan.FromMinutes(5)), cancellationToken)).EnsureSuccess($"{Engine}: {doing}");

    /// <summary>-X skips ~/.psqlrc, -w never prompts; the database is a validated name (no '=' so never a conninfo).</summary>
    CliCommand Psql(string database, string sql, IReadOnlyCollection<string> secrets, TimeSpan timeout) =>
        new(Tool("psql"),
        [
            "-X", "-w", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
            "-h", SocketDirectory, "-p", Config.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", PostgreSqlSql.AdminRole, "-d", database,
        ])
        {
            StandardInput = sql + "\n",
            Environment = new Dictionary<string, string>
            {
                ["PGPASSFILE"] = PassFile,
                ["PGCLIENTENCODING"] = "UTF8",
                ["PGCONNECT_TIMEOUT"] = "10",
            },
            Secrets = secrets,
            Timeout = timeout,
            WorkingDirectory = Files.InstanceDirectory,
        };

    void RequireDatabaseName(string name)
    {
        RequireName("database name", name);
        NameRules.RefuseReserved(Engine, "database name", name, SystemDatabases, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A tenant's user: not the admin, root, a keyword-like role or a pg_ system role.</summary>
    static void RequireUserName(string name)
    {
        RequireName("user name", name);
        NameRules.RefuseReserved(Engine, "user name", name, SystemRoles, StringComparer.OrdinalIgnoreCase);
        if (name.StartsWith("pg_", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{Engine}: user name '{name}' is not valid: the prefix pg_ is reserved for system roles");
    }

    /// <summary>63 bytes is NAMEDATALEN - 1; longer names would be truncated silently.</summary>
    static void RequireName(string what, string name)
    {
        NameRules.Require(Engine, what, name, 63, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-', "letters, digits, '_' or '-'");
        if (!char.IsAsciiLetter(name[0]) && name[0] != '_')
            throw new ArgumentException($"{Engine}: {what} '{name}' must start with a letter or '_'");
    }

    static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
