namespace DbaaS.Core.Guests;

/// <summary>
/// The control plane's own RabbitMQ account, bound from <c>Messaging:RabbitMq</c> (the same section MassTransit
/// uses). Guests never get these credentials: each has its own account (see <c>IGuestAccounts</c>).
/// </summary>
public sealed class GuestBrokerOptions
{
    public const string Section = "Messaging:RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "";
    public int ManagementPort { get; set; } = 15672;

    /// <summary>The broker address as the guests see it, when it differs from ours (containers, other hosts).</summary>
    public string? GuestHost { get; set; }
    public int? GuestPort { get; set; }
}
