using System.Globalization;
using Serilog.Events;
using Serilog.Parsing;

namespace Paystack.Actors.Logging;

/// <summary>Copies a log event with secrets masked in its message template, its property values (nested too) and its exception.</summary>
internal static class LogEventRedaction
{
    private static readonly MessageTemplateParser Parser = new();

    public static LogEvent Redact(LogEvent logEvent, SecretRedactor redactor)
    {
        var templateText = logEvent.MessageTemplate.Text;
        var redactedTemplate = redactor.Redact(templateText);
        var template = ReferenceEquals(redactedTemplate, templateText) || redactedTemplate == templateText
            ? logEvent.MessageTemplate
            : Parser.Parse(redactedTemplate);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Redact(p.Value, redactor)));
        return new LogEvent(logEvent.Timestamp, logEvent.Level, Redact(logEvent.Exception, redactor), template, properties,
            logEvent.TraceId ?? default, logEvent.SpanId ?? default);
    }

    private static Exception? Redact(Exception? exception, SecretRedactor redactor)
    {
        if (exception is null or RedactedException)
            return exception;
        var text = exception.ToString();
        return redactor.Redact(text) == text ? exception : new RedactedException(exception, redactor);
    }

    private static LogEventPropertyValue Redact(LogEventPropertyValue value, SecretRedactor redactor) => value switch
    {
        ScalarValue scalar => Redact(scalar, redactor),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(e => Redact(e, redactor))),
        StructureValue structure => new StructureValue(
            structure.Properties.Select(p => new LogEventProperty(p.Name, Redact(p.Value, redactor))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(e =>
            new KeyValuePair<ScalarValue, LogEventPropertyValue>(Redact(e.Key, redactor), Redact(e.Value, redactor)))),
        _ => RedactRendered(value, redactor),
    };

    private static ScalarValue Redact(ScalarValue scalar, SecretRedactor redactor)
    {
        switch (scalar.Value)
        {
            case null or bool or char or byte or sbyte or short or ushort or int or uint or long or ulong or float or double
                or decimal or DateTime or DateTimeOffset or TimeSpan or DateOnly or TimeOnly or Guid or Enum:
                return scalar;
            case string text:
                var redacted = redactor.Redact(text);
                return redacted == text ? scalar : new ScalarValue(redacted);
            default:
                // Any other object (Uri, a record...) renders through ToString: check that text.
                var rendered = Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) ?? "";
                var masked = redactor.Redact(rendered);
                return masked == rendered ? scalar : new ScalarValue(masked);
        }
    }

    private static LogEventPropertyValue RedactRendered(LogEventPropertyValue value, SecretRedactor redactor)
    {
        var rendered = value.ToString();
        var masked = redactor.Redact(rendered);
        return masked == rendered ? value : new ScalarValue(masked);
    }
}
