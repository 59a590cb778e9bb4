using System.Globalization;
using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Datastores.MySqlCommon;
using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.MariaDb;

/// <summary>The mariadb (or mysql) client as a tenant uses it: TCP to 127.0.0.1:port, the password in an option file.</summary>
public sealed class MySqlFamilyDriver(TestInstance instance, string client, string versionFragment) : EngineDriver(instance)
{
    public override string VersionFragment => versionFragment;

    public override async Task WriteRowAsUserAsync(string value) =>
        (await AsUserAsync(User, Password, Database,
            $"CREATE TABLE IF NOT EXISTS kept_rows (id INT PRIMARY KEY, v VARCHAR(100)); REPLACE INTO kept_rows VALUES (1, '{value}');"))
        .EnsureSuccess("writing the row");

    public override async Task<string> ReadRowAsUserAsync() =>
        (await AsUserAsync(User, Password, Database, "SELECT v FROM kept_rows WHERE id = 1;")).EnsureSuccess("reading the row").StandardOutput.Trim();

    public override async Task<long> MemorySettingAsync() =>
        long.Parse((await AsUserAsync(User, Password, Database, "SELECT @@innodb_buffer_pool_size;"))
            .EnsureSuccess("reading innodb_buffer_pool_size").StandardOutput.Trim(), CultureInfo.InvariantCulture);

    public override long ExpectedMemorySetting(int memoryMb) => MySqlConfig.BufferPoolMb(memoryMb) * 1024L * 1024L;

    public async Task<CliResult> AsUserAsync(string user, string password, string? database, string sql)
    {
        var optionFile = Instance.WriteSecretFile($"client-{Guid.NewGuid():N}.cnf",
            $"[client]\nuser = {MySqlConfig.Value(user)}\npassword = {MySqlConfig.Value(password)}\nhost = 127.0.0.1\nport = {Instance.Port}\nprotocol = TCP\n");
        try
        {
            List<string> arguments = [$"--defaults-file={optionFile}", "--batch", "--skip-column-names"];
            if (database is not null) arguments.Add($"--database={database}");
            return await CliTool.RunAsync(new CliCommand(Executables.Require(client, client), arguments) { StandardInput = sql }, CancellationToken.None);
        }
        finally
        {
            File.Delete(optionFile);
        }
    }
}
