using DbaaS.Contracts.Guest;
using DbaaS.Core.Access;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;

namespace DbaaS.Core.Instances;

/// <summary>
/// The databases and users created with an instance, checked before anything is recorded with the engine's
/// <see cref="EngineObjectRules"/> (the same rules as the database and user routes), plus what only a whole create
/// request can get wrong: a name listed twice, a grant of a database the request does not create.
/// </summary>
public static class InitialObjectRules
{
    /// <returns>The users with their hosts as the guest takes them: '%' for a MySQL-family user that names none.</returns>
    public static IReadOnlyList<UserSpec> Validate(DatastoreVersion version, string datastoreName, IReadOnlyList<DatabaseSpec> databases, IReadOnlyList<UserSpec> users)
    {
        var rules = EngineObjectRules.For(version.Manager);
        if (databases.Count > 0 && !rules.HasNamedDatabases)
            throw new BadRequestException($"Datastore {datastoreName} does not support databases: {rules.Engine} has numbered logical databases only.");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var database in databases)
        {
            rules.ValidateDatabaseName(database.Name);
            if (!names.Add(database.Name))
                throw new BadRequestException($"Database '{database.Name}' is listed twice.");
            EngineObjectRules.ValidateCharsetField("character_set", database.CharacterSet);
            EngineObjectRules.ValidateCharsetField("collate", database.Collate);
        }
        var userKeys = new HashSet<string>(StringComparer.Ordinal);
        var normalized = new List<UserSpec>();
        foreach (var user in users)
        {
            rules.ValidateUserName(user.Name);
            var host = rules.NormalizeHost(user.Host);
            if (!userKeys.Add($"{user.Name}@{host}"))
                throw new BadRequestException($"User '{user.Name}' is listed twice.");
            EngineObjectRules.ValidatePassword(user.Name, user.Password);
            foreach (var database in user.Databases)
                if (!names.Contains(database))
                    throw new BadRequestException($"User '{user.Name}' is granted database '{database}', which is not in the instance's databases.");
            normalized.Add(user with { Host = host });
        }
        return normalized;
    }
}
