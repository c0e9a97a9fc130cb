using System.Text.Json.Serialization;

namespace Senim.Web.Infrastructure.Api;

/// <summary>
/// One input error in a 400 problem's <c>errors</c> list, the same shape from every endpoint:
/// the field (<c>path</c>, snake_case, dotted into objects), a stable <c>code</c> a client can switch on,
/// the English <c>message</c>, and the <c>line</c> of the body when the input was a document with lines.
/// </summary>
public sealed record ApiError(
    string Path,
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line = null);
