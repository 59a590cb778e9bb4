using System.Text.Json;

namespace DbaaS.Api.Faults;

public static class FaultWriter
{
    public static bool IsIdentityRoute(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/v3", StringComparison.OrdinalIgnoreCase);

    /// <summary>Trove's shape on /v1.0, Keystone's on /v3: each family of clients parses its own.</summary>
    public static async Task WriteAsync(HttpContext context, Fault fault)
    {
        context.Response.StatusCode = fault.Code;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        if (IsIdentityRoute(context))
        {
            writer.WriteStartObject("error");
            writer.WriteNumber("code", fault.Code);
            writer.WriteString("message", fault.Message);
            writer.WriteString("title", fault.KeystoneTitle);
        }
        else
        {
            writer.WriteStartObject(fault.Name);
            writer.WriteNumber("code", fault.Code);
            writer.WriteString("message", fault.Message);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
