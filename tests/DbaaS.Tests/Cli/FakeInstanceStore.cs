using System.Collections.Specialized;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Web;

namespace DbaaS.Tests.Cli;

/// <summary>
/// The instance routes of the <see cref="FakeDbaaSServer"/>, answering as Trove's do: a create starts in BUILD
/// and turns ACTIVE (or ERROR with a fault) after <see cref="PollsToSettle"/> GETs; actions answer 202 and pass
/// through REBOOT/RESIZE; a delete passes through SHUTDOWN to 404; lists page with <c>links</c>; an
/// instance in the middle of something refuses actions with 422, and faults have Trove's envelopes. The databases,
/// users and root of an instance are <see cref="FakeAccessRoutes"/>.
/// </summary>
public sealed class FakeInstanceStore
{
    private const string InstancesPath = "/v1.0/" + FakeDbaaSServer.ProjectId + "/instances";
    private const string MgmtInstancesPath = "/v1.0/" + FakeDbaaSServer.ProjectId + "/mgmt/instances";

    private readonly List<FakeInstance> _instances = [];
    private int _created;

    /// <summary>GETs that still see a transient status (BUILD, REBOOT, RESIZE, SHUTDOWN) before the work is done.</summary>
    public int PollsToSettle { get; set; } = 2;

    /// <summary>The most a list page holds, like Trove's instances_page_size.</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>When set, builds end in ERROR with this fault message.</summary>
    public string? BuildFault { get; set; }

    public IReadOnlyList<FakeInstance> All => _instances;

    public FakeInstance Single(string name) => _instances.Single(instance => instance.Name == name);

