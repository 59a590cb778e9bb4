using System.Diagnostics;

namespace DbaaS.IntegrationTests.Identity;

/// <summary>
/// A real Keystone for the tests: the one named by DBAAS_KEYSTONE_URL (with the DBAAS_KEYSTONE_*_PASSWORD
/// variables), else the private one of <c>scripts/keystone.sh</c>, started if needed and stopped
/// afterwards only if this fixture started it.
/// </summary>
public sealed class PrivateKeystone : IAsyncLifetime
{
    private const string SystemKeystone = "/usr/lib/python3/dist-packages/keystone/__init__.py";

    private bool _startedHere;

    public Uri Url { get; private set; } = null!;
    public string AdminPassword { get; private set; } = "";
    public string ServicePassword { get; private set; } = "";
    public string DemoPassword { get; private set; } = "";
    public string ReaderPassword { get; private set; } = "";

    /// <summary>Null when a Keystone can be had; else why not (for <see cref="KeystoneFactAttribute"/>).</summary>
    public static string? WhyUnavailable()
    {
        if (Environment.GetEnvironmentVariable("DBAAS_KEYSTONE_URL") is { Length: > 0 })
            return null;
        if (!OperatingSystem.IsLinux())
            return "scripts/keystone.sh needs Debian's python3-keystone (Linux only); or set DBAAS_KEYSTONE_URL";
        if (File.Exists(SystemKeystone))
            return null;
        if (!Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/apt-get"))
            return "python3-keystone is not installed and only root can apt-get install it; or set DBAAS_KEYSTONE_URL";
        return null;
    }

    public async Task InitializeAsync()
    {
        if (WhyUnavailable() is not null)
            return; // every test is skipped
        if (Environment.GetEnvironmentVariable("DBAAS_KEYSTONE_URL") is { Length: > 0 })
        {
            Load(name => Environment.GetEnvironmentVariable(name));
            return;
        }

        _startedHere = await RunScriptAsync("status", allowNotRunning: true) == 3;
        if (_startedHere)
            await RunScriptAsync("up");
        var file = await File.ReadAllLinesAsync(Path.Combine(StateDirectory(), "keystone.env"));
        var values = file
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("export ", StringComparison.Ordinal))
            .Select(line => line["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        Load(name => values.GetValueOrDefault(name));
    }

    public async Task DisposeAsync()
    {
        if (_startedHere)
            await RunScriptAsync("down");
    }

    private void Load(Func<string, string?> read)
    {
        string Required(string name) =>
            read(name) ?? throw new InvalidOperationException($"{name} is not set for the Keystone tests");
        Url = new Uri(Required("DBAAS_KEYSTONE_URL"));
        AdminPassword = Required("DBAAS_KEYSTONE_ADMIN_PASSWORD");
        ServicePassword = Required("DBAAS_KEYSTONE_SERVICE_PASSWORD");
        DemoPassword = Required("DBAAS_KEYSTONE_DEMO_PASSWORD");
        ReaderPassword = Required("DBAAS_KEYSTONE_READER_PASSWORD");
    }

    private static string StateDirectory() =>
        Path.Combine(Environment.GetEnvironmentVariable("DBAAS_STATE_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(RepoRoot(), ".state"), "keystone");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DbaaS.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No DbaaS.sln above {AppContext.BaseDirectory}");
    }

    private static async Task<int> RunScriptAsync(string verb, bool allowNotRunning = false)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoRoot(), "scripts", "keystone.sh"), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        // Includes a first-time apt-get install of python3-keystone.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode == 0 || (allowNotRunning && process.ExitCode == 3))
            return process.ExitCode;
        throw new InvalidOperationException(
            $"scripts/keystone.sh {verb} exited {process.ExitCode}:\n{await output}\n{await errors}");
    }
}

/// <summary>A test that needs a real Keystone; skipped, with the reason, where none can be had.</summary>
public sealed class KeystoneFactAttribute : FactAttribute
{
    public KeystoneFactAttribute()
    {
        if (PrivateKeystone.WhyUnavailable() is { } reason)
            Skip = reason;
    }
}

/// <summary>One Keystone for every test class that needs it: a class fixture each would stop it under the others.</summary>
[CollectionDefinition(Name)]
public sealed class KeystoneCollection : ICollectionFixture<PrivateKeystone>
{
    public const string Name = "keystone";
}
