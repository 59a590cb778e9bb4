using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Instances;

/// <summary>
/// Finds an instance given by ID or name, like the openstack CLI's find_resource: the value is tried as an
/// ID first, then matched against the names of every instance (all pages). The result is always the full
/// show view, since list items lack fields such as the fault.
/// </summary>
internal static class InstanceLookup
{
    public static async Task<JsonObject> FindAsync(ApiClient api, string idOrName, CancellationToken cancellation)
    {
        try
        {
            return await GetAsync(api, idOrName, cancellation);
        }
        // 400 too: a server may reject a name as a malformed ID rather than not find it.
        catch (ApiException notAnId) when (notAnId.StatusCode is 400 or 404)
        {
            var all = await PagedList.AllAsync(api, "instances", "instances", query: [], limit: null, marker: null, cancellation);
            var match = NameMatch.Single(all, idOrName, "instance")
                ?? throw new CliError($"No instance with a name or ID of '{idOrName}' exists.");
            return await GetAsync(api, match.Text("id") ?? throw new CliError($"The server listed instance '{idOrName}' without an ID."), cancellation);
        }
    }

    public static async Task<JsonObject> GetAsync(ApiClient api, string id, CancellationToken cancellation) =>
        (await api.GetAsync(ApiPath.Of("instances", id), cancellation)).ObjectIn("instance");

    /// <summary>The ID behind an instance given by ID or name, for the routes under <c>/instances/{id}/</c>.</summary>
    public static async Task<string> IdAsync(ApiClient api, string idOrName, CancellationToken cancellation) =>
        IdOf(await FindAsync(api, idOrName, cancellation));

    public static string IdOf(JsonObject instance) =>
        instance.Text("id") ?? throw new CliError("The server's instance has no \"id\".");
}