    public FakeInstance Add(string name, Action<FakeInstance>? configure = null)
    {
        var instance = new FakeInstance { Id = NextId(), Name = name };
        configure?.Invoke(instance);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>The answer for an instance route, or null when the request is for some other resource.</summary>
    internal HttpResponseMessage? Answer(HttpMethod method, Uri url, string? body)
    {
        if (url.Host != new Uri(FakeDbaaSServer.DatabaseUrl).Host)
        {
            return null;
        }
        var path = url.AbsolutePath;
        var query = HttpUtility.ParseQueryString(url.Query);
        if (path.StartsWith(MgmtInstancesPath, StringComparison.Ordinal))
        {
            return AnswerMgmt(method, Segments(path, MgmtInstancesPath), query, body);
        }
        if (path.StartsWith(InstancesPath, StringComparison.Ordinal))
        {
            return AnswerTenant(method, Segments(path, InstancesPath), query, body);
        }
        return null;
    }

    private HttpResponseMessage? AnswerTenant(HttpMethod method, string[] segments, NameValueCollection query, string? body)
    {
        switch (segments)
        {
            case [] when method == HttpMethod.Get:
                return ListPage(_instances.Where(i => !i.Deleted && i.TenantId == FakeDbaaSServer.ProjectId), query, "instances", i => i.ListView());
            case [] when method == HttpMethod.Post:
                return Create(body);
        }

        var instance = segments.Length > 0 ? Live(segments[0]) : null;
        if (instance is null)
        {
            return segments.Length > 0 ? NotFound(segments[0]) : null;
        }
        switch (segments)
        {
            case [_, "databases" or "users" or "root", ..]:
                return FakeAccessRoutes.Answer(instance, method, segments[1..], query, body, PageSize);
            case [_] when method == HttpMethod.Get:
                instance.Observe();
                // The poll that settles a delete is the first to find the instance gone.
                return instance.Deleted ? NotFound(instance.Id) : Ok(new JsonObject { ["instance"] = instance.ShowView() });
            case [_] when method == HttpMethod.Patch:
                return Rename(instance, body);
            case [_] when method == HttpMethod.Delete:
                // A failed instance keeps showing ERROR while it goes, as Trove's status does when the server is in error.
                var deleting = instance.Status == "ERROR" ? "ERROR" : "SHUTDOWN";
                instance.Begin(deleting, "SHUTDOWN", "Deleting the instance.", PollsToSettle, i => i.Deleted = true);
                return Accepted();
            case [_, "action"] when method == HttpMethod.Post:
                return Act(instance, body);
            default:
                return null;
        }
    }

    private HttpResponseMessage? AnswerMgmt(HttpMethod method, string[] segments, NameValueCollection query, string? body)
    {
        if (segments is [] && method == HttpMethod.Get)
        {
            var deleted = query["deleted"] == "true";
            var project = query["project_id"];
            return ListPage(_instances.Where(i => i.Deleted == deleted && (project is null || i.TenantId == project)),
                query, "mgmt/instances", i => i.MgmtView(detailed: false));
        }

        var instance = segments.Length > 0 ? _instances.FirstOrDefault(i => i.Id == segments[0]) : null;
        if (instance is null)
        {
            return segments.Length > 0 ? NotFound(segments[0]) : null;
        }
        switch (segments)
        {
            case [_] when method == HttpMethod.Get:
                return Ok(new JsonObject { ["instance"] = instance.MgmtView(detailed: true) });
            case [_, "root"] when method == HttpMethod.Get:
                return FakeAccessRoutes.RootHistory(instance);
            case [_, "action"] when method == HttpMethod.Post:
                return MgmtAct(instance, body);
            default:
                return null;
        }
    }

    private HttpResponseMessage Create(string? body)
    {
        var request = Parse(body)?["instance"] as JsonObject;
        var name = request?["name"]?.GetValue<string>();
        var size = (request?["volume"] as JsonObject)?["size"];
        var datastore = request?["datastore"] as JsonObject;
        if (string.IsNullOrEmpty(name) || request?["flavorRef"] is null || size is null || datastore?["type"] is null)
        {
            return Fault(HttpStatusCode.BadRequest, "badRequest", "Validation error: instance needs name, flavorRef, volume.size and datastore.type.");
        }

        var fault = BuildFault;
        var instance = new FakeInstance
        {
            Id = NextId(),
            Name = name,
            Datastore = datastore["type"]!.GetValue<string>(),
            Version = datastore["version"]?.GetValue<string>() ?? "10.11",
            FlavorId = request["flavorRef"]!.ToString(),
            VolumeSize = size.GetValue<int>(),
            Hostname = null,
            Port = null,
        };
        instance.Begin("BUILD", "NEW", "The instance is building.", PollsToSettle, built =>
        {
            if (fault is not null)
            {
                built.Status = "ERROR";
                built.OperatingStatus = "";
                built.FaultMessage = fault;
                return;
            }
            built.BecomeReady();
            built.Hostname = "127.0.0.1";
            built.Port = 33061;
        });
        _instances.Add(instance);
        return Ok(new JsonObject { ["instance"] = instance.ShowView() });
    }

    private static HttpResponseMessage Rename(FakeInstance instance, string? body)
    {
        if ((Parse(body)?["instance"] as JsonObject)?["name"]?.GetValue<string>() is not { Length: > 0 } name)
        {
            return Fault(HttpStatusCode.BadRequest, "badRequest", "Validation error: instance.name is required.");
        }
        instance.Name = name;
        return Accepted();
    }

    private HttpResponseMessage Act(FakeInstance instance, string? body)
    {
        var action = Parse(body) as JsonObject;
        if (action is null || action.Count != 1)
        {
            return Fault(HttpStatusCode.BadRequest, "badRequest", "Only one action can be specified per request.");
        }
        var (name, argument) = action.First();
        if (name == "reset_status")
        {
            // Trove: task back to NONE, service status UNKNOWN, which shows as ERROR.
            instance.Settle = null;
            instance.Status = "ERROR";
            instance.OperatingStatus = "UNKNOWN";
            return Accepted();
        }
        if (instance.Status is not ("ACTIVE" or "HEALTHY"))
        {
            return Fault(HttpStatusCode.UnprocessableEntity, "unprocessableEntity",
                $"Instance is not currently available for an action to be performed ({instance.Status} status was found).");
        }

        var resize = argument as JsonObject;
        if (name == "restart")
        {
            instance.Begin("REBOOT", "SHUTDOWN", "Restarting the database.", PollsToSettle, i => i.BecomeReady());
            return Accepted();
        }
        if (name == "resize" && resize?["flavorRef"] is { } flavor)
        {
            var flavorId = flavor.ToString();
            instance.Begin("RESIZE", "HEALTHY", "Resizing the instance.", PollsToSettle, i => { i.FlavorId = flavorId; i.BecomeReady(); });
            return Accepted();
        }
        if (name == "resize" && (resize?["volume"] as JsonObject)?["size"] is { } sizeNode)
        {
            var size = sizeNode.GetValue<int>();
            if (size <= instance.VolumeSize)
            {
                return Fault(HttpStatusCode.BadRequest, "badRequest",
                    $"The new volume 'size' must be larger than the current volume size of '{instance.VolumeSize}'.");
            }
            instance.Begin("RESIZE", "HEALTHY", "Resizing the volume.", PollsToSettle, i => { i.VolumeSize = size; i.BecomeReady(); });
            return Accepted();
        }
        return Fault(HttpStatusCode.BadRequest, "badRequest", $"Invalid instance action: {name}");
    }

    private HttpResponseMessage MgmtAct(FakeInstance instance, string? body)
    {
        var name = (Parse(body) as JsonObject)?.FirstOrDefault().Key;
        switch (name)
        {
            case "stop":
                instance.Settle = null;
                instance.Status = "SHUTDOWN";
                instance.OperatingStatus = "SHUTDOWN";
                return Accepted();
            case "reboot":
                instance.Begin("REBOOT", "SHUTDOWN", "Rebooting the server.", PollsToSettle, i => i.BecomeReady());
                return Accepted();
            case "reset-task-status":
                instance.Settle = null;
                instance.TaskDescription = "No tasks for the instance.";
                return Accepted();
            default:
                return Fault(HttpStatusCode.BadRequest, "badRequest", $"Invalid instance action: {name}");
        }
    }

    /// <summary>A Trove page: at most min(limit, PageSize) items after the marker, and a next link when more follow.</summary>
    private HttpResponseMessage ListPage(
        IEnumerable<FakeInstance> source, NameValueCollection query, string route, Func<FakeInstance, JsonObject> view)
    {
        var items = source.ToList();
        var limit = Math.Min(int.Parse(query["limit"] ?? PageSize.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), PageSize);
        var start = 0;
        if (query["marker"] is { } marker)
        {
            var at = items.FindIndex(i => i.Id == marker);
            if (at < 0)
            {
                return Fault(HttpStatusCode.BadRequest, "badRequest", $"Invalid marker: {marker}");
            }
            start = at + 1;
        }

        var page = items.Skip(start).Take(limit).ToList();
        var body = new JsonObject { ["instances"] = new JsonArray([.. page.Select(i => (JsonNode)view(i))]) };
        if (start + page.Count < items.Count)
        {
            // Written with the host the server believes it has, as Trove does; clients take only the marker.
            var next = new UriBuilder($"https://127.0.0.1:8779/v1.0/{FakeDbaaSServer.ProjectId}/{route}")
            {
                Query = $"limit={limit}&marker={page[^1].Id}" + (query["deleted"] is { } deleted ? $"&deleted={deleted}" : ""),
            };
            body["links"] = new JsonArray(new JsonObject { ["href"] = next.Uri.AbsoluteUri, ["rel"] = "next" });
        }
        return Ok(body);
    }

    private FakeInstance? Live(string id) => _instances.FirstOrDefault(i => i.Id == id && !i.Deleted);

    private string NextId() => $"00000000-0000-4000-8000-{++_created:000000000000}";

    private static string[] Segments(string path, string prefix) =>
        path[prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();

    internal static JsonNode? Parse(string? body)
    {
        try
        {
            return body is null ? null : JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static HttpResponseMessage NotFound(string id) =>
        Fault(HttpStatusCode.NotFound, "itemNotFound", $"The resource could not be found. Instance {id} not found.");

    internal static HttpResponseMessage Fault(HttpStatusCode status, string name, string message) =>
        FakeDbaaSServer.Json(status, new JsonObject { [name] = new JsonObject { ["code"] = (int)status, ["message"] = message } }.ToJsonString());

    private static HttpResponseMessage Ok(JsonObject body) => FakeDbaaSServer.Json(HttpStatusCode.OK, body.ToJsonString());

    private static HttpResponseMessage Accepted() => new(HttpStatusCode.Accepted) { Content = new StringContent("") };
}
