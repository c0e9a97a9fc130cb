using Senim.Labels.Jumbf;
using Senim.Labels.Model;

namespace Senim.Labels.Validation;

/// <summary>Resolves JUMBF URIs ("self#jumbf=..."): absolute ones from the store, relative ones from the manifest that holds them.</summary>
internal static class JumbfUri
{
    /// <summary>The superbox a URI names, or null; <paramref name="manifest"/> receives the manifest it lies in.</summary>
    public static JumbfBox? Resolve(ManifestStore store, Manifest current, string url, out Manifest? manifest)
    {
        const string prefix = "self#jumbf=";
        var path = url.StartsWith(prefix, StringComparison.Ordinal) ? url[prefix.Length..] : url;
        var segments = path.Split('/');
        var index = 0;
        manifest = current;
        if (path.StartsWith('/'))
        {
            if (segments.Length < 3 || segments[1] != store.Box.Label)
            {
                manifest = null;
                return null;
            }

            manifest = store.Find(segments[2]);
            index = 3;
        }
        else if (segments.Length >= 2 && segments[0] == store.Box.Label && store.Find(segments[1]) is { } named)
        {
            manifest = named;
            index = 2;
        }

        if (manifest is null)
        {
            return null;
        }

        var box = manifest.Box;
        for (; index < segments.Length && box is not null; index++)
        {
            if (segments[index].Length > 0)
            {
                box = box.Child(segments[index]);
            }
        }

        return box;
    }

    /// <summary>The assertion label without its instance suffix ("c2pa.ingredient__2" → "c2pa.ingredient").</summary>
    public static string BaseLabel(string label)
    {
        var instance = label.IndexOf("__", StringComparison.Ordinal);
        return instance < 0 ? label : label[..instance];
    }

    /// <summary>The last path segment of a URI (an assertion's label).</summary>
    public static string LastSegment(string url)
    {
        var slash = url.LastIndexOf('/');
        var equals = url.LastIndexOf('=');
        return url[(Math.Max(slash, equals) + 1)..];
    }
}
