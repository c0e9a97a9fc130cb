using Senim.Registry.Mail;
using Senim.Registry.Services;

namespace Senim.Registry.Citizens;

/// <summary>
/// What every step of a citizen's request does, in one place: checks the step against <see cref="CitizenWorkflow"/>,
/// moves the status, appends the <see cref="CaseEvent"/>, notifies the people concerned (in-app through
/// <see cref="RegisterWriter.Notify"/>, by mail through the outbox, the person by the address they gave) and saves it
/// all in one transaction, refusing a stale version.
/// </summary>
public sealed class CitizenCases(RegistryDb db, RegisterWriter writer, MailOutbox mail, PersonalDataSeal seal, CaseTimeline timeline)
{
    public DateTime Now => writer.Now;

    /// <summary>Checks and takes a step: status and event (saved with <see cref="SaveAsync"/>).</summary>
    /// <exception cref="RuleException">The step is not open from the request's status.</exception>
    internal async Task<CaseEvent> StepAsync(CitizenRequest request, CitizenAction action, Actor actor, string? text, CancellationToken cancellationToken)
    {
        var transition = CitizenWorkflow.Get(action);
        if (!transition.From.Contains(request.Status) && action != CitizenAction.File)
        {
            throw request.Status == CitizenRequestStatus.Closed
                ? Closed(request)
                : new RuleException("citizen-step-not-allowed", "A request that is {0} cannot take the step '{1}'.", request.Status.Code(), transition.Code);
        }

        var from = action == CitizenAction.File ? (CitizenRequestStatus?)null : request.Status;
        request.Status = transition.To ?? request.Status;
        var row = await timeline.AppendAsync(CaseKinds.CitizenRequest, request.Id, transition.Code, from?.Code(), request.Status.Code(), transition.By, actor, text, cancellationToken);
        CountStep(request, action);
        return row;
    }

    // The statistics' counts of the step, saved with it (StatMeasures).
    private void CountStep(CitizenRequest request, CitizenAction action)
    {
        switch (action)
        {
            case CitizenAction.File:
                writer.Count(StatMeasures.Requests, 0, StatMeasures.Key("kind", request.Kind.Code()));
                break;
            case CitizenAction.Answer:
                writer.Count(StatMeasures.RequestsAnswered, 0, StatMeasures.Key("on-time", Now < request.DueAt ? "yes" : "no"));
                break;
            case CitizenAction.Escalate:
                writer.Count(StatMeasures.RequestsEscalated);
                break;
            case CitizenAction.Close or CitizenAction.SupervisorClose:
                writer.Count(StatMeasures.RequestsClosed, 0, StatMeasures.Key("outcome", request.Outcome?.Code() ?? "none"));
                break;
        }
    }

    /// <summary>
    /// Stages the person's mail about a step, when they gave an address and their data is not erased: their own name, the
    /// system, the due date and the tracking code (for the link), nothing else.
    /// </summary>
    internal void MailCitizen(CitizenRequest request, PersonalDetails? details, CitizenAction action, string systemName)
    {
        var template = action switch
        {
            CitizenAction.File => MailTemplates.CitizenReceived,
            CitizenAction.Assign => MailTemplates.CitizenAssigned,
            CitizenAction.Answer => MailTemplates.CitizenAnswered,
            CitizenAction.RecordOutcome => MailTemplates.CitizenOutcome,
            CitizenAction.Escalate => MailTemplates.CitizenEscalated,
            CitizenAction.Close or CitizenAction.SupervisorClose => MailTemplates.CitizenClosed,
            _ => null,
        };
        if (template is null || details?.Email is not { Length: > 0 } address)
        {
            return;
        }

        mail.Stage(template, null, address, details.Name, request.Language, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MailTemplates.Values.Code] = details.TrackingCode,
            [MailTemplates.Values.SystemName] = systemName,
            [MailTemplates.Values.Due] = request.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The person's sealed details; null once erased.</summary>
    internal async Task<PersonalDetails?> DetailsAsync(CitizenRequest request, CancellationToken cancellationToken)
    {
        if (request.PersonalDataId is not { } id)
        {
            return null;
        }

        var sealedText = await db.PersonalData.AsNoTracking().Where(p => p.Id == id).Select(p => p.Sealed).FirstOrDefaultAsync(cancellationToken);
        return sealedText is null ? null : seal.Open(sealedText);
    }

    /// <summary>An in-app notification (and its members' mails) for the owner organisation, the handler or each supervisor.</summary>
    internal void Notify(Guid? organisationId, Guid? userId, CitizenRequest request, string kind) =>
        writer.Notify(organisationId, userId, request.SystemId, kind, request.Kind.Code(), request.Id.ToString(), request.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Notifies every member of the supervisory body personally.</summary>
    internal async Task NotifySupervisorsAsync(CitizenRequest request, string kind, CancellationToken cancellationToken)
    {
        foreach (var supervisor in await SupervisorsAsync(cancellationToken))
        {
            Notify(null, supervisor, request, kind);
        }
    }

    private List<Guid>? _supervisors;

    private async Task<List<Guid>> SupervisorsAsync(CancellationToken cancellationToken) =>
        _supervisors ??= [.. await timeline.SupervisorIdsAsync(cancellationToken)];

    /// <summary>The system's name in a language (for a mail), or the name the person gave.</summary>
    internal async Task<string> SystemNameAsync(CitizenRequest request, string language, CancellationToken cancellationToken)
    {
        if (request.SystemId is not { } id)
        {
            return request.NamedSystem ?? "";
        }

        var names = await db.Systems.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.NameKk, s.NameRu, s.NameEn }).FirstAsync(cancellationToken);
        return (language switch
        {
            "ru" => names.NameRu ?? names.NameKk ?? names.NameEn,
            "en" => names.NameEn ?? names.NameRu ?? names.NameKk,
            _ => names.NameKk ?? names.NameRu ?? names.NameEn,
        }) ?? "";
    }

    /// <summary>Saves the step with its events, notifications and mails; a lost race becomes a <see cref="ConcurrencyException"/>.</summary>
    internal Task SaveAsync(CitizenRequest request, int expectedVersion, CancellationToken cancellationToken) =>
        timeline.SaveAsync(request, "request", request.Id, expectedVersion, cancellationToken);

    /// <summary>The refusal of anything more on a closed request (a late reply above all).</summary>
    internal static RuleException Closed(CitizenRequest request) =>
        new RuleException("citizen-request-closed", "This request was closed on {0}; nothing more can be added to it.", request.ClosedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");

    /// <summary>Refuses a version the caller read before someone else's change.</summary>
    internal static void RequireVersion(CitizenRequest request, int expectedVersion)
    {
        if (request.Version != expectedVersion)
        {
            throw new ConcurrencyException("request", expectedVersion, request.Version);
        }
    }
}
