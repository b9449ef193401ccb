using MlCgMd.Data;
using MlCgMd.Data.Hdf5;

namespace MlCgMd.Tests.Data;

public class TrajectoryUnitsTests
{
    [Fact]
    public void A_written_trajectory_names_the_unit_of_its_positions_and_rg()
    {
        using var scratch = new ScratchDirectory();
        var folder = new TrajectoryFolder(scratch.File("poly"));
        folder.Write(TrajectoryFolderTests.SampleTrajectory(seed: 3), lengthUnit: "sigma (LJ)");
        using (var positions = Hdf5File.OpenRead(folder.FileOf(TrajectoryField.Position)))
            Assert.Equal("sigma (LJ)", positions.ReadStringAttribute("position", "units"));
        using (var rgs = Hdf5File.OpenRead(folder.FileOf(TrajectoryField.Rgs)))
            Assert.Equal("sigma (LJ)", rgs.ReadStringAttribute("rgs", "units"));
        Assert.Equal(TrajectoryFolderTests.SampleTrajectory(seed: 3).Positions, folder.Read().Positions);
    }
}
