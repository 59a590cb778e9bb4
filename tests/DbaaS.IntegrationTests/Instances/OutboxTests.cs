using DbaaS.IntegrationTests.Catalog;
using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Instances;

/// <summary>
/// The api commits the instance, its task and its command together and may die before publishing: here an api
/// without a relay stands for one killed between commit and publish. The next server's relay publishes the command
/// and the instance is built. Servers are simulated: this is about the outbox, not the engine.
/// </summary>
public sealed class OutboxTests
{
    [Fact]
    public async Task A_command_committed_by_an_api_that_never_published_it_is_published_by_the_next_server()
    {
        await using var database = await TestDatabase.CreateAsync("outbox");
        await using var vhost = await BrokerVhost.CreateAsync("outbox");
        var settings = new Dictionary<string, string?> { ["Compute:Driver"] = "simulated", ["Conductor:HeartbeatDeadlineSeconds"] = "86400" };

        string id;
        Session session;
        await using (var silent = new DbaaSApp
        {
            Settings = new Dictionary<string, string?>(settings) { ["Server:Roles"] = "api", ["Outbox:RelayEnabled"] = "false" },
            SharedDatabase = database,
            SharedVhost = vhost,
        })
        {
            await silent.InitializeAsync();
            session = await silent.NewProjectUserAsync();
            id = await silent.Client().CreateInstanceAsync(session, InstanceSteps.CreateBody("outboxed"));
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL"));
        }

        await using var next = new DbaaSApp { Settings = settings, SharedDatabase = database, SharedVhost = vhost };
        await next.InitializeAsync();
        var client = next.Client();
        await client.WaitForStatusAsync(session, id, TimeSpan.FromSeconds(30), "ACTIVE");
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL"));
        Assert.Equal("succeeded", await database.ScalarAsync<string>($"SELECT state FROM instance_tasks WHERE instance_id = '{id}'"));
    }
}
