using System.Net;
using System.Net.Sockets;

namespace DbaaS.GuestPlugins.Tests.Infrastructure;

public static class Network
{
    /// <summary>
    /// A free port below the ephemeral range (32768+), where the kernel's own client ports cannot take it between
    /// our check and the engine's bind. Random, so parallel test runs of other helpers rarely meet.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken; try another
            }
        }
        throw new InvalidOperationException("no free port found in 20000-32000");
    }

    public static bool IsOpen(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
