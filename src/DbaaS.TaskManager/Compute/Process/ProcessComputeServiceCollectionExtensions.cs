using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DbaaS.TaskManager.Compute.Process;

public static class ProcessComputeServiceCollectionExtensions
{
    /// <summary>The "process" <see cref="IComputeDriver"/> (singleton), options from <c>Compute:Process</c>.</summary>
    public static IServiceCollection AddProcessCompute(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessComputeOptions>().Bind(configuration.GetSection(ProcessComputeOptions.Section));
        services.AddSingleton<IComputeDriver>(provider => OperatingSystem.IsLinux()
            ? ActivatorUtilities.CreateInstance<ProcessComputeDriver>(provider)
            : throw new PlatformNotSupportedException("The process compute driver reads /proc: it runs on Linux only."));
        return services;
    }
}
