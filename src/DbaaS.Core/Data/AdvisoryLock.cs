using Npgsql;

namespace DbaaS.Core.Data;

/// <summary>A PostgreSQL session advisory lock, held on its own connection until disposed: how servers take turns.</summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key)
    {
        Connection = connection;
        _key = key;
    }

    /// <summary>The connection holding the lock; work done on it is done under the lock.</summary>
    public NpgsqlConnection Connection { get; }

    public static async Task<AdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, long key, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", connection);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({_key})", Connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            // Closing the session releases the lock even if the unlock itself failed.
            await Connection.DisposeAsync();
        }
    }
}
