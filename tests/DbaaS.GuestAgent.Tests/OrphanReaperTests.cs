using System.Diagnostics;
using DbaaS.GuestAgent.Host;
using DbaaS.GuestAgent.Tests.Infrastructure;

namespace DbaaS.GuestAgent.Tests;

/// <summary>Runs alone: it makes the test host itself a child subreaper for its duration.</summary>
[Collection(nameof(OrphanReaperTests))]
[CollectionDefinition(nameof(OrphanReaperTests), DisableParallelization = true)]
public sealed class OrphanReaperTests
{
    [Fact]
    public async Task An_orphaned_engine_process_is_adopted_and_reaped_while_NET_still_reaps_its_own_children()
    {
        var log = new RecordingLog();
        using (var reaper = OrphanReaper.Start(log))
        {
            Assert.NotNull(reaper);

            // The launcher exits at once, leaving its child (the "engine") an orphan, as pg_ctl does with postgres.
            var launcher = Process.Start(new ProcessStartInfo("/bin/sh")
            {
                ArgumentList = { "-c", "sleep 1 & echo $!" },
                RedirectStandardOutput = true,
            })!;
            var orphan = int.Parse((await launcher.StandardOutput.ReadLineAsync())!);
            await launcher.WaitForExitAsync();
            var adoptedBy = ParentOf(orphan);

            // Meanwhile .NET keeps reaping the processes it started itself, which the reaper must never steal.
            for (var i = 0; i < 10; i++)
            {
                using var own = Process.Start("/bin/true")!;
                await own.WaitForExitAsync();
                Assert.Equal(0, own.ExitCode);
            }

            var deadline = Stopwatch.StartNew();
            while (Directory.Exists($"/proc/{orphan}") && deadline.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(100);

            Assert.Equal(Environment.ProcessId, adoptedBy);
            Assert.False(Directory.Exists($"/proc/{orphan}"), $"orphan {orphan} is still there (a zombie nobody reaped)");
            Assert.Contains(log.Lines, line => line.Contains($"reaped orphaned process {orphan}"));
        }
    }

    static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
    }
}
