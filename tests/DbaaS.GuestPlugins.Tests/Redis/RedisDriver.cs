using System.Globalization;
using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Datastores.Redis;
using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.Redis;

/// <summary>redis-cli as a tenant uses it: TCP to 127.0.0.1:port, AUTH user password with the password in REDISCLI_AUTH.</summary>
public sealed class RedisDriver(TestInstance instance) : EngineDriver(instance)
{
    public override string VersionFragment => "7.";

    /// <summary>Redis has no named databases: the scenario's user gets every key instead.</summary>
    public override DbaaS.Contracts.Guest.PrepareArgs PrepareArgs(int memoryMb) =>
        new(memoryMb, 1, [], [new DbaaS.Contracts.Guest.UserSpec(User, Password, null, [])]);

    public override async Task WriteRowAsUserAsync(string value) =>
        (await AsUserAsync(User, Password, "SET", "kept:row", value)).EnsureSuccess("writing the key");

    public override async Task<string> ReadRowAsUserAsync() =>
        (await AsUserAsync(User, Password, "GET", "kept:row")).EnsureSuccess("reading the key").StandardOutput.Trim();

    /// <summary>CONFIG is an admin command (refused to users): read as the admin over the socket.</summary>
    public override async Task<long> MemorySettingAsync()
    {
        var plugin = (RedisPlugin)Instance.NewPlugin();
        var reply = (await plugin.RunAsync(["CONFIG", "GET", "maxmemory"], null, [], "reading maxmemory", CancellationToken.None)).StandardOutput;
        return long.Parse(reply.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Trim(), CultureInfo.InvariantCulture);
    }

    public override long ExpectedMemorySetting(int memoryMb) => RedisConfig.MaxMemoryMb(memoryMb) * 1024L * 1024L;

    public async Task<CliResult> AsUserAsync(string user, string password, params string[] command) =>
        await CliTool.RunAsync(new CliCommand(Executables.Require("redis-cli", "redis-tools"),
            ["-h", "127.0.0.1", "-p", Instance.Port.ToString(CultureInfo.InvariantCulture), "--user", user, "-e", "--no-auth-warning", .. command])
        {
            Environment = new Dictionary<string, string> { ["REDISCLI_AUTH"] = password },
        }, CancellationToken.None);
}
