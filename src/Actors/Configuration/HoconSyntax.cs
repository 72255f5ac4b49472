namespace Paystack.Actors.Configuration;

/// <summary>
/// The structural mistakes Akka's HOCON parser lets through: it takes an unclosed '{' or '[', a stray '}' or an
/// unterminated string as if the file ended well, so a half-written file would silently configure half of what it says.
/// </summary>
internal static class HoconSyntax
{
    /// <summary>The first such mistake, with its line and column, or null when brackets and strings are balanced.</summary>
    public static string? FirstProblem(string text)
    {
        var open = new Stack<(char Bracket, int Line, int Column)>();
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var column = i - lineStart + 1;
            switch (c)
            {
                case '\n':
                    line++;
                    lineStart = i + 1;
                    break;
                case '#':
                    i = EndOfLine(text, i) - 1;
                    break;
                case '/' when At(text, i + 1) == '/':
                    i = EndOfLine(text, i) - 1;
                    break;
                case '"' when At(text, i + 1) == '"' && At(text, i + 2) == '"':
                    var close = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
                    if (close < 0) return $"the \"\"\" string at line {line}, column {column} is never closed";
                    for (var j = i; j < close; j++)
                        if (text[j] == '\n') { line++; lineStart = j + 1; }
                    i = close + 2;
                    while (At(text, i + 1) == '"') i++; // quotes right before the closing """ belong to the string
                    break;
                case '"':
                    i = EndOfQuoted(text, i);
                    if (i < 0) return $"the string at line {line}, column {column} is not closed on its line";
                    break;
                case '{' or '[':
                    open.Push((c, line, column));
                    break;
                case '}' or ']':
                    if (open.Count == 0) return $"'{c}' at line {line}, column {column} closes nothing";
                    var (bracket, atLine, atColumn) = open.Pop();
                    if (bracket != Opening(c))
                        return $"'{c}' at line {line}, column {column} does not close the '{bracket}' at line {atLine}, column {atColumn}";
                    break;
            }
        }
        if (open.Count == 0) return null;
        var (unclosed, unclosedLine, unclosedColumn) = open.Peek();
        return $"'{unclosed}' at line {unclosedLine}, column {unclosedColumn} is never closed";
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static char Opening(char closing) => closing == '}' ? '{' : '[';

    private static int EndOfLine(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }

    /// <summary>The index of the closing quote, or -1 when the line (or text) ends first: a quoted string cannot span lines.</summary>
    private static int EndOfQuoted(string text, int opening)
    {
        for (var i = opening + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\': i++; break;
                case '"': return i;
                case '\n': return -1;
            }
        }
        return -1;
    }
}
