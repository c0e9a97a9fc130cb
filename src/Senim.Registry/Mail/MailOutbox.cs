namespace Senim.Registry.Mail;

/// <summary>
/// Puts e-mail into the outbox. <see cref="Stage"/> only adds the row to the context: it is saved by the same
/// SaveChanges, in the same transaction, as the change that causes it, so a rolled-back change sends nothing and a
/// committed one never loses its mail. The sender (<see cref="OutboxSender"/>) delivers it later.
/// </summary>
public sealed class MailOutbox(RegistryDb db, TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>Stages one message; it is saved with the caller's next SaveChanges.</summary>
    public OutboxMessage Stage(string template, Guid? userId, string address, string name, string language, IReadOnlyDictionary<string, string> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(template);
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(values);
        var now = Now;
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Template = template,
            UserId = userId,
            ToAddress = address,
            ToName = name ?? "",
            Language = language is "kk" or "ru" or "en" ? language : "kk",
            ValuesJson = Json.Write(values),
            CreatedAt = now,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>How many messages of a template went to an account (or an address) since <paramref name="since"/>: the limits on "send again" and password resets.</summary>
    public Task<int> CountSinceAsync(string template, Guid? userId, string? address, DateTime since, CancellationToken cancellationToken = default) =>
        db.OutboxMessages.AsNoTracking()
            .Where(m => m.Template == template && m.CreatedAt >= since && (userId != null ? m.UserId == userId : m.ToAddress == address))
            .CountAsync(cancellationToken);

    /// <summary>
    /// Stages an e-mail for every reader of the notifications added to the context and not saved yet: the person a
    /// personal one is for, or every member of the organisation; only confirmed addresses, and only kinds the person
    /// has not switched off. Called by <see cref="Services.RegisterWriter"/> before it saves the change.
    /// </summary>
    internal async Task StageNotificationsAsync(CancellationToken cancellationToken)
    {
        // Notifications are added (never modified) before this runs: no need to scan every tracked entity for changes here,
        // SaveChanges does that once right after.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await StageAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private async Task StageAsync(CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return;
        }

        var organisationIds = added.Where(n => n.UserId is null && n.OrganisationId is not null).Select(n => n.OrganisationId!.Value).Distinct().ToList();
        var members = organisationIds.Count == 0 ? [] : await db.Memberships.AsNoTracking()
            .Where(m => organisationIds.Contains(m.OrganisationId))
            .Select(m => new { m.OrganisationId, m.UserId }).ToListAsync(cancellationToken);
        var userIds = added.Where(n => n.UserId is not null).Select(n => n.UserId!.Value).Concat(members.Select(m => m.UserId)).Distinct().ToList();
        if (userIds.Count == 0)
        {
            return;
        }

        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.EmailConfirmed && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredLanguage }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var optOuts = (await db.MailOptOuts.AsNoTracking().Where(o => userIds.Contains(o.UserId)).Select(o => new { o.UserId, o.Kind }).ToListAsync(cancellationToken))
            .Select(o => (o.UserId, o.Kind)).ToHashSet();
        var systems = await NamesAsync(added, cancellationToken);
        var organisations = await OrganisationNamesAsync(added, cancellationToken);
        foreach (var notification in added)
        {
            var readers = notification.UserId is { } one ? [one]
                : members.Where(m => m.OrganisationId == notification.OrganisationId).Select(m => m.UserId).Distinct();
            foreach (var reader in readers)
            {
                if (!users.TryGetValue(reader, out var user) || optOuts.Contains((reader, notification.Kind)))
                {
                    continue;
                }

                var values = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [MailTemplates.Values.Kind] = notification.Kind,
                    [MailTemplates.Values.Args] = notification.ArgsJson,
                };
                if (notification.SystemId is { } systemId && systems.TryGetValue(systemId, out var names))
                {
                    values[MailTemplates.Values.System] = systemId.ToString();
                    values[MailTemplates.Values.SystemName] = NameIn(user.PreferredLanguage, names.Kk, names.Ru, names.En);
                }

                if (notification.OrganisationId is { } organisationId && organisations.TryGetValue(organisationId, out var organisation))
                {
                    values[MailTemplates.Values.Organisation] = organisation;
                }

                Stage(MailTemplates.Notification, user.Id, user.Email!, user.DisplayName, user.PreferredLanguage, values);
            }
        }
    }

    private async Task<Dictionary<Guid, (string? Kk, string? Ru, string? En)>> NamesAsync(List<Notification> added, CancellationToken cancellationToken)
    {
        var ids = added.Where(n => n.SystemId is not null).Select(n => n.SystemId!.Value).Distinct().ToList();
        var names = new Dictionary<Guid, (string? Kk, string? Ru, string? En)>();
        foreach (var tracked in db.ChangeTracker.Entries<AiSystem>().Select(e => e.Entity).Where(s => ids.Contains(s.Id)))
        {
            names[tracked.Id] = (tracked.NameKk, tracked.NameRu, tracked.NameEn);
        }

        var missing = ids.Where(id => !names.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var s in await db.Systems.AsNoTracking().Where(s => missing.Contains(s.Id)).Select(s => new { s.Id, s.NameKk, s.NameRu, s.NameEn }).ToListAsync(cancellationToken))
            {
                names[s.Id] = (s.NameKk, s.NameRu, s.NameEn);
            }
        }

        return names;
    }

    private async Task<Dictionary<Guid, string>> OrganisationNamesAsync(List<Notification> added, CancellationToken cancellationToken)
    {
        var ids = added.Where(n => n.OrganisationId is not null).Select(n => n.OrganisationId!.Value).Distinct().ToList();
        var names = db.ChangeTracker.Entries<Organisation>().Select(e => e.Entity).Where(o => ids.Contains(o.Id)).ToDictionary(o => o.Id, o => o.Name);
        var missing = ids.Where(id => !names.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var o in await db.Organisations.AsNoTracking().Where(o => missing.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
            {
                names[o.Id] = o.Name;
            }
        }

        return names;
    }

    /// <summary>A name in the reader's language, else in another one the record has.</summary>
    private static string NameIn(string language, string? kk, string? ru, string? en) => language switch
    {
        "ru" => ru ?? kk ?? en,
        "en" => en ?? ru ?? kk,
        _ => kk ?? ru ?? en,
    } ?? "";
}
