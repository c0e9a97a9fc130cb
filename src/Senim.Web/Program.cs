using Senim.Web;

var app = SenimApp.Build(args);
app.Run();

/// <summary>Exposed for WebApplicationFactory in tests.</summary>
public partial class Program;
