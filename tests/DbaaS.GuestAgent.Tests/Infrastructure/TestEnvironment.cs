namespace DbaaS.GuestAgent.Tests.Infrastructure;

/// <summary>
/// Where the shared RabbitMQ is: the variables <c>scripts/infra.sh</c> writes to <c>.state/infra.env</c> (exported by
/// <c>scripts/test.sh</c>), read from that file when not exported.
/// </summary>
public static class TestEnvironment
{
    static readonly Lazy<IReadOnlyDictionary<string, string>> Values = new(Load);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string RabbitHost => Require("Messaging__RabbitMq__Host");

    public static int RabbitPort => int.Parse(Require("Messaging__RabbitMq__Port"));

    public static int RabbitManagementPort => int.Parse(Require("Messaging__RabbitMq__ManagementPort"));

    public static string RabbitVirtualHost => Require("Messaging__RabbitMq__VirtualHost");

    public static string RabbitAdminUser => Require("Messaging__RabbitMq__Username");

    public static string RabbitAdminPassword => Require("Messaging__RabbitMq__Password");

    static string Require(string name) =>
        Values.Value.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with scripts/test.sh, which starts RabbitMQ (scripts/infra.sh up).");

    static Dictionary<string, string> Load()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var stateDir = Environment.GetEnvironmentVariable("DBAAS_STATE_DIR") ?? Path.Combine(RepoRoot, ".state");
        var file = Path.Combine(stateDir, "infra.env");
        if (File.Exists(file))
            foreach (var line in File.ReadAllLines(file))
            {
                var text = line.Trim();
                if (text.StartsWith("export ", StringComparison.Ordinal)) text = text["export ".Length..];
                var equals = text.IndexOf('=');
                if (equals <= 0 || text.StartsWith('#')) continue;
                values[text[..equals]] = Unquote(text[(equals + 1)..]);
            }
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (key.StartsWith("DBAAS_", StringComparison.Ordinal) || key.StartsWith("Messaging__", StringComparison.Ordinal))
                values[key] = (string?)entry.Value ?? "";
        }
        return values;
    }

    static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DbaaS.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (DbaaS.sln) above the test binaries.");
    }
}
