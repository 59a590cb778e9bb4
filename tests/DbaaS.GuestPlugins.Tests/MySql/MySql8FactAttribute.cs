using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Datastores.MySql;

namespace DbaaS.GuestPlugins.Tests.MySql;

/// <summary>A test that needs a real MySQL 8 mysqld: skipped, saying so, when there is none (Debian's "mysqld" is MariaDB).</summary>
public sealed class MySql8FactAttribute : FactAttribute
{
    public MySql8FactAttribute()
    {
        if (!MySql8.IsInstalled) Skip = $"needs a MySQL 8 mysqld; this machine has {MySql8.Description}";
    }
}

/// <summary>A test of what happens without MySQL 8: skipped where a real MySQL 8 mysqld is installed.</summary>
public sealed class WithoutMySql8FactAttribute : FactAttribute
{
    public WithoutMySql8FactAttribute()
    {
        if (MySql8.IsInstalled) Skip = $"this machine has a real MySQL 8 mysqld ({MySql8.Description})";
    }
}

public static class MySql8
{
    static readonly Lazy<string?> VersionOutput = new(() =>
    {
        if (Executables.Find("mysqld") is not { } mysqld) return null;
        var result = CliTool.RunAsync(new CliCommand(mysqld, ["--version"]), CancellationToken.None).GetAwaiter().GetResult();
        return result.StandardOutput.Trim();
    });

    public static bool IsInstalled => VersionOutput.Value is { } output && MySqlPlugin.IsMySql8(output);

    public static string Description => VersionOutput.Value is { } output ? $"\"{output}\"" : "no mysqld at all";
}
