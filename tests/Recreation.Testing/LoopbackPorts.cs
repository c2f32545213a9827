using System.Net;
using System.Net.Sockets;

namespace Recreation.Testing;

/// <summary>Ports on 127.0.0.1 for specs that need a connection refused.</summary>
public static class LoopbackPorts
{
    /// <summary>A port that was free a moment ago and has no listener: connecting to it is refused.</summary>
    public static int Closed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}