using System.Text.Json;
using Spectre.Console;

namespace Paystack.Host.Admin;

/// <summary>Where an inspection verb prints: tables and trees for people, or with <c>--json</c> the endpoint's answer as indented JSON.</summary>
internal sealed class AdminOutput(IAnsiConsole console, TextWriter output, bool json)
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public IAnsiConsole Console { get; } = console;

    /// <summary>True when <c>--json</c> was given: print the answer with <see cref="JsonAsync{T}"/> and nothing else.</summary>
    public bool Json { get; } = json;

    public Task JsonAsync<T>(T answer) => output.WriteLineAsync(JsonSerializer.Serialize(answer, Indented));

    /// <summary>Prints <paramref name="answer"/> as JSON with --json, otherwise as <paramref name="forPeople"/> draws it.</summary>
    public async Task PrintAsync<T>(T answer, Action<T, IAnsiConsole> forPeople)
    {
        if (Json) await JsonAsync(answer);
        else forPeople(answer, Console);
    }
}
