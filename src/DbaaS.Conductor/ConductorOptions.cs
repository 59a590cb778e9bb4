using DbaaS.Contracts.Guest;

namespace DbaaS.Conductor;

/// <summary><c>Conductor</c>: how guest reports are taken in and when a silent guest counts as down.</summary>
public sealed class ConductorOptions
{
    public const string Section = "Conductor";

    /// <summary>
    /// The queue to consume. The default is the shared durable conductor queue (competing conductors). Any other name
    /// gets a private auto-delete queue bound to the same reports: a tap that sees every report (tests, debugging).
    /// </summary>
    public string Queue { get; set; } = GuestTopology.ConductorQueue;

    /// <summary>Unacknowledged reports in flight, and the most taken into one database round trip.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a batch waits for more reports after its first one.</summary>
    public int BatchWindowMilliseconds { get; set; } = 50;

    /// <summary>A guest whose last heartbeat is older than this turns SHUTDOWN.</summary>
    public double HeartbeatDeadlineSeconds { get; set; } = 15;

    public double SweepIntervalSeconds { get; set; } = 5;

    /// <summary>A report dated further ahead of our clock is refused: it would hide every later heartbeat as "older".</summary>
    public double MaxClockSkewSeconds { get; set; } = 300;
}
