namespace Senim.Registry.Mail;

/// <summary>
/// What an outbox message says, as the code it is stored with, and the names of its values. The web host gives each
/// template its words in kk, ru and en; a test enumerates <see cref="All"/>.
/// </summary>
public static class MailTemplates
{
    /// <summary>"Confirm your e-mail address": values <see cref="Values.User"/>, <see cref="Values.Code"/>.</summary>
    public const string ConfirmEmail = "confirm-email";

    /// <summary>"Set a new password": values <see cref="Values.User"/>, <see cref="Values.Code"/>.</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>"You are invited to join": values <see cref="Values.Invitation"/>, <see cref="Values.Code"/>, <see cref="Values.Organisation"/>, <see cref="Values.Role"/>, <see cref="Values.InvitedBy"/>, <see cref="Values.Expires"/>.</summary>
    public const string Invitation = "invitation";

    /// <summary>A notification of the register, also e-mailed: values <see cref="Values.Kind"/>, <see cref="Values.Args"/>, <see cref="Values.System"/>, <see cref="Values.SystemName"/>, <see cref="Values.Organisation"/>.</summary>
    public const string Notification = "notification";

    /// <summary>
    /// A step of a citizen's request, to the address the person gave (docs/citizens.md): values <see cref="Values.Code"/> (the
    /// tracking code: the link is /track/{code}), <see cref="Values.SystemName"/>, <see cref="Values.Due"/>. Nothing personal
    /// but the person's own name (the recipient's name).
    /// </summary>
    public const string CitizenReceived = "citizen-received";

    /// <inheritdoc cref="CitizenReceived"/>
    public const string CitizenAssigned = "citizen-assigned";

    /// <inheritdoc cref="CitizenReceived"/>
    public const string CitizenAnswered = "citizen-answered";

    /// <inheritdoc cref="CitizenReceived"/>
    public const string CitizenOutcome = "citizen-outcome";

    /// <inheritdoc cref="CitizenReceived"/>
    public const string CitizenEscalated = "citizen-escalated";

    /// <inheritdoc cref="CitizenReceived"/>
    public const string CitizenClosed = "citizen-closed";

    /// <summary>The templates of a citizen's request's steps.</summary>
    public static IReadOnlyList<string> Citizen { get; } = [CitizenReceived, CitizenAssigned, CitizenAnswered, CitizenOutcome, CitizenEscalated, CitizenClosed];

    public static IReadOnlyList<string> All { get; } = [ConfirmEmail, PasswordReset, Invitation, Notification, .. Citizen];

    /// <summary>The names of a template's values.</summary>
    public static class Values
    {
        public const string User = "user";
        public const string Code = "code";
        public const string Invitation = "invitation";
        public const string Organisation = "organisation";
        public const string Role = "role";
        public const string InvitedBy = "invited_by";
        public const string Expires = "expires";
        public const string Kind = "kind";
        public const string Args = "args";
        public const string System = "system";
        public const string SystemName = "system_name";
        public const string Due = "due";
    }
}
