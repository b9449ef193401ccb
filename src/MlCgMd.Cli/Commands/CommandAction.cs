using MlCgMd.CoarseGraining;
using MlCgMd.Data.Hdf5;
using MlCgMd.Torch;

namespace MlCgMd.Cli.Commands;

/// <summary>Runs a verb's body and turns expected failures (bad input, missing files) into a one-line error.</summary>
internal static class CommandAction
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException
                                      or ArgumentException or TorchException or Hdf5Exception or MetisException
                                      or InvalidOperationException or IOException or FormatException
                                      or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"mlcgmd: error: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("mlcgmd: interrupted; run again with --resume to continue");
            return 130;
        }
    }
}
