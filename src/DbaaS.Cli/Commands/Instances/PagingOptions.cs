using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Instances;

/// <summary><c>--limit</c>, <c>--marker</c> and <c>--all</c> for Trove's paginated lists.</summary>
internal sealed class PagingOptions
{
    public Option<int?> Limit { get; } = new("--limit")
    {
        Description = "Ask for at most this many per page (the server caps it)",
        HelpName = "count",
    };

    public Option<string> Marker { get; }

    public Option<bool> All { get; } = new("--all") { Description = "Follow the server's next links and list every page" };

    /// <param name="markerHelpName">What a marker is in this list: an instance's ID, a database's name, a user's name@host.</param>
    public PagingOptions(string markerHelpName = "id", string markerDescription = "Start after the item with this ID")
    {
        Marker = new Option<string>("--marker") { Description = markerDescription, HelpName = markerHelpName };
        Limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError("--limit must be a positive number.");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Limit);
        command.Options.Add(Marker);
        command.Options.Add(All);
    }

    /// <summary>One page, or every page with --all; says on the progress stream how to get more when a page is not the last.</summary>
    public async Task<JsonArray> ReadAsync(
        CommandRun run, ApiClient api, string path, string envelope, IEnumerable<(string Name, string Value)> query)
    {
        if (run.Value(All))
        {
            var all = await PagedList.AllAsync(api, path, envelope, query, run.Value(Limit), run.Value(Marker), run.Cancellation);
            return Detached(all);
        }

        var page = await PagedList.PageAsync(api, path, envelope, query, run.Value(Limit), run.Value(Marker), run.Cancellation);
        if (page.NextMarker is not null)
        {
            await run.Progress.WriteLineAsync($"More {envelope} follow: add --marker {page.NextMarker}, or --all for every page.");
        }
        return Detached(page.Items);
    }

    private static JsonArray Detached(IEnumerable<JsonObject> items) => new([.. items.Select(item => item.DeepClone())]);
}
