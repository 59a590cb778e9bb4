namespace DbaaS.GuestAgent.Datastores;

/// <summary>The registry: one line per engine. Adding a datastore = a folder under Datastores/ and a line here.</summary>
public static class DatastorePlugins
{
    public static IDatastorePlugin Create(EngineContext context) => context.Config.Manager switch
    {
        _ => throw new NotSupportedException($"no datastore plugin for manager '{context.Config.Manager}'"),
    };
}
