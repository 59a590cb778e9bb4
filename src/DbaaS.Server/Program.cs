using DbaaS.Server;

var commandLine = ServerCommandLine.Parse(args);
if (commandLine.Error is not null)
{
    Console.Error.WriteLine(commandLine.Error);
    Console.Error.WriteLine(ServerCommandLine.Usage);
    return 2;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = commandLine.HostArgs,
    // appsettings.json ships beside the binary; the working directory may be anywhere.
    ContentRootPath = AppContext.BaseDirectory,
});
var roles = commandLine.RolesGiven ? commandLine.Roles : ServerCommandLine.ParseRoles(builder.Configuration["Server:Roles"]);
if (roles is null)
{
    Console.Error.WriteLine($"unknown role in the Server:Roles setting '{builder.Configuration["Server:Roles"]}'; expected api, taskmanager, conductor or all");
    return 2;
}
builder.AddDbaaSServer(roles.Value);
var app = builder.Build();

if (commandLine.MigrateOnly)
    return await app.MigrateAndSeedAsync(seed: false);

app.UseDbaaSServer(roles.Value);
if (app.Configuration.GetValue("Database:MigrateOnStart", true) && await app.MigrateAndSeedAsync(seed: true) != 0)
    return 1;
await app.RunAsync();
return 0;
