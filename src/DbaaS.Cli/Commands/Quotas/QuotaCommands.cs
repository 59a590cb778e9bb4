using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;
using DbaaS.Cli.Output;

namespace DbaaS.Cli.Commands.Quotas;

/// <summary><c>dbaas quota show|update</c> (admin): a project's quotas, through Trove's /mgmt/quotas routes.</summary>
internal static class QuotaCommands
{
    private static readonly IReadOnlyList<Column> ShowColumns =
    [
        new("Resource", "resource"),
        new("In Use", "in_use"),
        new("Reserved", "reserved"),
        new("Limit", "limit"),
    ];

    public static Command Create(CommandRunner runner) =>
        new("quota", "Project quotas (admin)") { Show(runner), Update(runner) };

    private static Command Show(CommandRunner runner)
    {
        var project = ProjectArgument();
        var command = new Command("show", "Show the quotas of a project, with usage") { project };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var quotas = await api.GetAsync(ApiPath.Of("mgmt", "quotas", run.Value(project)), run.Cancellation);
            run.Output.PrintList(quotas.ListIn("quotas"), ShowColumns);
        });
        return command;
    }

    private static Command Update(CommandRunner runner)
    {
        var project = ProjectArgument();
        var limits = QuotaLimitOption.All();
        var command = new Command("update", "Change the quotas of a project") { project };
        foreach (var limit in limits)
        {
            command.Options.Add(limit.Option);
        }
        command.Validators.Add(result =>
        {
            if (limits.All(limit => result.GetResult(limit.Option) is null))
            {
                result.AddError($"Give at least one of {string.Join(", ", limits.Select(l => l.Option.Name))}.");
            }
        });

        runner.Handle(command, async run =>
        {
            var changes = new JsonObject();
            foreach (var limit in limits)
            {
                if (run.Value(limit.Option) is { } value)
                {
                    changes[limit.Resource] = value;
                }
            }
            var api = await run.DatabaseAsync();
            var path = ApiPath.Of("mgmt", "quotas", run.Value(project));
            var updated = await api.PutAsync(path, new JsonObject { ["quotas"] = changes }, run.Cancellation);
            run.Output.PrintObject(updated.ObjectIn("quotas"));
        });
        return command;
    }

    private static Argument<string> ProjectArgument() =>
        new("project-id") { Description = "ID of the project" };
}
