using DbaaS.Contracts.Guest;

namespace DbaaS.GuestAgent.Host;

/// <summary>Trove's get_diagnostics: the agent process's own figures from /proc/self/status (kB, counts).</summary>
public static class ProcStatus
{
    public static Diagnostics Read(string agentVersion)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            // "VmRSS:	   23412 kB" or "Threads:	12": the first number after the colon.
            var number = line[(colon + 1)..].Trim().Split(' ', 2)[0];
            if (long.TryParse(number, out var value)) values[line[..colon]] = value;
        }
        long Get(string name) => values.GetValueOrDefault(name);
        return new Diagnostics(agentVersion, Get("FDSize"), Get("VmSize"), Get("VmPeak"), Get("VmRSS"), Get("VmHWM"), Get("Threads"));
    }
}
