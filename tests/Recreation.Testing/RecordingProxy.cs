using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Recreation.Testing;

/// <summary>
/// A loopback HTTP proxy that serves nothing: it records the first line of every request made
/// through it (<c>GET http://host/path HTTP/1.1</c>, <c>CONNECT host:443 HTTP/1.1</c>) and closes
/// the connection. A browser pointed at it can reach nothing, and the test can see what it tried.
/// </summary>
public sealed class RecordingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _accepting;

    public RecordingProxy()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public string Origin => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The first line of every request so far, in order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RecordAsync(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task RecordAsync(TcpClient client)
    {
        using (client)
        {
            var line = new StringBuilder();
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var stream = client.GetStream();
                var one = new byte[1];
                while (line.Length < 2048 && await stream.ReadAsync(one, timeout.Token) == 1 && one[0] != '\n')
                {
                    line.Append((char)one[0]);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // Whatever arrived is recorded below.
            }

            _requests.Enqueue(line.Length == 0 ? "(connection without a request line)" : line.ToString().TrimEnd('\r'));
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _accepting.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}