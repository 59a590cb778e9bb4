using System.CommandLine;
using DbaaS.Cli.Http;

namespace DbaaS.Cli.Commands.Datastores;

/// <summary>
/// The optional <c>--datastore</c> of version commands. With it a version may be named ("5.7"); without it
/// only a version ID is unambiguous, so the datastore-less route is used.
/// </summary>
internal static class DatastoreOption
{
    public static Option<string> Create() => new("--datastore")
    {
        Description = "ID or name of the datastore; needed when the version is given by name",
        HelpName = "datastore",
    };

    public static string VersionPath(string? datastore, string version) => datastore is null
        ? ApiPath.Of("datastores", "versions", version)
        : ApiPath.Of("datastores", datastore, "versions", version);
}
