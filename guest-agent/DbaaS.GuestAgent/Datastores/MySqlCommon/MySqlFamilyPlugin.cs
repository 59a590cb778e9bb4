using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestAgent.Datastores.MySqlCommon;

/// <summary>
/// MariaDB and MySQL alike: option file, socket and pid file in the run directory, root@localhost as the admin
/// over the socket (password in a 0600 option file), databases, users and grants in SQL on the client's stdin.
/// The engines override only how the system tables are installed and what their dialect writes.
/// The database, user and root RPCs are in MySqlFamilyPlugin.Access.cs.
/// </summary>
public abstract partial class MySqlFamilyPlugin : EnginePlugin
{
    string? serverExecutable;
    string? clientExecutable;

    protected MySqlFamilyPlugin(EngineContext context, string manager) : base(context, manager) { }

    protected abstract MySqlDialect Dialect { get; }
    protected abstract string ServerBinaryName { get; }
    protected abstract string ClientBinaryName { get; }
    protected abstract string ServerPackage { get; }

    /// <summary>Create the system tables in the empty data directory (root@localhost without a password, for now).</summary>
    protected abstract Task InstallSystemTablesAsync(CancellationToken cancellationToken);

    public string Socket => Files.InRun("mysqld.sock");
    public string ErrorLog => Files.InRun("error.log");
    public string AdminOptionFile => Files.InInstance("admin.cnf");
    protected string TmpDirectory => Files.InRun("tmp");
    string FilesDirectory => Files.InRun("files");
    string OverridesFile => Files.InRun("overrides.cnf");
    string InitFile => Files.InRun("init.sql");

    protected override string EngineUser => "mysql";
    protected override string ServerExecutable => serverExecutable ??= Executables.Require(ServerBinaryName, ServerPackage);
    protected string ClientExecutable => clientExecutable ??= Executables.Require(ClientBinaryName, $"{ServerPackage} client");
    protected override string PidFile => Files.InRun("mysqld.pid");
    protected override string ConfigFile => Files.InRun("my.cnf");
    protected override IEnumerable<string> EngineLogs => [ErrorLog];

    /// <summary>--defaults-file must come first or the server also reads /etc/mysql/my.cnf.</summary>
    protected override EngineCommand ServerCommand() =>
        new(ServerExecutable, [$"--defaults-file={ConfigFile}", .. UserArgument], null, Files.DataDirectory);

    /// <summary>As root the server switches to mysql itself (it refuses to run as root without --user).</summary>
    protected static IEnumerable<string> UserArgument => OsUsers.IsRoot ? ["--user=mysql"] : [];

    protected override void Validate(PrepareArgs args)
    {
        foreach (var database in args.Databases) RequireDatabase(database);
        foreach (var user in args.Users)
        {
            RequireUser(user.Name, HostOf(user));
            NameRules.RequirePassword(Dialect.Engine, user.Name, user.Password);
            foreach (var database in user.Databases) RequireDatabaseName(database);
        }
        OverrideRules.Validate(args.Overrides);
    }

    protected override async Task InitializeAsync(PrepareArgs args, string adminPassword, CancellationToken cancellationToken)
    {
        await WriteConfigAsync(args.MemoryMb, args.Overrides, cancellationToken);
        await InstallSystemTablesAsync(cancellationToken);
        PrivateFiles.Write(AdminOptionFile, MySqlConfig.RenderAdminClient(Socket, adminPassword));
        // The server runs the init file as mysql, before it accepts any connection: no window without a password.
        PrivateFiles.Write(InitFile, MySqlSql.SecureAdmin(Dialect, adminPassword));
        await OsUsers.GiveAsync(EngineUser, false, [InitFile], cancellationToken);
        try
        {
            var command = ServerCommand();
            await StartEngineAsync(command with { Arguments = [.. command.Arguments, $"--init-file={InitFile}"] }, cancellationToken);
        }
        finally
        {
            File.Delete(InitFile);
        }
        var otherRoots = await RunSqlAsync(MySqlSql.OtherRootAccounts, [], "listing root accounts", cancellationToken);
        var drops = Lines(otherRoots.StandardOutput).Select(host => MySqlSql.DropUser("root", host)).ToList();
        if (drops.Count > 0) await RunSqlAsync(string.Join('\n', drops), [], "dropping root accounts other than root@localhost", cancellationToken);
    }

