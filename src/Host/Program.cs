using System.CommandLine;
using Paystack.Host.Commands;

var root = new RootCommand("paystack-sync: copies a Paystack account into a database or into Airbyte.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);

return await root.Parse(args).InvokeAsync();
