using DbaaS.Contracts.Tasks;
using MassTransit;

namespace DbaaS.TaskManager.Workflows;

// One consumer per command, each handing the task id to its workflow. A consumer that throws leaves the message
// unacknowledged, so a taskmanager that dies mid-workflow gets it again on restart (or another one does).

public sealed class CreateInstanceConsumer(CreateInstanceWorkflow workflow) : IConsumer<CreateInstance>
{
    public Task Consume(ConsumeContext<CreateInstance> context) => workflow.RunAsync(context.Message.TaskId, context.CancellationToken);
}

public sealed class DeleteInstanceConsumer(DeleteInstanceWorkflow workflow) : IConsumer<DeleteInstance>
{
    public Task Consume(ConsumeContext<DeleteInstance> context) => workflow.RunAsync(context.Message.TaskId, context.CancellationToken);
}

public sealed class RestartInstanceConsumer(RestartInstanceWorkflow workflow) : IConsumer<RestartInstance>
{
    public Task Consume(ConsumeContext<RestartInstance> context) => workflow.RunAsync(context.Message.TaskId, context.CancellationToken);
}

public sealed class ResizeInstanceVolumeConsumer(ResizeVolumeWorkflow workflow) : IConsumer<ResizeInstanceVolume>
{
    public Task Consume(ConsumeContext<ResizeInstanceVolume> context) => workflow.RunAsync(context.Message.TaskId, context.CancellationToken);
}

public sealed class ResizeInstanceFlavorConsumer(ResizeFlavorWorkflow workflow) : IConsumer<ResizeInstanceFlavor>
{
    public Task Consume(ConsumeContext<ResizeInstanceFlavor> context) => workflow.RunAsync(context.Message.TaskId, context.CancellationToken);
}

public sealed class StopInstanceConsumer(StopInstanceWorkflow workflow) : IConsumer<StopInstance>
{
    public Task Consume(ConsumeContext<StopInstance> context) => workflow.RunAsync(context.Message.TaskId, context.CancellationToken);
}

public sealed class RebootInstanceConsumer(RebootInstanceWorkflow workflow) : IConsumer<RebootInstance>
{
    public Task Consume(ConsumeContext<RebootInstance> context) => workflow.RunAsync(context.Message.TaskId, context.CancellationToken);
}
