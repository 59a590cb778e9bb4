using System.Text.Json;
using DbaaS.Contracts.Guest;
using DbaaS.GuestAgent.Datastores.Common;
using DbaaS.GuestAgent.Tests.Infrastructure;

namespace DbaaS.GuestAgent.Tests;

/// <summary>
/// The database, user and root calls through the real RabbitMQ to an in-process agent driving
/// <see cref="FakeAccessPlugin"/> under a real manager's name: capabilities, argument checks and error types.
/// </summary>
public sealed class AccessRpcDispatchTests
{
    [Fact]
    public async Task Redis_refuses_named_databases_grants_and_renames_as_not_supported_naming_the_engine_before_the_plugin()
    {
        await using var guest = await TestGuest.CreateAsync(manager: "redis");
        var plugin = Start(guest, "redis");

        var refused = new[]
        {
            await Call(guest, GuestMethods.CreateDatabase, """{"databases":[{"name":"app"}]}"""),
            await Call(guest, GuestMethods.DeleteDatabase, """{"name":"app"}"""),
            await Call(guest, GuestMethods.GrantAccess, """{"user":{"name":"u","host":null},"databases":["0"]}"""),
            await Call(guest, GuestMethods.RevokeAccess, """{"user":{"name":"u","host":null},"database":"0"}"""),
            await Call(guest, GuestMethods.CreateUser, """{"users":[{"name":"u","password":"pw","host":null,"databases":["0"]}]}"""),
            await Call(guest, GuestMethods.UpdateAttributes, """{"user":{"name":"u","host":null},"new_name":"v"}"""),
            await Call(guest, GuestMethods.UpdateAttributes, """{"user":{"name":"u","host":null},"new_host":"%"}"""),
        };
        var listed = await guest.ControlPlane.CallAsync(GuestMethods.ListDatabases);
        var created = await Call(guest, GuestMethods.CreateUser, """{"users":[{"name":"u","password":"pw","host":null,"databases":[]}]}""");

        foreach (var reply in refused)
        {
            Assert.Equal(GuestErrorTypes.NotSupported, reply.Reply.Error?.Type);
            Assert.StartsWith("redis: ", reply.Reply.Error!.Message);
        }
        Assert.Contains("create_database", refused[0].Reply.Error!.Message);
        Assert.Null(listed.Reply.Error);
        Assert.Equal(["0", "1"], listed.Reply.Result!.Value.Deserialize(GuestJson.Default.DatabaseList)!.Databases.Select(d => d.Name));
        Assert.Null(created.Reply.Error);
        Assert.Equal(["list_databases", "create_user u[]"], plugin().Calls);
    }

    [Fact]
    public async Task Empty_lists_and_missing_names_get_bad_arguments_before_the_plugin_sees_them()
    {
        await using var guest = await TestGuest.CreateAsync(manager: "postgresql");
        var plugin = Start(guest, "postgresql");

        var bad = new[]
        {
            await Call(guest, GuestMethods.CreateDatabase, """{"databases":[]}"""),
            await Call(guest, GuestMethods.CreateDatabase, """{"databases":[{"name":""}]}"""),
            await Call(guest, GuestMethods.DeleteDatabase, """{}"""),
            await guest.ControlPlane.CallAsync(GuestMethods.DeleteDatabase),
            await Call(guest, GuestMethods.CreateUser, """{"users":[]}"""),
            await Call(guest, GuestMethods.CreateUser, """{"users":[{"name":"u","password":"","host":null,"databases":[]}]}"""),
            await Call(guest, GuestMethods.DeleteUser, """{"host":null}"""),
            await Call(guest, GuestMethods.ChangePasswords, """{"users":[]}"""),
            await Call(guest, GuestMethods.UpdateAttributes, """{"user":{"name":"u","host":null}}"""),
            await Call(guest, GuestMethods.GrantAccess, """{"user":{"name":"u","host":null},"databases":[]}"""),
            await Call(guest, GuestMethods.GrantAccess, """{"user":{"name":"","host":null},"databases":["db"]}"""),
            await Call(guest, GuestMethods.RevokeAccess, """{"user":{"name":"u","host":null}}"""),
            await Call(guest, GuestMethods.EnableRoot, """{"password":""}"""),
        };
        var hostOnPostgres = await Call(guest, GuestMethods.UpdateAttributes, """{"user":{"name":"u","host":null},"new_host":"%"}""");

        for (var i = 0; i < bad.Length; i++)
            Assert.True(bad[i].Reply.Error?.Type == GuestErrorTypes.BadArguments, $"call {i}: {bad[i].Reply.Error?.Type} {bad[i].Reply.Error?.Message}");
        Assert.Contains("databases must not be empty", bad[0].Reply.Error!.Message);
        Assert.Equal(GuestErrorTypes.NotSupported, hostOnPostgres.Reply.Error?.Type);
        Assert.StartsWith("postgresql: ", hostOnPostgres.Reply.Error!.Message);
        Assert.Empty(plugin().Calls);
    }

