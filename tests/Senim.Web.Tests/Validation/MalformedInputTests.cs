using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Data;
using Senim.Web.Tests.Authorization;
using Senim.Web.Tests.Review;

namespace Senim.Web.Tests.Validation;

/// <summary>
/// Malformed input for every endpoint that takes input: wrong JSON types, missing and unknown fields,
/// bodies over the limit, ids that are not GUIDs or name nothing, bad query parameters. Each gets problem
/// details with the right status (400 naming the field, 413, 415, 404, 428), never a 500, and the stored
/// data is the same afterwards (a fingerprint of every table's rows and versions is compared). The
/// endpoints come from the host's EndpointDataSource: one without a case here or a reason in
/// <see cref="NoInput"/> fails <see cref="Every_endpoint_has_a_malformed_input_case_or_a_reason"/>.
/// </summary>
public sealed class MalformedInputTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    private const int Invalid = 400;
    private const int Hidden = 404;
    private const int TooLarge = 413;
    private const int NotJson = 415;
    private const int NoVersion = 428;
    private const int Answered = 409;

    /// <summary>Who sends it, what, and what must come back: the status and, for 400, the field the message names.</summary>
    private sealed record Case(Who Who, string Method, string Route, string? Body, int Status, string? Field = null, string? IfMatch = null, bool Session = false)
    {
        public override string ToString() => $"{Method} {Route} {Short(Body)} as {Who}";
    }

    private static Case Bad(Who who, string method, string route, string? body, string field, string? ifMatch = null) => new(who, method, route, body, Invalid, field, ifMatch);

    private static Case Status(Who who, string method, string route, string? body, int status, string? ifMatch = null) => new(who, method, route, body, status, null, ifMatch);

    /// <summary>A case sent from the owner's signed-in browser session (tokens are made only there).</summary>
    private static Case InSession(string method, string route, string? body, int status, string? field = null) => new(Who.Owner, method, route, body, status, field, null, true);

    // Bodies: JSON text, "big" (2 MB of JSON, over every limit), "text" (not JSON), "file:NAME:BYTES" (a multipart upload).
    private const string Big = "big";
    private const string Text = "text";
    private const string Any = "W/\"v1\"";

    /// <summary>Demo Bank's version after its verification by the supervisory body (the demo data's second change of it).</summary>
    private const string BankVersion = "W/\"v2\"";

    /// <summary>Endpoints that read nothing from the caller but their route and the caller's identity, and why that is safe.</summary>
    private static readonly Dictionary<string, string> NoInput = new(StringComparer.Ordinal)
    {
        ["GET /health"] = "no parameters",
        ["GET /openapi/{}.json"] = "the document name; an unknown one is 404 from the OpenAPI middleware",
        ["GET /register.json"] = "no parameters: the whole register",
        ["GET /register.csv"] = "no parameters: the whole register",
        ["GET /register/feed.atom"] = "no parameters",
        ["GET /api/v1/statistics"] = "no parameters: every chart",
        ["GET /api/v1/law/packs"] = "no parameters",
        ["GET /api/v1/me"] = "no parameters: the caller",
        ["GET /api/v1/home"] = "no parameters: the caller's home",
        ["GET /api/v1/admin/law-sets"] = "no parameters",
        ["POST /api/v1/notifications/read-all"] = "no body: marks the caller's notifications read",
        ["POST /api/v1/account/confirmation"] = "no body: mails the caller a new confirmation link (a browser session only; a token gets 403)",
        ["GET /register/{}"] = "a register number in the path: a number that is not in the register is a 404 page, as for any entry (tested in the label tests)",
        ["GET /badge/{}.svg"] = "a register number in the path: an unknown number is the 404 page (tested in the label tests)",
        ["GET /pki/root.pem"] = "no parameters: the root certificate",
        ["GET /pki/root.crt"] = "no parameters: the root certificate",
        ["GET /pki/issuing.pem"] = "no parameters: the issuing CA certificate",
        ["GET /pki/issuing.crt"] = "no parameters: the issuing CA certificate",
        ["GET /pki/issuing.crl"] = "no parameters: the issuing CA's CRL",
        ["GET /pki/root.crl"] = "no parameters: the root's CRL",
        ["GET /log/checkpoint"] = "no parameters: the latest signed checkpoint",
        ["GET /log/key"] = "no parameters: the log's public key",
        ["GET /api/v1/log/integrity"] = "no parameters: the latest integrity report",
        ["POST /api/v1/log/integrity"] = "no body: runs the integrity check",
        ["GET /api/v1/review/queue"] = "covered: page and page_size below under GET /api/v1/review/queue",
        ["GET /api/v1/disputes"] = "no parameters: the supervisory body's list of BIN disputes",
        ["GET /api/v1/citizen-requests/form-token"] = "no parameters: a fresh form token for the caller",
    };

    private static readonly Case[] Cases =
    [
        // The language switch and the public register.
        Status(Who.Anonymous, "GET", "/lang/{bad-lang}", null, Invalid),
        Status(Who.Anonymous, "GET", "/statistics/{bad-chart}.csv", null, 404),
        Status(Who.Anonymous, "GET", "/statistics/{chart-upper}.csv", null, 404),
        Bad(Who.Anonymous, "GET", "/api/v1/register?page=0", null, "page"),
        Bad(Who.Anonymous, "GET", "/api/v1/register?page_size=1000", null, "page_size"),
        Bad(Who.Anonymous, "GET", "/api/v1/register?page=abc", null, "page"),
        Bad(Who.Anonymous, "GET", "/api/v1/register?sort=price", null, "sort"),
        Bad(Who.Anonymous, "GET", "/api/v1/register?tier=galactic", null, "tier"),
        Bad(Who.Anonymous, "GET", "/api/v1/register?organisation=not-a-guid", null, "organisation"),
        Status(Who.Anonymous, "GET", "/api/v1/register/not-a-guid", null, Hidden),
        Status(Who.Anonymous, "GET", "/api/v1/register/{unknown}", null, Hidden),
        Status(Who.Anonymous, "GET", "/register/{unknown}.json", null, Hidden),
        Status(Who.Anonymous, "GET", "/register/{unknown}.csv", null, Hidden),
        Status(Who.Anonymous, "GET", "/register/{unknown}/classification.json", null, Hidden),
        Bad(Who.Anonymous, "GET", "/register/{registered}/classification.json?lang=xx", null, "lang"),
        Status(Who.Anonymous, "GET", "/api/v1/law/packs/{unknown}", null, Hidden),
        Bad(Who.Anonymous, "GET", "/api/v1/law/packs/{pack}?lang=xx", null, "lang"),

        // Content labels: bad ids, numbers, bodies and files.
        Status(Who.Owner, "GET", "/api/v1/systems/not-a-guid/label-certificates", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/systems/{unknown}/label-certificates", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/systems/{registered}/label-certificates/{unknown}/chain", null, Hidden),
        Status(Who.Owner, "POST", "/api/v1/systems/{registered}/label-certificates", "not json", Invalid),
        Status(Who.Owner, "POST", "/api/v1/systems/{registered}/label-certificates", """{"csr": "-----BEGIN CERTIFICATE REQUEST-----\nbroken\n-----END CERTIFICATE REQUEST-----"}""", Invalid),
        Status(Who.Owner, "POST", "/api/v1/labels?system={registered}", "", Invalid),
        Status(Who.Owner, "POST", "/api/v1/labels?system=not-a-number", "x", Invalid),
        Status(Who.Owner, "POST", "/api/v1/labels?system=KZ-AI-0000-000000", "x", Hidden),
        Status(Who.Owner, "POST", "/api/v1/labels?system={registered}", "file:big.png:1100000", TooLarge),
        Bad(Who.Anonymous, "POST", "/api/v1/labels/verify?lang=de", "x", "lang"),
        Status(Who.Anonymous, "POST", "/api/v1/labels/verify", "", Invalid),

        // The transparency log: bad tile paths, bad indices and tree sizes, from > to.
        Status(Who.Anonymous, "GET", "/log/tile/{log-tile-bad}", null, Invalid),
        Status(Who.Anonymous, "GET", "/log/tile/{log-tile-oversize}", null, Invalid),
        Status(Who.Anonymous, "GET", "/log/tile/{log-tile-level}", null, Hidden),
        Status(Who.Anonymous, "GET", "/log/tile/{log-tile-missing}", null, Hidden),
        Status(Who.Anonymous, "GET", "/log/tile/{log-index-text}", null, Invalid),
        Status(Who.Anonymous, "GET", "/log/receipt/{log-index-text}", null, Invalid),
        Status(Who.Anonymous, "GET", "/log/receipt/{log-index-bad}", null, Invalid),
        Status(Who.Anonymous, "GET", "/log/receipt/{log-index-huge}", null, Invalid),
        Status(Who.Anonymous, "GET", "/log/receipt/{log-index-missing}", null, Hidden),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/inclusion", null, "index"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/inclusion?index={log-index-text}", null, "index"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/inclusion?index={log-index-huge}", null, "index"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/inclusion?index={log-index}&size={log-index-bad}", null, "size"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/inclusion?index={log-index-missing}", null, "index"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/inclusion?index={log-index}&size={log-index-missing}", null, "size"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/consistency?from={log-index-text}", null, "from"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/consistency?from=5&to=2", null, "from"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/consistency?from=1&to={log-index-missing}", null, "size"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/proofs/consistency?from={log-index}&to={log-index-huge}", null, "to"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/events?kind=decide-register", null, "kind"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/events?before={log-index-text}", null, "before"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/events?before={log-index-bad}", null, "before"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/events?after={log-index-huge}", null, "after"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/events?before=5&after=2", null, "after"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/events?page_size=0", null, "page_size"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/events?page_size=101", null, "page_size"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/events?page_size=ten", null, "page_size"),
        Bad(Who.Anonymous, "GET", "/api/v1/log/events?q=" + new string('x', 201), null, "q"),

        // The anonymous classifier.
        Bad(Who.Anonymous, "POST", "/api/v1/classifications", """{"law": 5, "system": {"name": "x", "answers": {}}}""", "law"),
        Bad(Who.Anonymous, "POST", "/api/v1/classifications", """{"law": "kz"}""", "system"),
        Bad(Who.Anonymous, "POST", "/api/v1/classifications", """{"law": "kz", "system": {"name": "x", "answers": {}}, "colour": "red"}""", "colour"),
        Bad(Who.Anonymous, "POST", "/api/v1/classifications", """{"law": "kz", "system": {"name": "x", "answers": {"kz.scope.model": 7}}}""", "system.answers.kz.scope.model"),
        Status(Who.Anonymous, "POST", "/api/v1/classifications", Big, TooLarge),
        Status(Who.Anonymous, "POST", "/api/v1/classifications", Text, NotJson),

        // Tokens and notifications of the caller.
        Bad(Who.Owner, "GET", "/api/v1/tokens?page=0", null, "page"),
        Status(Who.Owner, "GET", "/api/v1/tokens/not-a-guid", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/tokens/{unknown}", null, Hidden),
        Status(Who.Owner, "DELETE", "/api/v1/tokens/{unknown}", null, Hidden),
        InSession("POST", "/api/v1/tokens", """{"name": "no scopes", "scopes": [], "days": 30}""", Invalid, "scopes"),
        InSession("POST", "/api/v1/tokens", """{"name": "bad scope", "scopes": ["root"], "days": 30}""", Invalid, "scopes"),
        InSession("POST", "/api/v1/tokens", """{"name": "too long", "scopes": ["read"], "days": 1000}""", Invalid, "days"),
        InSession("POST", "/api/v1/tokens", """{"name": 5, "scopes": ["read"], "days": 30}""", Invalid, "name"),
        InSession("POST", "/api/v1/tokens", """{"name": "x", "scopes": ["read"], "days": 30, "forever": true}""", Invalid, "forever"),
        InSession("POST", "/api/v1/tokens", Big, TooLarge),
        Bad(Who.Owner, "GET", "/api/v1/notifications?unread=maybe", null, "unread"),
        Bad(Who.Owner, "GET", "/api/v1/notifications?page_size=0", null, "page_size"),
        Status(Who.Owner, "POST", "/api/v1/notifications/{unknown}/read", null, Hidden),
        Status(Who.Owner, "POST", "/api/v1/notifications/not-a-guid/read", null, Hidden),
        Bad(Who.Owner, "GET", "/api/v1/due?days=-5", null, "days"),
        Bad(Who.Owner, "GET", "/api/v1/due?days=many", null, "days"),

        // Organisations and members.
        Bad(Who.Owner, "GET", "/api/v1/organisations?page=abc", null, "page"),
        Bad(Who.Owner, "POST", "/api/v1/organisations", "{}", "bin"),
        Bad(Who.Owner, "POST", "/api/v1/organisations", """{"bin": 990140000097, "name": "Wrong types", "size": "large", "contact_email": "a@b.kz"}""", "bin"),
        Bad(Who.Owner, "POST", "/api/v1/organisations", """{"bin": "990140000097", "name": "Unknown field", "size": "large", "contact_email": "a@b.kz", "ceo": "x"}""", "ceo"),
        Bad(Who.Owner, "POST", "/api/v1/organisations", """{"bin": "99", "name": "Short BIN", "size": "huge", "contact_email": "not-mail"}""", "bin"),
        Status(Who.Owner, "POST", "/api/v1/organisations", Big, TooLarge),
        Status(Who.Owner, "POST", "/api/v1/organisations", Text, NotJson),
        Status(Who.Owner, "GET", "/api/v1/organisations/{unknown}", null, Hidden),
        Status(Who.Owner, "PUT", "/api/v1/organisations/{bank}", """{"bin": "990140000017", "name": "No version", "size": "large", "contact_email": "a@b.kz"}""", NoVersion),
        Bad(Who.Owner, "PUT", "/api/v1/organisations/{bank}", """{"bin": "990140000017", "name": "", "size": "large", "contact_email": "a@b.kz"}""", "name", BankVersion),
        Bad(Who.Owner, "PUT", "/api/v1/organisations/{bank}", """{"name": ["a list"]}""", "name", Any),
        Bad(Who.Owner, "PUT", "/api/v1/organisations/{bank}", """{"bin": "990140000017", "name_kk": " ", "name_ru": "", "name_en": null, "size": "large", "contact_email": "a@b.kz"}""", "name", BankVersion),
        Bad(Who.Owner, "POST", "/api/v1/organisations", """{"bin": "990140000097", "name_kk": ["a list"], "size": "large", "contact_email": "a@b.kz"}""", "name_kk"),
        Bad(Who.Owner, "POST", "/api/v1/organisations", "{\"bin\": \"990140000097\", \"name_ru\": \"" + new string('я', 301) + "\", \"size\": \"large\", \"contact_email\": \"a@b.kz\"}", "name_ru"),
        Status(Who.Owner, "DELETE", "/api/v1/organisations/{bank}", null, NoVersion),
        Status(Who.Owner, "DELETE", "/api/v1/organisations/not-a-guid", null, Hidden),
        Bad(Who.Owner, "GET", "/api/v1/organisations/{bank}/members?page_size=101", null, "page_size"),
        // Invitations: odd Unicode in the address, a bad role, wrong types; links unknown, reused or expired.
        Bad(Who.Owner, "POST", "/api/v1/organisations/{bank}/invitations", """{"email": "dana\u200B@example.kz", "role": "editor"}""", "email"),
        Bad(Who.Owner, "POST", "/api/v1/organisations/{bank}/invitations", """{"email": "\u202Eeditor@example.kz", "role": "editor"}""", "email"),
        Bad(Who.Owner, "POST", "/api/v1/organisations/{bank}/invitations", """{"email": "дана@example.kz", "role": "editor"}""", "email"),
        Bad(Who.Owner, "POST", "/api/v1/organisations/{bank}/invitations", """{"email": "dana@exa_mple.kz", "role": "editor"}""", "email"),
        Bad(Who.Owner, "POST", "/api/v1/organisations/{bank}/invitations", """{"email": "hospital@demo.senim.kz", "role": "emperor"}""", "role"),
        Bad(Who.Owner, "POST", "/api/v1/organisations/{bank}/invitations", """{"email": 42}""", "email"),
        Status(Who.Owner, "POST", "/api/v1/organisations/{bank}/invitations", Big, TooLarge),
        Status(Who.Owner, "POST", "/api/v1/organisations/{bank}/invitations", Text, NotJson),
        Bad(Who.Owner, "GET", "/api/v1/organisations/{bank}/invitations?page=0", null, "page"),
        Status(Who.Owner, "DELETE", "/api/v1/organisations/{bank}/invitations/{unknown}", null, Hidden),
        Status(Who.Owner, "DELETE", "/api/v1/organisations/{bank}/invitations/not-a-guid", null, Hidden),
        Status(Who.Owner, "POST", "/api/v1/invitations/{unknown}/accept", """{"token": "x"}""", Hidden),
        Bad(Who.Owner, "POST", "/api/v1/invitations/{unknown}/accept", """{"token": 5}""", "token"),
        Status(Who.Anonymous, "POST", "/api/v1/invitations/{unknown}/decline", """{"token": "x"}""", Hidden),
        Status(Who.Anonymous, "POST", "/api/v1/invitations/{invitation-used}/decline", """{"token": "{invitation-used-token}"}""", Answered),
        Status(Who.Anonymous, "POST", "/api/v1/invitations/{invitation-expired}/decline", """{"token": "{invitation-expired-token}"}""", Answered),
        Status(Who.Anonymous, "POST", "/api/v1/invitations/{invitation-expired}/decline", """{"token": "{invitation-used-token}"}""", Hidden),
        Bad(Who.Anonymous, "POST", "/api/v1/invitations/{unknown}/decline", """{"token": "x", "accept": true}""", "accept"),
        Status(Who.Anonymous, "POST", "/api/v1/invitations/{unknown}/decline", Text, NotJson),
        Bad(Who.Anonymous, "POST", "/api/v1/account/password-reset", """{"email": "\uFEFFowner@demo.senim.kz"}""", "email"),
        Bad(Who.Anonymous, "POST", "/api/v1/account/password-reset", """{"email": ["owner@demo.senim.kz"]}""", "email"),
        Status(Who.Anonymous, "POST", "/api/v1/account/password-reset", Big, TooLarge),
        Bad(Who.Owner, "PUT", "/api/v1/organisations/{bank}/members/{editor-user}", """{"role": "emperor"}""", "role"),
        Bad(Who.Owner, "PUT", "/api/v1/organisations/{bank}/members/{editor-user}", "{}", "role"),
        Status(Who.Owner, "PUT", "/api/v1/organisations/{bank}/members/{unknown}", """{"role": "editor"}""", Hidden),
        Status(Who.Owner, "DELETE", "/api/v1/organisations/{bank}/members/not-a-guid", null, Hidden),
        Status(Who.Owner, "DELETE", "/api/v1/organisations/{bank}/members/{unknown}", null, Hidden),

        // AI systems.
        Bad(Who.Owner, "GET", "/api/v1/systems?page=0", null, "page"),
        Bad(Who.Owner, "GET", "/api/v1/systems?organisation=not-a-guid", null, "organisation"),
        Bad(Who.Owner, "POST", "/api/v1/systems", """{"name_en": "No organisation", "purpose_en": "x", "sector": "finance", "role": "owner", "mode": "closed"}""", "organisation_id"),
        Bad(Who.Owner, "POST", "/api/v1/systems", """{"organisation_id": "{bank}", "name_en": 12, "purpose_en": "x"}""", "name_en"),
        Bad(Who.Owner, "POST", "/api/v1/systems", """{"organisation_id": "{bank}", "name_en": "Unknown field", "purpose_en": "x", "sector": "finance", "role": "owner", "mode": "closed", "colour": "red"}""", "colour"),
        Bad(Who.Owner, "POST", "/api/v1/systems", """{"organisation_id": "{bank}", "name_en": "Bad sector", "purpose_en": "x", "sector": "space", "role": "owner", "mode": "closed"}""", "sector"),
        Bad(Who.Owner, "POST", "/api/v1/systems", """{"organisation_id": "not-a-guid", "name_en": "x"}""", "organisation_id"),
        Status(Who.Owner, "POST", "/api/v1/systems", """{"organisation_id": "{unknown}", "name_en": "x", "purpose_en": "x", "sector": "finance", "role": "owner", "mode": "closed"}""", Hidden),
        Status(Who.Owner, "POST", "/api/v1/systems", Big, TooLarge),
        Status(Who.Owner, "POST", "/api/v1/systems", Text, NotJson),
        Status(Who.Owner, "GET", "/api/v1/systems/not-a-guid", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/systems/{unknown}", null, Hidden),
        Status(Who.Owner, "PUT", "/api/v1/systems/{draft}", """{"name_en": "No version", "purpose_en": "x", "sector": "finance", "role": "owner", "mode": "closed"}""", NoVersion),
        Bad(Who.Owner, "PUT", "/api/v1/systems/{draft}", """{"name_en": "Bad mode", "purpose_en": "x", "sector": "finance", "role": "owner", "mode": "sideways", "version": {v2}}""", "mode"),
        Bad(Who.Owner, "PUT", "/api/v1/systems/{draft}", """{"name_en": "x", "version": "two"}""", "version"),
        Bad(Who.Owner, "PUT", "/api/v1/systems/{draft}", """{"name_en": "Moved", "purpose_en": "x", "sector": "finance", "role": "owner", "mode": "closed", "organisation_id": "{hospital}", "version": {v2}}""", "organisation_id"),
        Status(Who.Owner, "PUT", "/api/v1/systems/{draft}", Big, TooLarge, Any),
        Bad(Who.Owner, "GET", "/api/v1/systems/{draft}/classification?lang=xx", null, "lang"),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/classification", """{"law": "kz", "version": {v2}}""", "answers"),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/classification", """{"law": "mars", "answers": {}, "version": {v2}}""", "law"),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/classification", """{"law": "kz", "answers": {"kz.nope": "yes"}, "version": {v2}}""", "answers.kz.nope"),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/classification", """{"law": "kz", "answers": [1, 2], "version": {v2}}""", "answers"),
        Bad(Who.Owner, "GET", "/api/v1/systems/{draft}/classifications?page=-1", null, "page"),
        Bad(Who.Owner, "GET", "/api/v1/systems/{draft}/versions?page_size=0", null, "page_size"),
        Status(Who.Owner, "GET", "/api/v1/systems/{draft}/versions/{v1}/diff/{v-none}", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/systems/{draft}/versions/one/diff/2", null, Hidden),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/submit", """{"version": "latest"}""", "version"),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/submit", """{"version": {v2}, "urgent": true}""", "urgent"),
        Status(Who.Owner, "POST", "/api/v1/systems/{draft}/submit", "", NoVersion),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/publish", """{"version": [1]}""", "version"),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/cancel", """{"reason": 5}""", "reason"),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/resubmit", """{"reason": true}""", "reason"),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/remove", """{"version": {v2}}""", "reason"),
        Status(Who.Owner, "POST", "/api/v1/systems/{draft}/remove", Big, TooLarge),

        // Documentation and evidence.
        Bad(Who.Owner, "GET", "/api/v1/systems/{draft}/documents?page=0", null, "page"),
        Status(Who.Owner, "GET", "/api/v1/systems/{draft}/documents/{no-document}", null, Hidden),
        Bad(Who.Owner, "PUT", "/api/v1/systems/{draft}/documents/{document}", """{"sections": "all of them", "version": 0}""", "sections"),
        Bad(Who.Owner, "PUT", "/api/v1/systems/{draft}/documents/{document}", """{"sections": {"no-such-section": "x"}, "version": 0}""", "sections.no-such-section"),
        Bad(Who.Owner, "PUT", "/api/v1/systems/{draft}/documents/{document}", """{"sections": {}, "last_review": "yesterday", "version": 0}""", "last_review"),
        Status(Who.Owner, "PUT", "/api/v1/systems/{draft}/documents/{document}", """{"sections": {}}""", NoVersion),
        Status(Who.Owner, "PUT", "/api/v1/systems/{draft}/documents/{document}", Big, TooLarge, Any),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/documents/{document}/attachments", "file:setup.exe:100", "file"),
        Bad(Who.Owner, "POST", "/api/v1/systems/{draft}/documents/{document}/attachments", "file:huge.pdf:10485761", "file"),
        Status(Who.Owner, "POST", "/api/v1/systems/{draft}/documents/{document}/attachments", Text, NotJson),
        Status(Who.Owner, "GET", "/api/v1/systems/{draft}/attachments/{unknown}", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/systems/{draft}/attachments/not-a-guid", null, Hidden),
        Status(Who.Owner, "DELETE", "/api/v1/systems/{draft}/attachments/{unknown}", null, Hidden),

        // Citizens' requests: the public form's guard and limits, the three answers for codes, the handler's steps.
        Bad(Who.Anonymous, "POST", "/api/v1/citizen-requests", """{"kind": "objection", "name": "x", "description": "x"}""", "form_token"),
        Bad(Who.Anonymous, "POST", "/api/v1/citizen-requests", """{"kind": "objection", "form_token": "forged"}""", "form_token"),
        Bad(Who.Anonymous, "POST", "/api/v1/citizen-requests", """{"kind": "objection", "form_token": "forged", "website": "http://spam.example"}""", "website"),
        Bad(Who.Anonymous, "POST", "/api/v1/citizen-requests", """{"kind": "objection", "colour": "red"}""", "colour"),
        Bad(Who.Anonymous, "POST", "/api/v1/citizen-requests", """{"kind": 5}""", "kind"),
        Bad(Who.Anonymous, "POST", "/api/v1/citizen-requests", """{"language": "de"}""", "language"),
        Status(Who.Anonymous, "POST", "/api/v1/citizen-requests", Big, TooLarge),
        Status(Who.Anonymous, "POST", "/api/v1/citizen-requests", Text, NotJson),
        Bad(Who.Anonymous, "GET", "/api/v1/citizen-requests/track/not-a-code", null, "code"),
        Bad(Who.Anonymous, "GET", "/api/v1/citizen-requests/track/{unknown}", null, "code"),
        Bad(Who.Anonymous, "GET", "/api/v1/citizen-requests/track/0000-0000-0000-0000-1", null, "code"),
        Bad(Who.Anonymous, "GET", "/api/v1/citizen-requests/track/" + new string('A', 300), null, "code"),
        Status(Who.Anonymous, "GET", "/api/v1/citizen-requests/track/0000-0000-0000-0000-0", null, Hidden),
        Bad(Who.Owner, "GET", "/api/v1/organisations/{bank}/citizen-requests?page=0", null, "page"),
        Bad(Who.Supervisor, "GET", "/api/v1/citizen-requests?page_size=1000", null, "page_size"),
        Status(Who.Owner, "GET", "/api/v1/citizen-requests/{unknown}", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/citizen-requests/not-a-guid", null, Hidden),
        Status(Who.Owner, "POST", "/api/v1/citizen-requests/{unknown}/assign", """{"handler_id": "{editor-user}", "version": 1}""", Hidden),
        Bad(Who.Owner, "POST", "/api/v1/citizen-requests/{citizen-request}/assign", """{"handler_id": "not-a-guid", "version": {citizen-version}}""", "handler_id"),
        Bad(Who.Owner, "POST", "/api/v1/citizen-requests/{citizen-request}/assign", """{"version": {citizen-version}}""", "handler_id"),
        Bad(Who.Owner, "POST", "/api/v1/citizen-requests/{citizen-request}/assign", """{"handler_id": "{unknown}", "version": {citizen-version}}""", "handler"),
        Bad(Who.Editor, "POST", "/api/v1/citizen-requests/{citizen-request}/answer", """{"answer": "", "version": {citizen-version}}""", "answer"),
        Bad(Who.Editor, "POST", "/api/v1/citizen-requests/{citizen-request}/answer", """{"answer": 5, "version": {citizen-version}}""", "answer"),
        Bad(Who.Editor, "POST", "/api/v1/citizen-requests/{citizen-request}/answer", "{\"answer\": \"" + new string('x', 5001) + "\", \"version\": {citizen-version}}", "answer"),
        Status(Who.Editor, "POST", "/api/v1/citizen-requests/{citizen-request}/answer", Big, TooLarge),
        Bad(Who.Editor, "POST", "/api/v1/citizen-requests/{citizen-request}/outcome", """{"outcome": "maybe", "version": {citizen-version}}""", "outcome"),
        Status(Who.Editor, "POST", "/api/v1/citizen-requests/{citizen-request}/close", "{}", NoVersion),
        Bad(Who.Supervisor, "POST", "/api/v1/citizen-requests/{citizen-request}/supervisor-close", """{"version": "one"}""", "version"),

        // Review (the assigned expert) and supervision (the supervisor).
        Bad(Who.Expert, "GET", "/api/v1/review/queue?page=zero", null, "page"),
        Bad(Who.Expert, "POST", "/api/v1/systems/{review}/review/declaration", """{"no_conflict": "yes"}""", "no_conflict"),
        Bad(Who.Expert, "POST", "/api/v1/systems/{review}/review/declaration", "{}", "no_conflict"),
        Status(Who.Expert, "GET", "/api/v1/systems/{unknown}/review/checklist", null, Hidden),
        Bad(Who.Expert, "PUT", "/api/v1/systems/{review}/review/checklist/{item}", """{"verdict": "maybe"}""", "verdict"),
        Bad(Who.Expert, "PUT", "/api/v1/systems/{review}/review/checklist/{item}", """{"verdict": "satisfied", "mood": "good"}""", "mood"),
        Bad(Who.Expert, "PUT", "/api/v1/systems/{review}/review/checklist/no.such.item", """{"verdict": "satisfied"}""", "item"),
        Status(Who.Expert, "PUT", "/api/v1/systems/{review}/review/checklist/{item}", Big, TooLarge),
        Bad(Who.Expert, "POST", "/api/v1/systems/{review}/review/changes", """{"message": "", "version": {review-version}}""", "message"),
        Bad(Who.Expert, "POST", "/api/v1/systems/{review}/review/changes", """{"message": ["a"], "version": {review-version}}""", "message"),
        Bad(Who.Expert, "POST", "/api/v1/systems/{review}/review/recommendation", """{"recommendation": "approve-twice", "text": "x", "version": {review-version}}""", "recommendation"),
        Status(Who.Expert, "POST", "/api/v1/systems/{review}/review/recommendation", Text, NotJson),
        Bad(Who.Supervisor, "GET", "/api/v1/supervision/queue?list=everything", null, "list"),
        Bad(Who.Supervisor, "GET", "/api/v1/supervision/queue?page_size=1000", null, "page_size"),
        Status(Who.Supervisor, "GET", "/api/v1/systems/{unknown}/experts", null, Hidden),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{hospital-submitted}/experts", """{"experts": ["not-a-guid"], "version": {hospital-version}}""", "experts"),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{hospital-submitted}/experts", """{"experts": [], "version": {hospital-version}}""", "experts"),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{hospital-submitted}/experts", """{"experts": "{editor-user}", "version": {hospital-version}}""", "experts"),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{registered}/decision", """{"decision": "maybe", "reasons": "x", "version": {registered-version}}""", "decision"),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{registered}/decision", """{"decision": "register-with-conditions", "reasons": "x", "conditions": "c", "deadline": "soon", "version": {registered-version}}""", "deadline"),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{registered}/suspend", """{"version": {registered-version}}""", "reason"),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{registered}/reinstate", """{"reason": 1, "version": {registered-version}}""", "reason"),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{registered}/withdraw", """{"reason": "", "version": {registered-version}}""", "reason"),
        Status(Who.Supervisor, "POST", "/api/v1/systems/{registered}/withdraw", Big, TooLarge),

        // Verification of organisations, BIN disputes and signed acts (the signatures themselves: Organisations/VerificationApiTests).
        Status(Who.Unverified, "GET", "/api/v1/organisations/{unknown}/verification", null, Hidden),
        Status(Who.Unverified, "POST", "/api/v1/organisations/not-a-guid/verification/challenge", null, Hidden),
        Status(Who.Unverified, "POST", "/api/v1/organisations/{unknown}/verification/challenge", null, Hidden),
        Bad(Who.Unverified, "POST", "/api/v1/organisations/{unverified-org}/verification/signature", """{"challenge_id": "not-a-guid", "signature": "MIIB"}""", "challenge_id"),
        Bad(Who.Unverified, "POST", "/api/v1/organisations/{unverified-org}/verification/signature", """{"signature": "MIIB"}""", "challenge_id"),
        Bad(Who.Unverified, "POST", "/api/v1/organisations/{unverified-org}/verification/signature", """{"challenge_id": "{unknown}"}""", "signature"),
        Bad(Who.Unverified, "POST", "/api/v1/organisations/{unverified-org}/verification/signature", """{"challenge_id": "{unknown}", "signature": 5}""", "signature"),
        Bad(Who.Unverified, "POST", "/api/v1/organisations/{unverified-org}/verification/signature", """{"challenge_id": "{unknown}", "signature": "MIIB", "pin": "1234"}""", "pin"),
        Status(Who.Unverified, "POST", "/api/v1/organisations/{unverified-org}/verification/signature", Big, TooLarge),
        Status(Who.Unverified, "POST", "/api/v1/organisations/{unverified-org}/verification/signature", Text, NotJson),
        Bad(Who.Supervisor, "POST", "/api/v1/organisations/{unverified-org}/verification/supervisor", "file:extract.pdf:100", "evidence"),
        Status(Who.Supervisor, "POST", "/api/v1/organisations/{unverified-org}/verification/supervisor", Text, NotJson),
        Status(Who.Supervisor, "POST", "/api/v1/organisations/{unknown}/verification/supervisor", "file:extract.pdf:100", Hidden),
        Status(Who.Owner, "GET", "/api/v1/organisations/{bank}/verification/evidence/{unknown}", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/organisations/{bank}/verification/evidence/not-a-guid", null, Hidden),
        Status(Who.Unverified, "POST", "/api/v1/organisations/{unverified-org}/disputes", Text, NotJson),
        Status(Who.Unverified, "POST", "/api/v1/organisations/not-a-guid/disputes", "file:extract.pdf:100", Hidden),
        Bad(Who.Supervisor, "POST", "/api/v1/disputes/{dispute}/decision", """{"decision": "maybe", "reason": "x", "version": 1}""", "decision"),
        Bad(Who.Supervisor, "POST", "/api/v1/disputes/{dispute}/decision", """{"decision": "transfer", "reason": "", "version": 1}""", "reason"),
        Bad(Who.Supervisor, "POST", "/api/v1/disputes/{dispute}/decision", """{"decision": "transfer", "reason": "x", "version": "one"}""", "version"),
        Status(Who.Supervisor, "POST", "/api/v1/disputes/{dispute}/decision", """{"decision": "transfer", "reason": "x"}""", NoVersion),
        Status(Who.Supervisor, "POST", "/api/v1/disputes/{dispute}/decision", Big, TooLarge),
        Status(Who.Supervisor, "POST", "/api/v1/disputes/{dispute}/decision", Text, NotJson),
        Status(Who.Supervisor, "POST", "/api/v1/disputes/{unknown}/decision", """{"decision": "reject", "reason": "x", "version": 1}""", Hidden),
        Bad(Who.Expert, "POST", "/api/v1/systems/{review}/review/recommendation/challenge", """{"recommendation": "maybe", "text": "x"}""", "recommendation"),
        Bad(Who.Expert, "POST", "/api/v1/systems/{review}/review/recommendation/challenge", """{"recommendation": "register", "text": "x", "urgent": true}""", "urgent"),
        Status(Who.Expert, "POST", "/api/v1/systems/{review}/review/recommendation/challenge", Text, NotJson),
        Bad(Who.Expert, "POST", "/api/v1/systems/{review}/review/recommendation", """{"recommendation": "register", "text": "x", "version": {review-version}, "signature": "MIIB"}""", "challenge_id"),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{registered}/decision/challenge", """{"decision": "maybe"}""", "decision"),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{registered}/decision/challenge", """{"decision": "register-with-conditions", "conditions": "c", "deadline": "soon"}""", "deadline"),
        Status(Who.Supervisor, "POST", "/api/v1/systems/{registered}/decision/challenge", Big, TooLarge),
        Bad(Who.Supervisor, "POST", "/api/v1/systems/{registered}/decision", """{"decision": "register", "reasons": "x", "version": {registered-version}, "challenge_id": "nope", "signature": "MIIB"}""", "challenge_id"),
        Status(Who.Supervisor, "GET", "/api/v1/systems/{unknown}/act-signatures", null, Hidden),
        Status(Who.Supervisor, "GET", "/api/v1/systems/not-a-guid/act-signatures", null, Hidden),

        // Enforcement cases ({enforcement}: a warning against Demo Bank at version 1, its appeal period running) and public decisions.
        Bad(Who.Supervisor, "GET", "/api/v1/enforcement?list=sideways", null, "list"),
        Bad(Who.Supervisor, "GET", "/api/v1/enforcement?page=0", null, "page"),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement", """{"origin": "rumour", "subject": "x"}""", "origin"),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement", """{"origin": "monitoring", "organisation_id": "{bank}", "subject": ""}""", "subject"),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement", """{"origin": "citizen-request", "origin_id": "{unknown}", "subject": "x"}""", "origin_id"),
        Status(Who.Supervisor, "POST", "/api/v1/enforcement", Text, NotJson),
        Status(Who.Supervisor, "POST", "/api/v1/enforcement", Big, TooLarge),
        Bad(Who.Owner, "GET", "/api/v1/organisations/{bank}/enforcement?page_size=1000", null, "page_size"),
        Status(Who.Owner, "GET", "/api/v1/organisations/{unknown}/enforcement", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/enforcement/not-a-guid", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/enforcement/{unknown}", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/enforcement/{enforcement}/evidence/{unknown}", null, Hidden),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/evidence", "file:evil.exe:100", "file", Any),
        Status(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/evidence", Text, NotJson),
        Status(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/notes", """{"text": "x"}""", NoVersion),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/notes", """{"text": "", "version": 1}""", "note"),
        Status(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/notes", Big, TooLarge),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/response-request", """{"text": "x", "version": "one"}""", "version"),
        Status(Who.Owner, "POST", "/api/v1/enforcement/{enforcement}/response", """{"text": "x", "version": 1}""", Answered),
        Bad(Who.Owner, "POST", "/api/v1/enforcement/{enforcement}/appeal", """{"text": "", "version": 1}""", "grounds"),
        Bad(Who.Supervisor, "GET", "/api/v1/enforcement/{enforcement}/fine?offence_date=yesterday", null, "offence_date"),
        Bad(Who.Supervisor, "GET", "/api/v1/enforcement/{enforcement}/fine?offence_date=2026-01-05&category=giant", null, "category"),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/decision", """{"decision": "maybe", "reasons": "x", "version": 1}""", "decision"),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/decision", """{"decision": "fine", "reasons": "x", "offence_date": "soon", "version": 1}""", "offence_date"),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/decision/challenge", """{"decision": "maybe", "reasons": "x", "version": 1}""", "decision"),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/decision/challenge", """{"decision": "fine", "reasons": "x", "offence_date": "soon", "version": 1}""", "offence_date"),
        Status(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/decision/challenge", Big, TooLarge),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/appeal-decision", """{"outcome": "maybe", "reasons": "x", "version": 1}""", "outcome"),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/appeal-decision", """{"outcome": "changed", "changed_to": "pardon", "reasons": "x", "version": 1}""", "changed_to"),
        Bad(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/appeal-decision", """{"outcome": "changed", "changed_to": "fine", "offence_date": "31.12.2026", "reasons": "x", "version": 1}""", "offence_date"),
        Status(Who.Supervisor, "POST", "/api/v1/enforcement/{enforcement}/close", """{"version": 1}""", Answered),
        Bad(Who.Anonymous, "GET", "/api/v1/decisions?page=0", null, "page"),
        Status(Who.Anonymous, "GET", "/api/v1/decisions/{unknown}", null, Hidden),
        Status(Who.Anonymous, "GET", "/api/v1/decisions/not-a-guid", null, Hidden),

        // Platform admin.
        Bad(Who.Admin, "GET", "/api/v1/admin/users?page=0", null, "page"),
        Bad(Who.Admin, "PUT", "/api/v1/admin/users/{editor-user}/roles", """{"roles": ["emperor"]}""", "roles"),
        Bad(Who.Admin, "PUT", "/api/v1/admin/users/{editor-user}/roles", """{"roles": "expert"}""", "roles"),
        Status(Who.Admin, "PUT", "/api/v1/admin/users/{unknown}/roles", """{"roles": []}""", Hidden),
        Status(Who.Admin, "PUT", "/api/v1/admin/users/{editor-user}/roles", Big, TooLarge),
        Bad(Who.Admin, "POST", "/api/v1/admin/law-sets", "file:law.zip:200", "file"),
        Status(Who.Admin, "POST", "/api/v1/admin/law-sets", Text, NotJson),
        Bad(Who.Admin, "GET", "/api/v1/admin/law-sets/{unknown}/impact?page=x", null, "page"),
        Status(Who.Admin, "GET", "/api/v1/admin/law-sets/{unknown}/impact", null, Hidden),
        Status(Who.Admin, "POST", "/api/v1/admin/law-sets/{unknown}/activate", null, Hidden),
        Status(Who.Admin, "DELETE", "/api/v1/admin/law-sets/not-a-guid", null, Hidden),
        Status(Who.Admin, "DELETE", "/api/v1/admin/law-sets/{unknown}", null, Hidden),

        // Incidents: wrong kinds, times and types; unknown ids; no version. (The incident's version is 1, the audit's 1.)
        Bad(Who.Owner, "GET", "/api/v1/incidents?organisation={bank}&open=maybe", null, "open"),
        Bad(Who.Supervisor, "GET", "/api/v1/incidents?page_size=0", null, "page_size"),
        Status(Who.Owner, "GET", "/api/v1/incidents/not-a-guid", null, Hidden),
        Status(Who.Owner, "GET", "/api/v1/incidents/{unknown}", null, Hidden),
        Bad(Who.Owner, "POST", "/api/v1/incidents", """{"system_id": "{registered}", "kind": "earthquake", "occurred_at": "2026-01-01T00:00:00Z", "aware_at": "2026-01-01T00:00:00Z"}""", "kind"),
        Bad(Who.Owner, "POST", "/api/v1/incidents", """{"system_id": "{registered}", "kind": "serious", "occurred_at": "yesterday", "aware_at": "2026-01-01T00:00:00Z"}""", "occurred_at"),
        Bad(Who.Owner, "POST", "/api/v1/incidents", """{"system_id": "{registered}", "kind": "serious", "occurred_at": "2026-01-01T00:00:00Z", "aware_at": "2026-01-01T00:00:00"}""", "aware_at"),
        Bad(Who.Owner, "POST", "/api/v1/incidents", """{"system_id": 5}""", "system_id"),
        Bad(Who.Owner, "POST", "/api/v1/incidents", """{"system_id": "{registered}", "kind": "serious", "summary": "x", "harm": "x", "measures": "x", "people_affected": -1, "occurred_at": "2026-01-01T00:00:00Z", "aware_at": "2026-01-01T00:00:00Z"}""", "people_affected"),
        Status(Who.Owner, "POST", "/api/v1/incidents", Big, TooLarge),
        Status(Who.Owner, "POST", "/api/v1/incidents", Text, NotJson),
        Status(Who.Owner, "POST", "/api/v1/incidents/{incident}/follow-up", """{"text": "x"}""", NoVersion),
        Bad(Who.Owner, "POST", "/api/v1/incidents/{incident}/follow-up", """{"text": ""}""", "text", Any),
        Bad(Who.Owner, "POST", "/api/v1/incidents/{incident}/final-report", """{"text": "x", "people_affected": "many", "version": 1}""", "people_affected"),
        Status(Who.Owner, "POST", "/api/v1/incidents/{unknown}/final-report", """{"text": "x", "version": 1}""", Hidden),
        Bad(Who.Owner, "POST", "/api/v1/incidents/{incident}/eu-report", """{"text": "x", "colour": "red", "version": 1}""", "colour"),
        Status(Who.Supervisor, "POST", "/api/v1/incidents/{incident}/request-information", """{"text": "x"}""", NoVersion),
        Bad(Who.Supervisor, "POST", "/api/v1/incidents/{incident}/request-information", """{"text": 5, "version": 1}""", "text"),
        Status(Who.Supervisor, "POST", "/api/v1/incidents/{incident}/review", Text, NotJson),

        // Audits.
        Bad(Who.Supervisor, "GET", "/api/v1/audits?mine=perhaps", null, "mine"),
        Status(Who.Supervisor, "GET", "/api/v1/audits/{unknown}", null, Hidden),
        Status(Who.Supervisor, "GET", "/api/v1/audits/{audit}x", null, Hidden),
        Bad(Who.Supervisor, "POST", "/api/v1/audits", """{"system_id": "{registered}", "scope": "x", "planned_start": "01.12.2030", "planned_end": "2030-12-02", "auditor_id": "{unknown}"}""", "planned_start"),
        Bad(Who.Supervisor, "POST", "/api/v1/audits", """{"system_id": "{registered}", "scope": "x", "planned_start": "2030-01-01", "planned_end": "2030-01-02"}""", "auditor_id"),
        Status(Who.Supervisor, "POST", "/api/v1/audits", Big, TooLarge),
        Bad(Who.Supervisor, "POST", "/api/v1/audits/{audit}/findings", """{"item": "{audit-item}", "result": "maybe", "version": 1}""", "result"),
        Bad(Who.Supervisor, "POST", "/api/v1/audits/{audit}/findings", """{"item": "astrology", "result": "met", "version": 1}""", "item"),
        Bad(Who.Supervisor, "POST", "/api/v1/audits/{audit}/findings/evidence", "file:evidence.pdf:100", "result"),
        Status(Who.Supervisor, "POST", "/api/v1/audits/{audit}/findings/evidence", Text, NotJson),
        Status(Who.Supervisor, "GET", "/api/v1/audits/{audit}/findings/{audit-item}/evidence", null, Hidden),
        Status(Who.Supervisor, "POST", "/api/v1/audits/{audit}/findings", """{"item": "{audit-item}", "result": "met"}""", NoVersion),
        Bad(Who.Supervisor, "POST", "/api/v1/audits/{audit}/corrective-actions", """{"item": "{audit-item}", "text": "x", "due": "tomorrow", "version": 1}""", "due"),
        Bad(Who.Supervisor, "POST", "/api/v1/audits/{audit}/corrective-actions", """{"item": "{audit-item}", "text": "x", "due": "2000-01-01", "version": 1}""", "due"),
        Status(Who.Owner, "POST", "/api/v1/audits/{audit}/corrective-actions/not-a-guid/done", """{"text": "x", "version": 1}""", Hidden),
        Status(Who.Owner, "POST", "/api/v1/audits/{audit}/corrective-actions/{unknown}/done", """{"text": "x", "version": 1}""", Hidden),
        Bad(Who.Supervisor, "POST", "/api/v1/audits/{audit}/complete", """{"result": "maybe", "conclusion": "x", "version": 1}""", "result"),
        Bad(Who.Supervisor, "POST", "/api/v1/audits/{audit}/cancel", """{"text": "", "version": 1}""", "text"),

        // Trusted lists.
        Bad(Who.Anonymous, "GET", "/api/v1/trusted-lists?sector=astrology", null, "sector"),
        Bad(Who.Anonymous, "GET", "/trusted.json?sector=astrology", null, "sector"),
        Bad(Who.Anonymous, "GET", "/trusted.csv?sector=astrology", null, "sector"),
        Bad(Who.Supervisor, "POST", "/api/v1/trusted-lists/entries", "{}", "system_id"),
        Bad(Who.Supervisor, "POST", "/api/v1/trusted-lists/entries", """{"system_id": "not-a-guid"}""", "system_id"),
        Status(Who.Supervisor, "POST", "/api/v1/trusted-lists/entries", """{"system_id": "{unknown}"}""", Hidden),
        Status(Who.Supervisor, "POST", "/api/v1/trusted-lists/entries/{unknown}/remove", """{"text": "x"}""", NoVersion),
        Status(Who.Supervisor, "POST", "/api/v1/trusted-lists/entries/{unknown}/remove", """{"text": "x", "version": 0}""", Hidden),
    ];

    /// <summary>A malformed post to a page form: what is sent, the status, and the element that must carry the reason.</summary>
    private sealed record PageCase(string Route, string What, int Status, string Reason)
    {
        public override string ToString() => $"POST {Route} ({What})";
    }

    /// <summary>
    /// Page forms that take files, posted by the owner with a valid antiforgery token: "big" is a PNG header
    /// padded past the world's 1 MiB label limit, "text" is not a picture, "none" sends no file, "notice" an
    /// unknown notice, "broken" a multipart body cut short.
    /// </summary>
    private static readonly PageCase[] PageCases =
    [
        new("/systems/{registered}/labels/sign", "big", TooLarge, "#sign-file-error"),
        new("/systems/{registered}/labels/sign", "text", Invalid, "#sign-file-error"),
        new("/systems/{registered}/labels/sign", "none", Invalid, "#sign-file-error"),
        new("/systems/{registered}/labels/sign", "notice", Invalid, "#sign-notice-error"),
        new("/systems/{registered}/labels/sign", "broken", Invalid, "#sign-file-error"),
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Malformed_page_forms_get_the_page_back_with_the_reason_and_change_nothing()
    {
        await world.ReadyAsync();
        using var owner = await world.BrowserAsync(Who.Owner);
        var token = await AuthorizationMatrixTests.AntiforgeryTokenAsync(owner, Who.Owner);
        var wrong = new List<string>();
        foreach (var test in PageCases)
        {
            var before = await FingerprintAsync() + "|" + await SignersAsync();
            using var content = PageForm(test.What, token);
            using var response = await owner.PostAsync(new Uri(Fill(test.Route), UriKind.Relative), content, Cancel);
            var page = await Support.Page.Load(response);
            if ((int)response.StatusCode != test.Status || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                wrong.Add($"  {test}: expected {test.Status} text/html, got {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {Short(page.Text)}");
            }
            else if (page.Document.QuerySelector(test.Reason) is null || page.Document.QuerySelector("#problem[role=alert]") is null)
            {
                wrong.Add($"  {test}: the page does not say why ({test.Reason} and #problem)");
            }

            if (await FingerprintAsync() + "|" + await SignersAsync() != before)
            {
                wrong.Add($"  {test}: the stored data or the authority changed");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {PageCases.Length} page cases went wrong:\n" + string.Join("\n", wrong));
    }

    private static HttpContent PageForm(string what, string token)
    {
        if (what == "broken")
        {
            var broken = new StringContent("--x\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n" + token + "\r\n--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc");
            broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            return broken;
        }

        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(what == "notice" ? "fr" : "kk-ru-en"), "notice" },
        };
        byte[]? file = what switch
        {
            "big" => new byte[(1024 * 1024) + 4096],
            "text" => "Minutes of the meeting, not a picture."u8.ToArray(),
            "notice" => Senim.Tests.Shared.TestImages.Png(),
            _ => null,
        };
        if (what == "big")
        {
            Senim.Tests.Shared.TestImages.Png().CopyTo(file!, 0);
        }

        if (file is not null)
        {
            form.Add(new ByteArrayContent(file), "file", what == "text" ? "minutes.txt" : "picture.png");
        }

        return form;
    }

    private Task<int> SignersAsync() => Demo.RunAsync(world, async sp => (await sp.GetRequiredService<Senim.Registry.Labels.LabelAuthority>().AllSignersAsync(Cancel)).Count);

    [Fact]
    public async Task Every_endpoint_has_a_malformed_input_case_or_a_reason()
    {
        await world.ReadyAsync();
        var covered = Cases.Select(c => c.Method + " " + HostEndpoints.Shape(c.Route)).ToHashSet(StringComparer.Ordinal);
        // A case on "/api/v1/systems/not-a-guid" proves the route refuses it, but it is not the {id} endpoint's own case: count only cases with a world id or a real value.
        var missing = HostEndpoints.Api(world.Services).Where(e => !covered.Contains(e) && !NoInput.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "endpoints without a malformed-input case or a reason in NoInput:\n  " + string.Join("\n  ", missing));
        var stale = NoInput.Keys.Where(k => !HostEndpoints.Api(world.Services).Contains(k)).ToList();
        Assert.True(stale.Count == 0, "NoInput names endpoints that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Malformed_input_gets_problem_details_and_changes_nothing()
    {
        await world.ReadyAsync();
        // The expert has declared no conflict, so the checklist cases reach the body (not "declare first").
        var expert = await Demo.ActorAsync(world, Demo.Expert1);
        await Demo.RunAsync(world, async sp =>
        {
            var review = Guid.Parse(world.Ids["review"]);
            if (!await sp.GetRequiredService<RegistryDb>().ReviewAssignments.AnyAsync(a => a.SystemId == review && a.ExpertId == expert.UserId && a.NoConflictDeclaredAt != null))
            {
                await sp.GetRequiredService<Senim.Registry.Services.WorkflowService>().DeclareNoConflictAsync(expert, review);
            }

            return 0;
        });
        var clients = Enum.GetValues<Who>().ToDictionary(w => w, world.Api);
        using var session = await world.BrowserAsync(Who.Owner);
        var wrong = new List<string>();
        foreach (var test in Cases)
        {
            var before = await FingerprintAsync();
            using var request = Request(test);
            using var response = await (test.Session ? session : clients[test.Who]).SendAsync(request, Cancel);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(Cancel);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (status != test.Status || !problem)
            {
                wrong.Add($"  {test}: expected {test.Status} problem details, got {status} {response.Content.Headers.ContentType?.MediaType} {Short(text)}");
            }
            else if (test.Field is { Length: > 0 } field && !NamesField(text, field))
            {
                wrong.Add($"  {test}: the problem does not name '{field}': {Short(text)}");
            }

            var after = await FingerprintAsync();
            if (after != before)
            {
                wrong.Add($"  {test}: the stored data changed");
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {Cases.Length} cases went wrong:\n" + string.Join("\n", wrong));
    }

    /// <summary>The problem names the field: in errors[].path (or a key of an errors object), or at least in its detail.</summary>
    private static bool NamesField(string text, string field)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.TryGetProperty("errors", out var errors))
        {
            if (errors.ValueKind == JsonValueKind.Array && errors.EnumerateArray().Any(e => e.TryGetProperty("path", out var path) && (path.GetString() ?? "").Contains(field, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            if (errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any(p => p.Name.Contains(field, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return root.TryGetProperty("detail", out var detail) && (detail.GetString() ?? "").Contains(field, StringComparison.OrdinalIgnoreCase);
    }

    private HttpRequestMessage Request(Case test)
    {
        var request = new HttpRequestMessage(new HttpMethod(test.Method), new Uri(Fill(test.Route), UriKind.Relative));
        if (test.IfMatch is { } ifMatch)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Content = test.Body switch
        {
            null => null,
            Big => new StringContent("{\"name_en\": \"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"),
            Text => new StringContent("name=x", Encoding.UTF8, "text/plain"),
            { } file when file.StartsWith("file:", StringComparison.Ordinal) => Upload(file),
            { } json => new StringContent(Fill(json), Encoding.UTF8, "application/json"),
        };
        return request;
    }

    private static MultipartFormDataContent Upload(string spec)
    {
        var parts = spec.Split(':');
        var bytes = new byte[int.Parse(parts[2], CultureInfo.InvariantCulture)];
        "%PDF-1.7 "u8.CopyTo(bytes);
        return new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", parts[1] } };
    }

    /// <summary>World ids, and the current versions of the systems cases need a right version for (so only the malformed part is wrong).</summary>
    private string Fill(string text)
    {
        text = world.Fill(text);
        foreach (var (name, id) in new[] { ("v2", "draft"), ("review-version", "review"), ("hospital-version", "hospital-submitted"), ("registered-version", "registered") })
        {
            if (text.Contains("{" + name + "}", StringComparison.Ordinal))
            {
                var version = Demo.ReloadAsync(world, Guid.Parse(world.Ids[id])).GetAwaiter().GetResult().Version;
                text = text.Replace("{" + name + "}", version.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Every table's rows and versions, as one string: equal before and after means nothing was stored.</summary>
    private Task<string> FingerprintAsync() => Demo.RunAsync(world, async sp =>
    {
        var db = sp.GetRequiredService<RegistryDb>();
        var parts = new List<string>
        {
            string.Join(',', (await db.Systems.AsNoTracking().Select(s => new { s.Id, s.Version, s.Status, s.NameEn }).ToListAsync(Cancel)).OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.Version}:{s.Status}:{s.NameEn}")),
            string.Join(',', (await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Version, o.DeletedAt }).ToListAsync(Cancel)).OrderBy(o => o.Id).Select(o => $"{o.Id}:{o.Version}:{o.DeletedAt}")),
            string.Join(',', (await db.Memberships.AsNoTracking().Select(m => new { m.OrganisationId, m.UserId, m.Role }).ToListAsync(Cancel)).OrderBy(m => m.OrganisationId).ThenBy(m => m.UserId).Select(m => $"{m.OrganisationId}:{m.UserId}:{m.Role}")),
            string.Join(',', (await db.Documents.AsNoTracking().Select(d => d.Version).ToListAsync(Cancel)).Order()),
            string.Join(',', (await db.UserRoles.AsNoTracking().Select(r => r.UserId.ToString() + r.RoleId.ToString()).ToListAsync(Cancel)).Order(StringComparer.Ordinal)),
            (await db.ApiTokens.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.ApiTokens.CountAsync(t => t.RevokedAt != null, Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.SystemVersions.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.Classifications.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.Attachments.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.ReviewAssignments.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.ReviewAssignments.CountAsync(a => a.NoConflictDeclaredAt != null, Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.ChecklistRemarks.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.ChangeRequests.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.WorkflowEvents.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.LawSets.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.Notifications.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.OutboxMessages.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            string.Join(',', (await db.Invitations.AsNoTracking().Select(i => new { i.Id, i.State }).ToListAsync(Cancel)).OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.State}")),
            string.Join(',', (await db.Organisations.AsNoTracking().Select(o => o.Verification).ToListAsync(Cancel)).Order()),
            (await db.OrganisationVerifications.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.OrganisationEvents.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.SignatureChallenges.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            string.Join(',', (await db.BinDisputes.AsNoTracking().Select(d => d.Version).ToListAsync(Cancel)).Order()),
            (await db.ActSignatures.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
            (await db.LogEntries.CountAsync(Cancel)).ToString(CultureInfo.InvariantCulture),
        };
        return string.Join('|', parts);
    });

    private static string Short(string? text) => text is null ? "" : text.Length > 140 ? text[..140] : text;
}
