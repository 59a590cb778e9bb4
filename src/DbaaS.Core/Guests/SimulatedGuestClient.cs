using System.Collections.Concurrent;
using System.Text.Json;
using DbaaS.Contracts.Guest;

namespace DbaaS.Core.Guests;

/// <summary>
/// Answers guest calls at once without a guest, for <c>Compute:Driver=simulated</c> only (see
/// <c>SimulatedComputeDriver</c>): lifecycle operations "succeed", and databases, users and root are kept per
/// instance in memory with a real guest's not_found / already_exists answers (<see cref="SimulatedEngine"/>), so that
/// the control plane and its API can be measured and tested without engines.
/// </summary>
public sealed class SimulatedGuestClient : IGuestClient
{
    readonly ConcurrentDictionary<Guid, SimulatedEngine> _engines = new();

    public Task<JsonElement> CallAsync(Guid instanceId, string method, object? args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var json = GuestJson.Default;
        var engine = _engines.GetOrAdd(instanceId, _ => new SimulatedEngine());
        var arguments = GuestArguments.ToJson(args);
        return Task.FromResult(method switch
        {
            GuestMethods.Prepare => Prepare(engine, Read(arguments, json.PrepareArgs)),
            GuestMethods.RpcPing => JsonSerializer.SerializeToElement(new PingResult(true, "simulated"), json.PingResult),
            GuestMethods.GetVolumeInfo => JsonSerializer.SerializeToElement(new VolumeInfo(0, 0), json.VolumeInfo),
            GuestMethods.GetDiagnostics => JsonSerializer.SerializeToElement(new Diagnostics("simulated", 0, 0, 0, 0, 0, 0), json.Diagnostics),
            GuestMethods.ListDatabases => JsonSerializer.SerializeToElement(engine.ListDatabases(), json.DatabaseList),
            GuestMethods.CreateDatabase => Done(() => engine.CreateDatabases(Read(arguments, json.CreateDatabasesArgs).Databases)),
            GuestMethods.DeleteDatabase => Done(() => engine.DeleteDatabase(Read(arguments, json.DatabaseRef).Name)),
            GuestMethods.ListUsers => JsonSerializer.SerializeToElement(engine.ListUsers(), json.UserList),
            GuestMethods.CreateUser => Done(() => engine.CreateUsers(Read(arguments, json.CreateUsersArgs).Users)),
            GuestMethods.DeleteUser => Done(() => engine.DeleteUser(Read(arguments, json.UserRef))),
            GuestMethods.ChangePasswords => Done(() => engine.ChangePasswords(Read(arguments, json.ChangePasswordsArgs).Users)),
            GuestMethods.UpdateAttributes => Done(() => engine.UpdateUser(Read(arguments, json.UpdateUserArgs))),
            GuestMethods.GrantAccess => Done(() => { var grant = Read(arguments, json.GrantAccessArgs); engine.Grant(grant.User, grant.Databases); }),
            GuestMethods.RevokeAccess => Done(() => { var revoke = Read(arguments, json.RevokeAccessArgs); engine.Revoke(revoke.User, revoke.Database); }),
            GuestMethods.EnableRoot => JsonSerializer.SerializeToElement(
                engine.EnableRoot(arguments is { ValueKind: JsonValueKind.Object } ? Read(arguments, json.EnableRootArgs).Password : null), json.RootCredentials),
            GuestMethods.DisableRoot => Done(engine.DisableRoot),
            GuestMethods.IsRootEnabled => JsonSerializer.SerializeToElement(new RootStatus(engine.RootEnabled), json.RootStatus),
            _ => JsonSerializer.SerializeToElement(new { }),
        });
    }

    public Task CastAsync(Guid instanceId, string method, object? args, CancellationToken cancellationToken) => Task.CompletedTask;

    static JsonElement Prepare(SimulatedEngine engine, PrepareArgs args)
    {
        engine.Prepare(args.Databases, args.Users);
        return JsonSerializer.SerializeToElement(new PrepareResult("simulated"), GuestJson.Default.PrepareResult);
    }

    static JsonElement Done(Action work)
    {
        work();
        return JsonSerializer.SerializeToElement(new { });
    }

    static T Read<T>(JsonElement? arguments, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        arguments is { } element && element.Deserialize(type) is { } value
            ? value
            : throw new GuestCallFailedException(GuestErrorTypes.BadArguments, $"arguments of type {typeof(T).Name} are required");
}
