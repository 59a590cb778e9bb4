using DbaaS.GuestPlugins.Tests.Infrastructure;
using DbaaS.GuestPlugins.Tests.MariaDb;

namespace DbaaS.GuestPlugins.Tests.MySql;

/// <summary>The MariaDB access scenarios on MySQL 8 (caching_sha2_password, its own system accounts); skipped without a real MySQL 8 mysqld.</summary>
public sealed class MySqlAccessTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestInstance instance = null!;
    MySqlAccessScenarios scenarios = null!;

    public Task InitializeAsync()
    {
        instance = new TestInstance("mysql", "8.0", output);
        scenarios = new MySqlAccessScenarios(instance, new MySqlFamilyDriver(instance, "mysql", "8."));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [MySql8Fact]
    public Task Databases_are_created_listed_and_deleted_all_or_nothing_RequiresMySql8Mysqld() =>
        scenarios.DatabasesAreCreatedListedAndDeletedAllOrNothingAsync();

    [MySql8Fact]
    public Task Users_see_exactly_their_databases_and_are_created_all_or_nothing_RequiresMySql8Mysqld() =>
        scenarios.UsersSeeExactlyTheirDatabasesAndAreCreatedAllOrNothingAsync();

    [MySql8Fact]
    public Task Grants_are_exact_and_revoked_grants_are_gone_RequiresMySql8Mysqld() => scenarios.GrantsAreExactAndRevokedGrantsAreGoneAsync();

    [MySql8Fact]
    public Task Renamed_users_keep_their_grants_and_passwords_change_all_or_nothing_RequiresMySql8Mysqld() =>
        scenarios.RenamedUsersKeepTheirGrantsAndPasswordsChangeAllOrNothingAsync();

    [MySql8Fact]
    public Task Root_is_enabled_over_tcp_disabled_again_and_the_admin_keeps_working_RequiresMySql8Mysqld() =>
        scenarios.RootIsEnabledOverTcpDisabledAgainAndTheAdminKeepsWorkingAsync();

    [MySql8Fact]
    public Task User_methods_refuse_root_and_the_engines_accounts_RequiresMySql8Mysqld() => scenarios.UserMethodsRefuseRootAndTheEnginesAccountsAsync();

    [MySql8Fact]
    public Task Names_built_to_inject_sql_are_refused_and_passwords_are_taken_literally_RequiresMySql8Mysqld() =>
        scenarios.NamesBuiltToInjectSqlAreRefusedAndPasswordsAreTakenLiterallyAsync();

    [MySql8Fact]
    public Task Passwords_do_not_show_in_the_engines_errors_RequiresMySql8Mysqld() => scenarios.PasswordsDoNotShowInTheEnginesErrorsAsync();
}
