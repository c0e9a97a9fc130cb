using System.Globalization;
using System.Text;
using Senim.Web.Tests.Review;

namespace Senim.Web.Tests.Authorization;

/// <summary>
/// Who may call what: every API endpoint and every page, for each kind of caller, against the demo
/// world. The API is called with each caller's personal token (every scope; and the owner's read-only
/// token), pages with a signed-in session (the replaced expert's included). A change is sent with a stale version (If-Match W/"v0", "version": 0), so a caller who is
/// allowed is stopped only by the version (412) or by the workflow (409) and nothing changes; a caller
/// who is not gets 401, 403 or 404. Another organisation's drafts are 404: they do not exist for it.
/// An endpoint or page without a row fails <see cref="Every_endpoint_and_page_has_a_row"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    // The outcomes, named for what they mean.
    private const int Ok = 200;
    private const int Created = 201;
    private const int Accepted = 202;
    private const int Done = 204;
    private const int Found = 302;      // a redirect that is the page's answer (the language switch)
    private const int Invalid = 400;    // allowed, and stopped by the body's validation (nothing stored)
    private const int SignIn = 401;     // API: 401 problem details; pages: 302 to /account/sign-in
    private const int Refused = 403;    // API: 403 problem details; pages: 403 or 302 to /account/denied
    private const int Hidden = 404;     // does not exist for this caller
    private const int Workflow = 409;   // allowed, and stopped by the workflow's rules (nothing changes)
    private const int Stale = 412;      // allowed, and stopped by the stale version (nothing changes)

    private const string StaleVersion = "W/\"v0\"";

    /// <summary>
    /// An API row: method, route with world ids, JSON body, then the status per caller. The last two columns follow from
    /// the others by a rule (<see cref="ReplacedExpert"/>, <see cref="ReadToken"/>), with the exceptions listed.
    /// </summary>
    private sealed record ApiRow(string Method, string Route, string? Body, int Anonymous, int Other, int Editor, int Owner, int Expert, int Supervisor, int Admin)
    {
        /// <summary>The admin of an unverified organisation: another organisation's member unless the row says otherwise (<see cref="Verifying"/>).</summary>
        public int? Unverified { get; init; }

        public int For(Who who) => who switch
        {
            Who.Anonymous => Anonymous,
            Who.OtherOrganisation => Other,
            Who.Editor => Editor,
            Who.Owner => Owner,
            Who.Expert => Expert,
            Who.Supervisor => Supervisor,
            Who.Admin => Admin,
            Who.ReplacedExpert => ReplacedExpert,
            Who.Unverified => Unverified ?? Other,
            _ => ReadToken,
        };

        /// <summary>
        /// The expert replaced on the panel of {review}: on every row that names that system, an outsider (as another
        /// organisation: it does not exist for them, nor do its documents or review); elsewhere an expert like expert1.
        /// </summary>
        public int ReplacedExpert => Route.Contains("{review}", StringComparison.Ordinal) ? Other : Expert;

        /// <summary>
        /// The owner's read-only token: reads as the owner; a change is refused (403), also of a thing that does not
        /// exist (refused before it is looked up), but not found where the owner does not see the thing at all (another
        /// organisation's system); the exceptions are listed in <see cref="ReadTokenExceptions"/>.
        /// </summary>
        public int ReadToken =>
            ReadTokenExceptions.TryGetValue(ToString(), out var status) ? status
            : IsPublic ? Anonymous
            : Method == "GET" || (Owner == Hidden && !Route.Contains("{unknown}", StringComparison.Ordinal)) ? Owner
            : Refused;

        /// <summary>Answers the same to everyone (the public register, the classifier, the checker).</summary>
        public bool IsPublic => new[] { Other, Editor, Owner, Expert, Supervisor, Admin }.All(s => s == Anonymous);

        /// <summary>The row with its own status for the unverified organisation's admin.</summary>
        public ApiRow Verifying(int status) => this with { Unverified = status };

        public override string ToString() => Method + " " + Route;
    }

    /// <summary>Changes a read-only token is not refused with 403, and why.</summary>
    private static readonly Dictionary<string, int> ReadTokenExceptions = new(StringComparer.Ordinal)
    {
        // Marking one's own notifications read is part of reading them (a read-only token polling them may do it).
        ["POST /api/v1/notifications/{unknown}/read"] = Hidden,
        ["POST /api/v1/notifications/read-all"] = Ok,

        // What only an organisation's admin may see (invitations, verification and its evidence) needs a token that
        // may act as that admin: a read-only token is a member's, so it is refused even where nothing is found.
        ["GET /api/v1/organisations/{bank}/invitations"] = Refused,
        ["GET /api/v1/organisations/{bank}/verification"] = Refused,
        ["GET /api/v1/organisations/{bank}/verification/evidence/{bank-evidence}"] = Refused,
        ["GET /api/v1/organisations/{bank}/verification/evidence/{unknown}"] = Refused,
    };

    private static ApiRow Api(string method, string route, string? body, int anonymous, int other, int editor, int owner, int expert, int supervisor, int admin) =>
        new(method, route, body, anonymous, other, editor, owner, expert, supervisor, admin);

    private static ApiRow Get(string route, int anonymous, int other, int editor, int owner, int expert, int supervisor, int admin) =>
        new("GET", route, null, anonymous, other, editor, owner, expert, supervisor, admin);

    private static ApiRow Public(string method, string route, int status, string? body = null) =>
        new(method, route, body, status, status, status, status, status, status, status);

    private const string SystemBody = """{"name_en": "Renamed by the matrix", "purpose_en": "Matrix", "sector": "finance", "role": "owner", "mode": "closed", "version": 0}""";
    private const string OrganisationBody = """{"bin": "990140000017", "name": "Renamed by the matrix", "size": "large", "contact_email": "matrix@example.kz", "version": 0}""";

    /// <summary>Every API endpoint. Columns: anonymous, another organisation, editor, owner (organisation admin), expert, supervisor, platform admin.</summary>
    private static readonly ApiRow[] ApiRows =
    [
        // Public: the register, the law, the classifier, health, the language switch, the OpenAPI document.
        Public("GET", "/health", Ok),
        Public("GET", "/lang/{lang}", Found),
        Public("GET", "/openapi/{openapi}.json", Ok),
        Public("GET", "/api/v1/law/packs", Ok),
        Public("GET", "/api/v1/law/packs/{pack}", Ok),
        Public("GET", "/api/v1/law/packs/{unknown}", Hidden),
        Public("POST", "/api/v1/classifications", Ok, """{"law": "kz", "system": {"name": "Matrix", "answers": {}}}"""),
        Public("GET", "/api/v1/register", Ok),
        Public("GET", "/api/v1/register/{registered}", Ok),
        Public("GET", "/api/v1/register/{draft}", Hidden),
        Public("GET", "/register.json", Ok),
        Public("GET", "/register.csv", Ok),
        Public("GET", "/register/{registered}.json", Ok),
        Public("GET", "/register/{draft}.json", Hidden),
        Public("GET", "/register/{registered}.csv", Ok),
        Public("GET", "/register/{registered}/classification.json", Ok),
        Public("GET", "/register/feed.atom", Ok),
        Public("GET", "/api/v1/statistics", Ok),
        Public("GET", "/statistics/{chart}.csv", Ok),
        Public("GET", "/statistics/{unknown}.csv", Hidden),
        // The transparency log: its files and proofs are public; the integrity status is for supervisors and admins.
        Public("GET", "/log/checkpoint", Ok),
        Public("GET", "/log/key", Ok),
        Public("GET", "/log/tile/{log-tile}", Ok),
        Public("GET", "/log/receipt/{log-index}", Ok),
        Public("GET", "/api/v1/log/proofs/inclusion?index={log-index}", Ok),
        Public("GET", "/api/v1/log/proofs/consistency?from={log-index}", Ok),
        Public("GET", "/api/v1/log/events", Ok),
        Public("GET", "/api/v1/log/events?q=bank&kind=registration&before={log-index-missing}", Ok),

        // The caller's own account, home, tokens and notifications.          anon    other    editor   owner    expert   super    admin
        Get("/api/v1/me",                                                      SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Get("/api/v1/home",                                                    SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Get("/api/v1/due",                                                     SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Get("/api/v1/tokens",                                                  SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Get("/api/v1/tokens/{token}",                                          SignIn, Hidden,  Hidden,  Ok,      Hidden,  Hidden,  Hidden),
        // A token cannot mint tokens (only a browser session can).
        Api("POST", "/api/v1/tokens", """{"name": "t", "scopes": ["read"], "days": 1}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Refused, Refused),
        Api("DELETE", "/api/v1/tokens/{unknown}", null,                        SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden),
        Get("/api/v1/notifications",                                           SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Api("POST", "/api/v1/notifications/{unknown}/read", null,              SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden),
        Api("POST", "/api/v1/notifications/read-all", null,                    SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),

        // Organisations: members see theirs, supervisors and admins see all; only its admins change it.
        Get("/api/v1/organisations",                                           SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Api("POST", "/api/v1/organisations", "{}",                             SignIn, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid),
        Get("/api/v1/organisations/{bank}",                                    SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("PUT", "/api/v1/organisations/{bank}", OrganisationBody,           SignIn, Hidden,  Refused, Stale,   Hidden,  Refused, Stale),
        Api("DELETE", "/api/v1/organisations/{bank}", null,                    SignIn, Hidden,  Refused, Stale,   Hidden,  Refused, Stale),
        Get("/api/v1/organisations/{bank}/members",                            SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        // Invitations: only the organisation's admins invite; whoever holds a link answers it (an unknown one is 404).
        Get("/api/v1/organisations/{bank}/invitations",                        SignIn, Hidden,  Refused, Ok,      Hidden,  Refused, Ok),
        Api("POST", "/api/v1/organisations/{bank}/invitations", """{"email": "editor@demo.senim.kz", "role": "editor"}""",
                                                                               SignIn, Hidden,  Refused, Workflow, Hidden, Refused, Workflow),
        Api("DELETE", "/api/v1/organisations/{bank}/invitations/{unknown}", null, SignIn, Hidden, Refused, Hidden, Hidden, Refused, Hidden),
        Api("POST", "/api/v1/invitations/{unknown}/accept", """{"token": "x"}""", SignIn, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden),
        Public("POST", "/api/v1/invitations/{unknown}/decline", Hidden, """{"token": "x"}"""),
        // Mail about the account: a new confirmation link from a browser session only; a reset link for anyone (the same answer for any address).
        Api("POST", "/api/v1/account/confirmation", null,                      SignIn, Refused, Refused, Refused, Refused, Refused, Refused),
        Public("POST", "/api/v1/account/password-reset", Accepted, """{"email": "nobody-here@demo.senim.kz"}"""),
        Api("PUT", "/api/v1/organisations/{bank}/members/{editor-user}", """{"role": "editor"}""",
                                                                               SignIn, Hidden,  Refused, Ok,      Hidden,  Refused, Ok),
        Api("DELETE", "/api/v1/organisations/{bank}/members/{unknown}", null,  SignIn, Hidden,  Refused, Hidden,  Hidden,  Refused, Hidden),

        // Verification of organisations and BIN disputes: the organisation's admins ask and sign, the supervisory body verifies and decides.
        // (No trust anchors are configured here: a challenge is refused with 409 signatures-unavailable; the signature tests configure a PKI.)
        Get("/api/v1/organisations/{bank}/verification",                       SignIn, Hidden,  Refused, Ok,      Hidden,  Ok,      Ok),
        Get("/api/v1/organisations/{unverified-org}/verification",             SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Ok,      Ok).Verifying(Ok),
        Api("POST", "/api/v1/organisations/{bank}/verification/challenge", null, SignIn, Hidden, Refused, Workflow, Hidden, Refused, Refused),
        Api("POST", "/api/v1/organisations/{unverified-org}/verification/challenge", null,
                                                                               SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Refused, Refused).Verifying(Workflow),
        Api("POST", "/api/v1/organisations/{bank}/verification/signature", """{"challenge_id": "{unknown}", "signature": "MIIB"}""",
                                                                               SignIn, Hidden,  Refused, Workflow, Hidden, Refused, Refused),
        Api("POST", "/api/v1/organisations/{unverified-org}/verification/signature", """{"challenge_id": "{unknown}", "signature": "MIIB"}""",
                                                                               SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Refused, Refused).Verifying(Hidden),
        Api("POST", "/api/v1/organisations/{bank}/verification/supervisor", "file:extract.pdf",
                                                                               SignIn, Refused, Refused, Refused, Refused, Workflow, Refused).Verifying(Refused),
        Get("/api/v1/organisations/{bank}/verification/evidence/{bank-evidence}", SignIn, Hidden, Refused, Ok,     Hidden,  Ok,      Ok),
        Get("/api/v1/organisations/{bank}/verification/evidence/{unknown}",    SignIn, Hidden,  Refused, Hidden,  Hidden,  Hidden,  Hidden),
        Api("POST", "/api/v1/organisations/{bank}/disputes", "file:extract.pdf",
                                                                               SignIn, Hidden,  Refused, Workflow, Hidden, Refused, Refused),
        Api("POST", "/api/v1/organisations/{unverified-org}/disputes", "file:extract.pdf",
                                                                               SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Refused, Refused).Verifying(Workflow),
        Get("/api/v1/disputes",                                                SignIn, Refused, Refused, Refused, Refused, Ok,      Refused).Verifying(Refused),
        Api("POST", "/api/v1/disputes/{dispute}/decision", """{"decision": "transfer", "reason": "matrix", "version": 0}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Stale,   Refused).Verifying(Refused),

        // AI systems: a draft of Demo Bank is seen by its members, the supervisor and admins, never by another organisation or an unassigned expert.
        Get("/api/v1/systems",                                                 SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Get("/api/v1/systems?organisation={bank}",                             SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("POST", "/api/v1/systems", """{"organisation_id": "{bank}"}""",    SignIn, Hidden,  Invalid, Invalid, Hidden,  Refused, Refused),
        Get("/api/v1/systems/{draft}",                                         SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Get("/api/v1/systems/{review}",                                        SignIn, Hidden,  Ok,      Ok,      Ok,      Ok,      Ok),
        Api("PUT", "/api/v1/systems/{draft}", SystemBody,                      SignIn, Hidden,  Stale,   Stale,   Hidden,  Refused, Refused),
        Get("/api/v1/systems/{draft}/classification",                          SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("POST", "/api/v1/systems/{draft}/classification", """{"law": "kz", "answers": {}, "version": 0}""",
                                                                               SignIn, Hidden,  Stale,   Stale,   Hidden,  Refused, Refused),
        Get("/api/v1/systems/{draft}/classifications",                         SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Get("/api/v1/systems/{draft}/versions",                                SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Get("/api/v1/systems/{draft}/versions/{v1}/diff/{v2}",                       SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("POST", "/api/v1/systems/{draft}/submit", """{"version": 0}""",    SignIn, Hidden,  Stale,   Stale,   Hidden,  Refused, Refused),
        Api("POST", "/api/v1/systems/{draft}/publish", """{"version": 0}""",   SignIn, Hidden,  Stale,   Stale,   Hidden,  Refused, Refused),
        Api("POST", "/api/v1/systems/{draft}/cancel", """{"version": 0}""",    SignIn, Hidden,  Workflow, Workflow, Hidden, Refused, Refused),
        Api("POST", "/api/v1/systems/{draft}/resubmit", """{"version": 0}""",  SignIn, Hidden,  Workflow, Workflow, Hidden, Refused, Refused),
        Api("POST", "/api/v1/systems/{draft}/remove", """{"reason": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Stale,   Stale,   Hidden,  Refused, Refused),

        // Documentation and evidence.
        Get("/api/v1/systems/{draft}/documents",                               SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Get("/api/v1/systems/{draft}/documents/{document}",                    SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("PUT", "/api/v1/systems/{draft}/documents/{document}", """{"sections": {}, "version": 0}""",
                                                                               SignIn, Hidden,  Stale,   Stale,   Hidden,  Refused, Refused),
        Api("POST", "/api/v1/systems/{draft}/documents/{document}/attachments", "file:evil.exe",
                                                                               SignIn, Hidden,  Invalid, Invalid, Hidden,  Refused, Refused),
        Get("/api/v1/systems/{draft}/attachments/{attachment}",                SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("DELETE", "/api/v1/systems/{draft}/attachments/{unknown}", null,   SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Refused, Refused),

        // Review: only the assigned expert works the checklist.
        Get("/api/v1/review/queue",                                            SignIn, Refused, Refused, Refused, Ok,      Refused, Refused),
        Api("POST", "/api/v1/systems/{review}/review/declaration", """{"no_conflict": true}""",
                                                                               SignIn, Hidden,  Refused, Refused, Ok,      Refused, Refused),
        Get("/api/v1/systems/{review}/review/checklist",                       SignIn, Hidden,  Refused, Refused, Ok,      Refused, Refused),
        Api("PUT", "/api/v1/systems/{review}/review/checklist/{item}", """{"verdict": "satisfied", "remark": "matrix"}""",
                                                                               SignIn, Hidden,  Refused, Refused, Ok,      Refused, Refused),
        Api("POST", "/api/v1/systems/{review}/review/changes", """{"message": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Stale,   Refused, Refused),
        Api("POST", "/api/v1/systems/{review}/review/recommendation", """{"recommendation": "register", "text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Stale,   Refused, Refused),
        // Signed acts: fixing a recommendation or decision for signing (409 here: no trust anchors), and the signatures kept.
        Api("POST", "/api/v1/systems/{review}/review/recommendation/challenge", """{"recommendation": "register", "text": "matrix"}""",
                                                                               SignIn, Hidden,  Refused, Refused, Workflow, Refused, Refused),
        Api("POST", "/api/v1/systems/{review}/decision/challenge", """{"decision": "register", "reasons": "matrix"}""",
                                                                               SignIn, Hidden,  Refused, Refused, Refused, Workflow, Refused),
        Get("/api/v1/systems/{review}/act-signatures",                         SignIn, Hidden,  Refused, Refused, Ok,      Ok,      Ok),

        // Supervision: the supervisory body assigns experts and decides.
        Get("/api/v1/supervision/queue",                                       SignIn, Refused, Refused, Refused, Refused, Ok,      Refused),
        Get("/api/v1/systems/{hospital-submitted}/experts",                    SignIn, Refused, Refused, Refused, Refused, Ok,      Refused),
        Api("POST", "/api/v1/systems/{hospital-submitted}/experts", """{"experts": [], "version": 0}""",
                                                                               SignIn, Refused, Hidden,  Hidden,  Hidden,  Stale,   Refused).Verifying(Hidden),
        Api("POST", "/api/v1/systems/{review}/decision", """{"decision": "register", "reasons": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Refused, Workflow, Refused),
        Api("POST", "/api/v1/systems/{registered}/suspend", """{"reason": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Stale,   Refused),
        Api("POST", "/api/v1/systems/{registered}/reinstate", """{"reason": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Workflow, Refused),
        Api("POST", "/api/v1/systems/{registered}/withdraw", """{"reason": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Stale,   Refused),

        // Enforcement cases (a warning decided against Demo Bank): the supervisory body runs them; the bank's members read theirs,
        // respond and appeal; platform admins, experts and other organisations do not see them. Its public decisions are for anyone.
        Get("/api/v1/enforcement",                                             SignIn, Refused, Refused, Refused, Refused, Ok,      Refused),
        Api("POST", "/api/v1/enforcement", """{"origin": "monitoring", "organisation_id": "{bank}", "subject": ""}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Invalid, Refused),
        Get("/api/v1/organisations/{bank}/enforcement",                        SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Hidden),
        Get("/api/v1/enforcement/{enforcement}",                               SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Hidden),
        Get("/api/v1/enforcement/{enforcement}/evidence/{unknown}",            SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden),
        Api("POST", "/api/v1/enforcement/{enforcement}/evidence", "file:extract.pdf",
                                                                               SignIn, Refused, Refused, Refused, Refused, Stale,   Refused),
        Api("POST", "/api/v1/enforcement/{enforcement}/notes", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Stale,   Refused),
        Api("POST", "/api/v1/enforcement/{enforcement}/response-request", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Workflow, Refused),
        Api("POST", "/api/v1/enforcement/{enforcement}/response", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Workflow, Workflow, Hidden, Hidden,  Hidden),
        Api("POST", "/api/v1/enforcement/{enforcement}/appeal", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Stale,   Stale,   Hidden,  Hidden,  Hidden),
        Get("/api/v1/enforcement/{enforcement}/fine?offence_date=2026-01-05",  SignIn, Refused, Refused, Refused, Refused, Ok,      Refused),
        Api("POST", "/api/v1/enforcement/{enforcement}/decision", """{"decision": "warning", "reasons": "matrix", "version": 0}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Workflow, Refused),
        Api("POST", "/api/v1/enforcement/{enforcement}/decision/challenge", """{"decision": "warning", "reasons": "matrix", "version": 0}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Workflow, Refused),
        Api("POST", "/api/v1/enforcement/{enforcement}/appeal-decision", """{"outcome": "upheld", "reasons": "matrix", "version": 0}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Workflow, Refused),
        Api("POST", "/api/v1/enforcement/{enforcement}/close", """{"version": 0}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Stale,   Refused),
        Public("GET", "/api/v1/decisions", Ok),
        Public("GET", "/api/v1/decisions/{decision}", Ok),
        Public("GET", "/api/v1/decisions/{unknown}", Hidden),

        // Platform admin: users and roles, law-pack updates.
        Get("/api/v1/admin/users",                                             SignIn, Refused, Refused, Refused, Refused, Refused, Ok),
        Api("PUT", "/api/v1/admin/users/{editor-user}/roles", """{"roles": []}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Refused, Ok),
        Get("/api/v1/admin/law-sets",                                          SignIn, Refused, Refused, Refused, Refused, Refused, Ok),
        Api("POST", "/api/v1/admin/law-sets", null,                            SignIn, Refused, Refused, Refused, Refused, Refused, Invalid),
        Get("/api/v1/admin/law-sets/{unknown}/impact",                         SignIn, Refused, Refused, Refused, Refused, Refused, Hidden),
        Api("POST", "/api/v1/admin/law-sets/{unknown}/activate", null,         SignIn, Refused, Refused, Refused, Refused, Refused, Hidden),
        Api("DELETE", "/api/v1/admin/law-sets/{unknown}", null,                SignIn, Refused, Refused, Refused, Refused, Refused, Hidden),

        // Content labels: certificates of a registered system for its organisation; the authority's files, the badge and the checker are public.
        Get("/api/v1/systems/{registered}/label-certificates",                 SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("POST", "/api/v1/systems/{registered}/label-certificates", """{"custody": "managed"}""",
                                                                               SignIn, Hidden,  Created, Created, Hidden,  Refused, Refused),
        Get("/api/v1/systems/{registered}/label-certificates/{unknown}/chain", SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden),
        // Any other file type than JPEG or PNG is labelled with a .c2pa sidecar: a JSON body is a file like any other.
        Api("POST", "/api/v1/labels?system={registered}", "{}",                SignIn, Hidden,  Ok,      Ok,      Hidden,  Refused, Refused),
        Public("POST", "/api/v1/labels/verify", Ok, "{}"),
        Public("GET", "/pki/root.pem", Ok),
        Public("GET", "/pki/root.crt", Ok),
        Public("GET", "/pki/issuing.pem", Ok),
        Public("GET", "/pki/issuing.crt", Ok),
        Public("GET", "/pki/issuing.crl", Ok),
        Public("GET", "/pki/root.crl", Ok),
        Public("GET", "/badge/{register-number}.svg", Ok),
        Public("GET", "/register/{register-number}", Found),

        // Incidents: the owner's members report and follow up; the supervisory body sees all, asks and reviews; admins read.
        Get("/api/v1/incidents",                                               SignIn, Refused, Refused, Refused, Refused, Ok,      Ok),
        Get("/api/v1/incidents?organisation={bank}",                           SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("POST", "/api/v1/incidents", """{"system_id": "{registered}", "kind": "serious", "occurred_at": "2026-01-01T00:00:00Z", "aware_at": "2026-01-01T00:00:00Z"}""",
                                                                               SignIn, Hidden,  Invalid, Invalid, Hidden,  Refused, Refused),
        Get("/api/v1/incidents/{incident}",                                    SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("POST", "/api/v1/incidents/{incident}/follow-up", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Stale,   Stale,   Hidden,  Refused, Refused),
        Api("POST", "/api/v1/incidents/{incident}/final-report", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Stale,   Stale,   Hidden,  Refused, Refused),
        Api("POST", "/api/v1/incidents/{incident}/eu-report", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Workflow, Workflow, Hidden, Refused, Refused),
        Api("POST", "/api/v1/incidents/{incident}/request-information", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Stale,   Refused),
        Api("POST", "/api/v1/incidents/{incident}/review", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Workflow, Refused),
        // Audits: the supervisory body plans and cancels, the auditor (here the supervisor) records, the owner reads and reports actions done.
        Get("/api/v1/audits",                                                  SignIn, Refused, Refused, Refused, Ok,      Ok,      Ok),
        Get("/api/v1/audits?organisation={bank}",                              SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("POST", "/api/v1/audits", """{"system_id": "{registered}", "scope": "matrix", "planned_start": "2030-01-01", "planned_end": "2030-01-02", "auditor_id": "{unknown}"}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Workflow, Refused),
        Get("/api/v1/audits/{audit}",                                          SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("POST", "/api/v1/audits/{audit}/findings", """{"item": "{audit-item}", "result": "met", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Stale,   Refused),
        Api("POST", "/api/v1/audits/{audit}/findings/evidence", "file:report.pdf",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Invalid, Refused),
        Get("/api/v1/audits/{audit}/findings/{audit-item}/evidence",           SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Hidden,  Hidden),
        Api("POST", "/api/v1/audits/{audit}/corrective-actions", """{"item": "{audit-item}", "text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Stale,   Refused),
        Api("POST", "/api/v1/audits/{audit}/corrective-actions/{unknown}/done", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Refused, Refused),
        Api("POST", "/api/v1/audits/{audit}/complete", """{"result": "failed", "conclusion": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Workflow, Refused),
        Api("POST", "/api/v1/audits/{audit}/cancel", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Refused, Hidden,  Stale,   Refused),
        // Trusted lists: public to read; the supervisory body enters (only after a passed audit: 409 here) and removes.
        Public("GET", "/api/v1/trusted-lists", Ok),
        Public("GET", "/trusted.json", Ok),
        Public("GET", "/trusted.csv", Ok),
        Api("POST", "/api/v1/trusted-lists/entries", """{"system_id": "{registered}"}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Workflow, Refused),
        Api("POST", "/api/v1/trusted-lists/entries/{unknown}/remove", """{"text": "matrix", "version": 0}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Hidden,  Refused),
        // Citizens' requests: anyone files and tracks; the owner's members see the inbox; only its admins assign; only the
        // handler (here the editor) answers, records the outcome and closes; the supervisory body lists and closes escalated ones.
        Public("GET", "/api/v1/citizen-requests/form-token", Ok),
        Public("POST", "/api/v1/citizen-requests", Invalid, "{}"),
        Public("GET", "/api/v1/citizen-requests/track/{tracking-code}", Ok),
        Get("/api/v1/organisations/{bank}/citizen-requests",                   SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Hidden),
        Get("/api/v1/citizen-requests",                                        SignIn, Refused, Refused, Refused, Refused, Ok,      Refused),
        Get("/api/v1/citizen-requests/{citizen-request}",                      SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Api("POST", "/api/v1/citizen-requests/{citizen-request}/assign", """{"handler_id": "{editor-user}", "version": 0}""",
                                                                               SignIn, Hidden,  Refused, Stale,   Hidden,  Refused, Refused),
        Api("POST", "/api/v1/citizen-requests/{citizen-request}/answer", """{"answer": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Stale,   Refused, Hidden,  Refused, Refused),
        Api("POST", "/api/v1/citizen-requests/{citizen-request}/outcome", """{"outcome": "upheld", "text": "matrix", "version": 0}""",
                                                                               SignIn, Hidden,  Stale,   Refused, Hidden,  Refused, Refused),
        Api("POST", "/api/v1/citizen-requests/{citizen-request}/close", """{"version": 0}""",
                                                                               SignIn, Hidden,  Workflow, Refused, Hidden, Refused, Refused),
        Api("POST", "/api/v1/citizen-requests/{citizen-request}/supervisor-close", """{"version": 0}""",
                                                                               SignIn, Refused, Refused, Refused, Refused, Workflow, Refused),

        // The log's integrity check: supervisors and admins read it, admins run it now.
        Get("/api/v1/log/integrity",                                           SignIn, Refused, Refused, Refused, Refused, Ok,      Ok),
        Api("POST", "/api/v1/log/integrity", null,                             SignIn, Refused, Refused, Refused, Refused, Refused, Ok),
    ];

    /// <summary>A page row: route with world ids, then the status of a GET per caller.</summary>
    private sealed record PageRow(string Route, int Anonymous, int Other, int Editor, int Owner, int Expert, int Supervisor, int Admin)
    {
        /// <summary>The unverified organisation's admin, when not as another organisation's member.</summary>
        public int? Unverified { get; init; }

        public ApiRow AsRow() => new("GET", Route, null, Anonymous, Other, Editor, Owner, Expert, Supervisor, Admin) { Unverified = Unverified };

        public PageRow Verifying(int status) => this with { Unverified = status };

        public override string ToString() => "page " + Route;
    }

    private static PageRow Page(string route, int anonymous, int other, int editor, int owner, int expert, int supervisor, int admin) =>
        new(route, anonymous, other, editor, owner, expert, supervisor, admin);

    private static PageRow Open(string route, int status = Ok) => new(route, status, status, status, status, status, status, status);

    /// <summary>Every page. Columns as for the API.</summary>
    private static readonly PageRow[] PageRows =
    [
        Open("/"),
        Open("/classify"),
        Open("/api"),
        Open("/error", Hidden),
        Open("/register"),
        Open("/statistics"),
        Open("/register/{registered}"),
        Open("/register/{draft}", Hidden),
        Open("/verify"),
        Page("/systems/{registered}/labels",                SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        // Labelling in the browser: editors of the owning organisation, for a system that may sign now.
        Page("/systems/{registered}/labels/sign",           SignIn, Hidden,  Ok,      Ok,      Hidden,  Refused, Refused),
        Page("/systems/{draft}/labels/sign",                SignIn, Hidden,  Workflow, Workflow, Hidden, Refused, Refused),
        Open("/log"),
        Open("/trusted"),
        Open("/log?q=bank&kind=registration&before={log-index-missing}"),
        Open("/log/verify"),
        Open("/log/verify?index={log-index}"),
        //                                                  anon    other    editor   owner    expert   super    admin
        Page("/account/sign-in",                            Ok,     Found,   Found,   Found,   Found,   Found,   Found),
        Page("/account/sign-up",                            Ok,     Found,   Found,   Found,   Found,   Found,   Found),
        Page("/account/sign-in/two-factor",                 Found,  Found,   Found,   Found,   Found,   Found,   Found),
        Page("/account/sign-out",                           Found,  Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Open("/account/denied", Refused),
        Open("/account/confirm-email"),
        Open("/account/forgot-password"),
        Open("/account/reset-password"),
        Open("/invitations/{unknown}", Hidden),
        Page("/account",                                    SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/account/tokens",                             SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/account/two-factor",                         SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/home",                                       SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/notifications",                              SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/due",                                        SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/organisations",                              SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/organisations/{bank}",                       SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Page("/organisations/{bank}/systems/new",           SignIn, Hidden,  Ok,      Ok,      Hidden,  Refused, Refused),
        Page("/organisations/{bank}/verification",          SignIn, Hidden,  Refused, Ok,      Hidden,  Ok,      Ok),
        Page("/organisations/{unverified-org}/verification", SignIn, Hidden, Hidden,  Hidden,  Hidden,  Ok,      Ok).Verifying(Ok),
        Page("/organisations/{unverified-org}",             SignIn, Hidden,  Hidden,  Hidden,  Hidden,  Ok,      Ok).Verifying(Ok),
        Page("/supervision/disputes",                       SignIn, Refused, Refused, Refused, Refused, Ok,      Refused).Verifying(Refused),
        Page("/systems",                                    SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/systems/{draft}",                            SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Page("/systems/{review}",                           SignIn, Hidden,  Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/systems/{draft}/edit",                       SignIn, Hidden,  Ok,      Ok,      Hidden,  Refused, Refused),
        Page("/systems/{draft}/classify",                   SignIn, Hidden,  Ok,      Ok,      Hidden,  Refused, Refused),
        Page("/systems/{draft}/history",                    SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Page("/systems/{draft}/documents",                  SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Page("/systems/{draft}/documents/{document}",       SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Page("/systems/{draft}/attachments/{attachment}",   SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Page("/review",                                     SignIn, Refused, Refused, Refused, Ok,      Refused, Refused),
        Page("/review/{review}",                            SignIn, Hidden,  Refused, Refused, Ok,      Refused, Refused),
        Page("/supervision",                                SignIn, Refused, Refused, Refused, Refused, Ok,      Refused),
        // Enforcement: the supervisory body's lists; the offender's cases; the public decisions.
        Page("/supervision/enforcement",                    SignIn, Refused, Refused, Refused, Refused, Ok,      Refused),
        Page("/enforcement",                                SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/enforcement/{enforcement}",                  SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Hidden),
        Open("/decisions"),
        Open("/decisions/{decision}"),
        Open("/decisions/{unknown}", Hidden),
        Page("/supervision/{review}",                       SignIn, Hidden,  Refused, Refused, Refused, Ok,      Refused),
        Page("/incidents",                                  SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/incidents/{incident}",                       SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Page("/audits",                                     SignIn, Ok,      Ok,      Ok,      Ok,      Ok,      Ok),
        Page("/audits/{audit}",                             SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Page("/trusted/manage",                             SignIn, Refused, Refused, Refused, Refused, Ok,      Refused),
        Open("/requests/new"),
        Open("/track"),
        Open("/track/{tracking-code}"),
        Page("/organisations/{bank}/requests",              SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Hidden),
        Page("/requests/{citizen-request}",                 SignIn, Hidden,  Ok,      Ok,      Hidden,  Ok,      Ok),
        Page("/supervision/requests",                       SignIn, Refused, Refused, Refused, Refused, Ok,      Refused).Verifying(Refused),
        Page("/admin/users",                                SignIn, Refused, Refused, Refused, Refused, Refused, Ok),
        Page("/admin/law",                                  SignIn, Refused, Refused, Refused, Refused, Refused, Ok),
        Page("/admin/law/{unknown}",                        SignIn, Refused, Refused, Refused, Refused, Refused, Hidden),
    ];

    /// <summary>
    /// Page handlers that take a form, posted from each caller's signed-in browser with that caller's antiforgery
    /// token (so only the right to post is tested). "form:picture" is a small PNG with a visible notice chosen.
    /// </summary>
    private static readonly ApiRow[] PageForms =
    [
        //                                                                     anon    other    editor   owner    expert   super    admin
        Api("POST", "/systems/{registered}/labels/sign", "form:picture",       SignIn, Hidden,  Ok,      Ok,      Hidden,  Refused, Refused),
        Api("POST", "/systems/{draft}/labels/sign", "form:picture",            SignIn, Hidden,  Workflow, Workflow, Hidden, Refused, Refused),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_form_answers_each_caller_as_the_matrix_says()
    {
        await world.ReadyAsync();
        var pages = HostEndpoints.Pages(world.Services);
        Assert.All(PageForms, row => Assert.Contains(HostEndpoints.Shape(row.Route), pages));
        var wrong = new List<string>();
        foreach (var who in AccessWorld.Browsers)
        {
            using var client = await world.BrowserAsync(who);
            var token = await AntiforgeryTokenAsync(client, who);
            foreach (var row in PageForms)
            {
                using var content = new MultipartFormDataContent
                {
                    { new StringContent(token), "__RequestVerificationToken" },
                    { new StringContent("kk-ru-en"), "notice" },
                };
                var picture = new ByteArrayContent(Senim.Tests.Shared.TestImages.Png(240, 160));
                picture.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
                content.Add(picture, "file", "matrix.png");
                using var response = await client.PostAsync(new Uri(world.Fill(row.Route), UriKind.Relative), content, Cancel);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? "";
                var seen = status == 302 && location.Contains("/account/sign-in?", StringComparison.Ordinal) ? SignIn
                    : status == 302 && location.Contains("/account/denied", StringComparison.Ordinal) ? Refused
                    : status;
                if (seen != row.For(who))
                {
                    wrong.Add(Line(row.ToString(), who, row.For(who), status, location + " " + response.Content.Headers.ContentType?.MediaType));
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} cells differ from the matrix:\n" + string.Join("\n", wrong));
    }

    /// <summary>The caller's antiforgery token, from a page that carries one (the layout's sign-out form, or the sign-in form).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, Who who)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(new Uri(who == Who.Anonymous ? "/account/sign-in" : "/account", UriKind.Relative), Cancel);
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "no antiforgery token on the page for " + who);
        return match.Groups[1].Value;
    }

    [Fact]
    public async Task Every_endpoint_and_page_has_a_row()
    {
        await world.ReadyAsync();
        var apiRows = ApiRows.Select(r => r.Method + " " + HostEndpoints.Shape(r.Route)).ToHashSet(StringComparer.Ordinal);
        var missing = HostEndpoints.Api(world.Services).Where(e => !apiRows.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "API endpoints without a row in the authorisation matrix:\n  " + string.Join("\n  ", missing));
        var pageRows = PageRows.Select(r => HostEndpoints.Shape(r.Route)).ToHashSet(StringComparer.Ordinal);
        var missingPages = HostEndpoints.Pages(world.Services).Where(p => !pageRows.Contains(p)).ToList();
        Assert.True(missingPages.Count == 0, "pages without a row in the authorisation matrix:\n  " + string.Join("\n  ", missingPages));
    }

    [Fact]
    public async Task Every_api_endpoint_answers_each_caller_as_the_matrix_says()
    {
        await world.ReadyAsync();
        var wrong = new List<string>();
        foreach (var who in Enum.GetValues<Who>())
        {
            using var client = world.Api(who);
            foreach (var row in ApiRows)
            {
                using var request = Request(row);
                using var response = await client.SendAsync(request, Cancel);
                var status = (int)response.StatusCode;
                if (status != row.For(who))
                {
                    wrong.Add(Line(row.ToString(), who, row.For(who), status, await response.Content.ReadAsStringAsync(Cancel)));
                    continue;
                }

                if (status >= 400 && row.Route.StartsWith("/api/", StringComparison.Ordinal))
                {
                    Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{row} as {who}: {status} is not problem details");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} cells differ from the matrix:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task Every_page_answers_each_caller_as_the_matrix_says()
    {
        await world.ReadyAsync();
        var wrong = new List<string>();
        foreach (var who in AccessWorld.Browsers)
        {
            using var client = await world.BrowserAsync(who);
            foreach (var row in PageRows)
            {
                using var response = await client.GetAsync(new Uri(world.Fill(row.Route), UriKind.Relative), Cancel);
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? "";
                // Pages say "sign in" and "not for you" with a redirect to the sign-in or the denied page.
                var seen = status == 302 && location.Contains("/account/sign-in?", StringComparison.Ordinal) && row.AsRow().For(who) == SignIn ? SignIn
                    : status == 302 && location.Contains("/account/denied", StringComparison.Ordinal) ? Refused
                    : status;
                if (seen != row.AsRow().For(who))
                {
                    wrong.Add(Line(row.ToString(), who, row.AsRow().For(who), status, location));
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} cells differ from the matrix:\n" + string.Join("\n", wrong));
    }

    /// <summary>
    /// Every page, asked for a handler it does not have (GET, and POST with the caller's antiforgery token), by every
    /// caller: a 404, or the sign-in or denied redirect that comes before the page; never the page without its model
    /// (that was a 500) and never a 200.
    /// </summary>
    [Fact]
    public async Task An_unknown_page_handler_is_refused_on_every_page_for_every_caller()
    {
        await world.ReadyAsync();
        var wrong = new List<string>();
        foreach (var who in AccessWorld.Browsers)
        {
            using var client = await world.BrowserAsync(who);
            var token = await AntiforgeryTokenAsync(client, who);
            foreach (var row in PageRows)
            {
                var route = world.Fill(row.Route);
                var url = new Uri(route + (route.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=x", UriKind.Relative);
                using var get = await client.GetAsync(url, Cancel);
                using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
                using var post = await client.PostAsync(url, form, Cancel);
                foreach (var (method, response) in new[] { ("GET", get), ("POST", post) })
                {
                    var status = (int)response.StatusCode;
                    var location = response.Headers.Location?.OriginalString ?? "";
                    var before = status == 302 && (location.Contains("/account/sign-in?", StringComparison.Ordinal) || location.Contains("/account/denied", StringComparison.Ordinal));
                    if (!before && status is not (>= 400 and < 500))
                    {
                        wrong.Add(Line(method + " " + url, who, Hidden, status, location));
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} pages answered an unknown handler with something else than a 4xx:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task Nothing_an_unauthorised_or_stale_caller_sent_changed_the_draft()
    {
        await world.ReadyAsync();
        var before = await Demo.ReloadAsync(world, world.Draft);
        using (var client = world.Api(Who.OtherOrganisation))
        {
            foreach (var row in ApiRows.Where(r => r.Method != "GET" && r.Route.Contains("{draft}", StringComparison.Ordinal)))
            {
                using var request = Request(row);
                (await client.SendAsync(request, Cancel)).Dispose();
            }
        }

        var after = await Demo.ReloadAsync(world, world.Draft);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.NameEn, after.NameEn);
    }

    private HttpRequestMessage Request(ApiRow row)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method), new Uri(world.Fill(row.Route), UriKind.Relative));
        if (row.Method != "GET")
        {
            request.Headers.TryAddWithoutValidation("If-Match", StaleVersion);
            if (row.Body is { } file && file.StartsWith("file:", StringComparison.Ordinal))
            {
                request.Content = new MultipartFormDataContent { { new ByteArrayContent("MZ not evidence"u8.ToArray()), "file", file["file:".Length..] } };
            }
            else if (row.Body is not null)
            {
                request.Content = new StringContent(world.Fill(row.Body), Encoding.UTF8, "application/json");
            }
        }

        return request;
    }

    private static string Line(string row, Who who, int expected, int actual, string detail) =>
        string.Create(CultureInfo.InvariantCulture, $"  {row,-70} {who,-18} expected {expected} got {actual}  {Short(detail)}");

    private static string Short(string text) => text.Length > 160 ? text[..160] : text;
}
