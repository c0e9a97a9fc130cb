using Senim.Registry.Citizens;
using Senim.Registry.Labels;
using Senim.Web.Features.Labels;

namespace Senim.Web.Features.Citizens;

/// <summary>
/// /requests/new: a person files an objection, an explanation or data request, a refusal of interaction or a complaint
/// about unlabelled content — no account needed, JavaScript not needed (a small script adds the proof-of-work stamp; the
/// form works without it within <see cref="CitizenOptions.PlainPerHour"/>). A multipart form read by the label upload's
/// bounded path, so a complaint's file is checked by the label verifier. After filing, the tracking code is shown once.
/// The form token stands in for the antiforgery token (it names the account it was shown to).
/// </summary>
[EnableRateLimiting(SenimApp.CitizenFileRateLimit)]
[IgnoreAntiforgeryToken]
public sealed class NewModel(CitizenFiling filing, CitizenFormGuard guard, RegisterService register, LabelSettings labelSettings) : RegistryPage
{
    /// <summary>The longest form field in bytes: the person's account is 5,000 characters of up to 4 UTF-8 bytes each.</summary>
    public const int MaxFieldBytes = (CitizenLimits.Description * 4) + 1024;

    public CitizenFormFields Form { get; private set; } = CitizenFormFields.From(_ => null);

    public FormTicket Ticket { get; private set; } = null!;

    /// <summary>The system the form is about, when the entry page's link named it.</summary>
    public RegisterRow? System { get; private set; }

    /// <summary>The request just filed (its tracking code is shown this once).</summary>
    public FiledRequest? Filed { get; private set; }

    public long MaxFileBytes => labelSettings.MaxUploadBytes;

    public async Task<IActionResult> OnGetAsync(Guid? system, string? kind)
    {
        Form = Form with { Kind = CitizenCodes.ParseKind(kind)?.Code(), System = system?.ToString() };
        await ShowAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await ActorAsync();
        var client = ClientAddress.Key(HttpContext);
        LabelUpload? upload = null;
        try
        {
            if (Request.HasFormContentType && !(Request.ContentType ?? "").StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                var posted = await Request.ReadFormAsync(HttpContext.RequestAborted);
                Form = CitizenFormFields.From(name => posted.TryGetValue(name, out var value) ? value.ToString() : null);
            }
            else
            {
                upload = await LabelUpload.ReadAsync(Request, labelSettings.MaxUploadBytes, HttpContext.RequestAborted, MaxFieldBytes);
                var fields = upload.Fields;
                Form = CitizenFormFields.From(name => fields.TryGetValue(name, out var value) ? value : null);
            }

            Filed = await filing.FileAsync(actor, Form, upload?.File, upload?.FileName, Lang, client, HttpContext.RequestAborted);
            Response.Headers.CacheControl = "no-store";
            return Page();
        }
        catch (BadHttpRequestException ex)
        {
            SetProblem(ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => Texts.Format("labels.verify.too-large", Lang, ReaderFormat.Size(labelSettings.MaxUploadBytes, Lang)),
                StatusCodes.Status503ServiceUnavailable => Texts.Format("labels.upload.busy", Lang, UploadBudget.RetrySeconds),
                _ => Texts.Get("citizens.form.unreadable", Lang),
            });
            Response.StatusCode = ex.StatusCode;
        }
        catch (FormRefusedException refused)
        {
            var refusal = refused.Refusal;
            await ShowAsync();
            return TooSoon(Text.Error(refusal.Code, refusal.English, [.. refusal.Args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "")]),
                TimeSpan.FromSeconds(refusal.RetryAfterSeconds ?? 60));
        }
        catch (RegistryException ex)
        {
            await ShowAsync();
            return Refused(ex is NotFoundException ? Invalid.Field("system", "citizen-system-unknown", "the public register has no system {0}", Form.System ?? "") : ex);
        }
        finally
        {
            if (upload is not null)
            {
                await upload.DisposeAsync();
            }
        }

        await ShowAsync();
        return Page();
    }

    /// <summary>A fresh form token (the text typed stays in <see cref="Form"/>), and the system named by the link.</summary>
    private async Task ShowAsync()
    {
        var actor = await ActorAsync();
        Ticket = guard.Issue(actor.IsAuthenticated ? actor.UserId : null);
        Response.Headers.CacheControl = "no-store";
        if (Guid.TryParse(Form.System, out var id))
        {
            try
            {
                System = await register.GetAsync(id, HttpContext.RequestAborted);
            }
            catch (NotFoundException)
            {
                System = null;
            }
        }
    }
}