    protected override async Task<bool> WriteConfigAsync(int memoryMb, IReadOnlyDictionary<string, string>? overrides, CancellationToken cancellationToken)
    {
        foreach (var directory in new[] { TmpDirectory, FilesDirectory })
        {
            PrivateFiles.CreateDirectory(directory);
            await OsUsers.GiveAsync(EngineUser, false, [directory], cancellationToken);
        }
        var changed = false;
        if (overrides is not null || !File.Exists(OverridesFile))
            changed |= await PrivateFiles.WriteIfChangedAsync(OverridesFile,
                MySqlConfig.RenderOverrides(OverrideRules.Validate(overrides)),
                EngineUser, cancellationToken);
        var settings = new MySqlConfig.ServerSettings(Files.DataDirectory, Socket, PidFile, ErrorLog, TmpDirectory, FilesDirectory,
            Config.Port, Config.BindAddress, memoryMb, OverridesFile);
        changed |= await PrivateFiles.WriteIfChangedAsync(ConfigFile, MySqlConfig.RenderServer(Dialect, settings), EngineUser, cancellationToken);
        return changed;
    }

    protected override async Task<bool> AnswersAsAdminAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(AdminOptionFile)) return false;
        var result = await CliTool.RunAsync(AdminClient("SELECT 1;", [], TimeSpan.FromSeconds(10)), cancellationToken);
        return result.Succeeded && result.StandardOutput.Trim() == "1";
    }

    protected override async Task CreateDatabasesAndUsersAsync(PrepareArgs args, CancellationToken cancellationToken)
    {
        var statements = new List<string>();
        statements.AddRange(args.Databases.Select(d => MySqlSql.CreateDatabase(d)));
        foreach (var user in args.Users)
        {
            statements.Add(MySqlSql.CreateUser(Dialect, user.Name, HostOf(user), user.Password));
            statements.AddRange(user.Databases.Select(database => MySqlSql.GrantAll(database, user.Name, HostOf(user))));
        }
        if (statements.Count == 0) return;
        await RunSqlAsync(string.Join('\n', statements), MySqlSql.SecretForms(args.Users.Select(u => u.Password)), "creating databases and users", cancellationToken);
    }

    protected override async Task<string> EngineVersionAsync(CancellationToken cancellationToken) =>
        (await RunSqlAsync("SELECT VERSION();", [], "reading the server version", cancellationToken)).StandardOutput.Trim();

    /// <summary>SQL as the admin over the socket; it fails on the first error (the client's batch mode).</summary>
    public async Task<CliResult> RunSqlAsync(string sql, IReadOnlyCollection<string> secrets, string doing, CancellationToken cancellationToken) =>
        (await CliTool.RunAsync(AdminClient(sql, secrets, TimeSpan.FromMinutes(5)), cancellationToken)).EnsureSuccess($"{Manager}: {doing}");

    CliCommand AdminClient(string sql, IReadOnlyCollection<string> secrets, TimeSpan timeout) =>
        new(ClientExecutable, [$"--defaults-file={AdminOptionFile}", "--batch", "--skip-column-names"])
        {
            StandardInput = MySqlSql.SessionPreamble + sql + "\n",
            Secrets = secrets,
            Timeout = timeout,
            WorkingDirectory = Files.InstanceDirectory,
        };

    static string HostOf(UserSpec user) => HostOf(user.Host);

    static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Keys the agent owns: paths, listeners, authentication, where logs and binlogs are written.</summary>
    static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "datadir", "socket", "pid_file", "log_error", "tmpdir", "secure_file_priv", "port", "bind_address", "user",
        "skip_networking", "skip_grant_tables", "skip_name_resolve", "init_file", "plugin_dir", "plugin_load",
        "plugin_load_add", "basedir", "general_log_file", "slow_query_log_file", "log_bin", "log_bin_index",
        "relay_log", "relay_log_index", "innodb_data_home_dir", "innodb_log_group_home_dir", "innodb_undo_directory",
        "mysqlx", "mysqlx_port", "mysqlx_bind_address", "mysqlx_socket", "admin_address", "admin_port",
        "named_pipe", "shared_memory", "extra_port",
    };

    ConfigOverrides OverrideRules => new(Dialect.Engine, c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-',
        key => key.ToLowerInvariant().Replace('-', '_'), ReservedKeys);
}
