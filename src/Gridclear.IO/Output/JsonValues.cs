using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gridclear.IO.Output;

/// <summary>
/// Writes the loosely typed blocks of summary.json (dictionaries of strings, numbers, booleans, lists and nested
/// dictionaries that the verbs build) without reflection, so the CLI compiles ahead of time (Native AOT) with no
/// trimming or dynamic-code warnings. The bytes are those of <c>JsonSerializer</c>'s reflection path, which wrote
/// these blocks before: the same writer calls per value, dictionaries in their own enumeration order, null as
/// <c>null</c>. A value of any other type is refused (it would have no stable JSON form here).
/// </summary>
public static class JsonValues
{
    /// <summary>Writes <paramref name="value"/> at the writer's current position.</summary>
    public static void Write(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case JsonNode node:
                node.WriteTo(json);
                break;
            case JsonElement element:
                element.WriteTo(json);
                break;
            case IDictionary dictionary:
                json.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    json.WritePropertyName(entry.Key switch
                    {
                        string key => key,
                        int key => key.ToString(CultureInfo.InvariantCulture),
                        _ => throw new NotSupportedException($"summary key of type {entry.Key.GetType()} has no JSON form"),
                    });
                    Write(json, entry.Value);
                }

                json.WriteEndObject();
                break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    Write(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"summary value of type {value.GetType()} has no JSON form");
        }
    }

    /// <summary>The JSON text of <paramref name="value"/>, indented (two spaces, \n) as <c>WriteIndented</c> wrote it.</summary>
    public static string ToJson(object? value, bool indented)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            Write(json, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary><paramref name="value"/> as a JSON node (null for null), for callers that assemble a <see cref="JsonObject"/>.</summary>
    public static JsonNode? ToNode(object? value) => JsonNode.Parse(ToJson(value, indented: false));
}
