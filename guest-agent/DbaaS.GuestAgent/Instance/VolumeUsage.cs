namespace DbaaS.GuestAgent.Instance;

/// <summary>What the data directory (the "volume") holds: the total size of its files, as <c>du --apparent-size</c>.</summary>
public static class VolumeUsage
{
    const long BytesPerGb = 1L << 30;

    static readonly EnumerationOptions EveryFile = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        // Never follow a symlinked directory out of the volume (or round in a loop).
        AttributesToSkip = FileAttributes.ReparsePoint,
    };

    public static long UsedBytes(string dataDir)
    {
        if (!Directory.Exists(dataDir)) return 0;
        long total = 0;
        try
        {
            foreach (var file in new DirectoryInfo(dataDir).EnumerateFiles("*", EveryFile))
                total += file.Length;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A file or directory the engine removed while we walked: the sum so far is close enough.
        }
        return total;
    }

    public static long SizeBytes(int volumeSizeGb) => volumeSizeGb * BytesPerGb;
}
