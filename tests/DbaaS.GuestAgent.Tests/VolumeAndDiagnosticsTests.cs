using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Tests.Infrastructure;

namespace DbaaS.GuestAgent.Tests;

public sealed class VolumeAndDiagnosticsTests
{
    [Fact]
    public async Task Get_volume_info_sums_the_files_of_the_data_directory()
    {
        await using var guest = await TestGuest.CreateAsync();
        Directory.CreateDirectory(Path.Combine(guest.DataDir, "base", "16384"));
        await File.WriteAllBytesAsync(Path.Combine(guest.DataDir, "base", "16384", "1259"), new byte[70_000]);
        await File.WriteAllBytesAsync(Path.Combine(guest.DataDir, "PG_VERSION"), new byte[3]);
        guest.StartAgent();

        var reply = await guest.ControlPlane.CallAsync(GuestMethods.GetVolumeInfo);

        var volume = reply.Reply.Result!.Value.Deserialize(GuestJson.Default.VolumeInfo)!;
        Assert.Equal(70_003, volume.UsedBytes);
        Assert.Equal(2L << 30, volume.SizeBytes);
    }

    [Fact]
    public async Task Get_diagnostics_reports_the_agent_process_figures_from_proc()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();

        var reply = await guest.ControlPlane.CallAsync(GuestMethods.GetDiagnostics);

        var diagnostics = reply.Reply.Result!.Value.Deserialize(GuestJson.Default.Diagnostics)!;
        Assert.True(diagnostics.VmRss > 0);
        Assert.True(diagnostics.VmHwm >= diagnostics.VmRss);
        Assert.True(diagnostics.VmPeak >= diagnostics.VmSize);
        Assert.True(diagnostics.Threads > 0);
        Assert.True(diagnostics.FdSize > 0);
        Assert.False(string.IsNullOrEmpty(diagnostics.Version));
    }

    [Fact]
    public async Task The_log_never_holds_passwords_or_keys()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();

        await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare(), GuestJson.Default.PrepareArgs);
        await guest.ControlPlane.CallAsync(GuestMethods.Prepare, Requests.Prepare() with { MemoryMb = -5 }, GuestJson.Default.PrepareArgs);
        await guest.ControlPlane.CallRawAsync(guest.ControlPlane.Seal(
            new GuestEnvelope(GuestMethods.RpcPing, null, guest.InstanceId, DateTimeOffset.UtcNow, 1), EnvelopeSeal.NewKey()));

        var log = guest.Log.Text;
        Assert.Contains("prepare", log);
        Assert.DoesNotContain(Requests.UserPassword, log);
        Assert.DoesNotContain(guest.Password, log);
        Assert.DoesNotContain(Convert.ToBase64String(guest.Key), log);
    }
}
