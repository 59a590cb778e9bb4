using System.Net;
using System.Net.Sockets;
using DbaaS.Core.Identity;
using DbaaS.Core.Identity.Keystone;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DbaaS.IntegrationTests.Identity;

/// <summary>KeystoneTokenValidator against a real Keystone (scripts/keystone.sh, or DBAAS_KEYSTONE_URL).</summary>
[Collection(KeystoneCollection.Name)]
public sealed class ExternalKeystoneTests(PrivateKeystone keystone) : IDisposable
{
    private readonly KeystoneTestClient _users = new(keystone.Url ?? new Uri("http://127.0.0.1:1/v3"));
    private readonly List<IDisposable> _disposables = [];

    [KeystoneFact]
    public async Task Demo_users_project_token_gives_the_demo_project_and_role_member()
    {
        var issued = await _users.IssueAsync("demo", keystone.DemoPassword, "demo");

        var context = await Validator().ValidateAsync(issued.Token, CancellationToken.None);

        Assert.NotNull(context);
        Assert.Equal("demo", context.UserName);
        Assert.Equal("demo", context.ProjectName);
        Assert.Equal(issued.ProjectId, context.ProjectId);
        Assert.Contains(RoleNames.Member, context.Roles);
        Assert.False(context.IsAdmin);
        Assert.True(context.CanWrite);
        Assert.True(context.ExpiresAt > DateTimeOffset.UtcNow);
    }

    [KeystoneFact]
    public async Task Reader_may_look_but_not_write()
    {
        var issued = await _users.IssueAsync("demo-reader", keystone.ReaderPassword, "demo");

        var context = await Validator().ValidateAsync(issued.Token, CancellationToken.None);

        Assert.NotNull(context);
        Assert.Equal([RoleNames.Reader], context.Roles);
        Assert.False(context.CanWrite);
    }

    [KeystoneFact]
    public async Task Admin_token_is_admin()
    {
        var issued = await _users.IssueAsync("admin", keystone.AdminPassword, "admin");

        var context = await Validator().ValidateAsync(issued.Token, CancellationToken.None);

        Assert.NotNull(context);
        Assert.True(context.IsAdmin);
        Assert.Equal("admin", context.ProjectName);
    }

    [KeystoneFact]
    public async Task Garbage_token_is_invalid()
    {
        var validator = Validator();

        Assert.Null(await validator.ValidateAsync("not-a-token", CancellationToken.None));
        Assert.Null(await validator.ValidateAsync("gAAAAABnot-a-fernet-token", CancellationToken.None));
    }

    [KeystoneFact]
    public async Task Unscoped_token_is_refused_because_DbaaS_needs_a_project()
    {
        var issued = await _users.IssueAsync("demo", keystone.DemoPassword, project: null);
        Assert.Null(issued.ProjectId);

        Assert.Null(await Validator().ValidateAsync(issued.Token, CancellationToken.None));
    }

