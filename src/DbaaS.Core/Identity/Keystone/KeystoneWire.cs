using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DbaaS.Core.Identity.Keystone;

// The parts of Keystone's v3 token API that DbaaS reads or sends.
// https://docs.openstack.org/api-ref/identity/v3/#authentication-and-token-management

internal sealed record TokenEnvelope([property: JsonPropertyName("token")] TokenBody? Token);

internal sealed record TokenBody(
    [property: JsonPropertyName("user")] NamedRef? User,
    [property: JsonPropertyName("project")] NamedRef? Project,
    [property: JsonPropertyName("roles")] IReadOnlyList<NamedRef>? Roles,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);

internal sealed record NamedRef(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("name")] string? Name);

internal static class PasswordAuthRequest
{
    /// <summary>The body of a project-scoped password authentication (POST /v3/auth/tokens).</summary>
    /// <remarks>
    /// Sent with a Content-Length, not chunked as JsonContent would be: WSGI servers such as
    /// wsgiref (keystone-wsgi-public) do not decode chunked bodies and Keystone then sees none.
    /// </remarks>
    public static StringContent For(KeystoneOptions options) =>
        new(JsonSerializer.Serialize(Body(options)), Encoding.UTF8, "application/json");

    private static object Body(KeystoneOptions options) => new
    {
        auth = new
        {
            identity = new
            {
                methods = new[] { "password" },
                password = new
                {
                    user = new
                    {
                        name = options.ServiceUsername,
                        domain = new { name = options.ServiceUserDomainName },
                        password = options.ServicePassword,
                    },
                },
            },
            scope = new
            {
                project = new
                {
                    name = options.ServiceProjectName,
                    domain = new { name = options.ServiceProjectDomainName },
                },
            },
        },
    };
}
