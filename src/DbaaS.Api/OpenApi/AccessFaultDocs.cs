namespace DbaaS.Api.OpenApi;

/// <summary>Faults every database, user and root route shares: they all go to an ACTIVE instance's guest.</summary>
internal static class AccessFaultDocs
{
    public const string InstanceId = "7de1bed8-6983-4d46-9a52-0abfbb0d27a2";

    public static readonly ErrorDoc NotActive = new(422,
        $"Instance {InstanceId} is not ready: its status is BUILD, it must be ACTIVE.",
        "The instance is not ACTIVE (building, resizing, rebooting, shut down or failed); the message says its status.");

    public static readonly ErrorDoc GuestFailed = new(500,
        $"Instance {InstanceId} could not do create_database: the engine refused: disk full.",
        "The guest agent tried and failed; the message carries its reason. (Any other unexpected error names a request id.)");

    public static readonly ErrorDoc GuestSilent = new(503,
        $"The guest agent of instance {InstanceId} did not answer list_databases within 30 seconds; try again shortly.",
        "The instance's guest agent did not answer within Access:GuestCallTimeoutSeconds (30 s by default).");

    public static readonly ParamDoc[] Paging =
    [
        new("limit", "At most this many items on the page (default Access:DefaultPageSize, 20; capped at Access:MaxPageSize, 1000).",
            Type: Microsoft.OpenApi.JsonSchemaType.Integer),
        new("marker", "The last item of the previous page, as the next link carries it: a name (users of MySQL and MariaDB: name@host)."),
    ];

    public static ErrorDoc NotFound(string message, string when) => new(404, message, when);

    public static ErrorDoc BadRequest(string message, string when) => new(400, message, when);
}
