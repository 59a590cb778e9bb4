using System.Runtime.Versioning;
namespace DbaaS.TaskManager.Compute.Process;

/// <summary>
/// An exclusive lock held by an open file (.NET takes flock(LOCK_EX) for <see cref="FileShare.None"/> on Unix), so it
/// serializes both tasks in this process and taskmanagers in other processes; the kernel drops it if we die.
/// </summary>
[SupportedOSPlatform("linux")]
static class FileLock
{
    public static async Task<IDisposable> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException exception) when (exception is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
        }
    }
}
