namespace DbaaS.Core.Access;

/// <summary>Options of the database, user and root routes (section <c>Access</c>).</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How long a route waits for the guest's answer before it gives up with 503 (Trove's agent_call_low_timeout is 5 s; engines may take longer).</summary>
    public int GuestCallTimeoutSeconds { get; set; } = 30;

    /// <summary>Page size of database and user lists when the caller gives no limit (Trove's databases_page_size / users_page_size).</summary>
    public int DefaultPageSize { get; set; } = 20;

    public int MaxPageSize { get; set; } = 1000;
}
