using System.Collections.Concurrent;
using DbaaS.GuestAgent.Datastores;

namespace DbaaS.GuestPlugins.Tests.Infrastructure;

/// <summary>The host's log, for tests: kept in memory (to assert no secret is logged) and echoed to the test output.</summary>
public sealed class TestLog(ITestOutputHelper? output = null) : IGuestLog
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Info(string message) => Add("info", message);
    public void Warn(string message) => Add("warn", message);
    public void Error(string message, Exception? exception = null) => Add("error", $"{message} {exception?.Message}");

    void Add(string level, string message)
    {
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {level} {message}";
        Lines.Enqueue(line);
        try
        {
            output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test already finished (a background log line); the line stays in Lines.
        }
    }
}
