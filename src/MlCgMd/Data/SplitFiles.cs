namespace MlCgMd.Data;

/// <summary>Names of the official split files (graphwm/splits/&lt;system&gt;/), one trajectory folder name per line.</summary>
public static class SplitFiles
{
    public const string ChainTrain = "train.txt";
    public const string ChainValidation = "val.txt";
    public const string ChainTest = "test_class2.txt";

    public const string BatteryTrain = "train_5ns.txt";
    public const string BatteryValidation = "val_5ns.txt";
    public const string BatteryTest = "test_50ns.txt";
}
