using Microsoft.OpenApi;

namespace DbaaS.Api.OpenApi;

/// <summary>Trove's management extension for instances: every project's, deleted ones, the three status sources and the guest.</summary>
public static class InstanceMgmtDocs
{
    private static readonly ErrorDoc NoInstance = new(404, "Instance 7de1bed8-6983-4d46-9a52-0abfbb0d27a2 could not be found.",
        "No instance with this id, in any project.");

    private static readonly ErrorDoc GuestSilent = new(422,
        "Instance 0f4b7d8e-2c61-4a3d-9b2e-6d1c5a7e8f90 is deleted; it has no guest.",
        "The instance is deleted, or its guest agent did not answer within 10 seconds or answered with an error.");

    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new("GET /v1.0/{tenant_id}/mgmt/instances")
        {
            Response = Instances,
            Query =
            [
                new("deleted", "true: only deleted instances; false: only those not deleted; left out: both.", Type: JsonSchemaType.Boolean),
                new("project_id", "Only this project's instances."),
                .. InstanceDocs.Paging,
            ],
            Errors = [InstanceDocs.BadPage],
            Description = "Every project's instances, oldest first, a page at a time, in the management view: the detail view plus the " +
                          "project (tenant_id), deletion, the service status the guest reports, the server the compute driver reports, " +
                          "and the engine's own version. The next link keeps the filters.",
        },
        new("GET /v1.0/{tenant_id}/mgmt/instances/{instance_id}")
        {
            Response = Shown,
            ResponseVariants = [new("A failed build: the fault, and the task that failed", ShownFailed)],
            Description = "The management view of one instance, deleted or not, with its last 20 tasks (newest first): each action's " +
                          "kind, state (pending, running, succeeded, failed), the step it reached, attempts and failure message.",
            Errors = [NoInstance],
        },
        new("POST /v1.0/{tenant_id}/mgmt/instances/{instance_id}/action")
        {
            Request = Stop, Status = 202,
            RequestVariants = [new("Reboot the server", Reboot), new("Reset the task status", ResetTaskStatus)],
            Description =
                "One action per body. stop: the guest stops the database and keeps it stopped (status SHUTDOWN) until a restart. " +
                "reboot: the compute driver restarts the server (the guest agent), which starts the database again unless it was " +
                "stopped. reset-task-status: forget the task in progress (a stuck build or action) and keep the service status as the " +
                "guest reported it. stop and reboot run in the background, one action at a time.",
            Errors =
            [
                new(400, "Unknown action 'migrate'; known actions: stop, reboot, reset-task-status.",
                    "Not exactly one known action (stop, reboot, reset-task-status), or a field in it."),
                NoInstance,
                new(409, "Instance 7de1bed8-6983-4d46-9a52-0abfbb0d27a2 is busy (REBOOTING); try again when that has finished.",
                    "stop or reboot while the instance is busy with another action."),
                new(422, "Instance b76a6a76-748b-4064-adec-4c9e6c9abd68 failed to build (BUILDING_ERROR_SERVER); it can only be deleted.",
                    "stop or reboot of an instance whose build failed."),
            ],
        },
        new("GET /v1.0/{tenant_id}/mgmt/instances/{instance_id}/rpc_ping")
        {
            Response = Ping,
            Description = "Calls the guest agent over RabbitMQ and answers with its reply and the round trip in milliseconds.",
            Errors = [NoInstance, GuestSilent],
        },
        new("GET /v1.0/{tenant_id}/mgmt/instances/{instance_id}/diagnostics")
        {
            Response = Diagnostics,
            Description = "The guest agent's process figures, as Trove's get_diagnostics: its version, open file descriptors (fd_size), " +
                          "virtual memory and its peak, resident memory and its peak (kB), and threads.",
            Errors = [NoInstance, GuestSilent],
        },
    ];

    private const string Instances = """
        {
          "instances": [
            {
              "id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2",
              "name": "shop",
              "status": "ACTIVE",
              "operating_status": "HEALTHY",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "self" },
                { "href": "https://dbaas.example.com/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "bookmark" }
              ],
              "flavor": {
                "id": "2",
                "links": [
                  { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/flavors/2", "rel": "self" },
                  { "href": "https://dbaas.example.com/flavors/2", "rel": "bookmark" }
                ]
              },
              "datastore": { "type": "mariadb", "version": "10.11", "version_number": "10.11.19" },
              "region": "RegionOne",
              "volume": { "size": 2, "used": 0.12, "used_percent": 6.09 },
              "ip": [ "127.0.0.1" ],
              "addresses": [ { "address": "127.0.0.1", "type": "private" } ],
              "hostname": "127.0.0.1",
              "port": 26417,
              "created": "2026-11-20T23:38:02",
              "updated": "2026-11-20T23:38:09",
              "service_status_updated": "2026-11-20T23:40:35",
              "tenant_id": "be1f9d94a7cf420ca744a2f877075140",
              "deleted": false,
              "deleted_at": null,
              "task_description": "No tasks for the instance.",
              "service_status": "HEALTHY",
              "encrypted_rpc_messaging": true,
              "guest_status": { "state_description": "healthy" },
              "server": {
                "id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2",
                "name": "shop",
                "status": "ACTIVE",
                "host": "127.0.0.1",
                "port": 26417,
                "tenant_id": "be1f9d94a7cf420ca744a2f877075140"
              },
              "server_id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2",
              "engine_version": "10.11.19-MariaDB-0+deb12u1"
            },
            {
              "id": "b76a6a76-748b-4064-adec-4c9e6c9abd68",
              "name": "reports",
              "status": "ERROR",
              "operating_status": "BUILD",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/instances/b76a6a76-748b-4064-adec-4c9e6c9abd68", "rel": "self" },
                { "href": "https://dbaas.example.com/instances/b76a6a76-748b-4064-adec-4c9e6c9abd68", "rel": "bookmark" }
              ],
              "flavor": {
                "id": "2",
                "links": [
                  { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/flavors/2", "rel": "self" },
                  { "href": "https://dbaas.example.com/flavors/2", "rel": "bookmark" }
                ]
              },
              "datastore": { "type": "postgresql", "version": "15", "version_number": "15.20" },
              "region": "RegionOne",
              "volume": { "size": 1 },
              "created": "2026-11-20T23:39:12",
              "updated": "2026-11-20T23:39:13",
              "service_status_updated": "2026-11-20T23:39:13",
              "fault": {
                "message": "The server for this instance could not be created.",
                "created": "2026-11-20T23:39:13",
                "details": "InvalidOperationException at step server: No free port left in 26000-26999 for a new server (1000 held by instances)."
              },
              "tenant_id": "be1f9d94a7cf420ca744a2f877075140",
              "deleted": false,
              "deleted_at": null,
              "task_description": "BUILDING_ERROR_SERVER",
              "service_status": "NEW",
              "encrypted_rpc_messaging": true,
              "guest_status": { "state_description": "new" },
              "server": {
                "id": "b76a6a76-748b-4064-adec-4c9e6c9abd68",
                "name": "reports",
                "status": "DELETED",
                "host": null,
                "port": null,
                "tenant_id": "be1f9d94a7cf420ca744a2f877075140"
              },
              "server_id": "b76a6a76-748b-4064-adec-4c9e6c9abd68",
              "engine_version": null
            },
            {
              "id": "0f4b7d8e-2c61-4a3d-9b2e-6d1c5a7e8f90",
              "name": "scratch",
              "status": "SHUTDOWN",
              "operating_status": "SHUTDOWN",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/instances/0f4b7d8e-2c61-4a3d-9b2e-6d1c5a7e8f90", "rel": "self" },
                { "href": "https://dbaas.example.com/instances/0f4b7d8e-2c61-4a3d-9b2e-6d1c5a7e8f90", "rel": "bookmark" }
              ],
              "flavor": {
                "id": "1",
                "links": [
                  { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/flavors/1", "rel": "self" },
                  { "href": "https://dbaas.example.com/flavors/1", "rel": "bookmark" }
                ]
              },
              "datastore": { "type": "redis", "version": "7.0", "version_number": "7.0.15" },
              "region": "RegionOne",
              "volume": { "size": 1 },
              "ip": [ "127.0.0.1" ],
              "addresses": [ { "address": "127.0.0.1", "type": "private" } ],
              "hostname": "127.0.0.1",
              "port": 26108,
              "created": "2026-11-20T22:10:44",
              "updated": "2026-11-20T22:31:05",
              "service_status_updated": "2026-11-20T22:31:05",
              "tenant_id": "8f7a51d4e1d74d1b8b8d86ec1dc59a11",
              "deleted": true,
              "deleted_at": "2026-11-20T22:31:05",
              "task_description": "No tasks for the instance.",
              "service_status": "SHUTDOWN",
              "encrypted_rpc_messaging": true,
              "guest_status": { "state_description": "shutdown" },
              "server": {
                "id": "0f4b7d8e-2c61-4a3d-9b2e-6d1c5a7e8f90",
                "name": "scratch",
                "status": "DELETED",
                "host": "127.0.0.1",
                "port": 26108,
                "tenant_id": "8f7a51d4e1d74d1b8b8d86ec1dc59a11"
              },
              "server_id": "0f4b7d8e-2c61-4a3d-9b2e-6d1c5a7e8f90",
              "engine_version": "7.0.15"
            }
          ],
          "links": [
            {
              "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/mgmt/instances?limit=3&marker=0f4b7d8e-2c61-4a3d-9b2e-6d1c5a7e8f90",
              "rel": "next"
            }
          ]
        }
        """;

    private const string Shown = """
        {
          "instance": {
            "id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2",
            "name": "shop",
            "status": "ACTIVE",
            "operating_status": "HEALTHY",
            "links": [
              { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "self" },
              { "href": "https://dbaas.example.com/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "bookmark" }
            ],
            "flavor": {
              "id": "2",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/flavors/2", "rel": "self" },
                { "href": "https://dbaas.example.com/flavors/2", "rel": "bookmark" }
              ]
            },
            "datastore": { "type": "mariadb", "version": "10.11", "version_number": "10.11.19" },
            "region": "RegionOne",
            "volume": { "size": 4, "used": 0.12, "used_percent": 3.05 },
            "ip": [ "127.0.0.1" ],
            "addresses": [ { "address": "127.0.0.1", "type": "private" } ],
            "hostname": "127.0.0.1",
            "port": 26417,
            "created": "2026-11-20T23:38:02",
            "updated": "2026-11-20T23:45:17",
            "service_status_updated": "2026-11-20T23:45:19",
            "tenant_id": "be1f9d94a7cf420ca744a2f877075140",
            "deleted": false,
            "deleted_at": null,
            "task_description": "No tasks for the instance.",
            "service_status": "HEALTHY",
            "encrypted_rpc_messaging": true,
            "guest_status": { "state_description": "healthy" },
            "server": {
              "id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2",
              "name": "shop",
              "status": "ACTIVE",
              "host": "127.0.0.1",
              "port": 26417,
              "tenant_id": "be1f9d94a7cf420ca744a2f877075140"
            },
            "server_id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2",
            "engine_version": "10.11.19-MariaDB-0+deb12u1",
            "tasks": [
              {
                "id": "c1e2d3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f",
                "kind": "resize_volume",
                "state": "succeeded",
                "step": "guest resize_volume",
                "attempts": 1,
                "message": null,
                "created": "2026-11-20T23:45:12",
                "updated": "2026-11-20T23:45:17",
                "finished": "2026-11-20T23:45:17"
              },
              {
                "id": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d",
                "kind": "create",
                "state": "succeeded",
                "step": "guest prepare",
                "attempts": 1,
                "message": null,
                "created": "2026-11-20T23:38:02",
                "updated": "2026-11-20T23:38:09",
                "finished": "2026-11-20T23:38:09"
              }
            ]
          }
        }
        """;

    private const string ShownFailed = """
        {
          "instance": {
            "id": "b76a6a76-748b-4064-adec-4c9e6c9abd68",
            "name": "reports",
            "status": "ERROR",
            "operating_status": "BUILD",
            "links": [
              { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/instances/b76a6a76-748b-4064-adec-4c9e6c9abd68", "rel": "self" },
              { "href": "https://dbaas.example.com/instances/b76a6a76-748b-4064-adec-4c9e6c9abd68", "rel": "bookmark" }
            ],
            "flavor": {
              "id": "2",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/8f7a51d4e1d74d1b8b8d86ec1dc59a11/flavors/2", "rel": "self" },
                { "href": "https://dbaas.example.com/flavors/2", "rel": "bookmark" }
              ]
            },
            "datastore": { "type": "postgresql", "version": "15", "version_number": "15.20" },
            "region": "RegionOne",
            "volume": { "size": 1 },
            "created": "2026-11-20T23:39:12",
            "updated": "2026-11-20T23:39:13",
            "service_status_updated": "2026-11-20T23:39:13",
            "fault": {
              "message": "The server for this instance could not be created.",
              "created": "2026-11-20T23:39:13",
              "details": "InvalidOperationException at step server: No free port left in 26000-26999 for a new server (1000 held by instances)."
            },
            "tenant_id": "be1f9d94a7cf420ca744a2f877075140",
            "deleted": false,
            "deleted_at": null,
            "task_description": "BUILDING_ERROR_SERVER",
            "service_status": "NEW",
            "encrypted_rpc_messaging": true,
            "guest_status": { "state_description": "new" },
            "server": {
              "id": "b76a6a76-748b-4064-adec-4c9e6c9abd68",
              "name": "reports",
              "status": "DELETED",
              "host": null,
              "port": null,
              "tenant_id": "be1f9d94a7cf420ca744a2f877075140"
            },
            "server_id": "b76a6a76-748b-4064-adec-4c9e6c9abd68",
            "engine_version": null,
            "tasks": [
              {
                "id": "5d0c3b1a-7e2f-4c8d-9a6b-1f0e2d3c4b5a",
                "kind": "create",
                "state": "failed",
                "step": "server",
                "attempts": 1,
                "message": "InvalidOperationException at step server: No free port left in 26000-26999 for a new server (1000 held by instances).",
                "created": "2026-11-20T23:39:12",
                "updated": "2026-11-20T23:39:13",
                "finished": "2026-11-20T23:39:13"
              }
            ]
          }
        }
        """;

    private const string Stop = """
        { "stop": {} }
        """;

    private const string Reboot = """
        { "reboot": {} }
        """;

    private const string ResetTaskStatus = """
        { "reset-task-status": {} }
        """;

    private const string Ping = """
        { "rpc_ping": { "result": { "pong": true, "agent_version": "1.0.0" }, "round_trip_ms": 17.6 } }
        """;

    private const string Diagnostics = """
        {
          "diagnostics": {
            "version": "1.0.0",
            "fd_size": 512,
            "vm_size": 52655220,
            "vm_peak": 52655232,
            "vm_rss": 73360,
            "vm_hwm": 73360,
            "threads": 17
          }
        }
        """;
}
