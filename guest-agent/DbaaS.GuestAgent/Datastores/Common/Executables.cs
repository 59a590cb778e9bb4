namespace DbaaS.GuestAgent.Datastores.Common;

/// <summary>Finds an engine's binaries: PATH first, then the sbin directories a non-root PATH often lacks.</summary>
public static class Executables
{
    static readonly string[] ExtraDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static string? Find(string name, params string[] preferredDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(':', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return preferredDirectories.Concat(path).Concat(ExtraDirectories)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(candidate => File.Exists(candidate) && (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0);
    }

    /// <exception cref="EngineException">Not installed: the message names the package that brings it.</exception>
    public static string Require(string name, string package, params string[] preferredDirectories) =>
        Find(name, preferredDirectories)
        ?? throw new EngineException($"{name} was not found on PATH or in the sbin directories: is the {package} package installed?");
}
