namespace Senim.Web.Infrastructure.Pages;

/// <summary>One labelled input with its help and error, rendered by _Field.cshtml.</summary>
public sealed record FieldView(
    string Name,
    string Label,
    string? Value,
    string Type = "text",
    string? Error = null,
    string? Help = null,
    string? Autocomplete = null,
    bool Required = false,
    int? MaxLength = null)
{
    public string Id => "f-" + Name.Replace('_', '-');
}
