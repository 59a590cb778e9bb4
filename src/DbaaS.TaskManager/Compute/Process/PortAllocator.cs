using System.Runtime.Versioning;
using System.Net;
using System.Net.Sockets;

namespace DbaaS.TaskManager.Compute.Process;

/// <summary>
/// A port in the range that no other instance's guest.json holds and that nothing listens on now. The caller holds
/// the state directory's allocation lock until the chosen port is written into the new guest.json.
/// </summary>
[SupportedOSPlatform("linux")]
static class PortAllocator
{
    public static int Allocate(string stateDirectory, ProcessComputeOptions options)
    {
        var taken = PortsInUse(stateDirectory);
        var count = options.PortRangeEnd - options.PortRangeStart + 1;
        if (count <= 0) throw new InvalidOperationException($"{ProcessComputeOptions.Section}: PortRangeEnd is below PortRangeStart.");
        // A random first candidate: two state directories on one host (two deployments) then rarely pick the same
        // port before either engine listens on it.
        var first = Random.Shared.Next(count);
        for (var i = 0; i < count; i++)
        {
            var port = options.PortRangeStart + (first + i) % count;
            if (!taken.Contains(port) && IsBindable(options.BindAddress, port)) return port;
        }
        throw new InvalidOperationException(
            $"No free port left in {options.PortRangeStart}-{options.PortRangeEnd} for a new server ({taken.Count} held by instances).");
    }

    static HashSet<int> PortsInUse(string stateDirectory)
    {
        var ports = new HashSet<int>();
        foreach (var path in Directory.EnumerateDirectories(stateDirectory))
        {
            if (!Guid.TryParse(Path.GetFileName(path), out var id)) continue;
            var directory = new InstanceDirectory(stateDirectory, id);
            try
            {
                if (directory.HasConfig) ports.Add(directory.ReadConfig().Port);
            }
            catch (Exception exception) when (exception is IOException or System.Text.Json.JsonException or InvalidDataException)
            {
                // Being deleted or unreadable: it holds no port we can know of.
            }
        }
        return ports;
    }

    static bool IsBindable(string address, int port)
    {
        try
        {
            var ip = IPAddress.Parse(address);
            using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(ip, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
