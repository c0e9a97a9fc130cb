using Senim.Law;
using Senim.Law.Fines;
using Senim.Registry.Citizens;
using Senim.Registry.Files;
using Senim.Registry.Organisations;
using Senim.Registry.Services;
using Senim.Registry.Workflow;

namespace Senim.Registry.Enforcement;

/// <summary>What a supervisor gives to open a case. The organisation and system default to those of a citizen's request it comes from.</summary>
public sealed record OpenCaseInput(EnforcementOrigin Origin, Guid? OriginId, Guid? OrganisationId, Guid? SystemId, string? Subject);

/// <summary>
/// A decision: its kind and published reasons; for a fine the offender's category (a row of the fine table; the
/// organisation's size class when left out) and the day of the offence; <paramref name="OrderSuspension"/> adds a
/// suspension order to a fine.
/// </summary>
public sealed record EnforcementDecisionInput(EnforcementDecisionKind Kind, string? Reasons, string? Category = null, DateOnly? OffenceDate = null, bool OrderSuspension = false);

/// <summary>
/// The decision an appeal changes to (outcome <see cref="AppealOutcome.Changed"/>): a fine recomputed for another category
/// or offence date, or a warning instead. <paramref name="Category"/> and <paramref name="OffenceDate"/> default to the
/// decision's own.
/// </summary>
public sealed record AppealChange(EnforcementDecisionKind Kind, string? Category = null, DateOnly? OffenceDate = null);

