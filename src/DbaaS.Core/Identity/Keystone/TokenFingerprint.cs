using System.Security.Cryptography;
using System.Text;

namespace DbaaS.Core.Identity.Keystone;

/// <summary>Tokens are secrets: logs and cache keys see only their SHA-256.</summary>
internal static class TokenFingerprint
{
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Enough to correlate log lines, too short to help anyone guess the token.</summary>
    public static string ForLog(string token) => Of(token)[..8];
}
