using System.Net;
using System.Text;
using DbaaS.Core.Identity;
using DbaaS.Core.Identity.Keystone;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DbaaS.Tests.Identity;

/// <summary>
/// What a real Keystone won't easily show: legacy and unknown roles, domain scope, Keystone's own failures.
/// The happy paths run against a real Keystone in DbaaS.IntegrationTests.
/// </summary>
public sealed class KeystoneTokenValidatorTests
{
    private const string ProjectScope = """
        "project": {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
        """;

    [Fact]
    public async Task Legacy_member_role_counts_as_member()
    {
        var keystone = new FakeKeystone(ValidToken(ProjectScope, "_member_"));

        var context = await keystone.Validator().ValidateAsync("user-token", CancellationToken.None);

        Assert.NotNull(context);
        Assert.Equal([RoleNames.Member], context.Roles);
        Assert.True(context.CanWrite);
    }

    [Fact]
    public async Task Unknown_roles_only_gives_no_roles_at_all()
    {
        var keystone = new FakeKeystone(ValidToken(ProjectScope, "heat_stack_owner"));

        var context = await keystone.Validator().ValidateAsync("user-token", CancellationToken.None);

        Assert.NotNull(context);
        Assert.Empty(context.Roles);
        Assert.False(context.CanWrite);
    }

    [Fact]
    public async Task Domain_scoped_token_is_refused()
    {
        var keystone = new FakeKeystone(ValidToken("""
            "domain": {"id": "default", "name": "Default"},
            """, "admin"));

        Assert.Null(await keystone.Validator().ValidateAsync("user-token", CancellationToken.None));
    }

    [Fact]
    public async Task Invalid_answer_is_cached_too()
    {
        var keystone = new FakeKeystone(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var validator = keystone.Validator();

        Assert.Null(await validator.ValidateAsync("user-token", CancellationToken.None));
        Assert.Null(await validator.ValidateAsync("user-token", CancellationToken.None));

        Assert.Equal(1, keystone.Validations);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("jeton-été")]
    [InlineData("line\nbreak")]
    public async Task Token_that_cannot_be_a_header_is_invalid_without_asking_Keystone(string token)
    {
        var keystone = new FakeKeystone(_ => throw new InvalidOperationException("Keystone was asked"));

        Assert.Null(await keystone.Validator().ValidateAsync(token, CancellationToken.None));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task Keystone_failing_is_an_outage_not_an_invalid_token(HttpStatusCode status)
    {
        var keystone = new FakeKeystone(_ => new HttpResponseMessage(status));

        await Assert.ThrowsAsync<IdentityBackendUnavailableException>(
            () => keystone.Validator().ValidateAsync("user-token", CancellationToken.None).AsTask());
    }

    private static Func<HttpRequestMessage, HttpResponseMessage> ValidToken(string scope, string role) => _ =>
        new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""
                {"token": {
                  "user": {"id": "u1", "name": "demo"},
                  {{scope}}
                  "roles": [{"id": "r1", "name": "{{role}}"}],
                  "expires_at": "{{DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ss.ffffffZ}}"
                } }
                """, Encoding.UTF8, "application/json"),
        };

    /// <summary>Answers service logins itself and hands token validations to the test's function.</summary>
    private sealed class FakeKeystone(Func<HttpRequestMessage, HttpResponseMessage> validate) : HttpMessageHandler
    {
        public int Validations { get; private set; }

        public KeystoneTokenValidator Validator() => new(
            new HttpClient(this),
            Options.Create(new KeystoneOptions
            {
                Url = "http://keystone.invalid/v3",
                ServiceUsername = "dbaas",
                ServicePassword = "secret",
                ServiceProjectName = "service",
            }),
            NullLogger<KeystoneTokenValidator>.Instance);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                var login = new HttpResponseMessage(HttpStatusCode.Created)
                {
                    Content = new StringContent(
                        $$"""{"token": {"expires_at": "{{DateTimeOffset.UtcNow.AddHours(1):o}}"} }""",
                        Encoding.UTF8, "application/json"),
                };
                login.Headers.Add("X-Subject-Token", "service-token");
                return Task.FromResult(login);
            }
            Validations++;
            return Task.FromResult(validate(request));
        }
    }
}
