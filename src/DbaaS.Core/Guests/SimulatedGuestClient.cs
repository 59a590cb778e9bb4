using System.Text.Json;
using DbaaS.Contracts.Guest;

namespace DbaaS.Core.Guests;

/// <summary>
/// Answers guest calls at once without a guest, for <c>Compute:Driver=simulated</c> only (see
/// <c>SimulatedComputeDriver</c>): every engine operation "succeeds", so what is measured is the control plane.
/// </summary>
public sealed class SimulatedGuestClient : IGuestClient
{
    public Task<JsonElement> CallAsync(Guid instanceId, string method, object? args, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(method switch
        {
            GuestMethods.Prepare => JsonSerializer.SerializeToElement(new PrepareResult("simulated"), GuestJson.Default.PrepareResult),
            GuestMethods.RpcPing => JsonSerializer.SerializeToElement(new PingResult(true, "simulated"), GuestJson.Default.PingResult),
            GuestMethods.GetVolumeInfo => JsonSerializer.SerializeToElement(new VolumeInfo(0, 0), GuestJson.Default.VolumeInfo),
            GuestMethods.GetDiagnostics => JsonSerializer.SerializeToElement(new Diagnostics("simulated", 0, 0, 0, 0, 0, 0), GuestJson.Default.Diagnostics),
            _ => JsonSerializer.SerializeToElement(new { }),
        });

    public Task CastAsync(Guid instanceId, string method, object? args, CancellationToken cancellationToken) => Task.CompletedTask;
}
