using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Datastores.MySqlCommon;

namespace DbaaS.GuestAgent.Datastores.MariaDb;

/// <summary>MariaDB 10.11: mariadb-install-db for the system tables, mariadbd as the server, mariadb as the client.</summary>
public sealed class MariaDbPlugin(EngineContext context) : MySqlFamilyPlugin(context, "mariadb")
{
    protected override MySqlDialect Dialect => MySqlDialect.MariaDb;
    protected override string ServerBinaryName => "mariadbd";
    protected override string ClientBinaryName => "mariadb";
    protected override string ServerPackage => "mariadb-server";

    /// <summary>
    /// --no-defaults first (else /etc/mysql/my.cnf is read), a tmpdir of our own (concurrent installs sharing one
    /// collide), normal root authentication (a password, not the unix socket), no test database.
    /// </summary>
    protected override async Task InstallSystemTablesAsync(CancellationToken cancellationToken)
    {
        var installDb = Executables.Require("mariadb-install-db", ServerPackage);
        var command = new CliCommand(installDb,
        [
            "--no-defaults", .. UserArgument, $"--datadir={Files.DataDirectory}", $"--tmpdir={TmpDirectory}",
            "--auth-root-authentication-method=normal", "--skip-test-db",
        ])
        {
            Timeout = TimeSpan.FromMinutes(5),
            WorkingDirectory = Files.RunDirectory,
        };
        (await CliTool.RunAsync(command, cancellationToken)).EnsureSuccess("mariadb: installing the system tables");
    }
}
