using Npgsql;

namespace DbaaS.Core.Data;

/// <summary>
/// Tells every server process (through PostgreSQL NOTIFY) that something they cache changed: a token was revoked,
/// a user's access changed, the catalog was edited. Caches stay correct across API replicas without polling.
/// </summary>
public sealed class ChangeNotifier(NpgsqlDataSource dataSource, ChangeListenerHub hub)
{
    public const string Channel = "dbaas_changes";

    public static string TokenRevoked(string tokenHash) => "token:" + tokenHash;
    public static string UserChanged(string userId) => "user:" + userId;
    public const string CatalogChanged = "catalog";

    public async Task NotifyAsync(string payload, CancellationToken cancellationToken)
    {
        // This process learns at once; the others through NOTIFY.
        hub.Dispatch(payload);
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Fans change payloads out to the in-process caches that registered for them.</summary>
public sealed class ChangeListenerHub
{
    private readonly List<Action<string>> _handlers = [];
    private readonly List<Action> _resetHandlers = [];
    private volatile bool _listening;

    /// <summary>
    /// True while the listener holds its LISTEN: only then does every change reach the caches. A cache that must
    /// never serve a stale row (the instance read cache) reads the database instead while this is false.
    /// </summary>
    public bool Listening => _listening;

    public void ListeningStarted()
    {
        ResetAll();
        _listening = true;
    }

    public void ListeningStopped()
    {
        _listening = false;
        ResetAll();
    }

    public void Subscribe(Action<string> onChange, Action onMissedChanges)
    {
        lock (_handlers)
        {
            _handlers.Add(onChange);
            _resetHandlers.Add(onMissedChanges);
        }
    }

    public void Dispatch(string payload)
    {
        Action<string>[] handlers;
        lock (_handlers) handlers = [.. _handlers];
        foreach (var handler in handlers) handler(payload);
    }

    /// <summary>While the listener was disconnected, notifications may have been lost: every cache starts over.</summary>
    public void ResetAll()
    {
        Action[] handlers;
        lock (_handlers) handlers = [.. _resetHandlers];
        foreach (var handler in handlers) handler();
    }
}
