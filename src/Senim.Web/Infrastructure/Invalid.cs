namespace Senim.Web.Infrastructure;

/// <summary>The refusal of input with one bad field: what <see cref="FieldErrors"/> throws when it holds a single error.</summary>
public static class Invalid
{
    /// <summary>The 400 refusal of <paramref name="field"/>, with its text key and English message (formatted with <paramref name="args"/>).</summary>
    public static ValidationException Field(string field, string key, string english, params object[] args)
    {
        var errors = new FieldErrors();
        errors.Add(field, key, english, args);
        return new ValidationException(errors.All);
    }
}
