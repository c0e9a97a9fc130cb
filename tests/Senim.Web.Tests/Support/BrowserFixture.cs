using Microsoft.Playwright;

namespace Senim.Web.Tests.Support;

/// <summary>
/// Senim on a real Kestrel port on 127.0.0.1, and Debian's Chromium driven by Playwright
/// (no browser download: the executable is /usr/bin/chromium, or SENIM_CHROMIUM).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly SenimFactory _factory;
    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(new SenimFactory())
    {
    }

    /// <summary>A fixture over a host with settings of its own (a derived factory).</summary>
    protected BrowserFixture(SenimFactory factory) => _factory = factory;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The host's services, for reading the database in assertions.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>Where the host drops its mail (.eml files).</summary>
    public string MailFolder => _factory.MailFolder;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("SENIM_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>Debian's Chromium, headless, without the network chatter of a first run.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask InitializeAsync()
    {
        await _factory.InitializeAsync();
        BaseUrl = _factory.StartOnLoopback();

        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
