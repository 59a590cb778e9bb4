using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Host;
using DbaaS.GuestAgent.Instance;

namespace DbaaS.GuestAgent.Rpc;

public delegate Task<JsonElement> RpcMethod(JsonElement? args, CancellationToken cancellationToken);

/// <summary>
/// The RPC vocabulary this agent answers (<see cref="GuestMethods"/>), one line per method. Engine operations go
/// through <see cref="EngineControl"/>, one at a time; the others (ping, volume, diagnostics, resize) answer at once.
/// </summary>
public sealed class GuestRpcMethods
{
    static readonly JsonElement Done = JsonDocument.Parse("{}").RootElement.Clone();

    readonly Dictionary<string, RpcMethod> _methods;

    public GuestRpcMethods(EngineControl engine, InstanceState state, string agentVersion)
    {
        var json = GuestJson.Default;
        _methods = new(StringComparer.Ordinal)
        {
            [GuestMethods.Prepare] = async (args, ct) => JsonSerializer.SerializeToElement(
                await engine.PrepareAsync(RpcArguments.Checked(RpcArguments.Read(GuestMethods.Prepare, args, json.PrepareArgs)), ct),
                json.PrepareResult),
            [GuestMethods.Restart] = WithoutResult(engine.RestartAsync),
            [GuestMethods.StopDb] = WithoutResult(engine.StopAsync),
            [GuestMethods.StartDb] = WithoutResult(engine.StartAsync),
            [GuestMethods.ApplyFlavor] = async (args, ct) =>
            {
                var flavor = RpcArguments.Read(GuestMethods.ApplyFlavor, args, json.ApplyFlavorArgs);
                RpcArguments.Positive(GuestMethods.ApplyFlavor, "memory_mb", flavor.MemoryMb);
                await engine.ApplyFlavorAsync(flavor.MemoryMb, ct);
                return Done;
            },
            [GuestMethods.ResizeVolume] = (args, _) =>
            {
                var resize = RpcArguments.Read(GuestMethods.ResizeVolume, args, json.ResizeVolumeArgs);
                RpcArguments.Positive(GuestMethods.ResizeVolume, "size_gb", resize.SizeGb);
                state.ResizeVolume(resize.SizeGb);
                return Task.FromResult(JsonSerializer.SerializeToElement(state.Volume(), json.VolumeInfo));
            },
            [GuestMethods.GetVolumeInfo] = (_, _) =>
                Task.FromResult(JsonSerializer.SerializeToElement(state.Volume(), json.VolumeInfo)),
            [GuestMethods.RpcPing] = (_, _) =>
                Task.FromResult(JsonSerializer.SerializeToElement(new PingResult(true, agentVersion), json.PingResult)),
            [GuestMethods.GetDiagnostics] = (_, _) =>
                Task.FromResult(JsonSerializer.SerializeToElement(ProcStatus.Read(agentVersion), json.Diagnostics)),
        };
        AccessRpcMethods.AddTo(_methods, engine);
    }

    public bool TryGet(string method, out RpcMethod handler) => _methods.TryGetValue(method, out handler!);

    public IReadOnlyCollection<string> Names => _methods.Keys;

    /// <summary>A call that answers <c>{}</c> once done: a reply has exactly one of result and error.</summary>
    static RpcMethod WithoutResult(Func<CancellationToken, Task> operation) => async (_, ct) =>
    {
        await operation(ct);
        return Done;
    };
}
