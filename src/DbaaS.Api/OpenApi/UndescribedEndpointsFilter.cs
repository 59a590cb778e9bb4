using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DbaaS.Api.OpenApi;

/// <summary>
/// Adds the endpoints ApiExplorer does not describe (the health checks, which map a bare request delegate) from
/// their <see cref="RouteDoc"/>. An endpoint without a method list answers any method; the document lists GET.
/// </summary>
public sealed class UndescribedEndpointsFilter(EndpointDataSource endpoints) : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var path = RouteDocs.PathOf(endpoint.RoutePattern.RawText);
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                if (!RouteDocs.All.TryGetValue(RouteDocs.Key(method, path), out var doc)) continue;
                document.Paths ??= new OpenApiPaths();
                if (!document.Paths.TryGetValue(path, out var item))
                    document.Paths[path] = item = new OpenApiPathItem();
                var pathItem = (OpenApiPathItem)item;
                var httpMethod = HttpMethod.Parse(method);
                pathItem.Operations ??= [];
                if (pathItem.Operations.ContainsKey(httpMethod)) continue;

                var tags = endpoint.Metadata.GetMetadata<ITagsMetadata>()?.Tags ?? (doc.Tag is null ? [] : [doc.Tag]);
                var operation = new OpenApiOperation
                {
                    Tags = tags.Select(t => new OpenApiTagReference(t, document)).ToHashSet(),
                };
                OperationWriter.Describe(operation, doc, endpoint.Metadata, document, context.SchemaRepository);
                pathItem.Operations[httpMethod] = operation;
                foreach (var tag in tags)
                {
                    document.Tags ??= new HashSet<OpenApiTag>();
                    if (!document.Tags.Any(t => t.Name == tag)) document.Tags.Add(new OpenApiTag { Name = tag });
                }
            }
        }
    }
}
