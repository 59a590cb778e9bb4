using DbaaS.GuestPlugins.Tests.Infrastructure;

namespace DbaaS.GuestPlugins.Tests.MariaDb;

/// <summary>Databases, users and root on a real mariadbd 10.11 prepared by the plugin, checked with the mariadb client.</summary>
public sealed class MariaDbAccessTests(ITestOutputHelper output) : IAsyncLifetime
{
    TestInstance instance = null!;
    MySqlAccessScenarios scenarios = null!;

    public Task InitializeAsync()
    {
        instance = new TestInstance("mariadb", "10.11", output);
        scenarios = new MySqlAccessScenarios(instance, new MySqlFamilyDriver(instance, "mariadb", "10.11."));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await instance.DisposeAsync();

    [Fact]
    public Task Databases_are_created_listed_and_deleted_all_or_nothing() => scenarios.DatabasesAreCreatedListedAndDeletedAllOrNothingAsync();

    [Fact]
    public Task Users_see_exactly_their_databases_and_are_created_all_or_nothing() => scenarios.UsersSeeExactlyTheirDatabasesAndAreCreatedAllOrNothingAsync();

    [Fact]
    public Task Grants_are_exact_and_revoked_grants_are_gone() => scenarios.GrantsAreExactAndRevokedGrantsAreGoneAsync();

    [Fact]
    public Task Renamed_users_keep_their_grants_and_passwords_change_all_or_nothing() =>
        scenarios.RenamedUsersKeepTheirGrantsAndPasswordsChangeAllOrNothingAsync();

    [Fact]
    public Task Root_is_enabled_over_tcp_disabled_again_and_the_admin_keeps_working() =>
        scenarios.RootIsEnabledOverTcpDisabledAgainAndTheAdminKeepsWorkingAsync();

    [Fact]
    public Task User_methods_refuse_root_and_the_engines_accounts() => scenarios.UserMethodsRefuseRootAndTheEnginesAccountsAsync();

    [Fact]
    public Task Names_built_to_inject_sql_are_refused_and_passwords_are_taken_literally() =>
        scenarios.NamesBuiltToInjectSqlAreRefusedAndPasswordsAreTakenLiterallyAsync();

    [Fact]
    public Task Passwords_do_not_show_in_the_engines_errors() => scenarios.PasswordsDoNotShowInTheEnginesErrorsAsync();
}
