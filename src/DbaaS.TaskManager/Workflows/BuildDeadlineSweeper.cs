using DbaaS.Core.Data;
using DbaaS.Core.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DbaaS.TaskManager.Workflows;

/// <summary>
/// The backstop for builds nobody is driving any more (a command lost with its broker, a workflow that never
/// resumed): past its deadline plus a grace period in which the workflow would have ended it itself, a build
/// ends in BUILDING_ERROR_TIMEOUT_GA and its server is freed (STYLE: a deadline column plus a sweeper).
/// </summary>
public sealed class BuildDeadlineSweeper(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WorkflowOptions> options, ILogger<BuildDeadlineSweeper> log)
    : BackgroundService
{
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await SweepAsync(stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { log.LogWarning(ex, "Build deadline sweep failed"); }
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbaaSDbContext>();
        var cutoff = clock.GetUtcNow().UtcDateTime - Grace;
        var overdue = await db.Instances.AsNoTracking()
            .Where(i => !i.Deleted && i.TaskStatus == InstanceTasks.Building && i.BuildDeadline != null && i.BuildDeadline < cutoff)
            .Select(i => i.Id).Take(100).ToListAsync(cancellationToken);
        var failures = scope.ServiceProvider.GetRequiredService<BuildFailures>();
        foreach (var id in overdue)
            await failures.FailAsync(id, InstanceTasks.BuildingErrorTimeoutGuestAgent,
                "The instance did not become ready in time: the build was stopped and its server removed. Delete the instance and try again.",
                "build deadline passed with no workflow finishing it", cancellationToken);
        return overdue.Count;
    }
}
