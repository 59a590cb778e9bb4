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
builder.AddDbaaSServer(commandLine.Roles);
var app = builder.Build();

if (commandLine.MigrateOnly)
    return await app.MigrateAndSeedAsync(seed: false);

app.UseDbaaSServer(commandLine.Roles);
if (app.Configuration.GetValue("Database:MigrateOnStart", true) && await app.MigrateAndSeedAsync(seed: true) != 0)
    return 1;
await app.RunAsync();
return 0;
