using MlCgMd.Torch.Modules;

namespace MlCgMd.Model;

/// <summary>
/// The official build_mlp: Linear(in→units)+ReLU, (layers−1)×[Linear(units→units)+ReLU],
/// Linear(units→out), optionally LayerNorm(out). As a Sequential, so parameter names are
/// "0.weight", "2.weight", "4.weight", "5.weight" exactly as in PyTorch.
/// </summary>
public static class Mlp
{
    public static Sequential Build(long inDim, long units, int layers, long outDim, bool layerNorm = false)
    {
        if (layers < 1) throw new ArgumentOutOfRangeException(nameof(layers), layers, "an MLP needs at least one hidden layer");
        var modules = new List<Module<MlCgMd.Torch.Tensor, MlCgMd.Torch.Tensor>> { new Linear(inDim, units), new ReLU() };
        for (int i = 0; i < layers - 1; i++)
        {
            modules.Add(new Linear(units, units));
            modules.Add(new ReLU());
        }
        modules.Add(new Linear(units, outDim));
        if (layerNorm) modules.Add(new LayerNorm(outDim));
        return new Sequential(modules.ToArray());
    }
}
