using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Instances;

/// <summary>
/// <c>--wait</c>: polls an instance until it is ready (ACTIVE or HEALTHY) or gone (404), printing each status
/// change once, as it is seen, on the progress stream. ERROR ends the wait with the instance's fault; so does
/// the timeout, which only stops the waiting, not the operation.
/// </summary>
/// <remarks>
/// The service records an action's task before it answers 202 (as Trove does), so the first poll already
/// shows REBOOT or RESIZE and an ACTIVE seen afterwards means the action is done, not that it has not begun.
/// </remarks>
internal sealed class InstanceWatch(ApiClient api, CommandRun run, TimeSpan timeout)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(0.5);

    private const string ErrorStatus = "ERROR";
    private static readonly string[] ReadyStatuses = ["ACTIVE", "HEALTHY"];

    /// <param name="before">The instance as it was before the operation; its status decides whether ERROR is news.</param>
    public async Task<JsonObject> UntilReadyAsync(JsonObject before) =>
        (await WatchAsync(before, untilGone: false))!;

    public Task UntilGoneAsync(JsonObject before) => WatchAsync(before, untilGone: true);

    private async Task<JsonObject?> WatchAsync(JsonObject before, bool untilGone)
    {
        var id = InstanceLookup.IdOf(before);
        var label = InstanceDisplay.Label(before);
        // An instance deleted while already in ERROR keeps showing ERROR until it is gone; only a change to ERROR is a failure.
        var errorIsFailure = before.Text("status") != ErrorStatus;
        var goal = untilGone ? "is deleted" : "is ACTIVE";
        await SayAsync($"Waiting up to {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s until instance {label} {goal}.");

        var started = run.Time.GetTimestamp();
        string? lastShown = null;
        while (true)
        {
            var instance = await PollAsync(id, untilGone);
            var elapsed = run.Time.GetElapsedTime(started);
            if (instance is null)
            {
                await ReportAsync(elapsed, "DELETED", operatingStatus: null);
                return null;
            }

            var status = instance.Text("status") ?? "UNKNOWN";
            if (status != lastShown)
            {
                await ReportAsync(elapsed, status, instance.Text("operating_status"));
                lastShown = status;
            }
            if (!untilGone && ReadyStatuses.Contains(status))
            {
                return instance;
            }
            if (status == ErrorStatus && errorIsFailure)
            {
                throw new CliError(FaultOf(instance, label));
            }
            if (elapsed >= timeout)
            {
                throw new CliError(
                    $"Instance {label} is still {status} after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; " +
                    $"stopped waiting (the service carries on). See 'dbaas instance show {id}'.");
            }
            await Task.Delay(PollInterval, run.Time, run.Cancellation);
        }
    }

    private async Task<JsonObject?> PollAsync(string id, bool goneIsTheGoal)
    {
        try
        {
            return await InstanceLookup.GetAsync(api, id, run.Cancellation);
        }
        catch (ApiException notFound) when (goneIsTheGoal && notFound.StatusCode == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string FaultOf(JsonObject instance, string label) =>
        (instance["fault"] as JsonObject)?.Text("message") is { Length: > 0 } message
            ? $"Instance {label} went to ERROR: {message}"
            : $"Instance {label} went to ERROR; the service recorded no fault message.";

    private Task ReportAsync(TimeSpan elapsed, string status, string? operatingStatus)
    {
        var clock = run.Time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var detail = operatingStatus is { Length: > 0 } && operatingStatus != status ? $" ({operatingStatus})" : "";
        return SayAsync($"{clock}  +{Elapsed(elapsed)}  {status}{detail}");
    }

    private async Task SayAsync(string line)
    {
        await run.Progress.WriteLineAsync(line);
        // Live means live: a redirected stderr must not hold the line back until the wait ends.
        await run.Progress.FlushAsync(run.Cancellation);
    }

    private static string Elapsed(TimeSpan elapsed) => elapsed.TotalMinutes < 1
        ? elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : $"{(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s";
}
