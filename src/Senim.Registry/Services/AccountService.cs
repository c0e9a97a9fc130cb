using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Senim.Registry.Mail;

namespace Senim.Registry.Services;

/// <summary>What a person enters to sign up.</summary>
public sealed record SignUpInput(string? DisplayName, string? Email, string? Password, string? ConfirmPassword, string? Language);

/// <summary>Accounts: sign-up and the profile. Passwords are hashed and checked by ASP.NET Core Identity.</summary>
public sealed class AccountService(UserManager<SenimUser> users, IOptions<IdentityOptions> identity, TimeProvider time, RegistryDb db, AccountEmailService emails)
{
    public const int MaxDisplayName = 100;

    public static IReadOnlyList<string> Languages { get; } = ["kk", "ru", "en"];

    /// <summary>Creates an account; every problem with the input is reported per field, and nothing is stored unless all is well.</summary>
    public async Task<SenimUser> SignUpAsync(SignUpInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        ValidateProfile(errors, input.DisplayName, input.Language);
        var email = EmailAddresses.Check(input.Email, errors) ?? "";

        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add("password", "required", "is required");
        }
        else
        {
            if (input.Password.Length > 200)
            {
                errors.Add("password", "too-long", "is {0} characters long; at most {1} are allowed", input.Password.Length, 200);
            }

            if (input.Password != input.ConfirmPassword)
            {
                errors.Add("confirm_password", "password-mismatch", "the two passwords differ");
            }
        }

        if (!errors.Any && await users.FindByEmailAsync(email) is not null)
        {
            errors.Add("email", "email-taken", "an account with this e-mail already exists: sign in instead");
        }

        if (!errors.Any)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, new SenimUser(), input.Password);
                AddIdentityErrors(errors, result, identity.Value);
            }
        }

        errors.ThrowIfAny();
        cancellationToken.ThrowIfCancellationRequested();
        var user = new SenimUser
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            DisplayName = input.DisplayName!.Trim(),
            PreferredLanguage = input.Language!,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        // The account and its confirmation mail are one transaction: an account is never left without the mail that confirms it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            AddIdentityErrors(errors, created, identity.Value);
            errors.ThrowIfAny();
        }

        await emails.StageConfirmationAsync(user);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }

    public async Task<SenimUser> GetAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await users.FindByIdAsync(actor.UserId.ToString()) ?? throw new NotFoundException("user", actor.UserId);
    }

    /// <summary>Changes the display name and the preferred language (which notifications use).</summary>
    public async Task<SenimUser> UpdateProfileAsync(Actor actor, string? displayName, string? language)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsToken)
        {
            throw new ForbiddenException("session-only", "Change your account from a signed-in browser session, not with an API token.");
        }

        var user = await GetAsync(actor);
        var errors = new FieldErrors();
        ValidateProfile(errors, displayName, language);
        errors.ThrowIfAny();
        user.DisplayName = displayName!.Trim();
        user.PreferredLanguage = language!;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new ConcurrencyException("account", 0, 0);
        }

        return user;
    }

    private static void ValidateProfile(FieldErrors errors, string? displayName, string? language)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add("display_name", "required", "is required");
        }
        else if (displayName.Trim().Length > MaxDisplayName)
        {
            errors.Add("display_name", "too-long", "is {0} characters long; at most {1} are allowed", displayName.Trim().Length, MaxDisplayName);
        }

        if (language is null || !Languages.Contains(language))
        {
            errors.Add("language", "language-invalid", "choose kk, ru or en");
        }
    }

    /// <summary>Identity's refusals as field errors with Senim's text keys.</summary>
    internal static void AddIdentityErrors(FieldErrors errors, IdentityResult result, IdentityOptions identity)
    {
        foreach (var error in result.Errors)
        {
            var (field, key, english, args) = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) =>
                    Refusal("email", "email-taken", "an account with this e-mail already exists: sign in instead"),
                nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => Refusal("email", "email-invalid", "give a valid e-mail address"),
                nameof(IdentityErrorDescriber.PasswordTooShort) => Refusal("password", "password-too-short", "use at least {0} characters", identity.Password.RequiredLength),
                nameof(IdentityErrorDescriber.PasswordRequiresDigit) => Refusal("password", "password-digit", "include at least one digit (0-9)"),
                nameof(IdentityErrorDescriber.PasswordRequiresLower) => Refusal("password", "password-lower", "include at least one lowercase letter"),
                nameof(IdentityErrorDescriber.PasswordRequiresUpper) => Refusal("password", "password-upper", "include at least one uppercase letter"),
                nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => Refusal("password", "password-symbol", "include at least one character that is not a letter or a digit"),
                nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => Refusal("password", "password-unique", "use at least {0} different characters", identity.Password.RequiredUniqueChars),
                _ => Refusal("password", "password-rejected", "{0}", error.Description),
            };
            errors.Add(field, key, english, args);
        }

        static (string Field, string Key, string English, object[] Args) Refusal(string field, string key, string english, params object[] args) => (field, key, english, args);
    }
}
