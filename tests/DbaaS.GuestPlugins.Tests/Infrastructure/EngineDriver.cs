using DbaaS.Contracts.Guest;

namespace DbaaS.GuestPlugins.Tests.Infrastructure;

/// <summary>What the shared scenarios need from an engine, done the way a tenant would: its own client, as the user, over TCP.</summary>
public abstract class EngineDriver(TestInstance instance)
{
    public const string Database = "appdb";
    public const string User = "app";
    public const string Password = "app-Secret-7f3a";

    public TestInstance Instance { get; } = instance;

    /// <summary>Part of the version string the engine reports (e.g. "10.11.").</summary>
    public abstract string VersionFragment { get; }

    public virtual PrepareArgs PrepareArgs(int memoryMb) =>
        new(memoryMb, 1, [new DatabaseSpec(Database)], [new UserSpec(User, Password, null, [Database])]);

    /// <summary>Creates the table (or key space) if needed and writes the one row the scenarios follow.</summary>
    public abstract Task WriteRowAsUserAsync(string value);

    /// <summary>The row's value, read as the user over TCP.</summary>
    public abstract Task<string> ReadRowAsUserAsync();

    /// <summary>The memory setting the flavor controls, as the running engine reports it, in bytes.</summary>
    public abstract Task<long> MemorySettingAsync();

    public abstract long ExpectedMemorySetting(int memoryMb);
}
