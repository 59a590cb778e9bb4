using static DbaaS.Api.OpenApi.AccessFaultDocs;

namespace DbaaS.Api.OpenApi;

/// <summary>The root user of an instance (Trove's root extension), and who enabled it (management).</summary>
public static class RootDocs
{
    private const string Path = "/v1.0/{tenant_id}/instances/{instance_id}/root";

    private static readonly ErrorDoc NoInstance = NotFound($"Instance {InstanceId} could not be found.", "No such instance in this project.");

    private static readonly ErrorDoc[] Shared = [NoInstance, NotActive, GuestFailed, GuestSilent];

    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new($"GET {Path}")
        {
            Response = """{ "rootEnabled": true }""",
            Description = "Whether root can log in now.",
            Errors = Shared,
        },
        new($"POST {Path}")
        {
            Request = """{ "password": "q5BXXMUMbc8XBf5kkVToKZW4Kx3Egv5VjY0P" }""",
            Response = Enabled,
            Description = "Enables root with every privilege and answers its password, once: it is not stored. The body is optional; " +
                          "without a password the guest generates a strong one. Calling it again sets a new password. Who enabled root " +
                          "and when is recorded (GET /mgmt/instances/{instance_id}/root).",
            Errors = [BadRequest("Password of user 'root' must be 1 to 128 characters long.", "The password is empty, too long or has control characters."), .. Shared],
        },
        new($"DELETE {Path}")
        {
            Status = 204,
            Description = "Disables root: it can no longer log in (204, as Trove). The record of who enabled it stays.",
            Errors = Shared,
        },
        new("GET /v1.0/{tenant_id}/mgmt/instances/{instance_id}/root")
        {
            Response = History,
            ResponseVariants = [new("Root never enabled", Never)],
            Description = "Who (the user id) last enabled root on the instance and when, as Trove's root_enabled_history; \"Never\" and " +
                          "\"Nobody\" when it never was. Any project's instance, deleted ones included.",
            Errors = [NotFound($"Instance {InstanceId} could not be found.", "No instance with this id, in any project.")],
        },
    ];

    private const string Enabled = """
        {
          "user": { "name": "root", "password": "q5BXXMUMbc8XBf5kkVToKZW4Kx3Egv5VjY0P" }
        }
        """;

    private const string History = """
        {
          "root_history": {
            "id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2",
            "enabled": "2026-11-21T09:12:44",
            "user": "0184c90c837343a78b0ce71938fd7665"
          }
        }
        """;

    private const string Never = """
        {
          "root_history": { "id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "enabled": "Never", "user": "Nobody" }
        }
        """;
}
