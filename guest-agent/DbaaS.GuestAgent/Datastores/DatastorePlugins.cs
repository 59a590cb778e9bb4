using DbaaS.GuestAgent.Datastores.MariaDb;
using DbaaS.GuestAgent.Datastores.MySql;
using DbaaS.GuestAgent.Datastores.PostgreSql;
using DbaaS.GuestAgent.Datastores.Redis;

namespace DbaaS.GuestAgent.Datastores;

/// <summary>The registry: one line per engine. Adding a datastore = a folder under Datastores/ and a line here.</summary>
public static class DatastorePlugins
{
    public static IDatastorePlugin Create(EngineContext context) => context.Config.Manager switch
    {
        "mariadb" => new MariaDbPlugin(context),
        "mysql" => new MySqlPlugin(context),
        "postgresql" => new PostgreSqlPlugin(context),
        "redis" => new RedisPlugin(context),
        _ => throw new NotSupportedException($"no datastore plugin for manager '{context.Config.Manager}'"),
    };
}
