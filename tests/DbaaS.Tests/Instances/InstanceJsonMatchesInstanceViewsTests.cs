using System.Text;
using System.Text.Json;
using DbaaS.Api.Http;
using DbaaS.Api.Instances;
using DbaaS.Core.Datastores;
using DbaaS.Core.Instances;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace DbaaS.Tests.Instances;

/// <summary>
/// The list and show answers are written by hand (InstanceJson) for speed; the management view still goes through
/// the serializer (InstanceViews). Both must give the same bytes for every shape an instance can take.
/// </summary>
public sealed class InstanceJsonMatchesInstanceViewsTests
{
    static readonly Datastore MariaDb = new() { Id = Guid.NewGuid(), Name = "mariadb" };
    static readonly DatastoreVersion Version = new() { Id = Guid.NewGuid(), DatastoreId = MariaDb.Id, Name = "10.11", Version = "10.11.6", Manager = "mariadb" };
    static readonly CatalogSnapshot Catalog = new()
    {
        Flavors = [],
        Datastores = [MariaDb],
        Versions = [Version],
        FlavorsByVersion = new Dictionary<Guid, IReadOnlySet<string>>(),
        ParametersByVersion = new Dictionary<Guid, IReadOnlyList<ConfigurationParameter>>(),
    };
    static readonly PublicUrls Urls = new(Options.Create(new ApiOptions()));

    public static TheoryData<string> Shapes => ["building", "active", "active with volume use", "failed with a fault", "unknown version", "odd name"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Show_and_both_lists_give_the_serializers_bytes(string shape)
    {
        var instance = Instance(shape);
        var request = Request();

        Assert.Equal(
            JsonSerializer.Serialize(new { instance = InstanceViews.Detail(instance, Catalog, request, Urls, "p1") }, JsonSerializerOptions.Web),
            await BodyOf(InstanceJson.Show(instance, Catalog, request, Urls, "p1")));
        var links = new[] { new Link("http://api.example:8779/v1.0/p1/instances?limit=1&marker=x", "next") };
        foreach (var detail in new[] { false, true })
        {
            var view = detail ? InstanceViews.Detail(instance, Catalog, request, Urls, "p1") : InstanceViews.Basic(instance, Catalog, request, Urls, "p1");
            Assert.Equal(
                JsonSerializer.Serialize(new { instances = new[] { view }, links }, JsonSerializerOptions.Web),
                await BodyOf(InstanceJson.List([instance], links, detail, Catalog, request, Urls, "p1")));
        }
    }

    static Instance Instance(string shape)
    {
        var instance = new Instance
        {
            Id = Guid.NewGuid(),
            ProjectId = "p1",
            Name = shape == "odd name" ? "caf\u00e9 <b>&\"quoted\"</b>" : "shop",
            FlavorId = "2",
            DatastoreVersionId = shape == "unknown version" ? Guid.NewGuid() : Version.Id,
            VolumeSizeGb = 3,
            GuestKey = [1, 2, 3],
            TaskStatus = InstanceTasks.Building,
            Created = new DateTime(2026, 11, 21, 4, 5, 6, DateTimeKind.Utc),
            Updated = new DateTime(2026, 11, 21, 4, 6, 7, DateTimeKind.Utc),
        };
        if (shape == "building") return instance;
        instance.TaskStatus = InstanceTasks.None;
        instance.ServerStatus = ServerStatuses.Active;
        instance.ServiceStatus = ServiceStatuses.Healthy;
        instance.Hostname = "127.0.0.1";
        instance.Port = 31337;
        instance.ServiceStatusUpdated = new DateTime(2026, 11, 21, 4, 7, 8, DateTimeKind.Utc);
        if (shape == "active with volume use") instance.VolumeUsedBytes = 128849018;
        if (shape == "failed with a fault")
        {
            instance.TaskStatus = InstanceTasks.BuildingErrorServer;
            instance.FaultMessage = "The server for this instance could not be created.";
            instance.FaultDetails = "no free port";
            instance.FaultCreated = new DateTime(2026, 11, 21, 4, 8, 9, DateTimeKind.Utc);
        }
        return instance;
    }

    static HttpRequest Request()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("api.example", 8779);
        return context.Request;
    }

    static async Task<string> BodyOf(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddLogging().BuildServiceProvider() };
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}
