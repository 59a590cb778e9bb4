using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Datastores.PostgreSql;
using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.PostgreSql;

/// <summary>psql as a tenant uses it: TCP to 127.0.0.1:port, SCRAM, the password in a PGPASSFILE.</summary>
public sealed class PostgreSqlDriver(TestInstance instance) : EngineDriver(instance)
{
    public const string Psql = "/usr/lib/postgresql/15/bin/psql";

    public override string VersionFragment => "15.";

    public override async Task WriteRowAsUserAsync(string value) =>
        (await AsUserAsync(User, Password, Database,
            $"CREATE TABLE IF NOT EXISTS kept_rows (id int PRIMARY KEY, v text); INSERT INTO kept_rows VALUES (1, '{value}') ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v;"))
        .EnsureSuccess("writing the row");

    public override async Task<string> ReadRowAsUserAsync() =>
        (await AsUserAsync(User, Password, Database, "SELECT v FROM kept_rows WHERE id = 1;")).EnsureSuccess("reading the row").StandardOutput.Trim();

    /// <summary>shared_buffers in 8 kB pages (pg_settings), as bytes.</summary>
    public override async Task<long> MemorySettingAsync() =>
        long.Parse((await AsUserAsync(User, Password, Database, "SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers';"))
            .EnsureSuccess("reading shared_buffers").StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public override long ExpectedMemorySetting(int memoryMb) => PostgreSqlConfig.SharedBuffersMb(memoryMb) * 1024L * 1024L;

    public async Task<CliResult> AsUserAsync(string user, string password, string database, string sql)
    {
        var passFile = Instance.WriteSecretFile($"pgpass-{Guid.NewGuid():N}", PostgreSqlConfig.PassFileLine(user, password));
        try
        {
            return await CliTool.RunAsync(new CliCommand(Psql,
                ["-X", "-w", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Instance.Port.ToString(), "-U", user, "-d", database])
            {
                StandardInput = sql,
                Environment = new Dictionary<string, string> { ["PGPASSFILE"] = passFile, ["PGCLIENTENCODING"] = "UTF8" },
            }, CancellationToken.None);
        }
        finally
        {
            File.Delete(passFile);
        }
    }
}
