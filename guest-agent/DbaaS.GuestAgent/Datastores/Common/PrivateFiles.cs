using System.Security.Cryptography;

namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>Files a plugin writes: whole (temp file + rename, so an engine never reads half a config), with a fixed mode.</summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Writes the file (given to <paramref name="owner"/>) when its content differs; returns whether it did.</summary>
    public static async Task<bool> WriteIfChangedAsync(string path, string content, string? owner, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) == content) return false;
        Write(path, content);
        if (owner is not null) await OsUsers.GiveAsync(owner, false, [path], cancellationToken);
        return true;
    }

    /// <summary>Mode 0600 from the first byte: the file never exists with wider permissions, even briefly.</summary>
    public static void Write(string path, string content)
    {
        var temporary = $"{path}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions
                   { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
            using (var writer = new StreamWriter(stream))
                writer.Write(content);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static void CreateDirectory(string path, UnixFileMode mode = OwnerOnlyDirectory)
    {
        Directory.CreateDirectory(path, mode);
        File.SetUnixFileMode(path, mode);
    }
}
