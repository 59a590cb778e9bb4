using System.Text.Json;
using DbaaS.Api.Http;
using DbaaS.Core.Datastores;
using DbaaS.Core.Instances;

namespace DbaaS.Api.Instances;

/// <summary>
/// The tenant's list and show answers written straight to UTF-8: the same JSON as <see cref="InstanceViews.Basic"/>
/// and <see cref="InstanceViews.Detail"/> through the serializer (a test holds them byte for byte equal), without a
/// dictionary and a dozen small objects per instance. These are the hottest routes; the allocation they no
/// longer make is what kept their p99 up (docs/benchmarks.md).
/// </summary>
public static class InstanceJson
{
    const string TroveTime = "yyyy-MM-ddTHH:mm:ss";

    public static IResult Show(Instance instance, CatalogSnapshot catalog, HttpRequest request, PublicUrls urls, string tenantId) =>
        Answer(writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("instance");
            Write(writer, instance, catalog, urls.Base(request), tenantId, urls.Region, detail: true);
            writer.WriteEndObject();
        });

    public static IResult List(IReadOnlyList<Instance> instances, IReadOnlyList<Link> links, bool detail, CatalogSnapshot catalog,
        HttpRequest request, PublicUrls urls, string tenantId) =>
        Answer(writer =>
        {
            var root = urls.Base(request);
            writer.WriteStartObject();
            writer.WriteStartArray("instances");
            foreach (var instance in instances) Write(writer, instance, catalog, root, tenantId, urls.Region, detail);
            writer.WriteEndArray();
            writer.WriteStartArray("links");
            foreach (var link in links) WriteLink(writer, link.Href, link.Rel);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    public static void Write(Utf8JsonWriter writer, Instance instance, CatalogSnapshot catalog, string root, string tenantId, string region, bool detail)
    {
        var version = catalog.FindVersion(instance.DatastoreVersionId);
        var status = InstanceStatus.Derive(instance.TaskStatus, instance.ServerStatus, instance.ServiceStatus);
        writer.WriteStartObject();
        writer.WriteString("id", instance.Id);
        writer.WriteString("name", instance.Name);
        writer.WriteString("status", status);
        writer.WriteString("operating_status", InstanceStatus.Operating(instance.ServiceStatus));
        WriteSelfAndBookmark(writer, root, tenantId, $"instances/{instance.Id}");
        writer.WriteStartObject("flavor");
        writer.WriteString("id", instance.FlavorId);
        WriteSelfAndBookmark(writer, root, tenantId, $"flavors/{instance.FlavorId}");
        writer.WriteEndObject();
        writer.WriteStartObject("datastore");
        writer.WriteString("type", version is null ? null : catalog.DatastoreOf(version).Name);
        writer.WriteString("version", version?.Name);
        writer.WriteString("version_number", version?.Version);
        writer.WriteEndObject();
        writer.WriteString("region", region);
        writer.WriteStartObject("volume");
        writer.WriteNumber("size", instance.VolumeSizeGb);
        if (detail && instance.VolumeUsedBytes is { } used)
        {
            writer.WriteNumber("used", Math.Round(used / 1073741824.0, 2));
            writer.WriteNumber("used_percent", Math.Round(100.0 * used / (instance.VolumeSizeGb * 1073741824.0), 2));
        }
        writer.WriteEndObject();
        if (instance.Hostname is not null)
        {
            writer.WriteStartArray("ip");
            writer.WriteStringValue(instance.Hostname);
            writer.WriteEndArray();
            writer.WriteStartArray("addresses");
            writer.WriteStartObject();
            writer.WriteString("address", instance.Hostname);
            writer.WriteString("type", "private");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("hostname", instance.Hostname);
            if (instance.Port is { } port) writer.WriteNumber("port", port);
            else writer.WriteNull("port");
        }
        if (detail)
        {
            writer.WriteString("created", instance.Created.ToString(TroveTime));
            writer.WriteString("updated", instance.Updated.ToString(TroveTime));
            writer.WriteString("service_status_updated", (instance.ServiceStatusUpdated ?? instance.Updated).ToString(TroveTime));
            if (instance.FaultMessage is not null && status == "ERROR")
            {
                writer.WriteStartObject("fault");
                writer.WriteString("message", instance.FaultMessage);
                writer.WriteString("created", (instance.FaultCreated ?? instance.Updated).ToString(TroveTime));
                writer.WriteString("details", instance.FaultDetails ?? "");
                writer.WriteEndObject();
            }
        }
        writer.WriteEndObject();
    }

    static void WriteSelfAndBookmark(Utf8JsonWriter writer, string root, string tenantId, string relative)
    {
        writer.WriteStartArray("links");
        WriteLink(writer, $"{root}/v1.0/{tenantId}/{relative}", "self");
        WriteLink(writer, $"{root}/{relative}", "bookmark");
        writer.WriteEndArray();
    }

    static void WriteLink(Utf8JsonWriter writer, string href, string rel)
    {
        writer.WriteStartObject();
        writer.WriteString("href", href);
        writer.WriteString("rel", rel);
        writer.WriteEndObject();
    }

    static IResult Answer(Action<Utf8JsonWriter> write) => PooledJsonAnswer.Write(write);
}
