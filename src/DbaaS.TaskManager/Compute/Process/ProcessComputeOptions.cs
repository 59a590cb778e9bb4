namespace DbaaS.TaskManager.Compute.Process;

/// <summary><c>Compute:Process</c>: servers as guest-agent processes on this machine (DESIGN §5).</summary>
public sealed class ProcessComputeOptions
{
    public const string Section = "Compute:Process";

    /// <summary>One directory per instance below it. Default: <c>.state/instances</c> under the working directory.</summary>
    public string? StateDirectory { get; set; }

    /// <summary>The engines' ports, inclusive.</summary>
    public int PortRangeStart { get; set; } = 26000;
    public int PortRangeEnd { get; set; } = 26999;

    /// <summary>Where clients reach the engines (the instance's hostname).</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>The address the engines listen on.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The guest-agent executable; a path ending in .dll runs as <c>dotnet &lt;dll&gt;</c>. It gets <c>--config &lt;guest.json&gt;</c>.</summary>
    public string GuestAgentCommand { get; set; } = "dbaas-guest-agent";

    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>How long the guest gets to exit on SIGTERM (it may stop its engine cleanly meanwhile).</summary>
    public double GuestStopSeconds { get; set; } = 15;

    /// <summary>How long the rest of the server's processes get after SIGTERM before SIGKILL.</summary>
    public double ProcessStopSeconds { get; set; } = 20;

    public string ResolveStateDirectory() =>
        Path.GetFullPath(StateDirectory is { Length: > 0 } configured
            ? configured
            : Path.Combine(Directory.GetCurrentDirectory(), ".state", "instances"));
}
