using System.Globalization;
using System.Text;

namespace MagicHub.Bench;

/// <summary>The run's Markdown: sections of text and tables, echoed to the console as they are produced.</summary>
internal sealed class Report
{
    private readonly StringBuilder _markdown = new();

    public void Heading(string text) => Add($"## {text}\n");

    public void Text(string text) => Add(text + "\n");

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", header) + " |");
        sb.AppendLine("|" + string.Concat(header.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (var row in rows)
        {
            sb.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        Add(sb.ToString());
    }

    public void Raw(string markdown) => _markdown.AppendLine(markdown.TrimEnd()).AppendLine();

    public override string ToString() => _markdown.ToString();

    private void Add(string text)
    {
        Console.WriteLine(text);
        _markdown.AppendLine(text);
    }

    public static string F(double value, string format = "0.00") =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
