namespace Senim.Registry.Model;

/// <summary>Where an e-mail of the outbox stands.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (again, after a failure, at <see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>The mail server accepted it.</summary>
    Sent,

    /// <summary>Given up: the server refused it for good, or every try failed. <see cref="OutboxMessage.LastError"/> says why.</summary>
    Dead,
}

/// <summary>
/// An e-mail waiting in the register's outbox (docs/email.md, ADR 0021). It is written in the same transaction as
/// what causes it (a sign-up, an invitation, a notification) and holds what the mail says as a template and its
/// values; the sender that runs beside the web host puts it into words in <see cref="Language"/> when it sends it.
/// A sender leases a batch (<see cref="LeaseOwner"/> until <see cref="LeaseUntil"/>) so two senders, or one that
/// restarted, never send the same message at once; the Message-ID comes from <see cref="Id"/> and never changes.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>One of <see cref="Mail.MailTemplates"/>.</summary>
    public string Template { get; set; } = "";

    /// <summary>The account it is for, when there is one (an invitation may go to an address without an account).</summary>
    public Guid? UserId { get; set; }

    /// <summary>The recipient's address, as the person wrote it (an international domain in Unicode).</summary>
    public string ToAddress { get; set; } = "";

    public string ToName { get; set; } = "";

    /// <summary>kk, ru or en: the language the mail is written in.</summary>
    public string Language { get; set; } = "kk";

    /// <summary>The template's values (links' parts, names), a JSON object of strings; emptied once the mail is sent or dead.</summary>
    public string ValuesJson { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }

    public OutboxStatus Status { get; set; }

    /// <summary>Tries so far (sent or failed).</summary>
    public int Attempts { get; set; }

    /// <summary>Not sent before this time (the back-off after a failure).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The batch of the sender that holds it now, or null.</summary>
    public Guid? LeaseOwner { get; set; }

    /// <summary>Until when the lease holds; after it another sender may take the message.</summary>
    public DateTime? LeaseUntil { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The last failure, as the mail server or the network reported it.</summary>
    public string? LastError { get; set; }
}

/// <summary>A kind of notification a person does not want by e-mail (they still see it in Senim). No row: e-mailed.</summary>
public sealed class MailOptOut
{
    public Guid UserId { get; set; }

    /// <summary>One of <see cref="Services.NotificationKinds.All"/>.</summary>
    public string Kind { get; set; } = "";
}

/// <summary>Where an invitation to an organisation stands.</summary>
public enum InvitationState
{
    Pending,
    Accepted,
    Declined,

    /// <summary>Taken back by an admin of the organisation, or replaced by a newer invitation to the same address.</summary>
    Revoked,
}

/// <summary>
/// An organisation's invitation to a person, by e-mail, with the role they would have. Nobody becomes a member
/// without accepting one. The secret in the link is stored only as its SHA-256; it works once and until
/// <see cref="ExpiresAt"/>.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    /// <summary>The address invited, in its normal form (<see cref="Mail.EmailAddresses"/>).</summary>
    public string Email { get; set; } = "";

    /// <summary>Upper-case form for lookups, as ASP.NET Core Identity normalises e-mail addresses.</summary>
    public string NormalizedEmail { get; set; } = "";

    public MemberRole Role { get; set; }

    public Guid InvitedBy { get; set; }

    public string InvitedByName { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the link's secret.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public InvitationState State { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>The account that accepted it (null when declined without signing in).</summary>
    public Guid? AnsweredBy { get; set; }
}
