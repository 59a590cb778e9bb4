using DbaaS.Core.Guests;
using DbaaS.TaskManager.Compute.Process;
using DbaaS.TaskManager.Compute.Simulated;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DbaaS.TaskManager.Compute;

public static class ComputeRegistration
{
    /// <summary>
    /// The compute driver named by <c>Compute:Driver</c>: <c>process</c> (default) runs real guests and engines on
    /// this machine; <c>simulated</c> has neither and answers guest calls itself, for control-plane benchmarks and
    /// API tests only. The guest client goes with the driver, so every role of one server agrees.
    /// </summary>
    public static IServiceCollection AddCompute(this IServiceCollection services, IConfiguration configuration, bool withDriver)
    {
        var driver = configuration["Compute:Driver"] ?? "process";
        switch (driver.ToLowerInvariant())
        {
            case "process":
                services.AddGuestClient(configuration);
                if (!withDriver) break;
                if (!OperatingSystem.IsLinux())
                    throw new PlatformNotSupportedException("The process compute driver runs on Linux only; use Compute:Driver=simulated elsewhere.");
                services.AddProcessCompute(configuration);
                break;
            case "simulated":
                services.TryAddSingleton<IGuestClient, SimulatedGuestClient>();
                if (withDriver) services.TryAddSingleton<IComputeDriver, SimulatedComputeDriver>();
                break;
            default:
                throw new InvalidOperationException($"Compute:Driver '{driver}' is unknown; expected process or simulated.");
        }
        return services;
    }
}
