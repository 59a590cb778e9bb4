using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Flavors;

/// <summary><c>dbaas flavor list|show</c>: the sizes (RAM, vCPUs, disk) an instance can be created with.</summary>
internal static class FlavorCommands
{
    // Trove fills str_id instead of id for flavors whose ID is not a number; troveclient shows it as the ID.
    private static readonly IReadOnlyList<Column> ListColumns =
    [
        new("ID", "id", flavor => flavor["id"] ?? flavor["str_id"]),
        new("Name", "name"),
        new("RAM", "ram"),
        new("vCPUs", "vcpus"),
        new("Disk", "disk"),
        new("Ephemeral", "ephemeral"),
    ];

    public static Command Create(CommandRunner runner) =>
        new("flavor", "Flavors: the sizes an instance can be created with") { List(runner), Show(runner) };

    private static Command List(CommandRunner runner)
    {
        var command = new Command("list", "List flavors");
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var flavors = await api.GetAsync("flavors", run.Cancellation);
            run.Output.PrintList(flavors.ListIn("flavors"), ListColumns);
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var flavor = new Argument<string>("flavor") { Description = "ID or name of the flavor" };
        var command = new Command("show", "Show one flavor") { flavor };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            run.Output.PrintObject(await FindAsync(api, run.Value(flavor), run.Cancellation));
        });
        return command;
    }

    /// <summary>Tries the value as an ID first, then as a name, like the openstack CLI's find_resource.</summary>
    private static async Task<JsonObject> FindAsync(ApiClient api, string idOrName, CancellationToken cancellation)
    {
        try
        {
            return (await api.GetAsync(ApiPath.Of("flavors", idOrName), cancellation)).ObjectIn("flavor");
        }
        // 400 too: a server with numeric flavor IDs may reject a name as a malformed ID rather than not find it.
        catch (ApiException notAnId) when (notAnId.StatusCode is 400 or 404)
        {
            var all = (await api.GetAsync("flavors", cancellation)).ListIn("flavors").Objects();
            return NameMatch.Single(all, idOrName, "flavor")
                ?? throw new CliError($"No flavor with a name or ID of '{idOrName}' exists.");
        }
    }
}
