namespace Senim.Registry.Access;

/// <summary>
/// A failure a user should read. <see cref="Key"/> names a UI text (error.KEY in every language),
/// <see cref="Args"/> fill its placeholders; <see cref="Exception.Message"/> is the English text.
/// </summary>
public abstract class RegistryException : Exception
{
    protected RegistryException(string key, string english, object[] args)
        : base(string.Format(CultureInfo.InvariantCulture, english, args))
    {
        Key = key;
        Args = [.. args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")];
    }

    protected RegistryException()
        : base("The register refused the request.")
    {
        Key = "unknown";
        Args = [];
    }

    protected RegistryException(string message, Exception inner)
        : base(message, inner)
    {
        Key = "unknown";
        Args = [];
    }

    public string Key { get; }

    public IReadOnlyList<string> Args { get; }
}

/// <summary>The thing does not exist, or the actor may not know that it exists (another organisation's draft).</summary>
public sealed class NotFoundException : RegistryException
{
    public NotFoundException(string what, object id)
        : base("not-found", "There is no {0} {1} that you can see.", [what, id])
    {
    }

    public NotFoundException()
    {
    }

    public NotFoundException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The actor is known but may not do this.</summary>
public sealed class ForbiddenException : RegistryException
{
    public ForbiddenException(string key, string english, params object[] args)
        : base(key, english, args)
    {
    }

    public ForbiddenException()
    {
    }

    public ForbiddenException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Someone else changed the record since it was read; nothing was saved.</summary>
public sealed class ConcurrencyException : RegistryException
{
    public ConcurrencyException(string what, int expected, int current)
        : base("stale", "The {0} was changed by someone else since you opened it (you had version {1}, it is now at version {2}). Nothing was saved: reload it, then make your change again.", [what, expected, current]) => CurrentVersion = current;

    public ConcurrencyException()
    {
    }

    public ConcurrencyException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public int CurrentVersion { get; }
}

/// <summary>The request is well-formed but the register's rules do not allow it now (a workflow step out of order, approving twice, ...).</summary>
public sealed class RuleException : RegistryException
{
    public RuleException(string key, string english, params object[] args)
        : base(key, english, args)
    {
    }

    public RuleException()
    {
    }

    public RuleException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>One invalid field, with a UI text key for the message in the user's language.</summary>
public sealed record FieldError(string Field, string Key, string Message, IReadOnlyList<string> Args);

/// <summary>Input that does not fit; every field's problem is listed.</summary>
public sealed class ValidationException : RegistryException
{
    public ValidationException(IReadOnlyList<FieldError> errors)
        : base("invalid", "The input is not valid: {0}", [string.Join("; ", errors.Select(e => e.Field + ": " + e.Message))]) => Errors = errors;

    public ValidationException()
    {
        Errors = [];
    }

    public ValidationException(string message, Exception inner)
        : base(message, inner)
    {
        Errors = [];
    }

    public IReadOnlyList<FieldError> Errors { get; }
}

/// <summary>Collects field errors and throws them together.</summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<FieldError> All => _errors;

    public void Add(string field, string key, string english, params object[] args) =>
        _errors.Add(new FieldError(field, key, string.Format(CultureInfo.InvariantCulture, english, args),
            [.. args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")]));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException([.. _errors]);
        }
    }
}
