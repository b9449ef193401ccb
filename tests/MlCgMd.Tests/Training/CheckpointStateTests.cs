using System.Text.Json;
using MlCgMd.Model;
using MlCgMd.Tests.Data;
using MlCgMd.Training;

namespace MlCgMd.Tests.Training;

public class CheckpointStateTests
{
    [Fact]
    public void State_json_is_snake_case_and_files_from_before_still_read()
    {
        using var scratch = new ScratchDirectory();
        var state = new Checkpoint.State(1200, 0.8512, 1000, "quick");
        string json = JsonSerializer.Serialize(state, ModelConfig.Json);
        Assert.Contains("\"best_val_acc_loss\"", json);
        File.WriteAllText(scratch.File("new.json"), json);
        Assert.Equal(state, Checkpoint.State.Read(scratch.File("new.json")));

        File.WriteAllText(scratch.File("legacy.json"), """{ "Step": 1200, "BestValAccLoss": 0.8512, "BestStep": 1000, "Tier": "quick" }""");
        Assert.Equal(state, Checkpoint.State.Read(scratch.File("legacy.json")));
    }
}
