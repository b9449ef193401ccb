using MlCgMd.Evaluation;

namespace MlCgMd.Tests.Evaluation;

public class ChemistryBaselineTests
{
    private static ChemistryBaseline.Composition C(string type, double log10D) => new($"{type}-{log10D}", type, log10D);

    [Fact]
    public void Each_test_composition_gets_the_mean_of_the_training_compositions_of_its_type()
    {
        // Training means: A −1.0, B −2.0. Test references −0.9, −1.1 (A) and −2.2 (B): lookup −1, −1, −2.
        var training = new[] { C("A", -0.8), C("A", -1.2), C("B", -2.0) };
        var compared = new[] { C("A", -0.9), C("A", -1.1), C("B", -2.2), C("Z", -3.0) };
        ChemistryBaseline.Result result = ChemistryBaseline.Compute(training, compared);
        Assert.Equal((3, 4, 3, 2), (result.Covered, result.Compared, result.TrainingCompositions, result.Types));
        var s = result.Statistics!;
        Assert.Equal(3, s.Count);
        Assert.Equal((0.1 + 0.1 + 0.2) / 3, s.MeanAbsoluteError, 12);
        // Pearson r of x = (−0.9, −1.1, −2.2) against y = (−1, −1, −2), from its definition.
        double mx = (-0.9 - 1.1 - 2.2) / 3, my = (-1 - 1 - 2) / 3.0;
        double[] x = [-0.9, -1.1, -2.2], y = [-1, -1, -2];
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < 3; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my); }
        Assert.Equal(sxy / Math.Sqrt(sxx * syy), s.PearsonR, 12);
        Assert.Contains("over 3 of 4 compositions", result.Statement());
        Assert.Contains("1 excluded: no training composition of their solvating type", result.Statement());
    }

    [Fact]
    public void A_single_training_type_gives_one_value_for_all_and_says_r_is_undefined()
    {
        var result = ChemistryBaseline.Compute([C("O", -1), C("O", -2)], [C("O", -1.2), C("O", -1.9), C("O", -1.5)]);
        Assert.True(double.IsNaN(result.Statistics!.PearsonR));
        Assert.Contains("Pearson r undefined (one value for every composition)", result.Statement());
        Assert.Contains("mean absolute error 0.233 decades", result.Statement());
    }

    [Fact]
    public void A_missing_properties_file_is_named()
    {
        string root = Directory.CreateTempSubdirectory("mlcgmd-baseline-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "train_5ns.txt"), "box_a\n");
            var error = Assert.Throws<FileNotFoundException>(() => ChemistryBaseline.ReadTraining(root));
            Assert.Contains(Path.Combine(root, "box_a", "properties.json"), error.Message);
            File.Delete(Path.Combine(root, "train_5ns.txt"));
            Assert.Contains("train_5ns.txt", Assert.Throws<FileNotFoundException>(() => ChemistryBaseline.ReadTraining(root)).Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
