using DbaaS.Core.Data;
using DbaaS.Core.Data.Migrations;
using DbaaS.Core.Identity;
using DbaaS.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DbaaS.IntegrationTests.Data;

public sealed class SeedingTests
{
    [Fact]
    public async Task Servers_starting_together_seed_one_admin_one_demo_and_one_catalog()
    {
        await using var database = await TestDatabase.CreateAsync("seed");
        var apps = Enumerable.Range(0, 3).Select(_ => new DbaaSApp { SharedDatabase = database }).ToList();
        try
        {
            await Task.WhenAll(apps.Select(app => Task.Run(() => ((IAsyncLifetime)app).InitializeAsync())));
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM users WHERE name = 'admin'"));
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM projects WHERE name = 'demo'"));
            Assert.Equal(5L, await database.ScalarAsync<long>("SELECT count(*) FROM flavors"));
            Assert.Equal(6L, await database.ScalarAsync<long>("SELECT count(*) FROM datastores"));
            Assert.Equal(6L, await database.ScalarAsync<long>("SELECT count(*) FROM datastore_versions"));
            Assert.Equal(0L, await database.ScalarAsync<long>(
                "SELECT count(*) FROM (SELECT 1 FROM configuration_parameters GROUP BY datastore_version_id, name HAVING count(*) > 1) d"));
            // Every one of them serves the same seeded users.
            foreach (var app in apps) await app.DemoAsync();
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_configured_passwords_they_are_generated_shown_once_and_work()
    {
        await using var database = await TestDatabase.CreateAsync("genpw");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        var options = Options.Create(new IdentityOptions { PasswordHashIterations = 1000 });

        var firstStart = new StringWriter();
        await using (var db = NewContext(dataSource))
            await new IdentitySeeder(db, options, NullLogger<IdentitySeeder>.Instance).SeedAsync(firstStart, CancellationToken.None);
        var secondStart = new StringWriter();
        await using (var db = NewContext(dataSource))
            await new IdentitySeeder(db, options, NullLogger<IdentitySeeder>.Instance).SeedAsync(secondStart, CancellationToken.None);

        var shown = firstStart.ToString();
        var adminPassword = System.Text.RegularExpressions.Regex.Match(shown, "user 'admin' \\(project 'admin'\\): (\\S+)").Groups[1].Value;
        Assert.True(adminPassword.Length >= 20, shown);
        Assert.Contains("user 'demo'", shown);
        Assert.Equal("", secondStart.ToString());

        await using var check = NewContext(dataSource);
        var admin = await check.Users.SingleAsync(u => u.Name == "admin");
        Assert.True(PasswordHasher.Verify(adminPassword, admin.PasswordHash));
        Assert.DoesNotContain(adminPassword, admin.PasswordHash);
    }

    private static DbaaSDbContext NewContext(NpgsqlDataSource dataSource) =>
        new(new DbContextOptionsBuilder<DbaaSDbContext>().UseNpgsql(dataSource).Options);
}
