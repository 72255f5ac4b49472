using System.Text.Json;

namespace Paystack.Actors.Airbyte.Config;

/// <summary>Reading the JSON files the platform passes in, with messages that name the file and the problem.</summary>
internal static class InputFile
{
    /// <param name="kind">How the file is named in messages, e.g. "Catalog file".</param>
    public static string ReadText(string path, string kind)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new AirbyteConfigException($"{kind} '{path}' does not exist.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AirbyteConfigException($"{kind} '{path}' could not be read: {e.Message}");
        }
    }

    /// <summary>Parses JSON; a syntax error is reported by position only, since parser messages can quote file content.</summary>
    public static JsonDocument ParseJson(string json, string sourceName)
    {
        if (string.IsNullOrWhiteSpace(json))
            throw new AirbyteConfigException($"{sourceName} is empty.");
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new AirbyteConfigException(
                $"{sourceName} is not valid JSON (syntax error at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}).");
        }
    }
}