/// <summary>
/// The enforcement cases of the supervisory body (docs/enforcement.md): each step checked against
/// <see cref="EnforcementWorkflow"/>, recorded as a <see cref="CaseEvent"/>, notified to the offender's members (in-app
/// and by mail in their language) or to the supervisors, and saved in one transaction with the case's version as
/// its concurrency token. A decision computes the Art. 641-1 fine with <see cref="FineCalculator"/> and is published
/// to the transparency log with <see cref="RegisterWriter.SaveDecisionsAsync"/>.
/// </summary>
public sealed class EnforcementService(
    RegistryDb db,
    RegisterWriter writer,
    LawCatalog catalog,
    CaseClock clock,
    EnforcementSettings settings,
    IFileStore files,
    WorkflowService workflow,
    CitizenCases citizenCases,
    CaseTimeline timeline,
    ActSignatureService acts)
{
    private DateTime Now => writer.Now;

    /// <summary>The supervisory body opens a case against an organisation (and optionally one of its systems).</summary>
    public async Task<EnforcementCase> OpenAsync(Actor actor, OpenCaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireSupervisor(actor);
        var errors = new FieldErrors();
        var subject = CitizenRequestService.Text(errors, "subject", input.Subject, EnforcementLimits.Subject, required: true);
        if (!Enum.IsDefined(input.Origin))
        {
            errors.Add("origin", "enforcement-origin-unknown", "must be citizen-request, incident, audit or monitoring");
        }

        CitizenRequest? request = null;
        Guid? organisationId = input.OrganisationId;
        Guid? systemId = input.SystemId;
        if (input.Origin == EnforcementOrigin.Monitoring && input.OriginId is not null)
        {
            errors.Add("origin_id", "enforcement-origin-id-monitoring", "a case from monitoring has no origin id");
        }
        else if (input.Origin != EnforcementOrigin.Monitoring && input.OriginId is null)
        {
            errors.Add("origin_id", "required", "is required");
        }
        else if (input.Origin == EnforcementOrigin.CitizenRequest)
        {
            request = await db.CitizenRequests.AsTracking().FirstOrDefaultAsync(r => r.Id == input.OriginId, cancellationToken);
            if (request is null)
            {
                errors.Add("origin_id", "enforcement-origin-unknown-request", "no citizen's request has this id");
            }
            else
            {
                organisationId ??= request.OrganisationId;
                systemId ??= request.SystemId;
            }
        }

        Organisation? organisation = null;
        if (organisationId is null)
        {
            errors.Add("organisation", "required", "is required");
        }
        else
        {
            organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId && o.DeletedAt == null, cancellationToken);
            if (organisation is null)
            {
                errors.Add("organisation", "enforcement-organisation-unknown", "no organisation of the register has this id");
            }
        }

        if (systemId is { } sid && organisation is not null
            && !await db.Systems.AnyAsync(s => s.Id == sid && s.OrganisationId == organisation.Id, cancellationToken))
        {
            errors.Add("system", "enforcement-system-not-offenders", "the system must be one of the organisation's");
        }

        errors.ThrowIfAny();
        var now = Now;
        var row = new EnforcementCase
        {
            Id = Guid.NewGuid(),
            Origin = input.Origin,
            OriginId = input.OriginId,
            OrganisationId = organisation!.Id,
            SystemId = systemId,
            Status = EnforcementStatus.Open,
            Subject = subject!,
            OpenedAt = now,
            OpenedBy = actor.UserId,
        };
        db.EnforcementCases.Add(row);
        await StepAsync(row, EnforcementAction.Open, actor, subject, cancellationToken);
        if (request is not null)
        {
            // The request's own timeline says that a case was opened from it; its text is the case's id.
            await citizenCases.StepAsync(request, CitizenAction.EnforcementOpened, actor, row.Id.ToString(), cancellationToken);
            request.Version++;
        }

        Notify(row, NotificationKinds.EnforcementOpened);
        await SaveAsync(row, expectedVersion: -1, cancellationToken);
        return row;
    }

    /// <summary>The supervisory body adds an evidence file (stored in the file store; the offender's members may read it).</summary>
    public async Task<EnforcementEvidence> AddEvidenceAsync(Actor actor, Guid caseId, Upload? file, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var row = await LoadForSupervisorAsync(actor, caseId, EnforcementAction.AddEvidence, expectedVersion, cancellationToken);
        if (file is null)
        {
            var errors = new FieldErrors();
            errors.Add("file", "evidence-required", "attach the evidence file");
            errors.ThrowIfAny();
        }

        var read = await EvidenceFile.ReadAsync(file!.FileName, file.Content, file.Length, "file", cancellationToken);
        var key = await files.SaveAsync(new MemoryStream(read.Bytes), cancellationToken);
        var evidence = new EnforcementEvidence
        {
            Id = Guid.NewGuid(),
            CaseId = row.Id,
            FileName = read.Name,
            ContentType = read.ContentType,
            Size = read.Bytes.Length,
            Sha256 = read.Sha256,
            StorageKey = key,
            AddedAt = Now,
        };
        db.EnforcementEvidence.Add(evidence);
        await StepAsync(row, EnforcementAction.AddEvidence, actor, read.Name, cancellationToken);
        try
        {
            await SaveAsync(row, expectedVersion, cancellationToken);
        }
        catch
        {
            await files.DeleteAsync(key, CancellationToken.None);
            throw;
        }

        return evidence;
    }

    /// <summary>The supervisory body adds an internal note (the offender never sees it).</summary>
    public async Task<EnforcementCase> AddNoteAsync(Actor actor, Guid caseId, string? note, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var row = await LoadForSupervisorAsync(actor, caseId, EnforcementAction.AddNote, expectedVersion, cancellationToken);
        await StepAsync(row, EnforcementAction.AddNote, actor, RequireText("note", note), cancellationToken);
        await SaveAsync(row, expectedVersion, cancellationToken);
        return row;
    }

    /// <summary>The supervisory body asks the offender for its response; the deadline is the law pack's, in working days.</summary>
    public async Task<EnforcementCase> RequestResponseAsync(Actor actor, Guid caseId, string? question, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var row = await LoadForSupervisorAsync(actor, caseId, EnforcementAction.RequestResponse, expectedVersion, cancellationToken);
        var text = RequireText("question", question);
        var deadline = Calculate(() => clock.Current.For(EnforcementWorkflow.ResponseDeadline, new DateTimeOffset(Now, TimeSpan.Zero)));
        row.ResponseDeadlineId = EnforcementWorkflow.ResponseDeadline;
        row.ResponseDueDate = deadline.DueDate;
        row.ResponseDueAt = deadline.DueAt.UtcDateTime;
        await StepAsync(row, EnforcementAction.RequestResponse, actor, text, cancellationToken);
        Notify(row, NotificationKinds.EnforcementResponseRequested, Iso(deadline.DueDate));
        await SaveAsync(row, expectedVersion, cancellationToken);
        return row;
    }

    /// <summary>A member of the offender organisation (who may edit) gives its response.</summary>
    public async Task<EnforcementCase> RespondAsync(Actor actor, Guid caseId, string? response, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var row = await LoadForOffenderAsync(actor, caseId, EnforcementAction.Respond, expectedVersion, cancellationToken);
        await StepAsync(row, EnforcementAction.Respond, actor, RequireText("response", response), cancellationToken);
        await NotifySupervisorsAsync(row, NotificationKinds.EnforcementResponded, cancellationToken);
        await SaveAsync(row, expectedVersion, cancellationToken);
        return row;
    }

    /// <summary>
    /// The fine a decision would impose, without deciding: the category (or the organisation's size class), the offence
    /// date, the register's earlier penalties against the organisation and the MCI of the year the case was opened.
    /// </summary>
    public async Task<FineResult> PreviewFineAsync(Actor actor, Guid caseId, string? category, DateOnly? offenceDate, CancellationToken cancellationToken = default)
    {
        RequireSupervisor(actor);
        var row = await db.EnforcementCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken) ?? throw new NotFoundException("case", caseId);
        var errors = new FieldErrors();
        CheckCategory(errors, category);
        errors.ThrowIfAny();
        return await FineAsync(row, category, offenceDate, cancellationToken);
    }

    /// <summary>
    /// The supervisory body decides: a fine (computed), a warning, no violation, or a suspension order. Every decision but
    /// "no violation" is published to the transparency log; a suspension order also takes the registration workflow's
    /// suspend step when the system is listed, in the same transaction. A decision fixed for signing
    /// (<see cref="IssueDecisionChallengeAsync"/>) comes with its <paramref name="signature"/>, which must cover exactly the
    /// decision taken — the fine as computed now included; a register that requires signed acts refuses one without.
    /// </summary>
    public async Task<EnforcementCase> DecideAsync(Actor actor, Guid caseId, EnforcementDecisionInput input, int expectedVersion, SignedAnswer? signature = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var row = await LoadForSupervisorAsync(actor, caseId, EnforcementAction.Decide, expectedVersion, cancellationToken);
        var reasons = await ApplyDecisionAsync(row, input, cancellationToken);
        var signed = await acts.AcceptForCaseAsync(actor, row.Id, row.SystemId, DecisionContent(row, expectedVersion), signature, cancellationToken);
        var now = Now;
        if (input.Kind != EnforcementDecisionKind.NoViolation)
        {
            var appeal = Calculate(() => clock.Current.For(EnforcementWorkflow.AppealDeadline, new DateTimeOffset(now, TimeSpan.Zero)));
            row.AppealDeadlineId = EnforcementWorkflow.AppealDeadline;
            row.AppealDueDate = appeal.DueDate;
            row.AppealDueAt = appeal.DueAt.UtcDateTime;
        }

        var step = await StepAsync(row, EnforcementAction.Decide, actor, reasons, cancellationToken);
        if (signed is not null)
        {
            signed.EventId = step.Id;
            db.ActSignatures.Add(signed);
        }

        Notify(row, NotificationKinds.EnforcementDecided, input.Kind.Code());
        CountDecision(row);
        if (input.Kind == EnforcementDecisionKind.NoViolation)
        {
            await SaveAsync(row, expectedVersion, cancellationToken);
            return row;
        }

        var decision = await PublicDecisionAsync(row, step.Id, KindOf(input.Kind), reasons, cancellationToken);
        decision.SignatureSha256 = signed?.CmsSha256;
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await SaveAsync(row, expectedVersion, cancellationToken, [decision]);
        if (row.SuspensionOrdered)
        {
            await SuspendAsync(actor, row, decision, cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return row;
    }

    /// <summary>
    /// The supervisory body fixes a decision for signing: the decision is checked and its fine computed as
    /// <see cref="DecideAsync"/> would, nothing is decided, and a challenge names the decision's canonical content
    /// (<see cref="ActSignatureService.EnforcementDecisionContent"/>) — the amount included, so the signer signs the sum.
    /// </summary>
    public async Task<SignatureChallenge> IssueDecisionChallengeAsync(Actor actor, Guid caseId, EnforcementDecisionInput input, int expectedVersion, Uri origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var row = await LoadForSupervisorAsync(actor, caseId, EnforcementAction.Decide, expectedVersion, cancellationToken);
        await ApplyDecisionAsync(row, input, cancellationToken);
        var content = DecisionContent(row, expectedVersion);
        db.Entry(row).State = EntityState.Detached;
        return await acts.IssueForCaseAsync(actor, row.OrganisationId, row.Id, $"enforcement/{row.Id:N}/decision/v{expectedVersion}", content, origin, cancellationToken);
    }

    /// <summary>What a signature over the case's decision at <paramref name="version"/> covers.</summary>
    private static string DecisionContent(EnforcementCase row, int version) =>
        ActSignatureService.EnforcementDecisionContent(row.Id, version, row.Decision!.Value.Code(), row.DecisionReasons, row.OffenderCategory, row.OffenceDate,
            row.FineUnits, row.FineAmount, row.UnitYear, row.SuspensionOrdered);

    /// <summary>Checks a decision and sets it on <paramref name="row"/> (a fine computed); returns the reasons as kept.</summary>
    private async Task<string> ApplyDecisionAsync(EnforcementCase row, EnforcementDecisionInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var reasons = CitizenRequestService.Text(errors, "reasons", input.Reasons, EnforcementLimits.Text, required: true);
        if (!Enum.IsDefined(input.Kind))
        {
            errors.Add("decision", "enforcement-decision-unknown", "must be fine, warning, no-violation or suspension-order");
        }

        var suspend = input.Kind == EnforcementDecisionKind.SuspensionOrder || (input.Kind == EnforcementDecisionKind.Fine && input.OrderSuspension);
        if (suspend && row.SystemId is null)
        {
            errors.Add("decision", "enforcement-suspension-system", "a suspension order needs the case to name a system");
        }

        if (input.Kind == EnforcementDecisionKind.Fine && input.OffenceDate is null)
        {
            errors.Add("offence_date", "required", "is required");
        }

        CheckCategory(errors, input.Category);
        errors.ThrowIfAny();
        row.Decision = input.Kind;
        row.DecidedAt = Now;
        row.DecisionReasons = reasons;
        row.SuspensionOrdered = suspend;
        if (input.Kind == EnforcementDecisionKind.Fine)
        {
            SetFine(row, await FineAsync(row, input.Category, input.OffenceDate, cancellationToken), input.OffenceDate);
        }
        else
        {
            // Whether the offender is a natural person decides how it is published; a fine gives it as its category.
            row.OffenderCategory = input.Category is { Length: > 0 } given ? FineCategory(given) : null;
        }

        return reasons!;
    }

    /// <summary>A member of the offender organisation appeals the decision, once, within the appeal period.</summary>
    public async Task<EnforcementCase> AppealAsync(Actor actor, Guid caseId, string? grounds, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var row = await LoadForOffenderAsync(actor, caseId, EnforcementAction.Appeal, expectedVersion, cancellationToken);
        if (row.Decision == EnforcementDecisionKind.NoViolation)
        {
            throw new RuleException("enforcement-appeal-nothing", "The case found no violation; there is nothing to appeal.");
        }

        if (row.AppealOutcome is not null)
        {
            throw new RuleException("enforcement-appeal-decided", "The appeal against this decision was already decided ({0}).", row.AppealOutcome.Value.Code());
        }

        if (row.AppealDueAt is { } due && Now >= due)
        {
            throw new RuleException("enforcement-appeal-period-over", "The appeal period ended on {0}; the decision can no longer be appealed here.", Iso(row.AppealDueDate!.Value));
        }

        var text = RequireText("grounds", grounds);
        row.AppealedAt = Now;
        await StepAsync(row, EnforcementAction.Appeal, actor, text, cancellationToken);
        await NotifySupervisorsAsync(row, NotificationKinds.EnforcementAppealed, cancellationToken);
        writer.Count(StatMeasures.Appeals);
        await SaveAsync(row, expectedVersion, cancellationToken);
        return row;
    }

    /// <summary>
    /// The supervisory body decides the appeal: upheld, annulled (the penalty no longer counts for repeats) or changed — to
    /// a fine recomputed for another category or offence date, or to a warning (<paramref name="change"/>); published, a
    /// changed fine with its new amount.
    /// </summary>
    public async Task<EnforcementCase> DecideAppealAsync(Actor actor, Guid caseId, AppealOutcome outcome, string? reasons, int expectedVersion, AppealChange? change = null, CancellationToken cancellationToken = default)
    {
        var row = await LoadForSupervisorAsync(actor, caseId, EnforcementAction.DecideAppeal, expectedVersion, cancellationToken);
        var errors = new FieldErrors();
        var text = CitizenRequestService.Text(errors, "reasons", reasons, EnforcementLimits.Text, required: true);
        if (!Enum.IsDefined(outcome))
        {
            errors.Add("outcome", "enforcement-outcome-unknown", "must be upheld, annulled or changed");
        }
        else if (outcome == AppealOutcome.Changed && change is null)
        {
            errors.Add("change", "required", "a changed decision needs the new decision: a fine (for another category or offence date) or a warning");
        }
        else if (outcome != AppealOutcome.Changed && change is not null)
        {
            errors.Add("change", "enforcement-change-unchanged", "only a changed outcome takes a new decision");
        }
        else if (change is not null && change.Kind is not (EnforcementDecisionKind.Fine or EnforcementDecisionKind.Warning))
        {
            errors.Add("change", "enforcement-change-kind", "an appeal changes a decision to a fine or a warning");
        }

        if (change is not null)
        {
            CheckCategory(errors, change.Category);
        }

        errors.ThrowIfAny();
        if (change is not null)
        {
            await ChangeAsync(row, change, cancellationToken);
        }

        row.AppealOutcome = outcome;
        row.AppealDecidedAt = Now;
        var step = await StepAsync(row, EnforcementAction.DecideAppeal, actor, text, cancellationToken);
        Notify(row, NotificationKinds.EnforcementAppealDecided, outcome.Code());
        var decision = await PublicDecisionAsync(row, step.Id, EnforcementDecision.AppealKind, text!, cancellationToken, changedFine: change?.Kind == EnforcementDecisionKind.Fine);
        decision.AppealOutcome = outcome.Code();
        decision.AppealOf = await db.EnforcementDecisions.Where(d => d.CaseId == row.Id && d.Kind != EnforcementDecision.AppealKind).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        writer.Count(StatMeasures.AppealsDecided, 0, StatMeasures.Key("outcome", outcome.Code()));
        await SaveAsync(row, expectedVersion, cancellationToken, [decision]);
        return row;
    }

    /// <summary>The decision an appeal changed to: a fine recomputed (the category and offence date default to the decision's), or a warning.</summary>
    private async Task ChangeAsync(EnforcementCase row, AppealChange change, CancellationToken cancellationToken)
    {
        row.Decision = change.Kind;
        if (change.Kind == EnforcementDecisionKind.Warning)
        {
            row.FineUnits = null;
            row.FineAmount = null;
            row.UnitValue = null;
            row.UnitYear = null;
            row.FineRepeat = false;
            row.FineTraceJson = null;
            row.SuspensionOrdered = false;
            return;
        }

        var category = change.Category is { Length: > 0 } given ? given : row.FineUnits is null ? null : row.OffenderCategory;
        var offence = change.OffenceDate ?? row.OffenceDate;
        SetFine(row, await FineAsync(row, category, offence, cancellationToken), offence);
    }

    /// <summary>Keeps a computed fine on the case: its category, the offence date, the amounts and how they were reached.</summary>
    private static void SetFine(EnforcementCase row, FineResult fine, DateOnly? offenceDate)
    {
        row.OffenderCategory = fine.Row.Id;
        row.OffenceDate = offenceDate;
        row.FineUnits = fine.Units;
        row.FineAmount = fine.Amount;
        row.UnitValue = fine.UnitValue;
        row.UnitYear = fine.UnitYear;
        row.FineRepeat = fine.IsRepeat;
        row.FineTraceJson = Trace(fine);
    }

    /// <summary>The supervisory body closes a decided case once the appeal period is over or the appeal decided.</summary>
    public async Task<EnforcementCase> CloseAsync(Actor actor, Guid caseId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var row = await LoadForSupervisorAsync(actor, caseId, EnforcementAction.Close, expectedVersion, cancellationToken);
        if (row.AppealOutcome is null && row.AppealDueAt is { } due && Now < due)
        {
            throw new RuleException("enforcement-appeal-period-running", "The appeal period runs until {0}; close the case after it, or after the appeal is decided.", Iso(row.AppealDueDate!.Value));
        }

        row.ClosedAt = Now;
        await StepAsync(row, EnforcementAction.Close, actor, null, cancellationToken);
        Notify(row, NotificationKinds.EnforcementClosed);
        await SaveAsync(row, expectedVersion, cancellationToken);
        return row;
    }

    /// <summary>The decision kinds that are penalties and count for a repeat: every published decision not annulled on appeal.</summary>
    private async Task<FineResult> FineAsync(EnforcementCase row, string? category, DateOnly? offenceDate, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == row.OrganisationId, cancellationToken);
        var errors = new FieldErrors();
        var today = clock.Current.LocalDate(new DateTimeOffset(Now, TimeSpan.Zero));
        if (offenceDate is null)
        {
            errors.Add("offence_date", "required", "is required");
        }
        else if (offenceDate > today)
        {
            errors.Add("offence_date", "enforcement-offence-future", "the offence cannot be later than today ({0})", Iso(today));
        }

        errors.ThrowIfAny();
        var earlier = await EarlierPenaltiesAsync(row, cancellationToken);
        var table = FineCalculator.Table(catalog.Active.Packs.Select(p => p.Pack), EnforcementWorkflow.FineTable);
        var opened = clock.Current.LocalDate(new DateTimeOffset(row.OpenedAt, TimeSpan.Zero));
        var rowId = category is { Length: > 0 } given ? FineCategory(given) : SizeCategory(organisation.Size);
        return Calculate(() => FineCalculator.Compute(table, new FineCase(rowId, offenceDate!.Value, earlier, opened), settings.MciByYear));
    }

    /// <summary>The local dates of the register's earlier penalties against the organisation (decisions of other cases, not annulled).</summary>
    private async Task<IReadOnlyList<DateOnly>> EarlierPenaltiesAsync(EnforcementCase row, CancellationToken cancellationToken)
    {
        var decided = await db.EnforcementCases.AsNoTracking()
            .Where(c => c.OrganisationId == row.OrganisationId && c.Id != row.Id && c.DecidedAt != null
                && c.Decision != EnforcementDecisionKind.NoViolation && c.AppealOutcome != AppealOutcome.Annulled)
            .Select(c => c.DecidedAt!.Value).ToListAsync(cancellationToken);
        return [.. decided.Select(d => clock.Current.LocalDate(new DateTimeOffset(d, TimeSpan.Zero)))];
    }

    private static string SizeCategory(SizeClass size) => size switch
    {
        SizeClass.Small => "small",
        SizeClass.Medium => "medium",
        _ => "large",
    };

    /// <summary>A category as given, in the form of the fine table's row ids.</summary>
    private static string FineCategory(string given) => given.Trim().ToLowerInvariant();

    /// <summary>The fine table's rows: the categories a decision may name.</summary>
    public IReadOnlyList<string> Categories => [.. FineCalculator.Table(catalog.Active.Packs.Select(p => p.Pack), EnforcementWorkflow.FineTable).Rows.Select(r => r.Id)];

    private void CheckCategory(FieldErrors errors, string? given)
    {
        if (given is { Length: > 0 } && !Categories.Contains(FineCategory(given)))
        {
            errors.Add("category", "enforcement-category-unknown", "must be one of: {0}", string.Join(", ", Categories));
        }
    }

    /// <summary>The fine table's row for a natural person (a sole proprietor fined as an individual): published without name or BIN.</summary>
    public const string NaturalPersonCategory = "individual";

    private static string KindOf(EnforcementDecisionKind kind) => kind switch
    {
        EnforcementDecisionKind.Fine => EnforcementDecision.FineKind,
        EnforcementDecisionKind.Warning => EnforcementDecision.WarningKind,
        EnforcementDecisionKind.SuspensionOrder => EnforcementDecision.SuspensionOrderKind,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No violation is not published."),
    };

    /// <summary>The public row of a decision: the offender (withheld for a natural person), the system, the fine, the reasons.</summary>
    private static string Trace(FineResult fine) =>
        Json.Write(fine.Trace.Select(t => new Dictionary<string, string> { ["kk"] = t.Kk, ["ru"] = t.Ru, ["en"] = t.En }).ToList());

    private async Task<EnforcementDecision> PublicDecisionAsync(EnforcementCase row, Guid eventId, string kind, string reasons, CancellationToken cancellationToken, bool changedFine = false)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == row.OrganisationId).Select(o => new { o.Name, o.Bin }).FirstAsync(cancellationToken);
        var number = row.SystemId is { } sid ? await db.Systems.AsNoTracking().Where(s => s.Id == sid).Select(s => s.RegisterNumber).FirstOrDefaultAsync(cancellationToken) : null;
        var natural = row.OffenderCategory == NaturalPersonCategory;
        var fine = kind == EnforcementDecision.FineKind || changedFine;
        return new EnforcementDecision
        {
            Id = eventId,
            CaseId = row.Id,
            Kind = kind,
            At = Now,
            OrganisationId = row.OrganisationId,
            OrganisationName = natural ? null : organisation.Name,
            Bin = natural ? null : organisation.Bin,
            NaturalPerson = natural,
            SystemId = row.SystemId,
            RegisterNumber = number,
            Reasons = reasons,
            Category = fine ? row.OffenderCategory : null,
            Repeat = fine && row.FineRepeat,
            FineUnits = fine ? row.FineUnits : null,
            FineAmount = fine ? row.FineAmount : null,
            UnitValue = fine ? row.UnitValue : null,
            UnitYear = fine ? row.UnitYear : null,
            SuspensionOrdered = kind != EnforcementDecision.AppealKind && row.SuspensionOrdered,
        };
    }

    /// <summary>Takes the registration workflow's suspend step for a listed system; a system in another status keeps the order on record only.</summary>
    private async Task SuspendAsync(Actor actor, EnforcementCase row, EnforcementDecision decision, CancellationToken cancellationToken)
    {
        var system = await db.Systems.AsNoTracking().Where(s => s.Id == row.SystemId).Select(s => new { s.Status, s.Version }).FirstAsync(cancellationToken);
        if (!RegistrationWorkflow.Allows(WorkflowAction.Suspend, system.Status))
        {
            return;
        }

        var reason = $"Suspension ordered by enforcement decision {decision.Id}: {decision.Reasons}";
        await workflow.SuspendAsync(actor, row.SystemId!.Value, reason.Length > TextLimits.Reason ? reason[..TextLimits.Reason] : reason, system.Version, cancellationToken);
    }

    /// <summary>A calculation the law data does not allow (a year without MCI or calendar) is the operator's to fix: said as a rule with the calculator's code.</summary>
    private static T Calculate<T>(Func<T> compute)
    {
        try
        {
            return compute();
        }
        catch (CalculationException ex)
        {
            throw new RuleException(ex.Code, "{0}", ex.Message);
        }
    }

    private async Task<EnforcementCase> LoadForSupervisorAsync(Actor actor, Guid caseId, EnforcementAction action, int expectedVersion, CancellationToken cancellationToken)
    {
        RequireSupervisor(actor);
        var row = await db.EnforcementCases.AsTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken) ?? throw new NotFoundException("case", caseId);
        Check(row, action, expectedVersion);
        return row;
    }

    private async Task<EnforcementCase> LoadForOffenderAsync(Actor actor, Guid caseId, EnforcementAction action, int expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var row = await db.EnforcementCases.AsTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (row is null || !actor.IsMember(row.OrganisationId))
        {
            throw new NotFoundException("case", caseId);
        }

        if (!actor.CanEdit(row.OrganisationId))
        {
            throw new ForbiddenException("enforcement-offender-edit", "Only a member of the organisation who may edit (an admin or an editor) can answer for it in an enforcement case.");
        }

        Check(row, action, expectedVersion);
        return row;
    }

    /// <summary>A closed case refuses everything; a step out of order says so; a stale version is refused.</summary>
    private static void Check(EnforcementCase row, EnforcementAction action, int expectedVersion)
    {
        if (!EnforcementWorkflow.Allows(action, row.Status))
        {
            throw row.Status == EnforcementStatus.Closed
                ? new RuleException("enforcement-case-closed", "This case was closed on {0}; nothing more can be added to it.", row.ClosedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "")
                : new RuleException("enforcement-step-not-allowed", "A case that is {0} cannot take the step '{1}'.", row.Status.Code(), action.Code());
        }

        if (row.Version != expectedVersion)
        {
            throw new ConcurrencyException("case", expectedVersion, row.Version);
        }
    }

    private static void RequireSupervisor(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsSupervisor)
        {
            throw new ForbiddenException("enforcement-supervisor", "Only the supervisory body can open and run enforcement cases.");
        }
    }

    private static string RequireText(string field, string? value)
    {
        var errors = new FieldErrors();
        var text = CitizenRequestService.Text(errors, field, value, EnforcementLimits.Text, required: true);
        errors.ThrowIfAny();
        return text!;
    }

    private async Task<CaseEvent> StepAsync(EnforcementCase row, EnforcementAction action, Actor actor, string? text, CancellationToken cancellationToken)
    {
        var transition = EnforcementWorkflow.Get(action);
        var from = action == EnforcementAction.Open ? (EnforcementStatus?)null : row.Status;
        row.Status = transition.To ?? row.Status;
        var sequence = action == EnforcementAction.Open ? 0
            : await db.CaseEvents.Where(e => e.CaseKind == CaseKinds.EnforcementCase && e.CaseId == row.Id).MaxAsync(e => (int?)e.Sequence, cancellationToken) ?? 0;
        var step = new CaseEvent
        {
            Id = Guid.NewGuid(),
            CaseKind = CaseKinds.EnforcementCase,
            CaseId = row.Id,
            Sequence = sequence + 1,
            Action = transition.Code,
            From = from?.Code(),
            To = row.Status.Code(),
            ActorRole = transition.By.Code(),
            ActorId = actor.IsAuthenticated && !actor.IsSystem ? actor.UserId : null,
            ActorName = actor.Name,
            Text = text,
            At = Now,
        };
        db.CaseEvents.Add(step);
        return step;
    }

    // The statistics' counts of a decision, saved with it (StatMeasures): its kind, and a fine's amount in tenge and MCI.
    private void CountDecision(EnforcementCase row)
    {
        writer.Count(StatMeasures.Decisions, 0, StatMeasures.DecisionKeys(row.Decision!.Value, row.OffenderCategory));
        if (row.Decision == EnforcementDecisionKind.Fine)
        {
            writer.Count(StatMeasures.Fines, StatMeasures.Whole(row.FineAmount), StatMeasures.FineKeys(row.OffenderCategory, row.FineRepeat));
            writer.Count(StatMeasures.FinesMci, StatMeasures.Whole(row.FineUnits), StatMeasures.FineKeys(row.OffenderCategory, null));
        }
    }

    /// <summary>The offender organisation's members: in-app, and by mail to those who want it, in their language.</summary>
    private void Notify(EnforcementCase row, string kind, string? detail = null) =>
        writer.Notify(row.OrganisationId, null, row.SystemId, kind, row.Id.ToString(), detail ?? "");

    private async Task NotifySupervisorsAsync(EnforcementCase row, string kind, CancellationToken cancellationToken)
    {
        foreach (var supervisor in await timeline.SupervisorIdsAsync(cancellationToken))
        {
            writer.Notify(null, supervisor, row.SystemId, kind, row.Id.ToString(), "");
        }
    }

    /// <summary>Saves the step (and publishes <paramref name="decisions"/>); a lost race becomes a <see cref="ConcurrencyException"/>.</summary>
    private async Task SaveAsync(EnforcementCase row, int expectedVersion, CancellationToken cancellationToken, IReadOnlyList<EnforcementDecision>? decisions = null)
    {
        row.Version = expectedVersion + 1;
        try
        {
            await writer.SaveDecisionsAsync(decisions ?? [], cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            var current = await db.EnforcementCases.AsNoTracking().Where(c => c.Id == row.Id).Select(c => c.Version).FirstOrDefaultAsync(cancellationToken);
            throw new ConcurrencyException("case", expectedVersion, current);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
