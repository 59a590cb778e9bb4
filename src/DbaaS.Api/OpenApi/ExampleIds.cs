namespace DbaaS.Api.OpenApi;

/// <summary>
/// The ids the examples use, written out in them. Kept in one list so the tests that replay the examples against a
/// real server can swap them for that server's ids.
/// </summary>
public static class ExampleIds
{
    public const string BaseUrl = "https://dbaas.example.com";
    public const string Project = "be1f9d94a7cf420ca744a2f877075140";
    public const string User = "0184c90c837343a78b0ce71938fd7665";
    public const string AdminProject = "8f7a51d4e1d74d1b8b8d86ec1dc59a11";
    public const string AdminUser = "6d2706f6810e4464ae3c6de6b6b486ce";
    public const string OtherProject = AdminProject;
    public const string Password = "correct-horse-battery-staple";
    public const string MySql = "a73d7567-2841-4e2e-9af8-45a94fa886cb";
    public const string MySql80 = "56231f68-7dc3-4b31-8903-e95621430db1";
    public const string PostgreSql = "f84d4817-d15e-4f46-a845-672d3c20b0b0";
    public const string PostgreSql15 = "c9d4ff39-d812-4b43-802f-dd528bd04eb5";
}