    [Fact]
    public async Task Missing_and_taken_objects_become_not_found_and_already_exists_with_the_plugins_message()
    {
        await using var guest = await TestGuest.CreateAsync(manager: "postgresql");
        var plugin = Start(guest, "postgresql");
        await guest.ControlPlane.CallAsync(GuestMethods.RpcPing);

        plugin().FailWith = new EngineObjectNotFoundException("postgresql: database 'gone' does not exist");
        var notFound = await Call(guest, GuestMethods.DeleteDatabase, """{"name":"gone"}""");
        plugin().FailWith = new EngineObjectExistsException("postgresql: user 'alice' already exists");
        var exists = await Call(guest, GuestMethods.CreateUser, """{"users":[{"name":"alice","password":"pw","host":null,"databases":["db"]}]}""");
        var users = await guest.ControlPlane.CallAsync(GuestMethods.ListUsers);
        var root = await Call(guest, GuestMethods.EnableRoot, "{}");
        var status = await guest.ControlPlane.CallAsync(GuestMethods.IsRootEnabled);
        var renamed = await Call(guest, GuestMethods.UpdateAttributes, """{"user":{"name":"alice","host":null},"new_name":"bob"}""");

        Assert.Equal(new GuestError(GuestErrorTypes.NotFound, "postgresql: database 'gone' does not exist"), notFound.Reply.Error);
        Assert.Equal(new GuestError(GuestErrorTypes.AlreadyExists, "postgresql: user 'alice' already exists"), exists.Reply.Error);
        var alice = Assert.Single(users.Reply.Result!.Value.Deserialize(GuestJson.Default.UserList)!.Users);
        Assert.Equal(("alice", (string?)null, "0,1"), (alice.Name, alice.Host, string.Join(',', alice.Databases)));
        Assert.Equal(new RootCredentials("root", "generated-root-pw"), root.Reply.Result!.Value.Deserialize(GuestJson.Default.RootCredentials));
        Assert.True(status.Reply.Result!.Value.Deserialize(GuestJson.Default.RootStatus)!.Enabled);
        Assert.Null(renamed.Reply.Error);
        Assert.Equal(["delete_database gone", "create_user alice[db]", "list_users", "enable_root", "is_root_enabled", "update_attributes alice->bob"],
            plugin().Calls);
    }

    [Fact]
    public async Task An_engine_without_databases_and_users_answers_not_supported_naming_it()
    {
        await using var guest = await TestGuest.CreateAsync();
        guest.StartAgent();

        var users = await guest.ControlPlane.CallAsync(GuestMethods.ListUsers);
        var root = await guest.ControlPlane.CallAsync(GuestMethods.IsRootEnabled);

        Assert.Equal(GuestErrorTypes.NotSupported, users.Reply.Error?.Type);
        Assert.StartsWith($"{FakeEnginePlugin.ManagerName}: ", users.Reply.Error!.Message);
        Assert.Equal(GuestErrorTypes.NotSupported, root.Reply.Error?.Type);
    }

    /// <summary>Starts the agent with a <see cref="FakeAccessPlugin"/>; the plugin exists once the agent has made it.</summary>
    static Func<FakeAccessPlugin> Start(TestGuest guest, string manager)
    {
        FakeAccessPlugin? plugin = null;
        guest.StartAgent(context => plugin = new FakeAccessPlugin(context, guest.Engine, manager));
        return () => plugin ?? throw new InvalidOperationException("the agent has not created its plugin yet");
    }

    static Task<ReceivedReply> Call(TestGuest guest, string method, string json) =>
        guest.ControlPlane.CallAsync(method, JsonDocument.Parse(json).RootElement.Clone());
}
