using DbaaS.Contracts.Guest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DbaaS.Core.Guests;

public sealed class GuestKeyOptions
{
    public const string Section = "GuestKeys";

    /// <summary>
    /// 32 random bytes in base64 (<c>openssl rand -base64 32</c>) that encrypt every instance key in the database,
    /// as Trove's <c>inst_rpc_key_encr_key</c> does. The same value on every role of one deployment.
    /// </summary>
    public string? EncryptionKey { get; set; }

    public static bool TryParse(string? value, out byte[]? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(value)) return true; // not set: keys are stored as they are
        var buffer = new byte[EnvelopeSeal.KeySize];
        if (!Convert.TryFromBase64String(value.Trim(), buffer, out var written) || written != EnvelopeSeal.KeySize) return false;
        key = buffer;
        return true;
    }
}

/// <summary>
/// Instance keys at rest. With <see cref="GuestKeyOptions.EncryptionKey"/> set, a key is stored as a version byte and
/// the key sealed with AES-256-GCM under the encryption key, the instance id being the associated data: a copy of the
/// instances table alone no longer lets anyone forge or read guest messages, and a sealed key moved to another row
/// does not open. Keys stored before (32 bytes, the key itself) are still read.
/// </summary>
public sealed class GuestKeyProtector
{
    const byte SealedV1 = 1;
    static readonly int SealedLength = 1 + EnvelopeSeal.SealedLength(EnvelopeSeal.KeySize);

    readonly byte[]? _encryptionKey;

    public GuestKeyProtector(IOptions<GuestKeyOptions> options, ILogger<GuestKeyProtector> logger)
    {
        if (!GuestKeyOptions.TryParse(options.Value.EncryptionKey, out _encryptionKey))
            throw new InvalidOperationException($"{GuestKeyOptions.Section}:{nameof(GuestKeyOptions.EncryptionKey)} must be 32 bytes in base64 (openssl rand -base64 32).");
        if (_encryptionKey is null)
            logger.LogWarning("Instance keys are stored unencrypted in the database: set {Setting} to encrypt them",
                $"{GuestKeyOptions.Section}:{nameof(GuestKeyOptions.EncryptionKey)}");
    }

    public byte[] Protect(Guid instanceId, byte[] key)
    {
        if (_encryptionKey is null) return key;
        return [SealedV1, .. EnvelopeSeal.Seal(_encryptionKey, AssociatedData(instanceId), key)];
    }

    /// <exception cref="InvalidDataException">The stored value is neither a key nor a sealed key.</exception>
    /// <exception cref="InvalidOperationException">The key is sealed and no encryption key is set.</exception>
    /// <exception cref="EnvelopeRejectedException">The key was sealed under another encryption key or for another instance.</exception>
    public byte[] Unprotect(Guid instanceId, byte[] stored)
    {
        if (stored.Length == EnvelopeSeal.KeySize) return stored;
        if (stored.Length != SealedLength || stored[0] != SealedV1)
            throw new InvalidDataException($"The key of instance {instanceId} is stored in an unknown form ({stored.Length} bytes).");
        if (_encryptionKey is null)
            throw new InvalidOperationException(
                $"The key of instance {instanceId} is encrypted, but {GuestKeyOptions.Section}:{nameof(GuestKeyOptions.EncryptionKey)} is not set.");
        return EnvelopeSeal.Open(_encryptionKey, AssociatedData(instanceId), stored.AsSpan(1));
    }

    static string AssociatedData(Guid instanceId) => $"instance-key:{instanceId}";
}
