using System.Security.Cryptography;
using System.Text;

namespace DbaaS.Core.Identity;

public static class TokenHashing
{
    /// <summary>A new opaque token: 256 random bits, URL-safe. The prefix lets secret scanners spot a leaked one.</summary>
    public static string NewToken() =>
        "dbaas_" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Enough to correlate log lines about one token without revealing it.</summary>
    public static string LogId(string tokenHash) => tokenHash[..Math.Min(12, tokenHash.Length)];

    public static string NewId() => Guid.NewGuid().ToString("N");

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
