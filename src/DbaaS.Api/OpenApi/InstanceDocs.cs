namespace DbaaS.Api.OpenApi;

/// <summary>A project's database instances: create, list, show, rename, delete, and the actions on one.</summary>
public static class InstanceDocs
{
    private static readonly ErrorDoc NoInstance = new(404, "Instance 7de1bed8-6983-4d46-9a52-0abfbb0d27a2 could not be found.",
        "No such instance in this project (or it was deleted).");

    private static readonly ErrorDoc Busy = new(409,
        "Instance 7de1bed8-6983-4d46-9a52-0abfbb0d27a2 is busy (RESIZING); try again when that has finished.",
        "The instance is busy with another action (building, deleting, rebooting, resizing): one action at a time.");

    internal static readonly ParamDoc[] Paging =
    [
        new("limit", "At most this many instances on the page (default Instances:DefaultPageSize, 20; capped at Instances:MaxPageSize, 1000).",
            Type: Microsoft.OpenApi.JsonSchemaType.Integer),
        new("marker", "The id of the last instance of the previous page, as the next link carries it."),
    ];

    internal static readonly ErrorDoc BadPage = new(400, "Marker 'f00' is not an instance of this listing.",
        "limit is not a positive integer, or marker is not an instance of this listing.");

    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new("GET /v1.0/{tenant_id}/instances")
        {
            Response = Instances, Query = Paging, Errors = [BadPage],
            Description = "The project's instances, oldest first, a page at a time; links holds a next link (the key troveclient follows) while more follow. " +
                          "ip, addresses, hostname and port (where clients connect) appear once the instance has a server.",
        },
        new("GET /v1.0/{tenant_id}/instances/detail")
        {
            Response = InstancesDetail, Query = Paging, Errors = [BadPage],
            Description = "As GET /instances, with each instance's detail view (times, volume use, the fault of a failed build).",
        },
        new("POST /v1.0/{tenant_id}/instances")
        {
            Request = Create, Response = Created,
            RequestVariants =
            [
                new("PostgreSQL, the datastore's default version", CreatePostgreSql),
                new("Redis: no databases, users are ACL users", CreateRedis),
            ],
            Description =
                "Starts building the instance and answers at once with status BUILD; it turns ACTIVE when its database is up with " +
                "the databases and users asked for, or ERROR with a fault saying why. datastore.type is required, datastore.version " +
                "defaults to the datastore's default version; volume.size is in GB (at most Instances:MaxVolumeSizeGb) and volume.type " +
                "must be null. Names and passwords are checked by the engine's rules before anything is recorded (Redis has no " +
                "databases; a user's host is for MySQL and MariaDB only). nics, availability_zone and region_name are accepted and not " +
                "used: the compute driver places the server. The quota (instances, volumes in GB, ram in MB) is taken here.",
            Errors =
            [
                new(400, "Volume size 500 GB is larger than the maximum allowed, 100 GB.",
                    "The body is malformed, or cannot be done: no datastore.type, a flavor not allowed for the version, an inactive " +
                    "version, a volume too large, a database or user name or password the engine refuses."),
                new(404, "Flavor 42 could not be found.", "The flavor, datastore or datastore version does not exist."),
                new(413, "Quota exceeded for resources: ['instances'].",
                    "Over quota (the message names the resources), or rate-limited (see GET /v1.0/{tenant_id}/limits)."),
            ],
        },
        new("GET /v1.0/{tenant_id}/instances/{instance_id}")
        {
            Response = Shown,
            ResponseVariants = [new("A failed build: status ERROR with the fault", ShownFailed)],
            Description = "The detail view. volume.used and volume.used_percent (GB, %) come from the guest's heartbeats; fault is there " +
                          "only while the status is ERROR.",
            Errors = [NoInstance],
        },
        new("PUT /v1.0/{tenant_id}/instances/{instance_id}")
        {
            Request = Rename, Status = 202,
            Description = "Renames the instance, as PATCH does.",
            Errors = [NoInstance],
        },
        new("PATCH /v1.0/{tenant_id}/instances/{instance_id}")
        {
            Request = Rename, Status = 202,
            Description = "Renames the instance (what troveclient's update --name sends).",
            Errors = [NoInstance],
        },
        new("DELETE /v1.0/{tenant_id}/instances/{instance_id}")
        {
            Status = 202,
            Description = "Deletes the instance and its data in the background: its status is SHUTDOWN while the server, its volume " +
                          "and its guest's broker account are removed; then GET answers 404 and the quota is given back. " +
                          "An instance whose build failed can always be deleted.",
            Errors = [NoInstance, Busy],
        },
        new("POST /v1.0/{tenant_id}/instances/{instance_id}/action")
        {
            Request = Restart, Status = 202,
            RequestVariants =
            [
                new("Resize to another flavor", ResizeFlavor),
                new("Grow the volume", ResizeVolume),
                new("Reset the status (admin)", ResetStatus),
            ],
            Description =
                "One action per body, done in the background: restart (the database service; status REBOOT, then ACTIVE), resize " +
                "with flavorRef (another flavor allowed for the datastore version; status RESIZE) or with volume.size (a larger size " +
                "in GB, at most Instances:MaxVolumeSizeGb), and reset_status (admin only): forget a stuck task and mark the service " +
                "UNKNOWN, so that the instance can be deleted or acted on again. A resize needs an ACTIVE instance and takes the " +
                "extra quota (ram, volumes) at once.",
            Errors =
            [
                new(400, "A resize names either flavorRef or volume.size, not both and not neither.",
                    "Not exactly one known action (restart, resize, reset_status), an unknown field, the same flavor, or a volume " +
                    "that does not grow or is too large."),
                new(403, "Policy doesn't allow instance:reset_status to be performed: admin only.",
                    "reset_status by a caller who is not an admin; or the path names another project than the token's; or the " +
                    "caller has only the reader role."),
                new(404, "Flavor 42 could not be found.", "No such instance in this project, or no such flavor."),
                Busy,
                new(413, "Quota exceeded for resources: ['volumes'].",
                    "The resize is over quota (the message names the resource), or rate-limited."),
                new(422, "Instance 7de1bed8-6983-4d46-9a52-0abfbb0d27a2 is not ready: its status is SHUTDOWN, it must be ACTIVE.",
                    "The instance cannot do it now: a resize of an instance that is not ACTIVE, or any action but delete on an " +
                    "instance whose build failed."),
            ],
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
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "self" },
                { "href": "https://dbaas.example.com/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "bookmark" }
              ],
              "flavor": {
                "id": "2",
                "links": [
                  { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/2", "rel": "self" },
                  { "href": "https://dbaas.example.com/flavors/2", "rel": "bookmark" }
                ]
              },
              "datastore": { "type": "mariadb", "version": "10.11", "version_number": "10.11.19" },
              "region": "RegionOne",
              "volume": { "size": 2 },
              "ip": [ "127.0.0.1" ],
              "addresses": [ { "address": "127.0.0.1", "type": "private" } ],
              "hostname": "127.0.0.1",
              "port": 26417
            },
            {
              "id": "3f6c0f0e-5d4a-4b9e-9a51-2c0d8e7a1b42",
              "name": "cache",
              "status": "BUILD",
              "operating_status": "BUILD",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/3f6c0f0e-5d4a-4b9e-9a51-2c0d8e7a1b42", "rel": "self" },
                { "href": "https://dbaas.example.com/instances/3f6c0f0e-5d4a-4b9e-9a51-2c0d8e7a1b42", "rel": "bookmark" }
              ],
              "flavor": {
                "id": "1",
                "links": [
                  { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/1", "rel": "self" },
                  { "href": "https://dbaas.example.com/flavors/1", "rel": "bookmark" }
                ]
              },
              "datastore": { "type": "redis", "version": "7.0", "version_number": "7.0.15" },
              "region": "RegionOne",
              "volume": { "size": 1 }
            }
          ],
          "links": [
            {
              "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances?limit=2&marker=3f6c0f0e-5d4a-4b9e-9a51-2c0d8e7a1b42",
              "rel": "next"
            }
          ]
        }
        """;

    private const string InstancesDetail = """
        {
          "instances": [
            {
              "id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2",
              "name": "shop",
              "status": "ACTIVE",
              "operating_status": "HEALTHY",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "self" },
                { "href": "https://dbaas.example.com/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "bookmark" }
              ],
              "flavor": {
                "id": "2",
                "links": [
                  { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/2", "rel": "self" },
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
              "service_status_updated": "2026-11-20T23:40:35"
            },
            {
              "id": "b76a6a76-748b-4064-adec-4c9e6c9abd68",
              "name": "reports",
              "status": "ERROR",
              "operating_status": "BUILD",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/b76a6a76-748b-4064-adec-4c9e6c9abd68", "rel": "self" },
                { "href": "https://dbaas.example.com/instances/b76a6a76-748b-4064-adec-4c9e6c9abd68", "rel": "bookmark" }
              ],
              "flavor": {
                "id": "2",
                "links": [
                  { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/2", "rel": "self" },
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
              }
            }
          ],
          "links": [
            {
              "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/detail?limit=2&marker=b76a6a76-748b-4064-adec-4c9e6c9abd68",
              "rel": "next"
            }
          ]
        }
        """;

    private const string Create = """
        {
          "instance": {
            "name": "shop",
            "flavorRef": "2",
            "volume": { "size": 2 },
            "datastore": { "type": "mariadb", "version": "10.11" },
            "databases": [
              { "name": "app", "character_set": "utf8mb4", "collate": "utf8mb4_general_ci" },
              { "name": "reports" }
            ],
            "users": [
              { "name": "app", "password": "S3cret", "databases": [ { "name": "app" }, { "name": "reports" } ] },
              { "name": "reader", "password": "An0ther-s3cret", "host": "10.0.0.%", "databases": [ { "name": "reports" } ] }
            ]
          }
        }
        """;

    private const string CreatePostgreSql = """
        {
          "instance": {
            "name": "ledger",
            "flavorRef": 2,
            "volume": { "size": 1, "type": null },
            "datastore": { "type": "postgresql" },
            "databases": [ { "name": "ledger" } ],
            "users": [ { "name": "ledger", "password": "S3cret", "databases": [ { "name": "ledger" } ] } ],
            "nics": [],
            "availability_zone": null
          }
        }
        """;

    private const string CreateRedis = """
        {
          "instance": {
            "name": "cache",
            "flavorRef": "1",
            "volume": { "size": 1 },
            "datastore": { "type": "redis", "version": "7.0" },
            "users": [ { "name": "app", "password": "S3cret" } ]
          }
        }
        """;

    private const string Created = """
        {
          "instance": {
            "id": "7de1bed8-6983-4d46-9a52-0abfbb0d27a2",
            "name": "shop",
            "status": "BUILD",
            "operating_status": "BUILD",
            "links": [
              { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "self" },
              { "href": "https://dbaas.example.com/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "bookmark" }
            ],
            "flavor": {
              "id": "2",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/2", "rel": "self" },
                { "href": "https://dbaas.example.com/flavors/2", "rel": "bookmark" }
              ]
            },
            "datastore": { "type": "mariadb", "version": "10.11", "version_number": "10.11.19" },
            "region": "RegionOne",
            "volume": { "size": 2 },
            "created": "2026-11-20T23:38:02",
            "updated": "2026-11-20T23:38:02",
            "service_status_updated": "2026-11-20T23:38:02"
          }
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
              { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "self" },
              { "href": "https://dbaas.example.com/instances/7de1bed8-6983-4d46-9a52-0abfbb0d27a2", "rel": "bookmark" }
            ],
            "flavor": {
              "id": "2",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/2", "rel": "self" },
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
            "service_status_updated": "2026-11-20T23:40:35"
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
              { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/instances/b76a6a76-748b-4064-adec-4c9e6c9abd68", "rel": "self" },
              { "href": "https://dbaas.example.com/instances/b76a6a76-748b-4064-adec-4c9e6c9abd68", "rel": "bookmark" }
            ],
            "flavor": {
              "id": "2",
              "links": [
                { "href": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140/flavors/2", "rel": "self" },
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
            }
          }
        }
        """;

    private const string Rename = """
        { "instance": { "name": "shop-eu" } }
        """;

    private const string Restart = """
        { "restart": {} }
        """;

    private const string ResizeFlavor = """
        { "resize": { "flavorRef": "3" } }
        """;

    private const string ResizeVolume = """
        { "resize": { "volume": { "size": 4 } } }
        """;

    private const string ResetStatus = """
        { "reset_status": {} }
        """;
}
