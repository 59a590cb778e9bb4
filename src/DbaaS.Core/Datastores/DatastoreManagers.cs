namespace DbaaS.Core.Datastores;

/// <summary>The guest-agent plugins a datastore version may name as its manager.</summary>
public static class DatastoreManagers
{
    public static readonly IReadOnlyList<string> Known = ["mariadb", "mysql", "postgresql", "redis", "cassandra", "mongodb"];
}
