// dbaas-guest-agent --config <instance-dir>/guest.json   (or DBAAS_GUEST_CONFIG)
// Serves one database instance: RPCs from the control plane over RabbitMQ, heartbeats to the conductor.
using System.Runtime.InteropServices;
using DbaaS.GuestAgent.Agent;
using DbaaS.GuestAgent.Datastores;
using DbaaS.GuestAgent.Host;

var log = JsonLineLog.ToStandardError();
var configPath = CommandLine.ConfigPath(args) ?? Environment.GetEnvironmentVariable("DBAAS_GUEST_CONFIG");
if (string.IsNullOrEmpty(configPath))
{
    Console.Error.WriteLine("usage: dbaas-guest-agent --config <instance-dir>/guest.json (or set DBAAS_GUEST_CONFIG)");
    return 64;
}

using var stopping = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var reaper = OrphanReaper.Start(log);
try
{
    await new GuestAgent(configPath, DatastorePlugins.Create, log).RunAsync(stopping.Token);
    return 0;
}
catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
{
    log.Error($"cannot start: {exception.Message}");
    return 78; // EX_CONFIG
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true; // exit through RunAsync's orderly stop, not at once
    stopping.Cancel();
}

static class CommandLine
{
    public static string? ConfigPath(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length) return args[i + 1];
            if (args[i].StartsWith("--config=", StringComparison.Ordinal)) return args[i]["--config=".Length..];
        }
        return null;
    }
}
