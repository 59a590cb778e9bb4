using System.Security.Cryptography;

namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>The engine administrator's password: generated once, kept 0600 in the instance directory, never logged.</summary>
public static class AdminSecret
{
    const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Letters and digits only, so it needs no quoting in any engine's option file or protocol.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 32);

    public static string LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (existing.Length > 0) return existing;
        }
        var password = Generate();
        PrivateFiles.Write(path, password);
        return password;
    }
}
