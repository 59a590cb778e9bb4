namespace DbaaS.GuestAgent.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Waits (up to the generous <see cref="ControlPlane.Deadline"/>) for something the agent does in the background.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + ControlPlane.Deadline;
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(condition(), $"{what} did not happen before the deadline");
    }
}
