using System.Diagnostics;
using DbaaS.GuestAgent.Datastores.Common;

namespace DbaaS.GuestPlugins.Tests.Common;

public sealed class CliToolTests
{
    static readonly string Shell = Executables.Require("sh", "dash");

    [Fact]
    public async Task Standard_input_reaches_the_tool_and_its_output_comes_back()
    {
        var result = await CliTool.RunAsync(new CliCommand(Executables.Require("cat", "coreutils"), []) { StandardInput = "SELECT 'é';\n" }, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("SELECT 'é';\n", result.StandardOutput);
    }

    [Fact]
    public async Task The_tool_sees_only_a_clean_environment_plus_what_the_command_adds()
    {
        Environment.SetEnvironmentVariable("DBAAS_GP_AGENT_SECRET", "leak");
        try
        {
            var result = await CliTool.RunAsync(new CliCommand(Executables.Require("env", "coreutils"), [])
            {
                Environment = new Dictionary<string, string> { ["PGPASSFILE"] = "/i/admin.pgpass" },
            }, CancellationToken.None);

            var names = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf('=')]).Order();
            Assert.Equal(["HOME", "LANG", "LC_ALL", "PATH", "PGPASSFILE"], names);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DBAAS_GP_AGENT_SECRET", null);
        }
    }

    [Fact]
    public async Task A_tool_that_outlives_its_timeout_is_killed_and_reported()
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<EngineException>(() => CliTool.RunAsync(
            new CliCommand(Executables.Require("sleep", "coreutils"), ["600"]) { Timeout = TimeSpan.FromMilliseconds(200) }, CancellationToken.None));

        Assert.Contains("sleep did not finish within", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), "the tool was left running");
    }

    [Fact]
    public async Task A_failure_names_the_tool_and_its_exit_code_with_secrets_redacted()
    {
        var result = await CliTool.RunAsync(new CliCommand(Shell, ["-c", "read line; echo \"near '$line'\" >&2; exit 3"])
        {
            StandardInput = "hunter2\n",
            Secrets = ["hunter2"],
        }, CancellationToken.None);

        var error = Assert.Throws<EngineException>(() => result.EnsureSuccess("creating users"));
        Assert.Equal("creating users: sh exited with 3: near '***'", error.Message);
    }

    [Fact]
    public async Task A_missing_binary_is_an_engine_error_not_a_crash() =>
        await Assert.ThrowsAsync<EngineException>(() => CliTool.RunAsync(new CliCommand("/nonexistent/tool", []), CancellationToken.None));
}
