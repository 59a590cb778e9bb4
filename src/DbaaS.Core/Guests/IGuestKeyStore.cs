namespace DbaaS.Core.Guests;

/// <summary>The AES-256-GCM key sealing an instance's guest messages (instances.guest_key).</summary>
public interface IGuestKeyStore
{
    /// <returns>null when there is no such instance.</returns>
    ValueTask<byte[]?> GetKeyAsync(Guid instanceId, CancellationToken cancellationToken);
}
