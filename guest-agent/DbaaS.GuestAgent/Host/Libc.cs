using System.Runtime.InteropServices;

namespace DbaaS.GuestAgent.Host;

/// <summary>The two Linux calls .NET does not expose.</summary>
static class Libc
{
    const int PrSetChildSubreaper = 36;
    const int WaitNoHang = 1;

    [DllImport("libc", SetLastError = true)]
    static extern int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [DllImport("libc", SetLastError = true)]
    static extern int waitpid(int pid, out int status, int options);

    /// <summary>Orphaned descendants (an engine whose launcher exited) become our children instead of init's.</summary>
    public static bool SetChildSubreaper(bool on) => prctl(PrSetChildSubreaper, on ? 1u : 0u, 0, 0, 0) == 0;

    /// <summary>Reaps <paramref name="pid"/> if it has exited; true when it was reaped.</summary>
    public static bool TryReap(int pid, out int status) => waitpid(pid, out status, WaitNoHang) == pid;
}
