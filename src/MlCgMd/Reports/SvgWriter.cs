using System.Globalization;
using System.Text;

namespace MlCgMd.Reports;

/// <summary>
/// Minimal SVG element writer: attribute values and text are XML-escaped, numbers use the invariant culture
/// with at most two decimals (pixel coordinates), so the same figure always gives the same bytes.
/// </summary>
internal sealed class SvgWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<string> _open = new();

    /// <summary>Writes &lt;name attributes&gt; and keeps it open until <see cref="Close"/>.</summary>
    public void Open(string name, params (string Name, object? Value)[] attributes)
    {
        Indent();
        _text.Append('<').Append(name);
        AppendAttributes(attributes);
        _text.Append(">\n");
        _open.Push(name);
    }

    public void Close()
    {
        string name = _open.Pop();
        Indent();
        _text.Append("</").Append(name).Append(">\n");
    }

    /// <summary>Writes an empty element &lt;name attributes /&gt;.</summary>
    public void Element(string name, params (string Name, object? Value)[] attributes)
    {
        Indent();
        _text.Append('<').Append(name);
        AppendAttributes(attributes);
        _text.Append(" />\n");
    }

    /// <summary>Writes &lt;name attributes&gt;text&lt;/name&gt; with the text escaped.</summary>
    public void TextElement(string name, string text, params (string Name, object? Value)[] attributes)
    {
        Indent();
        _text.Append('<').Append(name);
        AppendAttributes(attributes);
        _text.Append('>').Append(Escape(text)).Append("</").Append(name).Append(">\n");
    }

    public override string ToString()
    {
        if (_open.Count != 0)
            throw new InvalidOperationException($"SVG element <{_open.Peek()}> was left open.");
        return _text.ToString();
    }

    /// <summary>Pixel coordinate or size: invariant culture, at most two decimals.</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"Cannot write a non-finite coordinate ({value}) to SVG.");
        return Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
    }

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&apos;"); break;
                default:
                    // Control characters other than tab/newline are not allowed in XML 1.0.
                    if (c >= ' ' || c == '\t' || c == '\n') escaped.Append(c);
                    break;
            }
        }
        return escaped.ToString();
    }

    private void AppendAttributes((string Name, object? Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            string text = value switch
            {
                double d => Number(d),
                float f => Number(f),
                int i => i.ToString(CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            _text.Append(' ').Append(name).Append("=\"").Append(Escape(text)).Append('"');
        }
    }

    private void Indent() => _text.Append(' ', 2 * _open.Count);
}
