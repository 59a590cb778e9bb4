using System.Collections.Concurrent;
using DbaaS.GuestAgent.Datastores;

namespace DbaaS.GuestAgent.Tests.Infrastructure;

/// <summary>Keeps the agent's log lines so a test can read what it said (and check what it never says).</summary>
public sealed class RecordingLog : IGuestLog
{
    readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public string Text => string.Join('\n', _lines);

    public void Info(string message) => _lines.Enqueue($"info {message}");

    public void Warn(string message) => _lines.Enqueue($"warn {message}");

    public void Error(string message, Exception? exception = null) =>
        _lines.Enqueue($"error {message}{(exception is null ? "" : $" | {exception}")}");
}
