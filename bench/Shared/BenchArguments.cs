namespace Senim.Bench;

/// <summary>The "--name value" options of a bench's command line, taken out of the list as they are read.</summary>
internal static class BenchArguments
{
    public static string Option(List<string> arguments, string name, string fallback)
    {
        var at = arguments.IndexOf(name);
        if (at < 0 || at + 1 >= arguments.Count)
        {
            return fallback;
        }

        var value = arguments[at + 1];
        arguments.RemoveRange(at, 2);
        return value;
    }
}
