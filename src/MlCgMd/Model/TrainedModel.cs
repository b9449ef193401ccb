using MlCgMd.SystemKinds;

namespace MlCgMd.Model;

/// <summary>A model loaded from a checkpoint, with the CG recipe it was trained with; owns the model.</summary>
/// <param name="Path">the checkpoint folder, for messages and manifests</param>
public sealed record TrainedModel(GraphSimulator Model, CgRecipe Recipe, string Path) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
