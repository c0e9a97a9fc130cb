using Senim.Registry.Citizens;

namespace Senim.Registry.Services;

/// <summary>One allowed step of a case's workflow: the statuses it starts from (none: it opens the case), where it leads (null: stays), and who takes it.</summary>
public sealed record CaseTransition<TAction, TStatus>(TAction Action, IReadOnlyList<TStatus> From, TStatus? To, CaseRole By)
    where TAction : struct, Enum
    where TStatus : struct, Enum
{
    public string Code => CaseCodes.Code(Action);
}

/// <summary>The stored codes of case enums: the member's name in lower case with hyphens (InformationRequested → information-requested).</summary>
public static class CaseCodes
{
    public static string Code<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var code = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                code.Append('-');
            }

            code.Append(char.ToLowerInvariant(name[i]));
        }

        return code.ToString();
    }

    /// <summary>The value of a code; null for an unknown one.</summary>
    public static T? Parse<T>(string? code)
        where T : struct, Enum =>
        Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Code(v!.Value) == code);
}

/// <summary>
/// The one timeline of every kind of case (ADR 0025): appends a step as a <see cref="CaseEvent"/> (its sequence after the
/// case's last, counting steps staged in the same change) and reads a case's steps back.
/// </summary>
public sealed class CaseTimeline(RegistryDb db, RegisterWriter writer)
{
    /// <summary>Checks a step against its workflow and stages its event; returns the status after it.</summary>
    /// <exception cref="RuleException">The step is not open from <paramref name="from"/> (code <paramref name="refusal"/>).</exception>
    public async Task<TStatus> StepAsync<TAction, TStatus>(string caseKind, Guid caseId, CaseTransition<TAction, TStatus> step, TStatus? from, Actor actor, string? text, string refusal, CancellationToken cancellationToken)
        where TAction : struct, Enum
        where TStatus : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(step);
        if (from is { } current ? !step.From.Contains(current) : step.From.Count > 0)
        {
            throw new RuleException(refusal, "A case that is {0} cannot take the step '{1}'.", from is { } f ? CaseCodes.Code(f) : "new", step.Code);
        }

        var to = step.To ?? from!.Value;
        await AppendAsync(caseKind, caseId, step.Code, from is { } before ? CaseCodes.Code(before) : null, CaseCodes.Code(to), step.By, actor, text, cancellationToken);
        return to;
    }

    /// <summary>Stages one step of a case; saved with the change it belongs to.</summary>
    public async Task<CaseEvent> AppendAsync(string caseKind, Guid caseId, string action, string? from, string to, CaseRole role, Actor actor, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var staged = db.ChangeTracker.Entries<CaseEvent>().Where(e => e.Entity.CaseKind == caseKind && e.Entity.CaseId == caseId).Select(e => e.Entity.Sequence).DefaultIfEmpty(0).Max();
        var sequence = staged > 0 || from is null ? staged
            : await db.CaseEvents.Where(e => e.CaseKind == caseKind && e.CaseId == caseId).MaxAsync(e => (int?)e.Sequence, cancellationToken) ?? 0;
        var row = new CaseEvent
        {
            Id = Guid.NewGuid(),
            CaseKind = caseKind,
            CaseId = caseId,
            Sequence = sequence + 1,
            Action = action,
            From = from,
            To = to,
            ActorRole = role.Code(),
            ActorId = actor.IsAuthenticated && !actor.IsSystem ? actor.UserId : null,
            ActorName = role is CaseRole.Citizen or CaseRole.System ? null : actor.Name,
            Text = text,
            At = writer.Now,
        };
        db.CaseEvents.Add(row);
        return row;
    }

    /// <summary>A case's steps in order, with who acted (for staff who may read the case).</summary>
    public async Task<IReadOnlyList<CaseStep>> ReadAsync(string caseKind, Guid caseId, CancellationToken cancellationToken) =>
        await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseKind == caseKind && e.CaseId == caseId)
            .OrderBy(e => e.Sequence)
            .Select(e => new CaseStep(e.Sequence, e.Action, e.From, e.To, e.ActorRole, e.ActorName, e.At, e.Text))
            .ToListAsync(cancellationToken);

    /// <summary>Every member of the supervisory body (each is notified personally of what the body must see).</summary>
    public async Task<IReadOnlyList<Guid>> SupervisorIdsAsync(CancellationToken cancellationToken) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == PlatformRoles.Supervisor
               select ur.UserId).ToListAsync(cancellationToken);

    /// <summary>The systems of a page of cases, as lists show them (names in three languages, register number, organisation).</summary>
    public async Task<Dictionary<Guid, RequestSystem>> SystemsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        return await db.Systems.AsNoTracking().Where(s => distinct.Contains(s.Id))
            .Select(s => new RequestSystem(s.Id, s.RegisterNumber, s.NameKk, s.NameRu, s.NameEn, s.Organisation!.Name))
            .ToDictionaryAsync(s => s.Id!.Value, cancellationToken);
    }

    /// <summary>
    /// Saves a case's step (its rows, events, notifications and mails) after setting the case's version to
    /// <paramref name="expectedVersion"/> + 1; a lost race (the version token, a unique index) becomes a
    /// <see cref="ConcurrencyException"/> naming <paramref name="what"/> and the version now stored.
    /// </summary>
    public async Task SaveAsync<TCase>(TCase row, string what, Guid id, int expectedVersion, CancellationToken cancellationToken)
        where TCase : class
    {
        db.Entry(row).Property<int>("Version").CurrentValue = expectedVersion + 1;
        try
        {
            await writer.SaveAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<TCase>().AsNoTracking().Where(c => EF.Property<Guid>(c, "Id") == id).Select(c => EF.Property<int>(c, "Version")).FirstOrDefaultAsync(cancellationToken);
            throw new ConcurrencyException(what, expectedVersion, current);
        }
    }
}
