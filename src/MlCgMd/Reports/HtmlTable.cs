using System.Globalization;
using System.Text;

namespace MlCgMd.Reports;

/// <summary>
/// A table as an HTML &lt;table&gt; element: for reports (<see cref="HtmlReport.Table"/>) and for notebooks, which
/// display it as text/html. Cells may be strings or numbers; numbers are right-aligned and written with the invariant
/// culture and the number format (default: 6 significant digits); null cells are empty.
/// </summary>
public sealed class HtmlTable
{
    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }

    public string? Caption { get; }

    public string NumberFormat { get; }

    public HtmlTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, string? caption = null, string numberFormat = "G6")
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        Header = header;
        Rows = rows.ToList();
        for (int r = 0; r < Rows.Count; r++)
            if (Rows[r].Count != header.Count)
                throw new ArgumentException($"Table row {r} has {Rows[r].Count} cells; the header has {header.Count}.", nameof(rows));
        Caption = caption;
        NumberFormat = numberFormat;
    }

    public string ToHtml()
    {
        var html = new StringBuilder("<table>\n");
        if (Caption is not null) html.Append("<caption>").Append(SvgWriter.Escape(Caption)).Append("</caption>\n");
        html.Append("<thead><tr>");
        foreach (string h in Header) html.Append("<th>").Append(SvgWriter.Escape(h)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            foreach (object? cell in row)
            {
                if (cell is double or float or int or long or decimal)
                    html.Append("<td class=\"number\" style=\"text-align: right\">")
                        .Append(SvgWriter.Escape(((IFormattable)cell).ToString(NumberFormat, CultureInfo.InvariantCulture))).Append("</td>");
                else
                    html.Append("<td>").Append(SvgWriter.Escape(cell?.ToString() ?? "")).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>");
        return html.ToString();
    }
}
