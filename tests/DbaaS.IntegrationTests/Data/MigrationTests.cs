using System.Diagnostics;
using DbaaS.Core.Data;
using DbaaS.Core.Data.Migrations;
using DbaaS.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DbaaS.IntegrationTests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_EF_model_maps_onto_the_migrated_schema_exactly()
    {
        await using var database = await TestDatabase.CreateAsync("schema");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);

        var schema = await ReadSchemaAsync(dataSource);
        var primaryKeys = await ReadPrimaryKeysAsync(dataSource);
        await using var db = new DbaaSDbContext(new DbContextOptionsBuilder<DbaaSDbContext>().UseNpgsql(dataSource).Options);

        var mappedTables = new HashSet<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            mappedTables.Add(table);
            Assert.True(schema.ContainsKey(table), $"entity {entity.ClrType.Name} maps to table {table}, which the migrations do not create");
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table);
            var mappedColumns = new HashSet<string>();
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(store)!;
                mappedColumns.Add(column);
                Assert.True(schema[table].TryGetValue(column, out var actual), $"{table}.{column} ({entity.ClrType.Name}.{property.Name}) is missing from the schema");
                Assert.True(actual.Type == property.GetColumnType(store),
                    $"{table}.{column}: EF says {property.GetColumnType(store)}, the schema has {actual.Type}");
                Assert.True(actual.Nullable == property.IsColumnNullable(store),
                    $"{table}.{column}: EF nullable={property.IsColumnNullable(store)}, schema nullable={actual.Nullable}");
            }
            var unmapped = schema[table].Keys.Except(mappedColumns).ToList();
            Assert.True(unmapped.Count == 0, $"{table} has columns the EF model does not map: {string.Join(", ", unmapped)}");
            var efKey = entity.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName(store)!).Order().ToList();
            Assert.Equal(primaryKeys[table].Order().ToList(), efKey);
        }
        var tablesWithoutEntity = schema.Keys.Except(mappedTables).Except(["schema_migrations"]).ToList();
        Assert.True(tablesWithoutEntity.Count == 0, $"tables without an EF entity: {string.Join(", ", tablesWithoutEntity)}");
    }

    [Fact]
    public async Task Servers_starting_together_apply_each_migration_once()
    {
        await using var database = await TestDatabase.CreateAsync("concurrent");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var runs = Enumerable.Range(0, 6)
            .Select(_ => Task.Run(() => new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None)))
            .ToArray();
        var results = await Task.WhenAll(runs);

        Assert.Equal(MigrationRunner.Embedded.Count, results.Sum(r => r.Count));
        Assert.Equal(MigrationRunner.Embedded.Count, (int)(await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations")));
        Assert.Equal(MigrationRunner.Embedded.Count, (int)(await database.ScalarAsync<long>("SELECT count(DISTINCT version) FROM schema_migrations")));
    }

    [Fact]
    public async Task A_second_run_applies_nothing_and_an_edited_migration_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync("rerun");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);
        Assert.NotEmpty(await runner.ApplyAsync(CancellationToken.None));
        Assert.Empty(await runner.ApplyAsync(CancellationToken.None));

        await database.ExecuteAsync("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ApplyAsync(CancellationToken.None));
        Assert.Contains("was changed after it was applied", error.Message);
    }

    [Fact]
    public async Task The_server_migrate_command_builds_the_schema_and_exits()
    {
        await using var database = await TestDatabase.CreateAsync("migratecmd");
        var serverDll = Path.Combine(AppContext.BaseDirectory, "DbaaS.Server.dll");
        var start = new ProcessStartInfo("dotnet", [serverDll, "migrate"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ConnectionStrings__Dbaas"] = database.ConnectionString, ["Messaging__Transport"] = "InMemory" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "migrate did not exit within 60 s");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await output} {await errors}");
        Assert.Equal(MigrationRunner.Embedded.Count, (int)(await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations")));
        // migrate only migrates: no seeded users.
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM users"));
    }

    private sealed record Column(string Type, bool Nullable);

    private static async Task<Dictionary<string, Dictionary<string, Column>>> ReadSchemaAsync(NpgsqlDataSource dataSource)
    {
        var schema = new Dictionary<string, Dictionary<string, Column>>();
        await using var command = dataSource.CreateCommand("""
            SELECT table_name, column_name, data_type, udt_name, is_nullable = 'YES'
            FROM information_schema.columns WHERE table_schema = 'public'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var type = reader.GetString(2) == "ARRAY" ? reader.GetString(3).TrimStart('_') + "[]" : reader.GetString(2);
            if (!schema.TryGetValue(reader.GetString(0), out var columns)) schema[reader.GetString(0)] = columns = [];
            columns[reader.GetString(1)] = new Column(type, reader.GetBoolean(4));
        }
        return schema;
    }

    private static async Task<Dictionary<string, List<string>>> ReadPrimaryKeysAsync(NpgsqlDataSource dataSource)
    {
        var keys = new Dictionary<string, List<string>>();
        await using var command = dataSource.CreateCommand("""
            SELECT tc.table_name, kcu.column_name
            FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
            WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!keys.TryGetValue(reader.GetString(0), out var columns)) keys[reader.GetString(0)] = columns = [];
            columns.Add(reader.GetString(1));
        }
        return keys;
    }
}
