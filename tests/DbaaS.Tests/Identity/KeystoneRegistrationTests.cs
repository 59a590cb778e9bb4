using DbaaS.Core.Identity;
using DbaaS.Core.Identity.Keystone;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DbaaS.Tests.Identity;

public sealed class KeystoneRegistrationTests
{
    [Fact]
    public void Validator_is_one_instance_per_process_because_it_owns_the_cache()
    {
        using var services = Build(new()
        {
            ["Url"] = "http://127.0.0.1:25500/v3",
            ["ServiceUsername"] = "dbaas",
            ["ServicePassword"] = "secret",
            ["ServiceProjectName"] = "service",
            ["CacheSeconds"] = "5",
        });

        var first = services.GetRequiredService<ITokenValidator>();

        Assert.IsType<KeystoneTokenValidator>(first);
        Assert.Same(first, services.GetRequiredService<ITokenValidator>());
        Assert.Equal(5, services.GetRequiredService<IOptions<KeystoneOptions>>().Value.CacheSeconds);
    }

    [Fact]
    public void Missing_service_credentials_are_a_configuration_error()
    {
        using var services = Build(new() { ["Url"] = "http://127.0.0.1:25500/v3" });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KeystoneOptions>>().Value);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddKeystoneTokenValidation(section)
            .BuildServiceProvider();
    }
}
