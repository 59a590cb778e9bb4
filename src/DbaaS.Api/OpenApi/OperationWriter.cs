using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DbaaS.Api.Identity;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace DbaaS.Api.OpenApi;

/// <summary>Fills one OpenAPI operation from its route's <see cref="RouteDoc"/> and endpoint metadata.</summary>
public static partial class OperationWriter
{
    public const string TokenScheme = TokenAuthenticator.TokenHeader;
    private const string Json = "application/json";

    /// <summary>What each path parameter means; a route's parameter without an entry here fails the OpenAPI tests.</summary>
    public static readonly IReadOnlyDictionary<string, string> PathParameters = new Dictionary<string, string>
    {
        ["tenant_id"] = "The project (Trove's tenant) the request acts in. It must be the token's project unless the caller is an admin.",
        ["flavor_id"] = "The flavor's id: a number for the seeded flavors, or the string id it was created with (str_id).",
        ["datastore_id"] = "The datastore's id or name, e.g. mysql.",
        ["version_id"] = "The datastore version's id. Where the path also names the datastore, the version's name (e.g. 8.0) works too.",
        ["name"] = "The configuration parameter's name, e.g. max_connections.",
        ["project_id"] = "The project's id.",
        ["user_id"] = "The user's id.",
        ["role_id"] = "The role: admin, member or reader (a role's id is its name).",
        ["instance_id"] = "The instance's id (a UUID).",
        ["database_name"] = "The database's name inside the instance (Redis: the number of a logical database).",
        ["user_name"] = "The user inside the instance: its name, or for MySQL and MariaDB name@host URL-encoded (app%40%25 is app@%); a name alone means host %.",
    };

    public static void Describe(OpenApiOperation operation, RouteDoc doc, IEnumerable<object> metadata, OpenApiDocument document,
        SchemaRepository schemas)
    {
        var endpointMetadata = metadata.ToList();
        var adminOnly = endpointMetadata.OfType<AdminOnlyMetadata>().Any();
        operation.Summary ??= endpointMetadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary;
        operation.OperationId ??= endpointMetadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
        var description = string.Join(" ", new[] { adminOnly ? "Admin only." : null, doc.Description }.OfType<string>());
        operation.Description = description.Length == 0 ? null : description;

        operation.Parameters = Parameters(doc);
        if (!doc.Anonymous)
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenScheme, document)] = [] }];
        if (doc.Request is not null)
            operation.RequestBody = new OpenApiRequestBody { Required = true, Content = Content(doc.Request, doc.RequestVariants) };
        operation.Responses = Responses(doc, adminOnly, document, schemas);
    }

    private static List<IOpenApiParameter> Parameters(RouteDoc doc)
    {
        var parameters = new List<IOpenApiParameter>();
        foreach (Match match in PathParameter().Matches(doc.Path))
        {
            var name = match.Groups[1].Value;
            parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = PathParameters.GetValueOrDefault(name),
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        parameters.AddRange(doc.Query.Select(q => Parameter(q, ParameterLocation.Query)));
        parameters.AddRange(doc.Headers.Select(h => Parameter(h, ParameterLocation.Header)));
        return parameters;
    }

    private static OpenApiParameter Parameter(ParamDoc param, ParameterLocation location) => new()
    {
        Name = param.Name,
        In = location,
        Required = param.Required,
        Description = param.Description,
        Schema = new OpenApiSchema { Type = param.Type },
    };

    private static OpenApiResponses Responses(RouteDoc doc, bool adminOnly, OpenApiDocument document, SchemaRepository schemas)
    {
        // A HEAD answer never has a body, not even a fault's.
        var head = doc.Method == "HEAD";
        var responses = new OpenApiResponses
        {
            [doc.Status.ToString()] = new OpenApiResponse
            {
                Description = FaultDocs.Reason(doc.Status),
                Content = doc.Response is null || head ? null : Content(doc.Response, doc.ResponseVariants),
                Headers = Headers(doc.ResponseHeaders),
            },
        };
        foreach (var (status, other) in doc.OtherResponses)
            responses[status.ToString()] = new OpenApiResponse { Description = other.Summary, Content = head ? null : Content(other.Json, []) };

        var family = FaultDocs.FamilyOf(doc.Path);
        foreach (var error in FaultDocs.Of(doc))
        {
            var fault = FaultDocs.Example(family, error, doc, adminOnly);
            responses[error.Status.ToString()] = new OpenApiResponse
            {
                Description = error.When ?? FaultDocs.Describe(error.Status, doc, adminOnly),
                Content = head ? null : new Dictionary<string, OpenApiMediaType>
                {
                    [Json] = new() { Schema = FaultDocs.Schema(family, error.Status, document, schemas), Example = fault },
                },
                Headers = error.Status == 413
                    ? Headers([new ParamDoc("Retry-After", "Seconds until the project may send this kind of request again.")])
                    : null,
            };
        }
        return responses;
    }

    /// <summary>The body's media type: its schema inferred from every example, the first shown as the example.</summary>
    private static Dictionary<string, OpenApiMediaType> Content(string example, IReadOnlyList<Sample> variants)
    {
        var main = JsonNode.Parse(example);
        var others = variants.Select(v => (v.Summary, Node: JsonNode.Parse(v.Json))).ToList();
        var media = new OpenApiMediaType { Schema = ExampleSchema.Infer([main, .. others.Select(o => o.Node)]) };
        if (others.Count == 0)
            media.Example = main;
        else
        {
            // OpenAPI 3.0 has either one example or a named set; the main one is listed first.
            media.Examples = new Dictionary<string, IOpenApiExample> { ["example"] = new OpenApiExample { Value = main } };
            foreach (var (summary, node) in others)
                media.Examples[Slug(summary)] = new OpenApiExample { Summary = summary, Value = node };
        }
        return new Dictionary<string, OpenApiMediaType> { [Json] = media };
    }

    private static Dictionary<string, IOpenApiHeader>? Headers(IReadOnlyList<ParamDoc> headers) =>
        headers.Count == 0
            ? null
            : headers.ToDictionary(h => h.Name, h => (IOpenApiHeader)new OpenApiHeader
            {
                Description = h.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });

    private static string Slug(string summary) => NotSlug().Replace(summary.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex(@"\{([^}:]+)[^}]*\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
