using DbaaS.Core.Data;

namespace DbaaS.Tests.Data;

public sealed class SnakeCaseTests
{
    [Theory]
    [InlineData("Id", "id")]
    [InlineData("ProjectId", "project_id")]
    [InlineData("RamMb", "ram_mb")]
    [InlineData("DatastoreVersionId", "datastore_version_id")]
    [InlineData("TokenHash", "token_hash")]
    public void Converts_property_names_to_column_names(string property, string column)
    {
        Assert.Equal(column, SnakeCase.From(property));
    }
}
