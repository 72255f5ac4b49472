using System.CommandLine;
using Paystack.Host.Serve;

namespace Paystack.Host.Tests.Serve;

/// <summary>Parses serve's arguments (without the verb) exactly as the executable does, for hosts started in-process.</summary>
internal static class ServeCommandLine
{
    public static ServeOptions Parse(IEnumerable<string> args)
    {
        var options = new ServeCommandOptions();
        var command = new Command("serve");
        foreach (var option in options.All) command.Options.Add(option);
        var parsed = command.Parse(args.ToArray());
        if (parsed.Errors.Count > 0)
            throw new ArgumentException(string.Join("; ", parsed.Errors.Select(e => e.Message)));
        return options.Read(parsed);
    }
}
