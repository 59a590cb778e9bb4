using System.Diagnostics;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestPlugins.Tests.Common;

public sealed class ProcFsTests : IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("dbaas-gp-procfs-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Real_path_resolves_symlinks_anywhere_in_the_path()
    {
        var target = Directory.CreateDirectory(Path.Combine(root, "real", "data")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(root, "link"), "real");

        Assert.Equal(ProcFs.RealPath(target), ProcFs.RealPath(Path.Combine(root, "link", "data")));
        Assert.Equal(ProcFs.RealPath(target), ProcFs.RealPath(Path.Combine(root, "link", "..", "real", "data")));
    }

    [Fact]
    public void Our_own_process_is_alive_with_its_binary_and_working_directory()
    {
        var self = Environment.ProcessId;

        Assert.True(ProcFs.IsAlive(self));
        Assert.Equal(ProcFs.RealPath(Environment.ProcessPath!), ProcFs.Executable(self));
        Assert.Equal(ProcFs.RealPath(Environment.CurrentDirectory), ProcFs.WorkingDirectory(self));
    }

    [Fact]
    public async Task A_process_that_exited_is_not_alive()
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/true"))!;
        await process.WaitForExitAsync();

        Assert.False(ProcFs.IsAlive(process.Id));
        Assert.Null(ProcFs.Executable(process.Id));
    }

    [Theory]
    [InlineData("1234\n", 1234)]
    [InlineData("  77  \n/data\n1700000000\n", 77)]
    [InlineData("", null)]
    [InlineData("not a pid\n", null)]
    [InlineData("-5\n", null)]
    public void Pid_files_are_read_from_their_first_line(string content, int? expected)
    {
        var path = Path.Combine(root, "engine.pid");
        File.WriteAllText(path, content);

        Assert.Equal(expected, ProcFs.ReadPidFile(path));
    }

    [Fact]
    public void A_missing_pid_file_names_no_process() => Assert.Null(ProcFs.ReadPidFile(Path.Combine(root, "absent.pid")));

    [Fact]
    public async Task Identity_tells_the_engine_on_our_data_directory_from_the_same_binary_elsewhere()
    {
        var ours = Directory.CreateDirectory(Path.Combine(root, "ours")).FullName;
        var theirs = Directory.CreateDirectory(Path.Combine(root, "theirs")).FullName;
        var sleep = Executables.Require("sleep", "coreutils");
        var engine = EngineProcess.Launch(new EngineCommand(sleep, ["30"], null, theirs), new EngineIdentity(sleep, theirs), Path.Combine(root, "console.log"));
        try
        {
            Assert.True(new EngineIdentity(sleep, theirs).Matches(engine.Pid));
            Assert.False(new EngineIdentity(sleep, ours).Matches(engine.Pid));
            Assert.False(new EngineIdentity("/bin/true", theirs).Matches(engine.Pid));
        }
        finally
        {
            engine.Signal(ProcFs.SigKill);
            Assert.True(await engine.WaitForExitAsync(TimeSpan.FromMinutes(1), CancellationToken.None));
        }
    }
}
