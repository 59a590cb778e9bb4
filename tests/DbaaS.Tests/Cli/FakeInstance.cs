using System.Text.Json.Nodes;

namespace DbaaS.Tests.Cli;

/// <summary>
/// One instance of the <see cref="FakeInstanceStore"/>. A transient status (BUILD, REBOOT, RESIZE, SHUTDOWN while
/// deleting) lasts for a number of GETs, then <see cref="Settle"/> runs, as if the service had finished its work.
/// </summary>
public sealed class FakeInstance
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string TenantId { get; set; } = FakeDbaaSServer.ProjectId;
    public string Status { get; set; } = "ACTIVE";
    public string OperatingStatus { get; set; } = "HEALTHY";
    public string Datastore { get; set; } = "mariadb";
    public string Version { get; set; } = "10.11";
    public string FlavorId { get; set; } = "1";
    public int VolumeSize { get; set; } = 1;
    public string? Hostname { get; set; } = "127.0.0.1";
    public int? Port { get; set; } = 3306;
    public string? FaultMessage { get; set; }
    public string TaskDescription { get; set; } = "No tasks for the instance.";
    public bool Deleted { get; set; }

    /// <summary>Its databases, users and root, behind /instances/{id}/databases, /users and /root.</summary>
    public FakeInstanceAccess Access { get; } = new();

    /// <summary>How many more GETs see the transient status before <see cref="Settle"/> runs.</summary>
    public int PollsLeft { get; set; }

    public Action<FakeInstance>? Settle { get; set; }

    public void Begin(string status, string operatingStatus, string task, int polls, Action<FakeInstance> settle)
    {
        Status = status;
        OperatingStatus = operatingStatus;
        TaskDescription = task;
        PollsLeft = polls;
        Settle = settle;
    }

    /// <summary>One GET passes: count it down, or let the work finish when no polls are left.</summary>
    public void Observe()
    {
        if (Settle is null)
        {
            return;
        }
        if (PollsLeft > 0)
        {
            PollsLeft--;
            return;
        }
        var settle = Settle;
        Settle = null;
        TaskDescription = "No tasks for the instance.";
        settle(this);
    }

    public void BecomeReady()
    {
        Status = "ACTIVE";
        OperatingStatus = "HEALTHY";
    }

    /// <summary>The list view: what GET /instances returns per item.</summary>
    public JsonObject ListView() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["status"] = Status,
        ["operating_status"] = OperatingStatus,
        ["datastore"] = new JsonObject { ["type"] = Datastore, ["version"] = Version },
        ["flavor"] = new JsonObject
        {
            ["id"] = FlavorId,
            ["links"] = new JsonArray(new JsonObject { ["href"] = $"https://127.0.0.1:8779/v1.0/{TenantId}/flavors/{FlavorId}", ["rel"] = "self" }),
        },
        ["volume"] = new JsonObject { ["size"] = VolumeSize },
        ["hostname"] = Hostname,
        ["port"] = Port,
        ["region"] = "RegionOne",
        ["links"] = new JsonArray(new JsonObject { ["href"] = $"https://127.0.0.1:8779/v1.0/{TenantId}/instances/{Id}", ["rel"] = "self" }),
    };

    /// <summary>The show view: the list view plus times, volume use and the fault of a failed instance.</summary>
    public JsonObject ShowView()
    {
        var view = ListView();
        view["created"] = "2026-11-01T11:59:00";
        view["updated"] = "2026-11-01T11:59:30";
        view["service_status_updated"] = "2026-11-01T11:59:45";
        view["volume"] = new JsonObject { ["size"] = VolumeSize, ["used"] = 0.12 };
        if (FaultMessage is not null)
        {
            view["fault"] = new JsonObject { ["message"] = FaultMessage, ["created"] = "2026-11-01T11:59:40", ["details"] = null };
        }
        return view;
    }

    /// <summary>The mgmt view adds the owner, the soft-delete state and the three status sources.</summary>
    public JsonObject MgmtView(bool detailed)
    {
        var view = ShowView();
        view["tenant_id"] = TenantId;
        view["deleted"] = Deleted;
        view["deleted_at"] = Deleted ? "2026-11-01T12:30:00" : null;
        view["server_id"] = "srv-" + Id;
        view["server"] = new JsonObject
        {
            ["id"] = "srv-" + Id,
            ["name"] = Name,
            ["status"] = Status == "SHUTDOWN" ? "SHUTDOWN" : "ACTIVE",
            ["host"] = "node-1",
            ["tenant_id"] = TenantId,
        };
        view["service_status"] = OperatingStatus;
        view["task_description"] = TaskDescription;
        if (detailed)
        {
            view["guest_status"] = new JsonObject { ["state_description"] = OperatingStatus.ToLowerInvariant() };
        }
        return view;
    }
}
