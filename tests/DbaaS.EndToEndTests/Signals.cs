using System.Runtime.InteropServices;

namespace DbaaS.EndToEndTests;

/// <summary>POSIX signals to a process by id, which .NET only offers for SIGKILL.</summary>
public static class Signals
{
    public const int Kill = 9;
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    /// <returns>false when there is no such process (any more).</returns>
    public static bool Send(int pid, int signal) => SendSignal(pid, signal) == 0;

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    static extern int SendSignal(int pid, int signal);
}
