using System.Xml.Linq;

namespace MlCgMd.Tests.Reports;

/// <summary>Parses rendered SVG with System.Xml (failing on malformed output) and finds elements by class.</summary>
internal static class SvgDocument
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XElement Parse(string svg) => XElement.Parse(svg);

    /// <summary>Groups whose class list contains every given class name.</summary>
    public static IEnumerable<XElement> Groups(XElement root, params string[] classes) =>
        root.Descendants(Svg + "g").Where(g => classes.All(c => ((string?)g.Attribute("class") ?? "").Split(' ').Contains(c)));
}
