using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paystack.Actors.Airbyte.Protocol;

/// <summary>The protocol asks for counts written as doubles with a decimal point (<c>10.0</c>, not <c>10</c>).</summary>
internal sealed class DecimalPointDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 1e15)
            writer.WriteRawValue(value.ToString("F1", CultureInfo.InvariantCulture), skipInputValidation: true);
        else
            writer.WriteNumberValue(value);
    }
}
