using System.CommandLine;
using Paystack.Host.Commands;
using Paystack.Host.Running;

var root = new RootCommand("paystack-sync: copies a Paystack account into a database or into Airbyte.");
foreach (var command in CommandCatalog.All())
    root.Subcommands.Add(command);

var parsed = root.Parse(args);
return ArgumentErrors.Refuse(parsed, Console.OpenStandardOutput(), Console.Error) ?? await parsed.InvokeAsync();
