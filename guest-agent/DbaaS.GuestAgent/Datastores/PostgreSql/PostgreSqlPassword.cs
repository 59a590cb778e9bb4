using System.Security.Cryptography;
using System.Text;

namespace DbaaS.GuestAgent.Datastores.PostgreSql;

/// <summary>
/// Passwords as the agent hands them to PostgreSQL: a SCRAM-SHA-256 verifier computed here, so the plain password
/// never reaches the server, where a statement log (log_statement, or log_min_error_statement when the statement
/// fails) or pg_stat_activity could show it. The server stores a verifier it is given as it is.
/// </summary>
public static class PostgreSqlPassword
{
    /// <summary>PostgreSQL's default (scram_iterations, 4096 in 15).</summary>
    public const int Iterations = 4096;
    const int SaltBytes = 16;

    /// <summary>
    /// What goes after PASSWORD: the verifier for printable ASCII, which SASLprep (applied by the server at login)
    /// leaves unchanged. Other text would need SASLprep's Unicode tables; it is sent as it is, in a session that logs
    /// no statement (<see cref="PostgreSqlSql.QuietSession"/>), and the server hashes it.
    /// </summary>
    public static string ForServer(string password) => IsPrintableAscii(password) ? ScramVerifier(password) : password;

    public static string ScramVerifier(string password, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(SaltBytes);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    static bool IsPrintableAscii(string text) => text.All(c => c is >= ' ' and <= '~');
}
