namespace DbaaS.Contracts.Tasks;

// Commands from the api (through the outbox) to the taskmanager. Each names its task row, which holds the
// arguments and the progress; a consumer that sees a task already finished does nothing (idempotent by task id).

public sealed record CreateInstance(Guid TaskId, string InstanceId);

public sealed record DeleteInstance(Guid TaskId, string InstanceId);

public sealed record RestartInstance(Guid TaskId, string InstanceId);

public sealed record ResizeInstanceVolume(Guid TaskId, string InstanceId);

public sealed record ResizeInstanceFlavor(Guid TaskId, string InstanceId);

/// <summary>Management: stop the database service (Trove's mgmt <c>stop</c>).</summary>
public sealed record StopInstance(Guid TaskId, string InstanceId);

/// <summary>Management: restart the server (the guest process and its engine).</summary>
public sealed record RebootInstance(Guid TaskId, string InstanceId);
