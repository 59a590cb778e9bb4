using System.Text.Json.Nodes;

namespace DbaaS.Tests.Cli;

/// <summary>The databases, users and root state inside one <see cref="FakeInstance"/>, as a MariaDB guest would hold them.</summary>
public sealed class FakeInstanceAccess
{
    public List<FakeDatabase> Databases { get; } = [];

    public List<FakeDatabaseUser> Users { get; } = [];

    public bool RootEnabled { get; set; }

    /// <summary>The password of the last root enable; the API hands it out only in that one answer.</summary>
    public string? RootPassword { get; set; }

    /// <summary>When and by whom root was first enabled, as Trove's root history keeps it; null means never.</summary>
    public string? RootEnabledAt { get; set; }

    public string? RootEnabledBy { get; set; }

    public FakeDatabase AddDatabase(string name) => Add(Databases, new FakeDatabase(name, null, null));

    public FakeDatabaseUser AddUser(string name, string host = "%", string password = "pw", params string[] databases) =>
        Add(Users, new FakeDatabaseUser { Name = name, Host = host, Password = password, Databases = [.. databases] });

    public FakeDatabaseUser User(string name, string host = "%") => Users.Single(user => user.Name == name && user.Host == host);

    private static T Add<T>(List<T> list, T item)
    {
        list.Add(item);
        return item;
    }
}

public sealed record FakeDatabase(string Name, string? CharacterSet, string? Collate)
{
    public JsonObject View() => new() { ["name"] = Name };
}

public sealed class FakeDatabaseUser
{
    public required string Name { get; set; }
    public required string Host { get; set; }
    public required string Password { get; set; }
    public required List<string> Databases { get; init; }

    /// <summary>How Trove names the user in routes and list markers.</summary>
    public string Id => $"{Name}@{Host}";

    /// <summary>What the API shows of a user: never its password.</summary>
    public JsonObject View() => new()
    {
        ["name"] = Name,
        ["host"] = Host,
        ["databases"] = new JsonArray([.. Databases.Select(database => (JsonNode)new JsonObject { ["name"] = database })]),
    };
}
