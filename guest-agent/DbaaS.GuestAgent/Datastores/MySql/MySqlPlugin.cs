using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Datastores.MySqlCommon;

namespace DbaaS.GuestAgent.Datastores.MySql;

/// <summary>
/// MySQL 8. What differs from MariaDB: no install script (mysqld --initialize-insecure creates the system tables,
/// root@localhost without a password), users authenticate with caching_sha2_password, the X Protocol listener is
/// off. Debian's mariadb-server also installs a "mysqld", so the binary is checked to really be MySQL.
/// </summary>
public sealed class MySqlPlugin(EngineContext context) : MySqlFamilyPlugin(context, "mysql")
{
    protected override MySqlDialect Dialect => MySqlDialect.MySql;
    protected override string ServerBinaryName => "mysqld";
    protected override string ClientBinaryName => "mysql";
    protected override string ServerPackage => "mysql-server";

    protected override async Task InstallSystemTablesAsync(CancellationToken cancellationToken)
    {
        var version = (await CliTool.RunAsync(new CliCommand(ServerExecutable, ["--version"]), cancellationToken))
            .EnsureSuccess("mysql: reading the server version").StandardOutput.Trim();
        if (!IsMySql8(version))
            throw new NotSupportedException($"mysql: {ServerExecutable} is not a MySQL 8 server ({version}); install mysql-server 8");

        var command = new CliCommand(ServerExecutable, [$"--defaults-file={ConfigFile}", "--initialize-insecure", .. UserArgument])
        {
            Timeout = TimeSpan.FromMinutes(5),
            WorkingDirectory = Files.RunDirectory,
        };
        (await CliTool.RunAsync(command, cancellationToken)).EnsureSuccess($"mysql: initialising the data directory. {LogTail()}");
    }

    /// <summary>"mysqld  Ver 8.0.36 for Linux on x86_64 (MySQL Community Server - GPL)"; MariaDB says "MariaDB" in it.</summary>
    public static bool IsMySql8(string versionOutput) =>
        !versionOutput.Contains("MariaDB", StringComparison.OrdinalIgnoreCase)
        && versionOutput.Contains(" Ver 8.", StringComparison.Ordinal);
}
