using MlCgMd.Data;

namespace MlCgMd.Tests.Data;

public class TrajectoryDatasetTests
{
    [Fact]
    public void Split_resolves_folders_sorted_by_path_like_the_official_loader()
    {
        using var scratch = new ScratchDirectory();
        foreach (var name in new[] { "poly00397", "poly00012", "poly01413" })
            Directory.CreateDirectory(scratch.File(name));
        string split = scratch.File(SplitFiles.ChainValidation);
        TrajectoryDataset.WriteSplit(split, ["poly01413", "poly00397", "poly00012"]);

        Assert.Equal("poly01413\npoly00397\npoly00012", File.ReadAllText(split));
        var dataset = TrajectoryDataset.FromSplit(scratch.Path, split);
        Assert.Equal(["poly00012", "poly00397", "poly01413"], dataset.Folders.Select(f => f.Name));
        Assert.All(dataset.Folders, f => Assert.Equal(TrajectorySchema.Chain, f.Schema));
    }

    [Fact]
    public void Empty_split_file_is_an_error_naming_it()
    {
        using var scratch = new ScratchDirectory();
        string split = scratch.File(SplitFiles.ChainTrain);
        File.WriteAllText(split, "\n  \n");
        var error = Assert.Throws<InvalidDataException>(() => TrajectoryDataset.FromSplit(scratch.Path, split));
        Assert.Equal($"split file '{split}' is empty, expected one trajectory folder name per line", error.Message);
    }

    [Fact]
    public void Split_naming_a_missing_folder_is_an_error_naming_both()
    {
        using var scratch = new ScratchDirectory();
        Directory.CreateDirectory(scratch.File("rand001"));
        string split = scratch.File(SplitFiles.ChainTest);
        File.WriteAllText(split, "rand001\nrand002\n");
        var error = Assert.Throws<DirectoryNotFoundException>(() => TrajectoryDataset.FromSplit(scratch.Path, split));
        Assert.Equal($"split file '{split}' names trajectory 'rand002', but folder '{scratch.File("rand002")}' does not exist",
            error.Message);
    }
}
