using System.Net;

namespace DbaaS.Tests.Cli;

/// <summary>API faults, odd answers and network failures become one "ERROR: …" line on stderr and exit code 1.</summary>
public class ErrorReportingAgainstFakeServerTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "badRequest", "Invalid flavor id.")]
    [InlineData(HttpStatusCode.Unauthorized, "unauthorized", "Token expired.")]
    [InlineData(HttpStatusCode.Forbidden, "forbidden", "User does not have admin privileges.")]
    [InlineData(HttpStatusCode.NotFound, "itemNotFound", "Datastore 'oracle' not found.")]
    [InlineData(HttpStatusCode.MethodNotAllowed, "badMethod", "Method not allowed.")]
    [InlineData(HttpStatusCode.Conflict, "conflictingRequest", "Instance is busy.")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, "overLimit", "Quota exceeded for resources: ['instances'].")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "unprocessableEntity", "Unknown parameter.")]
    [InlineData(HttpStatusCode.InternalServerError, "computeFault", "The server has either erred or is incapable of performing the requested operation.")]
    public async Task A_trove_fault_prints_its_message_and_status(HttpStatusCode status, string faultName, string message)
    {
        var server = new FakeDbaaSServer().AnswerFault(HttpMethod.Get, FakeDbaaSServer.Database("datastores/oracle"), status, faultName, message);

        var result = await DbaaSCli.RunAsync(server, "datastore", "show", "oracle");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"ERROR: {message} (HTTP {(int)status})", result.Stderr.Trim());
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_keystone_error_on_an_identity_route_prints_its_message()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Identity("users"), HttpStatusCode.Forbidden,
            """{"error":{"code":403,"message":"You are not authorized to perform the requested action: identity:list_users.","title":"Forbidden"}}""");

        var result = await DbaaSCli.RunAsync(server, "identity", "user", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: You are not authorized to perform the requested action: identity:list_users. (HTTP 403)", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_error_body_that_is_not_json_is_shown_as_text()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), HttpStatusCode.BadGateway, "upstream connect error");

        var result = await DbaaSCli.RunAsync(server, "flavor", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: upstream connect error (HTTP 502)", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_empty_error_body_falls_back_to_the_status_name()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), HttpStatusCode.ServiceUnavailable, "");

        var result = await DbaaSCli.RunAsync(server, "flavor", "list");

        Assert.Equal("ERROR: Service Unavailable (HTTP 503)", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_success_body_that_is_not_json_is_an_error_not_a_crash()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), "<html>proxy login</html>");

        var result = await DbaaSCli.RunAsync(server, "flavor", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"ERROR: GET {FakeDbaaSServer.Database("flavors")} answered HTTP 200 with a body that is not JSON.", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_success_body_without_the_expected_envelope_is_an_error()
    {
        var server = new FakeDbaaSServer().Answer(HttpMethod.Get, FakeDbaaSServer.Database("flavors"), """{"items":[]}""");

        var result = await DbaaSCli.RunAsync(server, "flavor", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("ERROR: The server's answer did not contain a \"flavors\" list.", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_unreachable_server_is_named_and_exits_1()
    {
        var server = new FakeDbaaSServer { Unreachable = true };

        var result = await DbaaSCli.RunAsync(server, "flavor", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"ERROR: Cannot reach {FakeDbaaSServer.AuthUrl}/auth/tokens: Connection refused (keystone.test:5000)", result.Stderr.Trim());
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var server = new FakeDbaaSServer();

        var result = await DbaaSCli.RunAsync(server, "cluster", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_missing_argument_is_a_usage_error()
    {
        var result = await DbaaSCli.RunAsync(new FakeDbaaSServer(), "flavor", "show");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Required argument missing for command: 'show'.", result.Stderr);
    }
}
