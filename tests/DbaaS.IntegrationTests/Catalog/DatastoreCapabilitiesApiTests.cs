using DbaaS.IntegrationTests.Infrastructure;

namespace DbaaS.IntegrationTests.Catalog;

[Collection(ApiCollection.Name)]
public sealed class DatastoreCapabilitiesApiTests(DbaaSApp app)
{
    [Theory]
    [InlineData("mariadb", "10.11", "list_databases,manage_databases,database_character_sets,users,user_host,rename_users,user_access,root")]
    [InlineData("postgresql", "15", "list_databases,manage_databases,users,rename_users,user_access,root")]
    [InlineData("redis", "7.0", "list_databases,users,root")]
    public async Task A_version_shows_what_its_datastore_can_do_with_databases_users_and_root(string datastore, string version, string expected)
    {
        var session = await app.DemoAsync();
        var shown = await app.Client().GetAsync(session.Tenant($"datastores/{datastore}/versions/{version}"), session.Token);
        shown.AssertStatus(200);
        Assert.Equal(expected.Split(','), shown.Body.GetProperty("version").GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));

        var listed = await app.Client().GetAsync(session.Tenant($"datastores/{datastore}/versions"), session.Token);
        var summary = listed.Body.GetProperty("versions").EnumerateArray().Single(v => v.Str("name") == version);
        Assert.Equal(expected.Split(','), summary.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
    }
}
