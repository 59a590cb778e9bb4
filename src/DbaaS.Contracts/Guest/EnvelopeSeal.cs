using System.Security.Cryptography;
using System.Text;

namespace DbaaS.Contracts.Guest;

/// <summary>
/// AES-256-GCM under the instance key. Wire form: nonce (12) | ciphertext | tag (16). The instance id is the
/// associated data, so a body sealed for one instance does not open as another's even under a shared key.
/// </summary>
public static class EnvelopeSeal
{
    public const int KeySize = 32;
    const int NonceSize = 12;
    const int TagSize = 16;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeySize);

    public static int SealedLength(int plaintextLength) => NonceSize + plaintextLength + TagSize;

    public static byte[] Seal(ReadOnlySpan<byte> key, string instanceId, ReadOnlySpan<byte> plaintext)
    {
        var sealedBody = new byte[SealedLength(plaintext.Length)];
        var nonce = sealedBody.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBody.AsSpan(NonceSize, plaintext.Length),
            sealedBody.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(instanceId));
        return sealedBody;
    }

    /// <exception cref="EnvelopeRejectedException">Too short, tampered with, or sealed under another key or instance.</exception>
    public static byte[] Open(ReadOnlySpan<byte> key, string instanceId, ReadOnlySpan<byte> sealedBody)
    {
        if (sealedBody.Length < NonceSize + TagSize)
            throw new EnvelopeRejectedException("message too short to be a sealed envelope");
        var plaintext = new byte[sealedBody.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBody[..NonceSize], sealedBody.Slice(NonceSize, plaintext.Length),
                sealedBody[^TagSize..], plaintext, Encoding.UTF8.GetBytes(instanceId));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new EnvelopeRejectedException("envelope does not open under this instance's key");
        }
        return plaintext;
    }
}

public sealed class EnvelopeRejectedException(string message) : Exception(message);
