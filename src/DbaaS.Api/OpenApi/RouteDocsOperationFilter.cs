using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DbaaS.Api.OpenApi;

/// <summary>Describes each operation ApiExplorer found with its route's <see cref="RouteDoc"/>.</summary>
public sealed class RouteDocsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var description = context.ApiDescription;
        var key = RouteDocs.Key(description.HttpMethod ?? "GET", RouteDocs.PathOf(description.RelativePath));
        // A route without an entry keeps Swashbuckle's bare operation; the OpenAPI tests name it.
        if (!RouteDocs.All.TryGetValue(key, out var doc)) return;
        OperationWriter.Describe(operation, doc, description.ActionDescriptor.EndpointMetadata, context.Document, context.SchemaRepository);
    }
}