    [KeystoneFact]
    public async Task Revoked_token_is_refused_once_the_cache_time_has_passed()
    {
        var issued = await _users.IssueAsync("demo", keystone.DemoPassword, "demo");
        var shortCache = Validator(cacheSeconds: 1);
        var longCache = Validator(cacheSeconds: 600);
        Assert.NotNull(await shortCache.ValidateAsync(issued.Token, CancellationToken.None));
        Assert.NotNull(await longCache.ValidateAsync(issued.Token, CancellationToken.None));

        await _users.RevokeAsync(issued.Token);

        // The documented bound: a cached answer outlives a revocation by up to CacheSeconds.
        Assert.NotNull(await longCache.ValidateAsync(issued.Token, CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Null(await shortCache.ValidateAsync(issued.Token, CancellationToken.None));
        Assert.Null(await Validator(cacheSeconds: 0).ValidateAsync(issued.Token, CancellationToken.None));
    }

    [KeystoneFact]
    public async Task Service_token_is_reused_across_validations_and_answers_are_cached()
    {
        var counter = new CountingHandler();
        var validator = Validator(handler: counter);
        var demo = await _users.IssueAsync("demo", keystone.DemoPassword, "demo");
        var reader = await _users.IssueAsync("demo-reader", keystone.ReaderPassword, "demo");

        Assert.NotNull(await validator.ValidateAsync(demo.Token, CancellationToken.None));
        Assert.NotNull(await validator.ValidateAsync(reader.Token, CancellationToken.None));
        Assert.Null(await validator.ValidateAsync("garbage", CancellationToken.None));
        Assert.NotNull(await validator.ValidateAsync(demo.Token, CancellationToken.None));
        Assert.Null(await validator.ValidateAsync("garbage", CancellationToken.None));

        Assert.Equal(1, counter.Logins);
        Assert.Equal(3, counter.Validations);
    }

    [KeystoneFact]
    public async Task Revoked_service_token_is_replaced_and_the_user_token_still_validates()
    {
        var counter = new CountingHandler();
        var validator = Validator(handler: counter, cacheSeconds: 0);
        var demo = await _users.IssueAsync("demo", keystone.DemoPassword, "demo");
        Assert.NotNull(await validator.ValidateAsync(demo.Token, CancellationToken.None));

        await _users.RevokeAsync(counter.LastServiceToken!);

        Assert.NotNull(await validator.ValidateAsync(demo.Token, CancellationToken.None));
        Assert.Equal(2, counter.Logins);
    }

    [KeystoneFact]
    public async Task Parallel_validations_all_get_an_answer()
    {
        var validator = Validator(cacheSeconds: 0);
        var tokens = new List<string>();
        for (var i = 0; i < 8; i++)
            tokens.Add((await _users.IssueAsync("demo", keystone.DemoPassword, "demo")).Token);

        var contexts = await Task.WhenAll(
            tokens.Concat(tokens).Select(t => validator.ValidateAsync(t, CancellationToken.None).AsTask()));

        Assert.All(contexts, context => Assert.Equal("demo", context?.ProjectName));
    }

    [KeystoneFact]
    public async Task Unreachable_Keystone_is_an_outage_not_an_invalid_token()
    {
        var validator = Validator(url: new Uri($"http://127.0.0.1:{ClosedPort()}/v3"));
        var issued = await _users.IssueAsync("demo", keystone.DemoPassword, "demo");

        await Assert.ThrowsAsync<IdentityBackendUnavailableException>(
            () => validator.ValidateAsync(issued.Token, CancellationToken.None).AsTask());
    }

    [KeystoneFact]
    public async Task Wrong_service_password_is_an_outage_not_an_invalid_token()
    {
        var validator = Validator(servicePassword: "wrong");
        var issued = await _users.IssueAsync("demo", keystone.DemoPassword, "demo");

        await Assert.ThrowsAsync<IdentityBackendUnavailableException>(
            () => validator.ValidateAsync(issued.Token, CancellationToken.None).AsTask());
    }

    private KeystoneTokenValidator Validator(
        int cacheSeconds = 60, HttpMessageHandler? handler = null, Uri? url = null, string? servicePassword = null)
    {
        var http = new HttpClient(handler ?? new SocketsHttpHandler());
        var options = new KeystoneOptions
        {
            Url = (url ?? keystone.Url).AbsoluteUri,
            ServiceUsername = "dbaas",
            ServicePassword = servicePassword ?? keystone.ServicePassword,
            ServiceProjectName = "service",
            CacheSeconds = cacheSeconds,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var validator = new KeystoneTokenValidator(http, Options.Create(options), NullLogger<KeystoneTokenValidator>.Instance);
        _disposables.Add(validator);
        _disposables.Add(http);
        return validator;
    }

    /// <summary>A loopback port that was free a moment ago, so connecting to it is refused.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var disposable in _disposables)
            disposable.Dispose();
        _users.Dispose();
    }
}
