namespace MlCgMd.Reports;

/// <summary>Qualitative colours for series, assigned in order (colour-blind-friendly Okabe-Ito set first).</summary>
public static class Palette
{
    private static readonly string[] Colors =
        ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#f0e442"];

    public static string Color(int index) => Colors[((index % Colors.Length) + Colors.Length) % Colors.Length];
}
