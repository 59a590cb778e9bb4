using System.CommandLine;
using System.Text.Json.Nodes;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Instances;

/// <summary>
/// <c>dbaas mgmt instance list|show|stop|reboot|reset-task-status</c> (admin): Trove's /mgmt/instances routes,
/// which see every project's instances, deleted ones too, with the server, guest and task behind the status.
/// Instances are given by ID only: names are not unique across projects.
/// </summary>
internal static class MgmtInstanceCommands
{
    public static Command Create(CommandRunner runner) =>
        new("instance", "Instances of every project (admin)")
        {
            List(runner),
            Show(runner),
            Action(runner, "stop", "Stop the database service of an instance, leaving its server up", "stop"),
            Action(runner, "reboot", "Reboot the server of an instance", "reboot"),
            Action(runner, "reset-task-status", "Set the task of a stuck instance back to none (its service status stays as reported)", "reset-task-status"),
        };

    private static Command List(CommandRunner runner)
    {
        var deleted = new Option<bool>("--deleted") { Description = "List deleted instances instead of live ones" };
        var project = new Option<string>("--project") { Description = "Only this project's instances", HelpName = "project-id" };
        var paging = new PagingOptions();
        var command = new Command("list", "List the instances of every project") { deleted, project };
        paging.AddTo(command);
        runner.Handle(command, async run =>
        {
            var query = new List<(string Name, string Value)> { ("deleted", run.Value(deleted) ? "true" : "false") };
            if (run.Value(project) is { } projectId)
            {
                query.Add(("project_id", projectId));
            }
            var api = await run.DatabaseAsync();
            var instances = await paging.ReadAsync(run, api, "mgmt/instances", "instances", query);
            run.Output.PrintList(instances, InstanceDisplay.MgmtListColumns);
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var id = IdArgument();
        var command = new Command("show", "Show an instance with its server, guest and task detail") { id };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var instance = (await api.GetAsync(ApiPath.Of("mgmt", "instances", run.Value(id)), run.Cancellation)).ObjectIn("instance");
            run.Output.PrintObject(instance, InstanceDisplay.ForTable);
        });
        return command;
    }

    private static Command Action(CommandRunner runner, string name, string description, string action)
    {
        var id = IdArgument();
        var command = new Command(name, description) { id };
        runner.Handle(command, async run =>
        {
            var api = await run.DatabaseAsync();
            var body = new JsonObject { [action] = new JsonObject() };
            await api.PostAsync(ApiPath.Of("mgmt", "instances", run.Value(id), "action"), body, run.Cancellation);
        });
        return command;
    }

    private static Argument<string> IdArgument() => new("id") { Description = "ID of the instance" };
}
