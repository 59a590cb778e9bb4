using DbaaS.TaskManager.Workflows;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DbaaS.TaskManager;

public static class TaskManagerRegistration
{
    /// <summary>The taskmanager's single queue: every instance command, so commands wait there for a taskmanager.</summary>
    public const string QueueName = "dbaas-taskmanager";

    /// <summary>Workflows and the build-deadline sweeper; the compute driver and guest accounts are added by their own registrations.</summary>
    public static IServiceCollection AddTaskManagerWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorkflowOptions>(configuration.GetSection(WorkflowOptions.Section));
        services.AddScoped<TaskStore>();
        services.AddScoped<BuildFailures>();
        services.AddScoped<GuestActionWorkflow>();
        services.AddScoped<CreateInstanceWorkflow>();
        services.AddSingleton<ProvisioningGate>();
        services.AddScoped<DeleteInstanceWorkflow>();
        services.AddScoped<RestartInstanceWorkflow>();
        services.AddScoped<RebootInstanceWorkflow>();
        services.AddScoped<StopInstanceWorkflow>();
        services.AddScoped<ResizeVolumeWorkflow>();
        services.AddScoped<ResizeFlavorWorkflow>();
        services.AddHostedService<BuildDeadlineSweeper>();
        return services;
    }

    public static void AddTaskManagerConsumers(this IBusRegistrationConfigurator bus, IConfiguration configuration)
    {
        var concurrency = configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>()?.ConcurrentWorkflows ?? new WorkflowOptions().ConcurrentWorkflows;
        void OnTaskManagerQueue(IEndpointRegistrationConfigurator e)
        {
            e.Name = QueueName;
            e.ConcurrentMessageLimit = concurrency;
            e.PrefetchCount = concurrency * 2;
        }
        bus.AddConsumer<CreateInstanceConsumer>().Endpoint(OnTaskManagerQueue);
        bus.AddConsumer<DeleteInstanceConsumer>().Endpoint(OnTaskManagerQueue);
        bus.AddConsumer<RestartInstanceConsumer>().Endpoint(OnTaskManagerQueue);
        bus.AddConsumer<ResizeInstanceVolumeConsumer>().Endpoint(OnTaskManagerQueue);
        bus.AddConsumer<ResizeInstanceFlavorConsumer>().Endpoint(OnTaskManagerQueue);
        bus.AddConsumer<StopInstanceConsumer>().Endpoint(OnTaskManagerQueue);
        bus.AddConsumer<RebootInstanceConsumer>().Endpoint(OnTaskManagerQueue);
    }
}
