using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Senim.Law.Systems;

/// <summary>
/// Turns YAML or JSON text into <see cref="RawNode"/>s with bounded depth and size, so that hostile
/// input (deep nesting, huge files, aliases) gets a clear error instead of a crash or a hang.
/// </summary>
internal static class RawReaders
{
    public const int MaxDepth = 32;

    public static RawNode ReadYaml(string text)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                throw new InvalidInputException("$", "the file is empty");
            }

            parser.Consume<DocumentStart>();
            var root = ReadYamlNode(parser, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                throw new InvalidInputException("$", "the file holds more than one YAML document; describe one system per file");
            }

            return root;
        }
        catch (YamlException ex)
        {
            throw new InvalidInputException([new InputError("$", (int)ex.Start.Line, "not valid YAML: " + FirstLine(ex.Message))]);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet reports some malformed input this way, without a position.
            throw new InvalidInputException([new InputError("$", 0, "not valid YAML: " + FirstLine(ex.Message))]);
        }
    }

    private static RawNode ReadYamlNode(IParser parser, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidInputException("$", $"the document nests deeper than {MaxDepth} levels");
        }

        var current = parser.Current ?? throw new InvalidInputException("$", "unexpected end of the document");
        var line = (int)current.Start.Line;
        switch (current)
        {
            case AnchorAlias:
                throw new InvalidInputException([new InputError("$", line, "YAML aliases (*name) are not accepted; write the value out")]);
            case Scalar scalar:
                parser.MoveNext();
                var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                return new RawScalar(isNull ? null : scalar.Value, line);
            case SequenceStart:
                parser.MoveNext();
                var items = new List<RawNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadYamlNode(parser, depth + 1));
                }

                return new RawList(items, line);
            case MappingStart:
                parser.MoveNext();
                var entries = new List<KeyValuePair<string, RawNode>>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadYamlNode(parser, depth + 1);
                    if (keyNode is not RawScalar { Value: { } key })
                    {
                        throw new InvalidInputException([new InputError("$", keyNode.Line, "mapping keys must be plain text")]);
                    }

                    if (!keys.Add(key))
                    {
                        throw new InvalidInputException([new InputError(key, keyNode.Line, "the key appears twice")]);
                    }

                    entries.Add(new(key, ReadYamlNode(parser, depth + 1)));
                }

                return new RawMap(entries, line);
            default:
                throw new InvalidInputException([new InputError("$", line, "unexpected YAML content")]);
        }
    }

    public static RawNode ReadJson(ReadOnlySpan<byte> utf8)
    {
        var lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth + 1, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read())
            {
                throw new InvalidInputException("$", "the document is empty");
            }

            var root = ReadJsonNode(ref reader, lineStarts);
            if (reader.Read())
            {
                throw new InvalidInputException([new InputError("$", LineOf(lineStarts, reader.TokenStartIndex), "unexpected content after the end of the JSON document")]);
            }

            return root;
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (int)l + 1 : 0;
            var message = ex.Message.Contains("maximum configured depth", StringComparison.Ordinal)
                ? $"the document nests deeper than {MaxDepth} levels"
                : "not valid JSON: " + FirstLine(ex.Message);
            throw new InvalidInputException([new InputError("$", line, message)]);
        }
    }

    private static RawNode ReadJsonNode(ref Utf8JsonReader reader, List<long> lineStarts)
    {
        var line = LineOf(lineStarts, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new RawScalar(reader.GetString(), line);
            case JsonTokenType.Number:
                return new RawScalar(Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray()), line);
            case JsonTokenType.True:
                return new RawScalar("true", line);
            case JsonTokenType.False:
                return new RawScalar("false", line);
            case JsonTokenType.Null:
                return new RawScalar(null, line);
            case JsonTokenType.StartArray:
                var items = new List<RawNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadJsonNode(ref reader, lineStarts));
                }

                return new RawList(items, line);
            case JsonTokenType.StartObject:
                var entries = new List<KeyValuePair<string, RawNode>>();
                var keys = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString() ?? "";
                    var keyLine = LineOf(lineStarts, reader.TokenStartIndex);
                    if (!keys.Add(key))
                    {
                        throw new InvalidInputException([new InputError(key, keyLine, "the key appears twice")]);
                    }

                    reader.Read();
                    entries.Add(new(key, ReadJsonNode(ref reader, lineStarts)));
                }

                return new RawMap(entries, line);
            default:
                throw new InvalidInputException([new InputError("$", line, $"unexpected JSON token {reader.TokenType}")]);
        }
    }

    private static List<long> LineStarts(ReadOnlySpan<byte> utf8)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static int LineOf(List<long> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static string FirstLine(string message)
    {
        var index = message.IndexOf('\n', StringComparison.Ordinal);
        return (index < 0 ? message : message[..index]).Trim();
    }
}
