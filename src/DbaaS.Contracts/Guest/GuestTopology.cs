namespace DbaaS.Contracts.Guest;

/// <summary>
/// Names on the broker shared by the control plane and every guest (DESIGN §4). A guest's RabbitMQ user may read
/// only <see cref="QueueFor"/> and write only to <see cref="ConductorExchange"/> and <see cref="RepliesExchange"/>.
/// </summary>
public static class GuestTopology
{
    /// <summary>Direct exchange, control plane → guest; routing key = instance id.</summary>
    public const string GuestExchange = "dbaas.guest";
    /// <summary>Direct exchange, guest → conductor (heartbeats and reports); routing key <see cref="ReportsRoutingKey"/>.</summary>
    public const string ConductorExchange = "dbaas.conductor";
    public const string ReportsRoutingKey = "reports";
    /// <summary>The conductor's durable queue, bound to <see cref="ConductorExchange"/>.</summary>
    public const string ConductorQueue = "dbaas.conductor.reports";
    /// <summary>Direct exchange, guest → caller (answers to calls); routing key = the call's <c>reply_to</c>.</summary>
    public const string RepliesExchange = "dbaas.replies";

    const string UserPrefix = "guest-";

    public static string QueueFor(string instanceId) => $"guest.{instanceId}";

    /// <summary>The guest's RabbitMQ user; RabbitMQ checks it against the AMQP <c>user_id</c> of each message.</summary>
    public static string UserFor(string instanceId) => UserPrefix + instanceId;

    /// <summary>The instance a message's verified <c>user_id</c> speaks for, or null when it is not a guest user.</summary>
    public static string? InstanceIdFromUser(string? userId) =>
        userId is not null && userId.StartsWith(UserPrefix, StringComparison.Ordinal) && userId.Length > UserPrefix.Length
            ? userId[UserPrefix.Length..]
            : null;
}
